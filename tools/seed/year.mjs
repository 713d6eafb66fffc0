#!/usr/bin/env node
// `node tools/seed/year.mjs --topic-prefix bench.year [--profile city] [--seed 1] [--year 2025] [--days N] [--tickets N] [--visits N]`
// Writes a generated year of the city's ticket and visit events (src/year.cjs)
// to `<prefix>.steward.tickets.events.v1` and `<prefix>.steward.visits.events.v1`
// (never the services' own topics). Topics that already hold exactly this year
// (same options, checked by a manifest and the topics' offsets) are reused.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { generateYear, YEAR_VOLUMES } = require('./src/year.cjs');
const { Topics, eventTopicSpec, toKafkaMessage } = require('@steward/events');
const { Kafka, Partitioners, logLevel } = require('kafkajs');

const BATCH = 3_000;

export function yearTopics(prefix) {
  if (!prefix || prefix === 'steward' || prefix.startsWith('steward.')) throw new Error('give a --topic-prefix of its own (e.g. bench.year): the year never goes to the services\' topics');
  return { tickets: `${prefix}.${Topics.ticketEvents}`, visits: `${prefix}.${Topics.visitEvents}` };
}

async function messagesIn(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, offset) => sum + Number(offset.high) - Number(offset.low), 0);
}

/**
 * Generates the year and writes it (or finds it written). Options: topicPrefix
 * (required), profile, seed, year, days, tickets, routineVisits, brokers, log.
 * Returns { topics, counts: { tickets, visits, total }, seconds, reused }.
 */
export async function writeYear(options) {
  const log = options.log ?? ((line) => console.error(line));
  const topics = yearTopics(options.topicPrefix);
  const kafka = new Kafka({ clientId: 'steward-year', brokers: (options.brokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const year = generateYear(options);
  const identity = { profile: year.profile, seed: year.seed, year: year.year, days: year.days, volumes: year.volumes };
  const manifestFile = path.join(repoRoot, '.local/bench', `${options.topicPrefix}.json`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : null;
    if (manifest && JSON.stringify(manifest.identity) === JSON.stringify(identity) && Object.values(topics).every((topic) => existing.includes(topic))) {
      const [tickets, visits] = [await messagesIn(admin, topics.tickets), await messagesIn(admin, topics.visits)];
      if (tickets === manifest.counts.tickets && visits === manifest.counts.visits) {
        log(`[year] reusing ${topics.tickets} and ${topics.visits} (${tickets + visits} events)`);
        return { topics, counts: manifest.counts, seconds: 0, reused: true };
      }
    }
    const stale = Object.values(topics).filter((topic) => existing.includes(topic));
    if (stale.length > 0) {
      await admin.deleteTopics({ topics: stale, timeout: 30_000 });
      // the broker forgets deleted topics asynchronously
      for (let i = 0; i < 100 && (await admin.listTopics()).some((topic) => stale.includes(topic)); i += 1) await new Promise((r) => setTimeout(r, 200));
    }
    const specs = Object.values(topics).map(eventTopicSpec);
    await admin.createTopics({
      waitForLeaders: true,
      topics: specs.map((spec) => ({ topic: spec.name, numPartitions: spec.partitions, replicationFactor: 1, configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })) })),
    });
  } finally {
    await admin.disconnect();
  }

  // as the services publish: keyed by aggregate id (murmur2), acks from all replicas, idempotent
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const startedAt = Date.now();
  const counts = { tickets: 0, visits: 0, total: 0 };
  let batch = { tickets: [], visits: [] };
  const flush = async () => {
    const topicMessages = Object.entries(batch).filter(([, messages]) => messages.length > 0).map(([kind, messages]) => ({ topic: topics[kind], messages }));
    batch = { tickets: [], visits: [] };
    if (topicMessages.length > 0) await producer.sendBatch({ acks: -1, topicMessages });
  };
  try {
    for (const { topic, envelope } of year.events()) {
      batch[topic].push(toKafkaMessage(envelope));
      counts[topic] += 1;
      counts.total += 1;
      if (counts.total % BATCH === 0) await flush();
      if (counts.total % 50_000 === 0) log(`[year] ${counts.total} events written (${envelope.time.slice(0, 10)})`);
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
  fs.writeFileSync(manifestFile, `${JSON.stringify({ identity, counts, topics }, null, 2)}\n`);
  const seconds = (Date.now() - startedAt) / 1000;
  log(`[year] ${counts.total} events (${counts.tickets} ticket, ${counts.visits} visit) generated and written in ${seconds.toFixed(1)} s`);
  return { topics, counts, seconds, reused: false };
}

function parseArgs(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i].startsWith('--')) flags[argv[i].slice(2)] = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[(i += 1)] : 'true';
  }
  return flags;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flags = parseArgs(process.argv.slice(2));
  const number = (name) => (flags[name] === undefined ? undefined : Number(flags[name]));
  const profile = flags.profile ?? 'city';
  if (!YEAR_VOLUMES[profile]) {
    console.error(`unknown profile ${profile}: ${Object.keys(YEAR_VOLUMES).join(', ')}`);
    process.exit(2);
  }
  writeYear({ topicPrefix: flags['topic-prefix'], profile, seed: number('seed') ?? 1, year: number('year'), days: number('days'), tickets: number('tickets'), routineVisits: number('visits'), brokers: flags.brokers })
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(`[year] ${error.message}`);
      process.exit(1);
    });
}
