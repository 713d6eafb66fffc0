// An entity join across three subgraphs (tickets → members, org, assessment),
// 50 connections with varied variables, through our gateway and through Hive
// Gateway on the same subgraphs and supergraph, in the same run. Ours gets the
// administrator's bearer token (verified, then signed into a user context per
// subgraph request); the peer is told the principal and signs the same way
// for every subgraph request (see lib/peer-gateway.mjs).
import { runLoad } from '../lib/load.mjs';
import { peerHeaders, startPeerGateway } from '../lib/peer-gateway.mjs';
import { currentMonthKey } from '../lib/fixtures.mjs';
import { gql } from '../lib/graphql.mjs';
import { medianOf, ratio } from '../lib/stats.mjs';

export const description = 'tickets with handler, unit and score: our gateway vs Hive Gateway (50 connections)';

const QUERY = `query($id: ID!, $period: PeriodInput!) {
  ticket(id: $id) {
    id number status
    handler { id name score(period: $period) { received completionRate } }
    unit { id name level score(period: $period) { received } }
  }
}`;

export async function run({ stack, fixtures, options }) {
  const period = { kind: 'MONTH', key: currentMonthKey() };
  const bodies = fixtures.ticketIds.map((id) => JSON.stringify({ query: QUERY, variables: { id, period } }));
  const peer = await startPeerGateway(stack);
  try {
    const targets = {
      ours: { url: stack.url, headers: stack.authorization },
      'hive-gateway': { url: peer.url, headers: peerHeaders() },
    };
    // Both must answer the same before being timed.
    const expected = await gql(stack.url, QUERY, { id: fixtures.ticketIds[0], period }, stack.authorization);
    const fromPeer = await gql(peer.url, QUERY, { id: fixtures.ticketIds[0], period }, peerHeaders());
    if (JSON.stringify(expected) !== JSON.stringify(fromPeer)) {
      throw new Error(`the gateways disagree:\n ours ${JSON.stringify(expected)}\n peer ${JSON.stringify(fromPeer)}`);
    }
    const measured = {};
    const measure = async (name, { url, headers }) => {
      await runLoad({ url, connections: options.connections, durationSeconds: options.warmupSeconds, bodies, headers });
      const reps = [];
      for (let rep = 0; rep < options.repetitions; rep += 1) {
        reps.push(await runLoad({ url, connections: options.connections, durationSeconds: options.durationSeconds, bodies, headers }));
      }
      measured[name] = medianOf(reps);
    };
    for (const [name, target] of Object.entries(targets)) await measure(name, target);
    // ours again without in-flight deduplication (Hive Gateway has it on by default), to show what it is worth
    await stack.restart('gateway', { GATEWAY_DEDUPLICATE_INFLIGHT: 'false' });
    try {
      await measure('ours, no dedup', targets.ours);
    } finally {
      await stack.restart('gateway', { GATEWAY_DEDUPLICATE_INFLIGHT: 'true' });
    }
    const rows = Object.entries(measured).map(([gateway, m]) => ({
      gateway,
      rps: m.rps,
      'p50 ms': m.p50,
      'p95 ms': m.p95,
      'p99 ms': m.p99,
      failures: m.failures,
    }));
    rows.push({
      gateway: 'ours / peer',
      rps: ratio(measured.ours.rps, measured['hive-gateway'].rps),
      'p50 ms': ratio(measured.ours.p50, measured['hive-gateway'].p50),
      'p95 ms': ratio(measured.ours.p95, measured['hive-gateway'].p95),
      'p99 ms': ratio(measured.ours.p99, measured['hive-gateway'].p99),
      failures: Number.NaN,
    });
    rows.push({
      gateway: 'ours, no dedup / peer',
      rps: ratio(measured['ours, no dedup'].rps, measured['hive-gateway'].rps),
      'p50 ms': ratio(measured['ours, no dedup'].p50, measured['hive-gateway'].p50),
      'p95 ms': ratio(measured['ours, no dedup'].p95, measured['hive-gateway'].p95),
      'p99 ms': ratio(measured['ours, no dedup'].p99, measured['hive-gateway'].p99),
      failures: Number.NaN,
    });
    const notes = [
      'ours: verifies the bearer JWT and signs a user context (HMAC) per request, rate limits lifted (see env); identical query fetches in flight share one subgraph request (GATEWAY_DEDUPLICATE_INFLIGHT)',
      'ours, no dedup: the same gateway restarted with GATEWAY_DEDUPLICATE_INFLIGHT=false',
      'hive-gateway: forwards a user context the bench client signed (once per run); no token check',
    ];
    return { rows, measured, notes };
  } finally {
    await peer.stop();
  }
}
