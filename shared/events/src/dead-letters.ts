import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS } from './kafka-headers';
import { ensureTopics, type TopicSpec } from './topics';
import { TRACEPARENT_HEADER, headerText } from './tracing';

/**
 * Operating the dead-letter topics (`<topic>.dlq`): list what sits there and
 * why, and re-drive chosen messages (or all) to the topic they came from.
 * Re-driving publishes the original key, value and headers again (the
 * `dlq-*` headers dropped, `dlq-redriven-from` added); consumers are
 * idempotent, so a message re-driven twice, or one whose first delivery did
 * take effect, changes nothing more. Every re-drive is recorded on the
 * compacted topic `steward.dlq.redrives` (key `<dlq topic>/<partition>/<offset>`:
 * when, by whom, how often), which the listing joins. Messages are never
 * removed from a dead-letter topic (they age out after its 30 days).
 */
export const REDRIVE_LOG_TOPIC = 'steward.dlq.redrives';
export const HEADER_REDRIVEN_FROM = 'dlq-redriven-from';
const DLQ_SUFFIX = '.dlq';

const redriveLogSpec: TopicSpec = {
  name: REDRIVE_LOG_TOPIC,
  partitions: 1,
  config: { 'cleanup.policy': 'compact' },
};

export interface RedriveRecord {
  /** `<dlq topic>/<partition>/<offset>` */
  letter: string;
  to: string;
  at: string;
  by: string;
  /** how often it was re-driven so far */
  times: number;
}

export interface DeadLetter {
  /** `<dlq topic>/<partition>/<offset>`: what `redrive` takes */
  id: string;
  dlqTopic: string;
  partition: number;
  offset: string;
  /** when it was parked */
  parkedAt: string;
  key: string | null;
  reason: string;
  error: string;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  consumerGroup: string | null;
  /** the event's type and id when the value is an envelope */
  eventType: string | null;
  eventId: string | null;
  traceparent: string | null;
  /** the last re-drive, if any */
  redriven: RedriveRecord | null;
  /** the message as parked (for re-driving) */
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>;
}

/** The dead-letter topics on the brokers, or those of `topics` (given as `<topic>` or `<topic>.dlq`). */
export async function deadLetterTopics(kafka: Kafka, topics: readonly string[] = []): Promise<string[]> {
  if (topics.length > 0) return topics.map((topic) => (topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`));
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => topic.endsWith(DLQ_SUFFIX)).sort();
  } finally {
    await admin.disconnect();
  }
}

interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * Every message of `topics` up to their end offsets at the time of the call,
 * read with a throwaway consumer group that commits nothing.
 */
export async function readTopicsToEnd(kafka: Kafka, topics: readonly string[], timeoutMs = 60_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      for (const { partition, high, low } of offsets) if (BigInt(high) > BigInt(low)) remaining.set(`${topic}/${partition}`, BigInt(high));
    }
  } finally {
    await admin.disconnect();
  }
  if (remaining.size === 0) return [];
  const read: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: `steward.dlq-tool.${randomUUID()}`, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
  await consumer.connect();
  try {
    const partitions = new Set(remaining.keys());
    await consumer.subscribe({ topics: [...new Set([...partitions].map((key) => key.slice(0, key.lastIndexOf('/'))))], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topics.join(', ')} did not reach their ends within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const key = `${topic}/${partition}`;
            const end = remaining.get(key);
            if (end === undefined || BigInt(message.offset) >= end) return;
            read.push({ topic, partition, message });
            if (BigInt(message.offset) + 1n >= end) partitions.delete(key);
            if (partitions.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** The last record of each re-driven letter. */
async function readRedriveLog(kafka: Kafka): Promise<Map<string, RedriveRecord>> {
  const records = new Map<string, RedriveRecord>();
  for (const { message } of await readTopicsToEnd(kafka, [REDRIVE_LOG_TOPIC])) {
    if (!message.value) continue;
    try {
      const record = JSON.parse(message.value.toString('utf8')) as RedriveRecord;
      records.set(record.letter, record);
    } catch {
      // not ours: skipped
    }
  }
  return records;
}

function envelopeFields(value: Buffer | null): { eventType: string | null; eventId: string | null; traceparent: string | null } {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? 'null') as { type?: unknown; id?: unknown; traceparent?: unknown } | null;
    return {
      eventType: typeof parsed?.type === 'string' ? parsed.type : null,
      eventId: typeof parsed?.id === 'string' ? parsed.id : null,
      traceparent: typeof parsed?.traceparent === 'string' ? parsed.traceparent : null,
    };
  } catch {
    return { eventType: null, eventId: null, traceparent: null };
  }
}

/** What sits in the dead-letter topics (all, or those of `topics`), oldest first per topic, with the reason and any re-drive. */
export async function listDeadLetters(kafka: Kafka, topics: readonly string[] = []): Promise<DeadLetter[]> {
  const dlqTopics = await deadLetterTopics(kafka, topics);
  const [messages, redrives] = await Promise.all([readTopicsToEnd(kafka, dlqTopics), readRedriveLog(kafka)]);
  return messages
    .map(({ topic, partition, message }): DeadLetter => {
      const headers = message.headers as Record<string, unknown> | undefined;
      const text = (name: string) => headerText(headers, name) ?? null;
      const id = `${topic}/${partition}/${message.offset}`;
      const fields = envelopeFields(message.value);
      const originalPartition = text(DLQ_HEADERS.originalPartition);
      return {
        id,
        dlqTopic: topic,
        partition,
        offset: message.offset,
        parkedAt: new Date(Number(message.timestamp)).toISOString(),
        key: message.key?.toString('utf8') ?? null,
        reason: text(DLQ_HEADERS.reason) ?? 'unknown',
        error: text(DLQ_HEADERS.error) ?? '',
        originalTopic: text(DLQ_HEADERS.originalTopic) ?? topic.slice(0, -DLQ_SUFFIX.length),
        originalPartition: originalPartition === null ? null : Number(originalPartition),
        originalOffset: text(DLQ_HEADERS.originalOffset),
        consumerGroup: text(DLQ_HEADERS.consumerGroup),
        ...fields,
        traceparent: text(TRACEPARENT_HEADER) ?? fields.traceparent,
        redriven: redrives.get(id) ?? null,
        message: { key: message.key, value: message.value, headers: message.headers },
      };
    })
    .sort((a, b) => a.dlqTopic.localeCompare(b.dlqTopic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** The headers a re-driven message carries: the original ones, without the dead-letter headers, plus where it came from. */
export function redrivenHeaders(headers: IHeaders | undefined, letterId: string): IHeaders {
  const dlqHeaders = new Set<string>(Object.values(DLQ_HEADERS));
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !dlqHeaders.has(name)));
  return { ...kept, [HEADER_REDRIVEN_FROM]: letterId };
}

/**
 * Publishes each letter again to its original topic (same key, so the same
 * partition and order per aggregate; acks=all) and records the re-drives.
 * Returns the records written.
 */
export async function redriveDeadLetters(
  kafka: Kafka,
  letters: readonly DeadLetter[],
  options: { by: string; replicationFactor?: number },
): Promise<RedriveRecord[]> {
  if (letters.length === 0) return [];
  await ensureTopics(kafka, [redriveLogSpec], { replicationFactor: options.replicationFactor ?? 1 });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const at = new Date().toISOString();
    const records = letters.map(
      (letter): RedriveRecord => ({ letter: letter.id, to: letter.originalTopic, at, by: options.by, times: (letter.redriven?.times ?? 0) + 1 }),
    );
    const byTopic = new Map<string, { key: Buffer | string | null; value: Buffer | null; headers: IHeaders }[]>();
    for (const letter of letters) {
      const messages = byTopic.get(letter.originalTopic) ?? [];
      messages.push({ key: letter.message.key, value: letter.message.value, headers: redrivenHeaders(letter.message.headers, letter.id) });
      byTopic.set(letter.originalTopic, messages);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    await producer.send({
      topic: REDRIVE_LOG_TOPIC,
      acks: -1,
      messages: records.map((record) => ({ key: record.letter, value: JSON.stringify(record) })),
    });
    return records;
  } finally {
    await producer.disconnect();
  }
}
