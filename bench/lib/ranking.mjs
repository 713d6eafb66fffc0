// Times `ranking(parentId: <township>, level: ADMIN_VILLAGE, …)` on a rebuilt
// assessment database: the assessment subgraph alone (no gateway, no other
// subgraph) on the bench's port offset for it, reading the database the
// rebuild swapped its generation into, asked as the administrator through a
// signed user context, one connection, request after request.
import { createRequire } from 'node:module';
import path from 'node:path';
import { gql } from './graphql.mjs';
import { BENCH_ENV, repoRoot } from './stack.mjs';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const { startStack } = require('../../tools/stack.cjs');
const { generateCity } = require('../../tools/seed/src/city.cjs');
const { periodsOf } = require('../../services/assessment/dist/domain/periods');

/** Ports 4000+830…: the offset given to this benchmark's own service, beside the shared bench stack's 800. */
export const RANKING_PORT_OFFSET = 830;

const QUERY = `query($parentId: ID!, $period: PeriodInput!) {
  ranking(parentId: $parentId, level: ADMIN_VILLAGE, period: $period, first: 50) {
    totalCount
    edges { node { subjectId received resolved score rank } }
  }
}`;

/** The township of the city profile with the most administrative villages (ties: by name), and its villages' ids (all active as loaded). */
export function townshipWithMostVillages({ profile, seed }) {
  const city = generateCity({ seed, profile, knownIds: {} });
  const villagesOf = new Map();
  for (const unit of city.units) {
    if (unit.level !== 'ADMIN_VILLAGE') continue;
    villagesOf.set(unit.parentId, [...(villagesOf.get(unit.parentId) ?? []), unit._id]);
  }
  const townships = city.units.filter((unit) => unit.level === 'TOWNSHIP' && villagesOf.has(unit._id));
  townships.sort((a, b) => villagesOf.get(b._id).length - villagesOf.get(a._id).length || a.name.localeCompare(b.name));
  const township = townships[0];
  return { id: township._id, name: township.name, villageIds: villagesOf.get(township._id).sort() };
}

/** MONTH, QUARTER and YEAR of the middle day of the generated days (Asia/Shanghai, as assessment keys them). */
export function periodsOfYear({ year, days }) {
  const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
  const yearDays = Math.round((Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - yearStart) / 86_400_000);
  const middle = new Date(yearStart + Math.floor(Math.min(days ?? yearDays, yearDays) / 2) * 86_400_000);
  return periodsOf(middle).filter((period) => period.kind !== 'WEEK');
}

/** One answer, checked: every village of the township, once each. */
function checkedRows(data, township) {
  const ids = data.ranking.edges.map((edge) => edge.node.subjectId);
  const expected = township.villageIds;
  if (data.ranking.totalCount !== expected.length || ids.length !== expected.length || [...ids].sort().some((id, i) => id !== expected[i])) {
    throw new Error(`ranking of ${township.name} returned ${ids.length} of ${data.ranking.totalCount} rows, want its ${expected.length} villages`);
  }
  return { rows: ids.length, scored: data.ranking.edges.filter((edge) => edge.node.rank !== null).length, received: data.ranking.edges.reduce((sum, edge) => sum + edge.node.received, 0) };
}

async function timed(url, variables, headers, township) {
  const start = performance.now();
  const data = await gql(url, QUERY, variables, headers());
  const ms = performance.now() - start;
  return { ms, ...checkedRows(data, township) };
}

/** Warm-up, then `repetitions` × `requests` sequential requests; percentiles pooled over the repetitions. */
async function measurePeriod(url, headers, township, period, settings) {
  const variables = { parentId: township.id, period };
  let answer;
  for (let i = 0; i < settings.warmup; i += 1) answer = await timed(url, variables, headers, township);
  const reps = [];
  for (let rep = 0; rep < settings.repetitions; rep += 1) {
    const samples = [];
    for (let i = 0; i < settings.requests; i += 1) samples.push((await timed(url, variables, headers, township)).ms);
    reps.push(samples);
  }
  return { period, ...answer, ...summarize(reps.flat()), repP50: reps.map((samples) => summarize(samples).p50), repP95: reps.map((samples) => summarize(samples).p95) };
}

/**
 * Starts the assessment subgraph on database `db` (whose generation pointer a
 * rebuild has swapped) and on the year's topics (its consumer continues the
 * rebuild's group, already at the end: it counts nothing more), times the
 * ranking for each period, and stops the service by its pid.
 * settings: { warmup, repetitions, requests }.
 */
export async function measureRankings({ db, topics, township, periods, settings, log = console.log }) {
  const startedAt = Date.now();
  const stack = await startStack({
    only: ['assessment'],
    portOffset: RANKING_PORT_OFFSET,
    logDir: path.join(repoRoot, '.local/logs/bench-rebuild'),
    env: { ...BENCH_ENV, MONGO_DB: db, ASSESSMENT_TICKET_TOPIC: topics.tickets, ASSESSMENT_VISIT_TOPIC: topics.visits },
    timeoutMs: 300_000,
  });
  const { child } = stack.processes[0];
  const { pid } = child;
  let results;
  try {
    const url = stack.subgraphUrl('assessment');
    log(`[bench] assessment (pid ${pid}) up on ${url} with ${db} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; ranking the ${township.villageIds.length} villages of ${township.name}`);
    // signed per request: a signed context is valid for 60 s
    const headers = () => stack.signedHeaders();
    results = [];
    for (const period of periods) {
      results.push(await measurePeriod(url, headers, township, period, settings));
      const last = results.at(-1);
      log(`[bench] ranking ${period.kind} ${period.key}: ${last.rows} rows (${last.scored} scored, ${last.received} received), p50 ${last.p50.toFixed(0)} ms, p95 ${last.p95.toFixed(0)} ms, p99 ${last.p99.toFixed(0)} ms (${last.count} requests)`);
    }
  } finally {
    await stack.stop();
  }
  if (child.exitCode === null && child.signalCode === null) throw new Error(`assessment (pid ${pid}) still runs after stop`);
  return { pid, results };
}
