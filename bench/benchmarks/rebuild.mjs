// The assessment rebuild (services/assessment/dist/cli/rebuild.js) over a
// generated year of the city (tools/seed/year.mjs, on topics of its own:
// bench.year-….steward.{tickets,visits}.events.v1), beside the ceiling: a
// no-op kafkajs consumer reading the same topics from offset 0, and the same
// consumer decoding and validating every event as the projection does.
// Each rebuild fills a fresh database (bench_rebuild), dropped before it.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { writeYear } from '../../tools/seed/year.mjs';
import { median, ratio } from '../lib/stats.mjs';
import { BENCH_DB_PREFIX, repoRoot } from '../lib/stack.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');
const { decodeEventMessage } = require('../../shared/events/dist');

export const description = 'assessment rebuild of a generated year (events/s) vs a no-op consumer of the same topics (the ceiling)';
export const needsFixtures = false;

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DB = `${BENCH_DB_PREFIX}_rebuild`;
const execFileAsync = promisify(execFile);

// Full: the city profile's year (~400k events). Quick: its first two weeks at a tenth of the rate.
const FULL = { profile: 'city', seed: 1, year: 2025 };
const QUICK = { profile: 'city', seed: 1, year: 2025, days: 14, tickets: 3_000, routineVisits: 4_500 };

async function dropDatabase() {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    await mongo.db(DB).dropDatabase();
  } finally {
    await mongo.close();
  }
}

async function rebuildOnce(topics) {
  await dropDatabase();
  const { stdout } = await execFileAsync(process.execPath, [path.join(repoRoot, 'services/assessment/dist/cli/rebuild.js'), '--topics', topics.join(','), '--no-swap'], {
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
  const rebuild = await measure('assessment rebuild', () => rebuildOnce(topics));
  await dropDatabase();

  const row = (what, m) => ({ what, events: m.events, seconds: m.seconds, 'events/s': m.eventsPerSecond, 'of ceiling': ratio(m.eventsPerSecond, ceiling.eventsPerSecond) });
  const rows = [row('no-op kafkajs consumer (ceiling)', ceiling), row('consumer + decode/validate', decoding), row('assessment rebuild (CLI)', rebuild)];
  const notes = [
    `${total} events (${written.counts.tickets} ticket, ${written.counts.visits} visit) on ${topics.join(', ')}${written.reused ? ' (reused)' : `, written in ${written.seconds.toFixed(0)} s`}`,
    `year: profile ${spec.profile}, seed ${spec.seed}, ${spec.year}${spec.days ? `, first ${spec.days} days` : ''}; rebuild into ${DB} with --no-swap`,
  ];
  return { rows, notes, year: { ...spec, topics, counts: written.counts }, measured: { ceiling, decoding, rebuild } };
}
