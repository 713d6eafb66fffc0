import {
  type Consumer,
  type ConsumerConfig,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { retryBackoffMs } from './backoff';
import { decodeEventMessage } from './decode-message';
import { toDlqMessage } from './dlq';
import type { EventEnvelope } from './envelope';
import { errorMessage } from './errors';
import type { DlqReason } from './kafka-headers';
import { type EventLogger, silentLogger } from './logger';
import { dlqTopicOf } from './topic-catalogue';

export interface EventMeta {
  topic: string;
  partition: number;
  /** Kafka offset (int64 as a decimal string) */
  offset: string;
  key: string | null;
}

/** Stores the effect of one event. Must be idempotent: a message can be delivered more than once. */
export type EventHandler = (event: EventEnvelope, meta: EventMeta) => Promise<void>;

export interface EventConsumerRunnerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /** where a new group starts; default true (replaying a topic rebuilds state) */
  fromBeginning?: boolean;
  logger?: EventLogger;
  /** retries after the first failed handler call, then the message is dead-lettered; default 5 */
  maxRetries?: number;
  /** first retry delay, doubled each retry, capped at 5 s; default 200 ms */
  retryBackoffMs?: number;
  /** producer for `<topic>.dlq`; when absent the runner creates (and closes) its own */
  dlqProducer?: Producer;
  /** extra kafkajs consumer settings (sessionTimeout, heartbeatInterval, maxWaitTimeInMs, …) */
  consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /** how long start() waits to join the group; default 60 s */
  joinTimeoutMs?: number;
  /**
   * Called for a message with a null value (a tombstone on a compacted state
   * topic: the key was deleted), with the same retries as `handler`. Without
   * it a tombstone is dead-lettered as 'invalid'.
   */
  onTombstone?: (meta: EventMeta) => Promise<void>;
}

const HEARTBEAT_SLICE_MS = 1_000;

/**
 * Runs a consumer group over catalogue events with at-least-once delivery and
 * commits that follow the effect:
 *
 * - messages of a partition are handled one by one, in order;
 * - each value is decoded and validated (envelope, then data against the
 *   catalogue schema of its type); unknown types and invalid messages are
 *   poison and go to `<topic>.dlq` at once;
 * - a failing handler is retried with exponential backoff up to `maxRetries`
 *   times, then the message is dead-lettered ('handler-failed');
 * - only after the handler resolved (or the message was dead-lettered) is its
 *   offset resolved and committed, so a crash re-delivers at most the message
 *   in flight: handlers must be idempotent (see idempotency.ts).
 */
export class EventConsumerRunner {
  private readonly options: EventConsumerRunnerOptions;
  private readonly logger: EventLogger;
  private readonly maxRetries: number;
  private readonly baseBackoffMs: number;
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private ownsDlqProducer = false;

  constructor(options: EventConsumerRunnerOptions) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    this.maxRetries = options.maxRetries ?? 5;
    this.baseBackoffMs = options.retryBackoffMs ?? 200;
  }

  /** Connects, subscribes and runs; resolves once the consumer has joined its group. */
  async start(): Promise<void> {
    if (this.consumer) throw new Error(`Consumer ${this.options.groupId} already started`);
    const { kafka, groupId, topics } = this.options;

    this.ownsDlqProducer = !this.options.dlqProducer;
    const dlqProducer =
      this.options.dlqProducer ?? kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    if (this.ownsDlqProducer) await dlqProducer.connect();
    this.dlqProducer = dlqProducer;

    const consumer = kafka.consumer({ ...this.options.consumerConfig, groupId });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      this.logger.error(
        { err: event.payload.error, groupId, restart: event.payload.restart },
        'kafka consumer crashed',
      );
    });
    const { joined, cancel } = this.waitForFirstJoin(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.processBatch(payload),
      });
      await joined;
    } catch (error) {
      cancel();
      joined.catch(() => undefined);
      await this.stop().catch(() => undefined);
      throw error;
    }
    this.logger.info({ groupId, topics }, 'kafka consumer joined its group');
  }

  /** Leaves the group and disconnects; the message in flight, if any, is re-delivered later. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    if (consumer) await consumer.disconnect();
    if (this.dlqProducer && this.ownsDlqProducer) await this.dlqProducer.disconnect();
    this.dlqProducer = null;
  }

  /** Resolves on the first GROUP_JOIN; `cancel` drops the listeners and the timer. */
  private waitForFirstJoin(consumer: Consumer): { joined: Promise<void>; cancel: () => void } {
    const timeoutMs = this.options.joinTimeoutMs ?? 60_000;
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

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const done = await this.processMessage(topic, partition, message, payload);
      if (!done) return; // stopped while retrying: not committed, so it will be re-delivered
      resolveOffset(message.offset);
      // With autoCommit off, kafkajs commits only the offsets passed here.
      await commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: nextOffset(message.offset) }] }],
      });
      await heartbeat();
    }
  }

  /** Returns false when the consumer stopped before the message was dealt with. */
  private async processMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    payload: EachBatchPayload,
  ): Promise<boolean> {
    const source = { topic, partition, offset: message.offset };
    const meta: EventMeta = { ...source, key: message.key?.toString() ?? null };
    const { onTombstone } = this.options;
    if (message.value === null && onTombstone) {
      return this.runWithRetries(() => onTombstone(meta), message, source, 'tombstone', payload);
    }

    const decoded = decodeEventMessage(message.value);
    if (!decoded.ok) {
      await this.deadLetter(message, source, decoded.reason, decoded.error);
      return true;
    }
    const { event } = decoded;
    return this.runWithRetries(() => this.options.handler(event, meta), message, source, event.type, payload);
  }

  /** Runs `effect`, retrying with backoff; dead-letters the message when retries run out. */
  private async runWithRetries(
    effect: () => Promise<void>,
    message: KafkaMessage,
    source: { topic: string; partition: number; offset: string },
    type: string,
    payload: EachBatchPayload,
  ): Promise<boolean> {
    for (let retry = 0; ; retry += 1) {
      try {
        await effect();
        return true;
      } catch (error) {
        const context = { ...source, groupId: this.options.groupId, type, retry, err: error };
        if (retry >= this.maxRetries) {
          this.logger.error(context, 'event handler failed; giving up');
          await this.deadLetter(message, source, 'handler-failed', errorMessage(error));
          return true;
        }
        this.logger.warn(context, 'event handler failed; retrying');
        const stillRunning = await sleepWithHeartbeats(retryBackoffMs(retry + 1, this.baseBackoffMs), payload);
        if (!stillRunning) return false;
      }
    }
  }

  private async deadLetter(
    message: KafkaMessage,
    source: { topic: string; partition: number; offset: string },
    reason: DlqReason,
    error: string,
  ): Promise<void> {
    if (!this.dlqProducer) throw new Error('DLQ producer is not connected');
    const dlqTopic = dlqTopicOf(source.topic);
    await this.dlqProducer.send({ topic: dlqTopic, acks: -1, messages: [toDlqMessage(message, { ...source, groupId: this.options.groupId }, reason, error)] });
    this.logger.warn({ ...source, groupId: this.options.groupId, reason, error, dlqTopic }, 'message dead-lettered');
  }
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** Waits `ms`, heartbeating so a long backoff does not cost the group membership. */
async function sleepWithHeartbeats(ms: number, payload: EachBatchPayload): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!payload.isRunning() || payload.isStale()) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
    await payload.heartbeat();
  }
  return payload.isRunning() && !payload.isStale();
}
