import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import type { EventLogger } from './logger';
import { silentLogger } from './logger';
import { retryRetriableKafka } from './kafka-retry';
import { dlqTopicOf, isCatalogueTopic, topicKinds, type TopicKind } from './topic-catalogue';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** when absent, ensureTopics uses its `replicationFactor` option (default 1) */
  replicationFactor?: number;
  /** topic-level configs, e.g. { 'cleanup.policy': 'compact' } */
  config: Readonly<Record<string, string>>;
}

export const EVENT_TOPIC_PARTITIONS = 6;
export const DLQ_TOPIC_PARTITIONS = 1;
export const DLQ_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** An event topic: the permanent record (retention.ms=-1). */
export function eventTopicSpec(name: string): TopicSpec {
  return {
    name,
    partitions: EVENT_TOPIC_PARTITIONS,
    config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' },
  };
}

/** A compacted state topic: the latest value per key. */
export function stateTopicSpec(name: string): TopicSpec {
  return { name, partitions: EVENT_TOPIC_PARTITIONS, config: { 'cleanup.policy': 'compact' } };
}

/** The dead-letter topic of `topic`: one partition, kept 30 days. */
export function dlqTopicSpec(topic: string): TopicSpec {
  return {
    name: dlqTopicOf(topic),
    partitions: DLQ_TOPIC_PARTITIONS,
    config: { 'cleanup.policy': 'delete', 'retention.ms': String(DLQ_RETENTION_MS) },
  };
}

export function topicSpecOfKind(name: string, kind: TopicKind): TopicSpec {
  return kind === 'events' ? eventTopicSpec(name) : stateTopicSpec(name);
}

/**
 * The specs of catalogue topics, each followed by its dead-letter topic.
 * Throws for a name that is not in the catalogue.
 */
export function topicSpecsFor(...topicNames: string[]): TopicSpec[] {
  return topicNames.flatMap((name) => {
    if (!isCatalogueTopic(name)) {
      throw new Error(`Topic "${name}" is not in the @steward/events catalogue`);
    }
    return [topicSpecOfKind(name, topicKinds[name]), dlqTopicSpec(name)];
  });
}

export interface EnsureTopicsOptions {
  /** used for specs without their own replicationFactor; default 1 */
  replicationFactor?: number;
  /** broker-side creation timeout; default 10 s */
  timeoutMs?: number;
  logger?: EventLogger;
}

/**
 * Creates the topics that do not exist yet, with their configs, and waits for
 * their partition leaders. Idempotent, and safe when several processes race to
 * create the same topics: a TOPIC_ALREADY_EXISTS from the broker is not an
 * error. Existing topics are left as they are (their configs are not altered).
 * Returns the names of the topics that were missing when this call looked
 * (created by it, or by a racing creator).
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await retryRetriableKafka(() => admin.listTopics(), timeoutMs));
    const missing = topics.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return [];

    const requested: ITopicConfig[] = missing.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: spec.replicationFactor ?? options.replicationFactor ?? 1,
      configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
    }));
    const names = missing.map((spec) => spec.name);
    // kafkajs' own leader wait gives up on UNKNOWN_TOPIC_OR_PARTITION while a
    // freshly started broker (or a racing creator) is still propagating
    // metadata, so we create without it and wait for the leaders ourselves.
    await createTolerantly(admin, requested, timeoutMs);
    await waitForLeaders(admin, names, timeoutMs);
    logger.info({ topics: names }, 'kafka topics ensured');
    return names;
  } finally {
    await admin.disconnect();
  }
}

async function createTolerantly(admin: Admin, requested: ITopicConfig[], timeoutMs: number): Promise<void> {
  await retryRetriableKafka(async () => {
    try {
      await admin.createTopics({ topics: requested, waitForLeaders: false, timeout: timeoutMs });
    } catch (error) {
      // TOPIC_ALREADY_EXISTS: another process won the race, which is fine.
      if (!isTopicAlreadyExists(error)) throw error;
    }
  }, timeoutMs);
}

async function waitForLeaders(admin: Admin, topicNames: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: topicNames });
      const ready = topics.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (ready) return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    if (Date.now() >= deadline) throw new Error(`Timed out waiting for leaders of ${topicNames.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isTopicAlreadyExists(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { type?: unknown; errors?: unknown; cause?: unknown; originalError?: unknown };
  if (candidate.type === 'TOPIC_ALREADY_EXISTS') return true;
  if (Array.isArray(candidate.errors) && candidate.errors.length > 0) {
    return candidate.errors.every((inner) => isTopicAlreadyExists(inner));
  }
  return isTopicAlreadyExists(candidate.cause) || isTopicAlreadyExists(candidate.originalError);
}
