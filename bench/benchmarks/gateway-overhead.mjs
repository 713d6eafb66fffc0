// One virtual user sends the same single-subgraph query to the org subgraph
// directly and through the gateway: the difference is what the gateway adds.
import { runLoad } from '../lib/load.mjs';
import { medianOf, ratio } from '../lib/stats.mjs';

export const description = 'p50/p95 of one org query, subgraph direct vs through the gateway (1 connection)';

const QUERY = 'query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 10) { totalCount edges { node { id name level } } } }';

export async function run({ stack, fixtures, options }) {
  const bodies = [fixtures.township, ...fixtures.grids.slice(0, 4).map((grid) => grid.village)].map((within) =>
    JSON.stringify({ query: QUERY, variables: { f: { within } } }),
  );
  const targets = { subgraph: stack.subgraphUrl('org'), gateway: stack.url };
  const measured = {};
  for (const [name, url] of Object.entries(targets)) {
    await runLoad({ url, connections: 1, durationSeconds: options.warmupSeconds, bodies });
    const reps = [];
    for (let rep = 0; rep < options.repetitions; rep += 1) {
      reps.push(await runLoad({ url, connections: 1, durationSeconds: options.durationSeconds, bodies }));
    }
    measured[name] = medianOf(reps);
  }
  const rows = Object.entries(measured).map(([target, m]) => ({
    target,
    rps: m.rps,
    'p50 ms': m.p50,
    'p95 ms': m.p95,
    'p99 ms': m.p99,
    failures: m.failures,
  }));
  rows.push({
    target: 'gateway − subgraph',
    rps: Number.NaN,
    'p50 ms': measured.gateway.p50 - measured.subgraph.p50,
    'p95 ms': measured.gateway.p95 - measured.subgraph.p95,
    'p99 ms': measured.gateway.p99 - measured.subgraph.p99,
    failures: Number.NaN,
  });
  rows.push({
    target: 'gateway / subgraph',
    rps: ratio(measured.gateway.rps, measured.subgraph.rps),
    'p50 ms': ratio(measured.gateway.p50, measured.subgraph.p50),
    'p95 ms': ratio(measured.gateway.p95, measured.subgraph.p95),
    'p99 ms': ratio(measured.gateway.p99, measured.subgraph.p99),
    failures: Number.NaN,
  });
  return { rows, measured };
}
