import { randomUUID } from 'node:crypto';
import { retryRetriableKafka, validateEnvelope, type EventDefinition, type EventLogger } from '@steward/events';
import type { Consumer, Kafka } from 'kafkajs';
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
 */
export class StateReplica<TSchema extends z.ZodType> implements ReplicaProgress {
  private readonly values = new Map<string, z.output<TSchema>>();
  /** the offset of the last message applied, per partition */
  private readonly applied = new Map<number, bigint>();
  private waiters: ProgressWaiter[] = [];
  private consumer: Consumer | undefined;

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

    this.consumer = kafka.consumer({
      groupId: `${owner}.replica.${topic}.${randomUUID()}`,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const key = message.key?.toString();
        if (key) this.apply(key, message.value);
        this.markApplied(partition, BigInt(message.offset));
        const end = pending.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) {
          pending.delete(partition);
          if (pending.size === 0) markCaughtUp();
        }
      },
    });
    await caughtUp;
    logger.info({ topic, keys: this.values.size }, 'state replica loaded');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

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

  private apply(key: string, value: Buffer | null): void {
    if (value === null) {
      this.values.delete(key);
      this.options.onChange?.(key, undefined);
      return;
    }
    try {
      const envelope = validateEnvelope(this.options.definition, JSON.parse(value.toString('utf8')));
      this.values.set(key, envelope.data);
      this.options.onChange?.(key, envelope.data);
    } catch (error) {
      // A state record that does not validate is skipped: the previous value stays.
      this.options.logger.error({ err: error, key, topic: this.options.definition.topic }, 'invalid state record skipped');
    }
  }
}
