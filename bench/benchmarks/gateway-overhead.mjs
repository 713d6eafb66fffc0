// One virtual user sends the same single-subgraph query to the org subgraph
// directly and through the gateway: the difference is what the gateway adds.
// Both calls act as the administrator: the direct one with the signed user
// context the gateway would send (signed anew for every run, valid 60 s), the
// gateway one with a bearer token, which the gateway verifies (JWT) and turns
// into a freshly signed context on every request; that work is part of what
// is measured.
import { gql } from '../lib/graphql.mjs';
import { runLoad } from '../lib/load.mjs';
import { medianOf, ratio } from '../lib/stats.mjs';

/** run with tracing off and on in the same run (lib/tracing.mjs) */
export const comparesTracing = true;

export const description = 'p50/p95 of one org query, subgraph direct vs through the gateway (1 connection)';

const QUERY = 'query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 10) { totalCount edges { node { id name level } } } }';

export async function run({ stack, fixtures, options }) {
  const bodies = [fixtures.township, ...fixtures.grids.slice(0, 4).map((grid) => grid.village)].map((within) =>
    JSON.stringify({ query: QUERY, variables: { f: { within } } }),
  );
  const targets = {
    subgraph: { url: stack.subgraphUrl('org'), headers: () => stack.signedHeaders() },
    gateway: { url: stack.url, headers: stack.authorization },
  };
  const measured = {};
  for (const [name, { url, headers }] of Object.entries(targets)) {
    // the same answer both ways, with credentials accepted, before timing
    const first = JSON.parse(bodies[0]);
    await gql(url, first.query, first.variables, typeof headers === 'function' ? headers() : headers);
    await runLoad({ url, connections: 1, durationSeconds: options.warmupSeconds, bodies, headers });
    const reps = [];
    for (let rep = 0; rep < options.repetitions; rep += 1) {
      reps.push(await runLoad({ url, connections: 1, durationSeconds: options.durationSeconds, bodies, headers }));
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
  const notes = [
    'subgraph: a signed administrator context, made once per run by the bench client',
    'gateway: verifies the bearer JWT, runs the operation limits and signs a user context (HMAC) on every request; rate limits lifted (see env)',
  ];
  return { rows, measured, notes };
}
