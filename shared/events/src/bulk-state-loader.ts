import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { refusedDuplicates } from './duplicate-key';
import type { EventEnvelope } from './envelope';
import { toKafkaMessage } from './producer';
import { ensureTopics, stateTopicSpec } from './topics';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Collection, Document, OptionalId } from 'mongodb';

/**
 * Loads NDJSON records into one collection in batches and publishes each
 * record's state event straight to its compacted topic (the outbox relay would
 * take hours for a city). Ids are given by the records, so a re-run inserts
 * nothing new: records already stored are left as they are and their stored
 * state is republished instead (plain inserts, because FerretDB 1.24 answers
 * an upsert in tens of milliseconds and an insert batch in a fraction of one).
 */
export interface BulkLoadOptions<TRecord, TDoc extends Document> {
  label: string;
  file: string;
  collection: Collection<Document>;
  kafkaBrokers: string[];
  topic: string;
  batchSize: number;
  /** insert batches written at once (FerretDB converts documents in parallel, SQLite commits them in turn) */
  concurrency?: number;
  toDocument: (record: TRecord, now: Date) => TDoc;
  stateOf: (doc: TDoc) => EventEnvelope;
}

export interface BulkLoadSummary {
  label: string;
  read: number;
  inserted: number;
  existing: number;
  conflicts: number;
  published: number;
  seconds: number;
}

class Progress {
  private readonly startedAt = Date.now();
  private lastPrint = 0;

  constructor(private readonly label: string) {}

  print(done: number, events: number, final = false): void {
    const now = Date.now();
    if (!final && now - this.lastPrint < 250) return;
    this.lastPrint = now;
    const seconds = (now - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    process.stderr.write(`\r[${this.label}] ${done} docs, ${events} events, ${rate} docs/s, ${seconds.toFixed(1)} s   ${final ? '\n' : ''}`);
  }
}

async function connectProducer(brokers: string[], topic: string): Promise<Producer> {
  const kafka = new Kafka({ clientId: 'steward-seed', brokers, logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, [stateTopicSpec(topic)]);
  // the services' partitioner (murmur2), so a key lands where the service would put it and compaction keeps one value per key
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return producer;
}

export async function bulkLoad<TRecord, TDoc extends Document & { _id: string }>(options: BulkLoadOptions<TRecord, TDoc>): Promise<BulkLoadSummary> {
  const startedAt = Date.now();
  const producer = await connectProducer(options.kafkaBrokers, options.topic);
  const progress = new Progress(options.label);
  const summary: BulkLoadSummary = { label: options.label, read: 0, inserted: 0, existing: 0, conflicts: 0, published: 0, seconds: 0 };
  const duplicates = new Set<string>();
  let sending: Promise<unknown> = Promise.resolve();
  let queued = 0;

  // Sends run one after another (idempotent producer) behind the inserts; a long queue makes the writers wait.
  const publish = async (envelopes: EventEnvelope[]): Promise<void> => {
    if (envelopes.length === 0) return;
    const messages = envelopes.map(toKafkaMessage);
    const previous = sending;
    queued += 1;
    sending = previous.then(async () => {
      await producer.send({ topic: options.topic, acks: -1, messages });
      queued -= 1;
      summary.published += messages.length;
    });
    if (queued > 4) await previous;
  };

  const flush = async (batch: TDoc[]): Promise<void> => {
    let failed = new Set<number>();
    try {
      // string ids: the driver types assume ObjectId
      await options.collection.insertMany(batch as unknown as OptionalId<Document>[], { ordered: false });
    } catch (error) {
      const refused = refusedDuplicates(error);
      if (!refused) throw error;
      failed = refused;
    }
    const inserted = batch.filter((_, i) => !failed.has(i));
    for (const i of failed) duplicates.add(batch[i]._id);
    summary.inserted += inserted.length;
    await publish(inserted.map(options.stateOf));
    progress.print(summary.inserted + duplicates.size, summary.published);
  };

  const lines = createInterface({ input: createReadStream(options.file, 'utf8'), crlfDelay: Infinity });
  const now = new Date();
  const writing = new Set<Promise<void>>();
  const schedule = async (docs: TDoc[]): Promise<void> => {
    const write: Promise<void> = flush(docs).finally(() => writing.delete(write));
    writing.add(write);
    if (writing.size >= (options.concurrency ?? 3)) await Promise.race(writing);
  };
  let batch: TDoc[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    batch.push(options.toDocument(JSON.parse(line) as TRecord, now));
    summary.read += 1;
    if (batch.length >= options.batchSize) {
      await schedule(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await schedule(batch);
  await Promise.all(writing);

  // Records already stored (an earlier run, or changed since through the API): republish what is stored, not what was generated.
  if (duplicates.size > 0) {
    let found: EventEnvelope[] = [];
    for await (const doc of options.collection.find({})) {
      const stored = doc as unknown as TDoc;
      if (!duplicates.has(stored._id)) continue;
      duplicates.delete(stored._id);
      summary.existing += 1;
      found.push(options.stateOf(stored));
      if (found.length >= options.batchSize) {
        await publish(found);
        found = [];
        progress.print(summary.read, summary.published);
      }
    }
    if (found.length > 0) await publish(found);
    // an id not stored: the insert collided on another unique key (division code, phone)
    summary.conflicts = duplicates.size;
  }
  await sending;
  await producer.disconnect();
  progress.print(summary.read, summary.published, true);
  summary.seconds = (Date.now() - startedAt) / 1000;
  return summary;
}

/** `--name value` pairs and positional arguments. */
export function parseArgs(argv: string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) flags.set(arg.slice(2), 'true');
      else {
        flags.set(arg.slice(2), next);
        i += 1;
      }
    } else positional.push(arg);
  }
  return { flags, positional };
}

export interface Connections {
  mongoUrl: string;
  dbName: string;
  brokers: string[];
  batchSize: number;
}

/** Flags first, then the services' environment variables, then local defaults. */
export function connectionsFrom(flags: Map<string, string>, serviceName: string): Connections {
  return {
    mongoUrl: flags.get('mongo-url') ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true',
    dbName: flags.get('db') ?? process.env.MONGO_DB ?? `steward_${serviceName}`,
    brokers: (flags.get('brokers') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
    batchSize: Number(flags.get('batch') ?? 1000),
  };
}
