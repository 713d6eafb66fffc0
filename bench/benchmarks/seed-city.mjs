// Loads the city profile (--quick: the small one) through the bulk importers
// into the bench databases and reports docs/s per collection; then starts the
// org and members subgraphs on that data and times the subtree reads
// orgUnits(filter:{within}) and members(filter:{within}) for a township.
import { createRequire } from 'node:module';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { seedCity } from '../../tools/seed/seed.mjs';
import { gql } from '../lib/graphql.mjs';
import { summarize } from '../lib/stats.mjs';
import { BENCH_DB_PREFIX, BENCH_ENV, BENCH_PORT_OFFSET, repoRoot } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('../../tools/stack.cjs');

export const description = 'bulk load of the city profile (docs/s per collection), then subtree reads at that scale';
/** The runner skips its stack and fixtures: this benchmark makes its own data. */
export const needsFixtures = false;

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/** Direct subgraph reads as the administrator: a signed context per call, as the gateway sends. */
async function timeQuery(url, query, variables, count, signedHeaders) {
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    const headers = signedHeaders();
    const start = performance.now();
    await gql(url, query, variables, headers);
    latencies.push(performance.now() - start);
  }
  return summarize(latencies);
}

export async function run({ options }) {
  const profile = options.repetitions === 1 ? 'small' : 'city';
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    for (const name of ['org', 'members']) await mongo.db(`${BENCH_DB_PREFIX}_${name}`).dropDatabase();
  } finally {
    await mongo.close();
  }
  const load = await seedCity({ profile, seed: 1, dbPrefix: BENCH_DB_PREFIX });
  const rows = load.summaries.map((s) => ({ what: `load ${s.label}`, count: s.read, seconds: s.seconds, 'docs/s': s.read / s.seconds, 'p50 ms': NaN, 'p95 ms': NaN }));
  rows.push({ what: `load total (${profile})`, count: load.counts.units + load.counts.members + load.counts.households, seconds: load.seconds, 'docs/s': NaN, 'p50 ms': NaN, 'p95 ms': NaN });

  const stack = await startStack({
    only: ['org', 'members'], portOffset: BENCH_PORT_OFFSET, databasePrefix: BENCH_DB_PREFIX,
    logDir: path.join(repoRoot, '.local/logs/bench'), env: BENCH_ENV,
  });
  try {
    const orgUrl = stack.subgraphUrl('org');
    const membersUrl = stack.subgraphUrl('members');
    const townships = await gql(orgUrl, '{ orgUnits(filter: {level: TOWNSHIP}, first: 50) { edges { node { id name } } } }', {}, stack.signedHeaders());
    const township = townships.orgUnits.edges.find((e) => e.node.name === '清溪镇')?.node ?? townships.orgUnits.edges[0].node;
    const samples = options.repetitions === 1 ? 10 : 40;
    const orgReads = await timeQuery(orgUrl, 'query($id: ID!) { orgUnits(filter: {within: $id}, first: 50) { totalCount edges { node { id name level } } } }', { id: township.id }, samples, () => stack.signedHeaders());
    const memberReads = await timeQuery(membersUrl, 'query($id: ID!) { members(filter: {within: $id}, first: 50) { totalCount edges { node { id name } } } }', { id: township.id }, samples, () => stack.signedHeaders());
    rows.push({ what: `orgUnits(within: ${township.name}, first: 50)`, count: orgReads.count, seconds: NaN, 'docs/s': NaN, 'p50 ms': orgReads.p50, 'p95 ms': orgReads.p95 });
    rows.push({ what: `members(within: ${township.name}, first: 50)`, count: memberReads.count, seconds: NaN, 'docs/s': NaN, 'p50 ms': memberReads.p50, 'p95 ms': memberReads.p95 });
    return { rows, load, reads: { township, orgReads, memberReads } };
  } finally {
    await stack.stop();
  }
}
