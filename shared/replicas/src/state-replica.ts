import { randomUUID } from 'node:crypto';
import {
  ConsumerGroup,
  EventDispatcher,
  eventHandlers,
  retryRetriableKafka,
  type EventDefinition,
  type EventLogger,
  type EventMeta,
  type PoisonSink,
} from '@steward/events';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { z } from 'zod';

export interface StateReplicaOptions<TSchema extends z.ZodType> {
  kafka: Kafka;
  /** The state event kept per key, e.g. orgUnitState; its topic is read. */
  definition: EventDefinition<string, TSchema>;
  /** Identifies the replica in consumer-group names and logs, e.g. 'tickets'. */
  owner: string;
  logger: EventLogger;
  /** Called after each change is applied (after the initial load too). */
  onChange?: (key: string, value: z.output<TSchema> | undefined) => void;
}

/** A position on a topic: a message's partition and offset (int64 as a decimal string). */
export interface TopicPosition {
  partition: number;
  offset: string;
}

/** How far a replica has read its topic. */
export interface ReplicaProgress {
  /**
   * Resolves once the message at `position`, or a later one of its partition,
   * has been applied; rejects after `timeoutMs`.
   */
  whenApplied(position: TopicPosition, timeoutMs: number): Promise<void>;
}

interface ProgressWaiter {
  position: { partition: number; offset: bigint };
  resolve: () => void;
}

/**
 * A local, in-memory copy of a compacted state topic: every key's latest value.
 * It reads the topic from offset 0 at every start (a throwaway consumer group
 * that never commits), so a fresh process always converges to the topic's
 * state, then follows new records. `start()` resolves once everything that
 * was on the topic when it started has been applied.
 *
 * Built on the consumer runtime of @steward/events (its ConsumerGroup and
 * EventDispatcher): records are decoded and validated like every consumed
 * event, but a record that does not validate is logged and skipped (the
 * previous value stays) rather than dead-lettered: the group is throwaway,
 * and every process would park the same record again at each start.
 */
export class StateReplica<TSchema extends z.ZodType> implements ReplicaProgress {
  private readonly values = new Map<string, z.output<TSchema>>();
  /** the offset of the last message applied, per partition */
  private readonly applied = new Map<number, bigint>();
  private waiters: ProgressWaiter[] = [];
  private group: ConsumerGroup | undefined;

  constructor(private readonly options: StateReplicaOptions<TSchema>) {}

  get size(): number {
    return this.values.size;
  }

  get(key: string): z.output<TSchema> | undefined {
    return this.values.get(key);
  }

  entries(): IterableIterator<[string, z.output<TSchema>]> {
    return this.values.entries();
  }

  /**
   * Resolves once the message at `position` (or a later one of its partition)
   * has been applied, so the replica holds that state of its key or a newer
   * one. Another consumer of the same topic uses it to act only on what the
   * process's own replica already knows.
   */
  whenApplied(position: TopicPosition, timeoutMs: number): Promise<void> {
    const wanted = { partition: position.partition, offset: BigInt(position.offset) };
    if (this.hasApplied(wanted)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: ProgressWaiter = {
        position: wanted,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`The ${this.options.definition.topic} replica did not reach offset ${position.offset} of partition ${position.partition} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async start(): Promise<void> {
    const { kafka, definition, owner, logger } = this.options;
    const topic = definition.topic;
    const admin = kafka.admin();
    await admin.connect();
    const endOffsets = await retryRetriableKafka(() => admin.fetchTopicOffsets(topic)).finally(() => admin.disconnect());
    const pending = new Map(
      endOffsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );

    let markCaughtUp: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    if (pending.size === 0) markCaughtUp();

    const groupId = `${owner}.replica.${topic}.${randomUUID()}`;
    const dispatcher = new EventDispatcher({
      handlers: eventHandlers().on(definition, async (event, meta) => this.set(meta, event.data)),
      onTombstone: async (meta) => this.set(meta, undefined),
      poison: this.skipRecords,
      maxRetries: 0,
      groupId,
      logger,
    });
    const afterEach = (partition: number, offset: string) => {
      this.markApplied(partition, BigInt(offset));
      const end = pending.get(partition);
      if (end !== undefined && BigInt(offset) + 1n >= end) {
        pending.delete(partition);
        if (pending.size === 0) markCaughtUp();
      }
    };
    this.group = new ConsumerGroup({
      kafka,
      groupId,
      topics: [topic],
      fromBeginning: true,
      consumerConfig: { sessionTimeout: 30_000, heartbeatInterval: 3_000 },
      // `caughtUp` below is what start() waits for
      waitForJoin: false,
      logger,
      eachBatch: (payload) => this.readBatch(payload, dispatcher, afterEach),
    });
    await this.group.start();
    await caughtUp;
    logger.info({ topic, keys: this.values.size }, 'state replica loaded');
  }

  async stop(): Promise<void> {
    await this.group?.stop();
    this.group = undefined;
  }

  /** Applies a batch in order; nothing is committed, the offsets are only resolved so the consumer reads on. */
  private async readBatch(
    payload: EachBatchPayload,
    dispatcher: EventDispatcher,
    afterEach: (partition: number, offset: string) => void,
  ): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      if (!(await dispatcher.dispatch(message, batch.topic, batch.partition, payload))) return;
      resolveOffset(message.offset);
      afterEach(batch.partition, message.offset);
    }
    await heartbeat();
  }

  /** A record that does not validate is skipped: the previous value of its key stays. */
  private readonly skipRecords: PoisonSink = {
    park: async (message, source, reason, error) => {
      this.options.logger.error({ ...source, key: message.key?.toString(), reason, error }, 'invalid state record skipped');
    },
  };

  private hasApplied(position: { partition: number; offset: bigint }): boolean {
    const applied = this.applied.get(position.partition);
    return applied !== undefined && applied >= position.offset;
  }

  private markApplied(partition: number, offset: bigint): void {
    this.applied.set(partition, offset);
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((waiter) => this.hasApplied(waiter.position));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  /** The latest value of the record's key; `undefined` (a tombstone) deletes it. Records without a key are ignored. */
  private set({ key }: EventMeta, value: z.output<TSchema> | undefined): void {
    if (!key) return;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.options.onChange?.(key, value);
  }
}
