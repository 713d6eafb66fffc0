import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { DeadLetterQueue } from './dlq';
import { KAFKA_START_RETRY_MS, retryRetriableKafka } from './kafka-retry';
import type { ConsumerObserver } from './consumer-observer';
import { type EventLogger, silentLogger } from './logger';

/** What every consumer of the runtime is set up with. */
export interface ConsumerSettings {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** where a group without committed offsets starts; default true (replaying a topic rebuilds state) */
  fromBeginning?: boolean;
  /** extra kafkajs consumer settings (sessionTimeout, heartbeatInterval, maxBytes, …) */
  consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /**
   * how long start() waits to join the group; default 120 s: twice kafkajs's rebalance timeout, since a
   * member that starts beside another waits for it to rejoin, and on a loaded machine that takes a while
   */
  joinTimeoutMs?: number;
  logger?: EventLogger;
  /** told what the consumer handles, retries and dead-letters (metrics); default none */
  observer?: ConsumerObserver;
  /**
   * how many partitions' batches are handled at once (kafkajs `partitionsConsumedConcurrently`);
   * default 1. Order stays per partition, so per key; effects of different partitions must not
   * contend (e.g. visits of different tickets), or they only retry more
   */
  partitionsConsumedConcurrently?: number;
  /** after every (re)join of the group: the partitions this instance reads until the next rebalance */
  onAssignment?(assignment: PartitionAssignment): void;
}

/** The partitions of each topic assigned to one member of a group. */
export type PartitionAssignment = Readonly<Record<string, readonly number[]>>;

export interface ConsumerGroupOptions extends ConsumerSettings {
  /** false: start() resolves once the consumer runs, before it joined (a reader that waits for something else) */
  waitForJoin?: boolean;
  /** where the consumer parks poison: connected before the consumer, disconnected after it */
  deadLetters?: DeadLetterQueue;
  /**
   * One batch of one partition. Nothing is committed or resolved for it:
   * the caller resolves the offsets it dealt with (kafkajs fetches again
   * from the first unresolved one) and commits what its effects cover.
   */
  eachBatch(payload: EachBatchPayload): Promise<void>;
}

/**
 * The lower layer of the consumer runtime: one kafkajs consumer in a group
 * (and its dead-letter queue), connected, subscribed and running batches
 * with auto-commit and auto-resolve off, its crashes and assignments logged,
 * and `start()` resolving once the consumer joined its group (so "started"
 * means it reads), or failing cleanly (disconnected) when it cannot.
 *
 * Rebalances (an instance joins, leaves or dies): the group's members split
 * the partitions, so all messages of one key (one aggregate) are read by one
 * member at a time, in offset order. When a rebalance begins, the member's
 * next `heartbeat()` or commit inside the batch throws (REBALANCE_IN_PROGRESS,
 * or ILLEGAL_GENERATION once the new generation formed), which ends the batch:
 * the rest of a revoked partition's batch is not processed, and an offset is
 * committed only by the member of the current generation, only for messages
 * whose effect is stored. kafkajs rejoins only after the batch ended. The
 * partition's new owner starts at the last committed offset, so a message in
 * flight during the rebalance may be handled twice (once by each): handlers
 * are idempotent.
 */
export class ConsumerGroup {
  private consumer: Consumer | null = null;
  private readonly logger: EventLogger;

  constructor(private readonly options: ConsumerGroupOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    if (this.consumer) throw new Error(`Consumer ${this.options.groupId} already started`);
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({ ...this.options.consumerConfig, groupId });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      this.logger.error({ err: event.payload.error, groupId, restart: event.payload.restart }, 'kafka consumer crashed');
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment: PartitionAssignment = event.payload.memberAssignment;
      this.logger.info({ groupId, assignment }, 'kafka consumer assigned partitions');
      this.options.onAssignment?.(assignment);
    });
    const { joined, cancel } = this.options.waitForJoin === false ? { joined: Promise.resolve(), cancel: () => undefined } : this.waitForFirstJoin(consumer);
    try {
      // a broker that has just started may still be loading its group and transaction coordinators
      if (this.options.fromBeginning === false) await retryRetriableKafka(() => this.pinUncommittedPartitionsAtEnd(), KAFKA_START_RETRY_MS);
      const deadLetters = this.options.deadLetters;
      if (deadLetters) await retryRetriableKafka(() => deadLetters.connect(), KAFKA_START_RETRY_MS);
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.options.eachBatch(payload),
      });
      await joined;
    } catch (error) {
      cancel();
      joined.catch(() => undefined);
      await this.stop().catch(() => undefined);
      throw error;
    }
    if (this.options.waitForJoin !== false) this.logger.info({ groupId, topics }, 'kafka consumer joined its group');
    this.options.observer?.started(groupId, topics);
  }

  /**
   * A group that starts at the end (`fromBeginning: false`) commits the end
   * of every partition it has no offset for, before it joins. Without that, a
   * partition whose first owner died before committing anything would be
   * read by its next owner from the end of that moment, skipping what was
   * written in between. When another member already runs the group, Kafka
   * refuses the commit: that member made it when it started.
   */
  private async pinUncommittedPartitionsAtEnd(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId, topics });
      for (const { topic, partitions } of committed) {
        const uncommitted = new Set(partitions.filter(({ offset }) => Number(offset) < 0).map(({ partition }) => partition));
        if (uncommitted.size === 0) continue;
        const ends = await admin.fetchTopicOffsets(topic);
        const pinned = ends.filter(({ partition }) => uncommitted.has(partition)).map(({ partition, high }) => ({ partition, offset: high }));
        await admin.setOffsets({ groupId, topic, partitions: pinned }).catch((error: unknown) => {
          this.logger.info({ groupId, topic, reason: error instanceof Error ? error.message : String(error) }, 'kafka consumer: start offsets left to the running member');
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Leaves the group and disconnects; what was not committed is delivered again later. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    if (consumer) await consumer.disconnect();
    await this.options.deadLetters?.disconnect();
  }

  /** Resolves on the first GROUP_JOIN; `cancel` drops the listeners and the timer. */
  private waitForFirstJoin(consumer: Consumer): { joined: Promise<void>; cancel: () => void } {
    const timeoutMs = this.options.joinTimeoutMs ?? 120_000;
    let cancel: () => void = () => undefined;
    const joined = new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        removeJoin();
        removeCrash();
      };
      cancel = cleanup;
      const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
        cleanup();
        resolve();
      });
      const removeCrash = consumer.on(consumer.events.CRASH, (event) => {
        if (event.payload.restart) return;
        cleanup();
        reject(event.payload.error);
      });
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Consumer ${this.options.groupId} did not join its group within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    return { joined, cancel };
  }
}
