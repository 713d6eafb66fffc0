// The assessment rebuild (services/assessment/dist/cli/rebuild.js) over a
// generated year of the city (tools/seed/year.mjs, on topics of its own:
// bench.year-….steward.{tickets,visits}.events.v1), beside the ceiling: a
// no-op kafkajs consumer reading the same topics from offset 0, and the same
// consumer decoding and validating every event as the projection does.
// Each rebuild fills a fresh database (bench_rebuild), dropped before it.
// The last one swaps its generation in, and the assessment subgraph started on
// that database times `ranking` of the villages of a township (issue 7's p95)
// for a month, the quarter and the year of the generated days.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { writeYear } from '../../tools/seed/year.mjs';
import { measureRankings, periodsOfYear, townshipWithMostVillages } from '../lib/ranking.mjs';
import { median, ratio } from '../lib/stats.mjs';
import { BENCH_DB_PREFIX, repoRoot } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const { decodeEventMessage } = require('@steward/events');

export const description = 'assessment rebuild of a generated year (events/s) vs a no-op consumer of the same topics (the ceiling), then ranking of a township\'s villages on the rebuilt data (p50/p95/p99)';
export const needsFixtures = false;

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DB = `${BENCH_DB_PREFIX}_rebuild`;
const execFileAsync = promisify(execFile);

// Full: the city profile's year (~400k events). Quick: its first two weeks at a tenth of the rate.
const FULL = { profile: 'city', seed: 1, year: 2025 };
const QUICK = { profile: 'city', seed: 1, year: 2025, days: 14, tickets: 3_000, routineVisits: 4_500 };
// ranking reads per period: warm-up, then repetitions × sequential requests
const RANKING_FULL = { warmup: 3, repetitions: 3, requests: 20 };
const RANKING_QUICK = { warmup: 1, repetitions: 3, requests: 5 };

async function dropDatabase() {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    await mongo.db(DB).dropDatabase();
  } finally {
    await mongo.close();
  }
}

/** swap: point the database at the rebuilt generation (after the timing, which it does not change). */
async function rebuildOnce(topics, { swap = false } = {}) {
  await dropDatabase();
  const args = [path.join(repoRoot, 'services/assessment/dist/cli/rebuild.js'), '--topics', topics.join(','), ...(swap ? [] : ['--no-swap'])];
  const { stdout } = await execFileAsync(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, MONGO_DB: DB, KAFKA_BROKERS: BROKERS, LOG_LEVEL: 'warn' },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 3 * 3_600_000,
  });
  const match = /: (\d+) events in ([\d.]+) s = (\d+) events\/s/.exec(stdout);
  if (!match) throw new Error(`unexpected rebuild output: ${stdout}`);
  return { events: Number(match[1]), seconds: Number(match[2]), eventsPerSecond: Number(match[3]) };
}

/** Reads `total` messages of the topics with a fresh group, as the rebuild's consumer is configured; `work` per message. */
async function consumeOnce(topics, total, work) {
  const kafka = new Kafka({ clientId: 'bench-ceiling', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-ceiling-${Date.now()}`, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxBytesPerPartition: 4_194_304, maxBytes: 16_777_216 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  // timed from run(), as the rebuild times from its consumer's start (join included)
  const startedAt = performance.now();
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) work(message);
      seen += batch.messages.length;
      if (seen >= total) done();
    },
  });
  await finished;
  const seconds = (performance.now() - startedAt) / 1000;
  await consumer.disconnect();
  return { events: seen, seconds, eventsPerSecond: Math.round(seen / seconds) };
}

const noop = () => undefined;
const decode = (message) => {
  if (!decodeEventMessage(message.value).ok) throw new Error('a generated event failed validation');
};

export async function run({ options }) {
  const quick = options.repetitions === 1;
  const spec = quick ? QUICK : FULL;
  const prefix = `bench.year-${spec.profile}-s${spec.seed}-${spec.year}${spec.days ? `-d${spec.days}` : ''}${spec.tickets ? `-t${spec.tickets}-v${spec.routineVisits}` : ''}`;
  const written = await writeYear({ ...spec, topicPrefix: prefix, brokers: BROKERS, log: (line) => console.log(line) });
  const topics = [written.topics.tickets, written.topics.visits];
  const total = written.counts.total;

  const measure = async (label, once) => {
    const reps = [];
    for (let rep = 0; rep < options.repetitions; rep += 1) {
      reps.push(await once());
      console.log(`[bench] ${label} #${rep + 1}: ${reps.at(-1).events} events in ${reps.at(-1).seconds.toFixed(1)} s`);
    }
    return { eventsPerSecond: median(reps.map((r) => r.eventsPerSecond)), seconds: median(reps.map((r) => r.seconds)), events: reps[0].events, reps };
  };
  const ceiling = await measure('no-op consumer', () => consumeOnce(topics, total, noop));
  const decoding = await measure('consumer + decode/validate', () => consumeOnce(topics, total, decode));
  let rep = 0;
  const rebuild = await measure('assessment rebuild', () => rebuildOnce(topics, { swap: (rep += 1) === options.repetitions }));
  const township = townshipWithMostVillages(spec);
  const periods = periodsOfYear(spec);
  const rankingSettings = quick ? RANKING_QUICK : RANKING_FULL;
  let ranking;
  try {
    ranking = await measureRankings({ db: DB, topics: written.topics, township, periods, settings: rankingSettings });
  } finally {
    await dropDatabase();
  }

  const none = { rows: Number.NaN, requests: Number.NaN, 'p50 ms': Number.NaN, 'p95 ms': Number.NaN, 'p99 ms': Number.NaN };
  const row = (what, m) => ({ what, events: m.events, seconds: m.seconds, 'events/s': m.eventsPerSecond, 'of ceiling': ratio(m.eventsPerSecond, ceiling.eventsPerSecond), ...none });
  const rankingRow = (r) => ({
    what: `ranking of the villages, ${r.period.kind} ${r.period.key}`,
    events: Number.NaN, seconds: Number.NaN, 'events/s': Number.NaN, 'of ceiling': Number.NaN,
    rows: r.rows, requests: r.count, 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99,
  });
  const rows = [row('no-op kafkajs consumer (ceiling)', ceiling), row('consumer + decode/validate', decoding), row('assessment rebuild (CLI)', rebuild), ...ranking.results.map(rankingRow)];
  const notes = [
    `${total} events (${written.counts.tickets} ticket, ${written.counts.visits} visit) on ${topics.join(', ')}${written.reused ? ' (reused)' : `, written in ${written.seconds.toFixed(0)} s`}`,
    `year: profile ${spec.profile}, seed ${spec.seed}, ${spec.year}${spec.days ? `, first ${spec.days} days` : ''}; rebuild into ${DB} with --no-swap, the last one swapped in`,
    `ranking(parentId: ${township.name} ${township.id}, level: ADMIN_VILLAGE, first: 50): the assessment subgraph alone on ${DB} (pid ${ranking.pid}, stopped), as the administrator (signed user context), 1 connection; ` +
      `${rankingSettings.warmup} warm-up, then ${rankingSettings.repetitions} × ${rankingSettings.requests} requests per period (pooled percentiles); rows checked = the township's ${township.villageIds.length} villages; ` +
      ranking.results.map((r) => `${r.period.key}: ${r.scored} scored, ${r.received} received, p95 per repetition ${r.repP95.map((ms) => ms.toFixed(0)).join('/')} ms`).join('; '),
  ];
  return { rows, notes, year: { ...spec, topics, counts: written.counts }, measured: { ceiling, decoding, rebuild, ranking: { township, settings: rankingSettings, ...ranking } } };
}
