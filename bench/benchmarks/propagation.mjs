// Dispatches at a fixed rate and times, per ticket, dispatchTicket returning →
// its visit visible through the gateway → its handler's score counting it.
// Beside it, the floor: raw kafkajs produce → consume on the same broker, at
// the same rate, in the same run. After the load stops it times how long the
// chain's consumer groups (visits' ticket-visits, assessment's ticket-scores)
// take to have no lag: a rate is kept up when the lag is 0 within
// KEPT_UP_DRAIN_SECONDS and the dispatches ran at the rate asked for.
import { createRequire } from 'node:module';
import { DISPATCH, currentMonthKey, reportAccepted } from '../lib/fixtures.mjs';
import { median, medianOf, ratio, summarize } from '../lib/stats.mjs';
import { BENCH_DB_PREFIX } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

/** run with tracing off and on in the same run (lib/tracing.mjs) */
export const comparesTracing = true;

export const description = 'dispatch → visit and → score visible, at fixed dispatch rates, beside the raw Kafka floor';

const POLL_MS = 20;
/** the chain keeps up with a rate when its lag is 0 this soon after the last dispatch returned */
export const KEPT_UP_DRAIN_SECONDS = 5;
/** and when the dispatches ran at least at this share of the rate asked for */
const KEPT_UP_RATE_SHARE = 0.9;
/** the consumer groups of the dispatch → visit → score chain */
const CHAIN_GROUPS = [`${BENCH_DB_PREFIX}_visits.ticket-visits`, `${BENCH_DB_PREFIX}_assessment.ticket-scores`];

export async function inParallel(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

async function scoresOf(api, handlerIds, period) {
  const fields = handlerIds.map((id, i) => `h${i}: score(subjectId: "${id}", period: $period) { received }`).join('\n');
  const data = await api.call(`query($period: PeriodInput!) { ${fields} }`, { period });
  return handlerIds.map((_, i) => data[`h${i}`]?.received ?? 0);
}

export async function visibleVisits(api, ticketIds) {
  const fields = ticketIds.map((id, i) => `t${i}: ticket(id: "${id}") { visits { status } }`).join('\n');
  const data = await api.call(`{ ${fields} }`);
  return ticketIds.filter((_, i) => (data[`t${i}`]?.visits.length ?? 0) > 0);
}

const kafkaClient = (clientId) =>
  new Kafka({ clientId, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

/**
 * Messages the running consumer groups of the bench stack
 * (`<BENCH_DB_PREFIX>_<service>.<consumer>`, or only `only`) have not committed yet, over all their topics.
 */
async function benchConsumerLag(admin, only) {
  const { groups } = await admin.listGroups();
  const named = groups
    .map((group) => group.groupId)
    .filter((groupId) => (only ? only.includes(groupId) : groupId.startsWith(`${BENCH_DB_PREFIX}_`)));
  // only groups with running members: earlier runs may have left groups nobody consumes for any more
  const running = named.length ? (await admin.describeGroups(named)).groups.filter((group) => group.members.length > 0) : [];
  let lag = 0;
  for (const { groupId } of running) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]));
      for (const { partition, offset } of partitions) lag += Math.max(0, (ends.get(partition) ?? 0) - Math.max(0, Number(offset)));
    }
  }
  return lag;
}

/**
 * Waits until visits and assessment have dealt with the events of the tickets
 * just created (reported, accepted), so that a measurement times the dispatches
 * alone and not the backlog of its own preparation. Returns the seconds waited.
 */
export async function waitForConsumersIdle(timeoutMs = 600_000) {
  const admin = kafkaClient('bench-lag').admin();
  await admin.connect();
  const start = Date.now();
  try {
    while ((await benchConsumerLag(admin)) > 0) {
      if (Date.now() - start > timeoutMs) throw new Error(`the bench consumers still lag after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
  return (Date.now() - start) / 1000;
}

/**
 * From now (the load stopped), polls the chain's lag until it is 0; the
 * seconds that took (Infinity after `timeoutMs`) and the lag seen at the start.
 */
async function drainSeconds(timeoutMs = 120_000) {
  const admin = kafkaClient('bench-drain').admin();
  await admin.connect();
  const start = performance.now();
  let first;
  try {
    for (;;) {
      const lag = await benchConsumerLag(admin, CHAIN_GROUPS);
      first ??= lag;
      if (lag === 0) return { seconds: (performance.now() - start) / 1000, lagAtStop: first };
      if (performance.now() - start > timeoutMs) return { seconds: Number.POSITIVE_INFINITY, lagAtStop: first };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

/** What a paced run of dispatches records; the observers read `lastDispatchAt` to give up on stragglers. */
export function dispatchState() {
  return { dispatchLatencies: [], failures: 0, lastDispatchAt: performance.now() };
}

/**
 * Dispatches each planned `{ id, grid }` to its grid's handler, the i-th at
 * start + i / rate seconds, recording into `state`; `onDispatched(item,
 * returnedAt)` after each call that succeeded. Returns the rate achieved.
 */
export async function dispatchAtRate(api, plan, rate, state, onDispatched) {
  const start = performance.now();
  await Promise.all(
    plan.map((item, i) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, start + (i * 1000) / rate - performance.now()))).then(async () => {
        const sentAt = performance.now();
        try {
          await api.call(DISPATCH, { id: item.id, input: { handlerId: item.grid.handlerId } });
        } catch {
          state.failures += 1;
          return;
        }
        const returnedAt = performance.now();
        state.lastDispatchAt = returnedAt;
        state.dispatchLatencies.push(returnedAt - sentAt);
        onDispatched(item, returnedAt);
      }),
    ),
  );
  return plan.length / ((state.lastDispatchAt - start) / 1000);
}

async function measureRate(api, grids, rate, durationSeconds) {
  const count = rate * durationSeconds;
  const period = { kind: 'MONTH', key: currentMonthKey() };
  const plan = await inParallel(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const grid = grids[i % grids.length];
    return { id: await reportAccepted(api, grid, `传播测量 ${rate}/s #${i}`), grid };
  });
  const backlogSeconds = await waitForConsumersIdle();
  const handlerIds = grids.map((grid) => grid.handlerId);
  const baseline = await scoresOf(api, handlerIds, period);
  const expectedByHandler = new Map(handlerIds.map((id, i) => [id, baseline[i]]));

  const pendingVisits = new Map(); // ticketId → dispatch returned at
  const pendingScores = []; // { handlerIndex, needed, at }
  const visitLatencies = [];
  const scoreLatencies = [];
  const state = dispatchState();
  let observing = true;

  const observer = (async () => {
    while (observing || pendingVisits.size > 0 || pendingScores.length > 0) {
      const now = performance.now();
      const ids = [...pendingVisits.keys()].slice(0, 200);
      if (ids.length > 0) {
        for (const id of await visibleVisits(api, ids)) {
          visitLatencies.push(performance.now() - pendingVisits.get(id));
          pendingVisits.delete(id);
        }
      }
      if (pendingScores.length > 0) {
        const received = await scoresOf(api, handlerIds, period);
        const seenAt = performance.now();
        for (let i = pendingScores.length - 1; i >= 0; i -= 1) {
          const waiting = pendingScores[i];
          if (received[waiting.handlerIndex] >= waiting.needed) {
            scoreLatencies.push(seenAt - waiting.at);
            pendingScores.splice(i, 1);
          }
        }
      }
      const elapsed = performance.now() - now;
      if (elapsed < POLL_MS) await new Promise((resolve) => setTimeout(resolve, POLL_MS - elapsed));
      if (!observing && performance.now() - state.lastDispatchAt > 120_000) break; // give up on stragglers
    }
  })();

  const achievedRate = await dispatchAtRate(api, plan, rate, state, ({ id, grid }, returnedAt) => {
    pendingVisits.set(id, returnedAt);
    const handlerIndex = handlerIds.indexOf(grid.handlerId);
    const needed = expectedByHandler.get(grid.handlerId) + 1;
    expectedByHandler.set(grid.handlerId, needed);
    pendingScores.push({ handlerIndex, needed, at: returnedAt });
  });
  const drain = await drainSeconds();
  observing = false;
  await observer;
  return {
    rate,
    achievedRate,
    drain,
    keptUp: drain.seconds <= KEPT_UP_DRAIN_SECONDS && achievedRate >= KEPT_UP_RATE_SHARE * rate && state.failures === 0 && pendingVisits.size + pendingScores.length === 0,
    dispatch: summarize(state.dispatchLatencies),
    visit: summarize(visitLatencies),
    score: summarize(scoreLatencies),
    lost: pendingVisits.size + pendingScores.length,
    failures: state.failures,
    backlogSeconds,
  };
}

async function kafkaFloor(rate, durationSeconds) {
  const kafka = kafkaClient('bench-floor');
  const topic = 'steward.bench.floor.v1';
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  }
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `bench-floor-${Date.now()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: false });
  const sentAt = new Map();
  const latencies = [];
  let joined;
  const ready = new Promise((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = sentAt.get(message.key.toString());
      if (at !== undefined) latencies.push(performance.now() - at);
    },
  });
  await ready;
  const count = rate * durationSeconds;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, start + (i * 1000) / rate - performance.now()))).then(() => {
        const key = `floor-${start}-${i}`;
        sentAt.set(key, performance.now());
        return producer.send({ topic, acks: -1, messages: [{ key, value: 'x' }] });
      }),
    ),
  );
  const deadline = Date.now() + 30_000;
  while (latencies.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return summarize(latencies);
}

/** One repetition's latencies as numbers; counts are summed, percentiles are taken as the median of the repetitions. */
function medianRow(summaries) {
  return { ...medianOf(summaries.map(({ p50, p95, p99 }) => ({ p50, p95, p99 }))), count: summaries.reduce((sum, s) => sum + s.count, 0) };
}

export async function run({ stack, fixtures, options }) {
  const rows = [];
  const measured = [];
  const rates = [...options.rates];
  for (let index = 0; index < rates.length; index += 1) {
    const rate = rates[index];
    // warm-up at the same rate, not recorded: connections, JIT, consumer fetch loops
    await measureRate(stack.api, fixtures.grids, rate, options.warmupSeconds);
    const repetitions = [];
    for (let i = 0; i < options.repetitions; i += 1) {
      const result = await measureRate(stack.api, fixtures.grids, rate, options.durationSeconds);
      const floor = await kafkaFloor(rate, Math.min(options.durationSeconds, 10));
      repetitions.push({ ...result, kafkaFloor: floor });
      console.log(
        `[bench] ${rate}/s #${i + 1}: achieved ${result.achievedRate.toFixed(1)}/s, score p50/p99 ${result.score.p50?.toFixed(0)}/${result.score.p99?.toFixed(0)} ms, ` +
          `floor p99 ${floor.p99?.toFixed(1)} ms, lag ${result.drain.lagAtStop} at the stop, 0 after ${result.drain.seconds.toFixed(1)} s, kept up: ${result.keptUp ? 'yes' : 'no'}`,
      );
    }
    const summary = {
      rate,
      achievedRate: median(repetitions.map((r) => r.achievedRate)),
      dispatch: medianRow(repetitions.map((r) => r.dispatch)),
      visit: medianRow(repetitions.map((r) => r.visit)),
      score: medianRow(repetitions.map((r) => r.score)),
      kafkaFloor: medianRow(repetitions.map((r) => r.kafkaFloor)),
      drainSeconds: median(repetitions.map((r) => r.drain.seconds)),
      lagAtStop: median(repetitions.map((r) => r.drain.lagAtStop)),
      keptUp: repetitions.every((r) => r.keptUp),
      failures: repetitions.reduce((sum, r) => sum + r.failures, 0),
      lost: repetitions.reduce((sum, r) => sum + r.lost, 0),
    };
    summary.scoreP99OverFloorP99 = ratio(summary.score.p99, summary.kafkaFloor.p99);
    summary.visitP99OverFloorP99 = ratio(summary.visit.p99, summary.kafkaFloor.p99);
    measured.push({ ...summary, repetitions });
    const row = (path, s, extra = {}) => ({
      rate: `${rate}/s`,
      path,
      count: s.count,
      'p50 ms': s.p50,
      'p95 ms': s.p95,
      'p99 ms': s.p99,
      'p99 ÷ floor p99': Number.NaN,
      'lag 0 after s': Number.NaN,
      'kept up': '',
      ...extra,
    });
    rows.push(row(`dispatchTicket call (${summary.achievedRate.toFixed(1)}/s achieved)`, summary.dispatch));
    rows.push(row('→ visit visible', summary.visit, { 'p99 ÷ floor p99': summary.visitP99OverFloorP99 }));
    rows.push(
      row('→ score visible', summary.score, {
        'p99 ÷ floor p99': summary.scoreP99OverFloorP99,
        'lag 0 after s': summary.drainSeconds,
        'kept up': summary.keptUp ? 'yes' : 'no',
      }),
    );
    rows.push(row('kafka produce→consume (floor)', summary.kafkaFloor));
    if (summary.lost || summary.failures) {
      rows.push(row(`failed ${summary.failures}, not seen ${summary.lost}`, { count: 0, p50: NaN, p95: NaN, p99: NaN }));
    }
    // --ladder=<step>: past the last rate asked for, go on up by <step> while the chain keeps up
    const last = index === rates.length - 1;
    if (last && options.ladderStep && summary.keptUp && rate + options.ladderStep <= (options.ladderMax ?? 500)) rates.push(rate + options.ladderStep);
  }
  const keptUp = measured.filter((m) => m.keptUp).map((m) => m.rate);
  const highestKeptUp = keptUp.length ? Math.max(...keptUp) : null;
  const notes = [
    "percentiles: median over the repetitions of each repetition's p50/p95/p99; count: all repetitions",
    'before each repetition the tickets it dispatches are reported and accepted, and the bench waits until visits and assessment have consumed those events',
    `kept up: the lag of ${CHAIN_GROUPS.join(' and ')} is 0 within ${KEPT_UP_DRAIN_SECONDS} s of the last dispatch returning, at least ${KEPT_UP_RATE_SHARE * 100} % of the rate achieved, every visit and score seen, no failed dispatch`,
    `highest rate kept up: ${highestKeptUp === null ? 'none' : `${highestKeptUp}/s`} (of ${measured.map((m) => `${m.rate}/s`).join(', ')})`,
  ];
  return { rows, measured, highestKeptUp, notes };
}
