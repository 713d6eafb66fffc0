import { type EventLogger, retryRetriableKafka, silentLogger } from '@steward/events';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { newGeneration, projectionGroupId } from '../persistence/generation';
import { switchGeneration } from '../persistence/generation.store';
import { ProjectionConsumer } from '../events/projection-consumer';
import { ProjectionStore } from '../persistence/projection.store';
import { Projector } from '../events/projector';
import { WriteBehindStore } from '../persistence/write-behind';

const DEFAULT_ROUND_SIZE = 200_000;

export interface RebuildOptions {
  db: Db;
  kafka: Kafka;
  topics: string[];
  logger?: EventLogger;
  replicationFactor?: number;
  /** default: a fresh name */
  generation?: string;
  /** false: fill the generation but leave the pointer alone (tests, dry runs); default true */
  swap?: boolean;
  /** give up when not caught up after this long; default 1 h */
  timeoutMs?: number;
  /** messages per write round (each round writes every sheet it changed once); default 200,000 */
  roundSize?: number;
}

export interface RebuildResult {
  generation: string;
  previous: string | null;
  groupId: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Recomputes every derived collection from the topics: a fresh consumer group
 * reads them from offset 0 into fresh collections (a new generation) up to
 * the end offsets seen at the start, stops (its offsets committed), and then
 * points the service at the new generation. The running service notices the
 * pointer, stops its old consumer and continues with this group from where the
 * rebuild stopped, so nothing published meanwhile is lost or counted twice.
 * The rebuild is its generation's only writer, so it applies the messages to
 * sheets kept in memory and writes them in rounds (`roundSize` messages of
 * all partitions, then one replace per changed sheet and one commit).
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const logger = options.logger ?? silentLogger;
  const generation = options.generation ?? newGeneration();
  const groupId = projectionGroupId(options.db.databaseName, generation);
  const store = new ProjectionStore(options.db, generation);
  await store.ensureIndexes();

  const targets = await endOffsets(options.kafka, options.topics);
  // nobody else writes a fresh generation: its sheets can stay in memory between rounds
  const writeBehind = new WriteBehindStore(store);
  const consumer = new ProjectionConsumer({
    kafka: options.kafka,
    groupId,
    topics: options.topics,
    projector: new Projector(writeBehind),
    logger,
    replicationFactor: options.replicationFactor,
    rounds: { store: writeBehind, messages: options.roundSize ?? DEFAULT_ROUND_SIZE, until: targets },
  });
  const startedAt = Date.now();
  await consumer.start();
  try {
    const deadline = startedAt + (options.timeoutMs ?? 3_600_000);
    while (!targets.every(({ topic, partition, high }) => (consumer.committedPosition(topic, partition) ?? 0n) >= high)) {
      if (consumer.failed) throw consumer.failed;
      if (Date.now() > deadline) throw new Error(`rebuild of ${generation} did not catch up in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.stop();
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const previous = options.swap === false ? null : await switchGeneration(options.db, generation, groupId);
  const events = consumer.eventsApplied;
  logger.info({ generation, previous, events, seconds }, 'assessment rebuilt');
  return { generation, previous, groupId, events, seconds, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events };
}

async function endOffsets(kafka: Kafka, topics: string[]): Promise<{ topic: string; partition: number; high: bigint }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const perTopic = await Promise.all(
      topics.map(async (topic) => {
        const offsets = await retryRetriableKafka(() => admin.fetchTopicOffsets(topic));
        return offsets
          .filter((offset) => BigInt(offset.high) > BigInt(offset.low))
          .map((offset) => ({ topic, partition: offset.partition, high: BigInt(offset.high) }));
      }),
    );
    return perTopic.flat();
  } finally {
    await admin.disconnect();
  }
}
