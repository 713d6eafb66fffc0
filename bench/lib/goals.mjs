// The performance goals (issue 21), each judged from the result of the
// benchmark that measures it in the same run: the goal, the measured figure,
// its ratio to the goal's threshold or baseline, and whether it is met.
// `npm run bench -- all` prints them after the benchmarks' own tables.

/** The federated rps before the performance work (README, 50 connections), the baseline of the 2× goal. */
export const FEDERATED_RPS_BEFORE = 54.8;

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);
const ms = (value) => (Number.isFinite(value) ? (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`) : '–');
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const untraced = (rows) => rows.filter((row) => row.tracing === undefined || row.tracing === 'off');
const rateOf = (row) => Number.parseFloat(row.rate);
/** A benchmark run with and without tracing keeps the untraced measurements under tracingOff. */
export const measuredOf = (result) => result.measured?.tracingOff ?? result.measured;

function chainGoals(result) {
  const rows = untraced(result.rows ?? []);
  const at = (rate, path) => rows.find((row) => rateOf(row) === rate && row.path === path);
  const goals = [];
  const fifty = at(50, '→ score visible');
  const keptUp = (measuredOf(result) ?? []).find((m) => m.rate === 50)?.keptUp;
  const p99 = num(fifty?.['p99 ms']);
  goals.push({
    goal: 'chain at 50 dispatches/s: dispatch → score visible p99 ≤ 1 s' + (keptUp === undefined ? '' : ', lag drained within 5 s'),
    figure: fifty ? `p99 ${ms(p99)}${keptUp === undefined ? '' : keptUp ? ', kept up' : ', fell behind'}` : 'not measured (add 50 to --rates)',
    ratio: times(p99 / 1000),
    met: fifty ? p99 <= 1000 && keptUp !== false : false,
  });
  const two = at(2, '→ score visible');
  const floor = at(2, 'kafka produce→consume (floor)');
  const twoRatio = num(two?.['p99 ms']) / num(floor?.['p99 ms']);
  goals.push({
    goal: 'chain at 2 dispatches/s: score p99 ≤ 10× the Kafka produce → consume p99',
    figure: two ? `p99 ${ms(num(two['p99 ms']))} vs floor ${ms(num(floor?.['p99 ms']))}` : 'not measured (add 2 to --rates)',
    ratio: times(twoRatio),
    met: Number.isFinite(twoRatio) && twoRatio <= 10,
  });
  // the rates the chain kept up with, from the measurements (kept with and without the tracing comparison)
  const rates = (measuredOf(result) ?? []).filter((m) => m.keptUp !== undefined);
  if (rates.length > 0) {
    const keptUp = rates.filter((m) => m.keptUp).map((m) => m.rate);
    const highest = keptUp.length > 0 ? Math.max(...keptUp) : null;
    goals.push({ goal: 'chain: the highest rate it keeps up with (≥ 50/s)', figure: highest === null ? 'none of the rates' : `${highest}/s`, ratio: times(num(highest) / 50), met: num(highest) >= 50 });
  }
  return goals;
}

function gatewayOverheadGoals(result) {
  const ratioRow = untraced(result.rows ?? []).find((row) => row.target === 'gateway / subgraph');
  const p50 = num(ratioRow?.['p50 ms']);
  const measured = measuredOf(result);
  return [{ goal: 'gateway-overhead: through the gateway ≤ 1.3× the subgraph directly, p50', figure: `p50 ${ms(num(measured?.gateway?.p50))} vs ${ms(num(measured?.subgraph?.p50))}`, ratio: times(p50), met: p50 <= 1.3 }];
}

function federatedGoals(result) {
  const ours = measuredOf(result)?.ours ?? {};
  const peer = measuredOf(result)?.['hive-gateway'] ?? {};
  const rps = num(ours.rps);
  const p95 = num(ours.p95);
  return [{
    goal: `federated, 50 connections: ≥ 2× ${FEDERATED_RPS_BEFORE} rps, p95 ≤ 500 ms, ahead of Hive Gateway`,
    figure: `${rps.toFixed(1)} rps, p95 ${ms(p95)}; Hive Gateway ${num(peer.rps).toFixed(1)} rps`,
    ratio: times(rps / FEDERATED_RPS_BEFORE),
    met: rps >= 2 * FEDERATED_RPS_BEFORE && p95 <= 500 && rps > num(peer.rps),
  }];
}

function rebuildGoals(result) {
  const rebuild = result.measured?.rebuild ?? {};
  const decoding = result.measured?.decoding ?? {};
  const share = num(rebuild.eventsPerSecond) / num(decoding.eventsPerSecond);
  const seconds = num(rebuild.seconds);
  const cityYear = result.year?.profile === 'city' && !result.year?.days;
  return [
    { goal: 'rebuild ≥ 0.3× the decode + validate ceiling', figure: `${num(rebuild.eventsPerSecond).toFixed(0)} vs ${num(decoding.eventsPerSecond).toFixed(0)} events/s`, ratio: times(share), met: share >= 0.3 },
    {
      goal: 'rebuild of a generated city-year < 60 s',
      figure: `${seconds.toFixed(0)} s for ${num(rebuild.events)} events${cityYear ? '' : ' (not the city-year profile)'}`,
      ratio: times(seconds / 60),
      met: cityYear && seconds < 60,
    },
  ];
}

function cityReadsGoals(result) {
  const rows = result.rows ?? [];
  const roles = [...new Set(rows.map((row) => row.as))];
  return roles.map((role) => {
    const mine = rows.filter((row) => row.as === role);
    const worst = mine.reduce((a, b) => (num(b['p95 ms']) > num(a['p95 ms']) || !Number.isFinite(num(b['p95 ms'])) ? b : a), mine[0]);
    const p95 = num(worst?.['p95 ms']);
    return { goal: `city-reads as ${role}: every read p95 ≤ 50 ms`, figure: `slowest: ${worst?.read} p95 ${ms(p95)}`, ratio: times(p95 / 50), met: mine.every((row) => num(row['p95 ms']) <= 50) };
  });
}

const GOALS_OF = {
  propagation: chainGoals,
  'gateway-overhead': gatewayOverheadGoals,
  federated: federatedGoals,
  rebuild: rebuildGoals,
  'city-reads': cityReadsGoals,
};

/** The goal rows of the benchmarks in `results` (name → result), in the order. */
export function judgeGoals(results) {
  const rows = [];
  for (const [name, judge] of Object.entries(GOALS_OF)) {
    const result = results.get(name);
    if (!result) continue;
    for (const goal of judge(result)) rows.push({ benchmark: name, ...goal, met: goal.met ? 'yes' : 'NO' });
  }
  return rows;
}
