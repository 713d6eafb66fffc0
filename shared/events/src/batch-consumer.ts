import type { EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { ConsumerGroup, type ConsumerSettings } from './consumer-group';
import { decodeEventMessage } from './decode-message';
import type { EventDefinition, EventOf } from './define-event';
import { DeadLetterQueue } from './dlq';
import { type EventEnvelope, isEventIn } from './envelope';
import type { DlqReason } from './kafka-headers';
import { withLogContext } from './log-context';
import { silentLogger } from './logger';
import { TRACEPARENT_HEADER, endSpan, headerText, inConsumerSpan, startConsumerSpan, traceIdOf } from './tracing';

/** A decoded event and the offset of its message. */
export interface PositionedEvent<TEvent = EventEnvelope> {
  event: TEvent;
  offset: number;
}

/** Consecutive messages of one partition. */
export interface EventChunk<TEvent> {
  topic: string;
  partition: number;
  /** the valid events of the consumer's definitions, in offset order */
  events: PositionedEvent<TEvent>[];
  /** every message of the chunk as received (poison and passed-over ones too) */
  messages: KafkaMessage[];
}

/** A committed position: the next offset the group reads from a partition. */
export interface CommitPosition {
  topic: string;
  partition: number;
  offset: bigint;
}

/** What a batch consumer's callbacks are given. */
export interface BatchContext {
  /** keeps the group membership during long work */
  heartbeat(): Promise<void>;
  /** commits these positions now (any partitions this consumer has read) */
  commit(positions: readonly CommitPosition[]): Promise<void>;
}

/** Messages that cannot be decoded, for the DLQ. */
export interface PoisonMessage {
  message: KafkaMessage;
  reason: Exclude<DlqReason, 'handler-failed'>;
  error: string;
}

export interface EventBatchConsumerOptions<TDefinition extends EventDefinition> extends ConsumerSettings {
  /** the event definitions the consumer applies; valid events of other types are passed over */
  events: readonly TDefinition[];
  /**
   * Stores the effect of a chunk. It must apply once in effect however often
   * (and however split into chunks) messages are delivered, e.g. with
   * per-partition watermarks (idempotency.ts). A throw fails the batch: it
   * is neither dead-lettered nor committed, and kafkajs delivers it again.
   */
  applyChunk(chunk: EventChunk<EventOf<TDefinition>>, context: BatchContext): Promise<void>;
  /**
   * 'chunk' (default): each chunk's offsets are committed once `applyChunk`
   * resolved. 'manual': the consumer commits through `context.commit` (e.g.
   * after writing a round of chunks kept in memory).
   */
  commit?: 'chunk' | 'manual';
  /** after every chunk of a batch was applied (not when the consumer stopped midway) */
  afterBatch?(context: BatchContext): Promise<void>;
  /** true: the consumer cannot go on; chunks are left undelivered (unresolved) until it is stopped */
  halted?(): boolean;
  /** at most this many messages per chunk; default 5000 */
  chunkSize?: number;
  /** producer for `<topic>.dlq`; when absent the consumer creates (and closes) its own */
  dlqProducer?: Producer;
}

/**
 * The batch mode of the consumer runtime: each kafkajs batch is cut into
 * chunks of one partition; each chunk is decoded and validated, applied in
 * one call, its poison parked on `<topic>.dlq`, then its offsets resolved and
 * (unless commits are manual) committed. A crash anywhere before the commit
 * delivers the chunk again. There are no per-message retries: a chunk whose
 * effect cannot be stored fails the batch (skipping events would corrupt
 * what the chunk feeds, e.g. counters).
 */
export class EventBatchConsumer<TDefinition extends EventDefinition> {
  private readonly group: ConsumerGroup;
  private readonly deadLetters: DeadLetterQueue;
  private readonly committed = new Map<string, bigint>();

  constructor(private readonly options: EventBatchConsumerOptions<TDefinition>) {
    const logger = options.logger ?? silentLogger;
    this.deadLetters = new DeadLetterQueue({ kafka: options.kafka, groupId: options.groupId, producer: options.dlqProducer, logger, observer: options.observer });
    this.group = new ConsumerGroup({ ...options, logger, deadLetters: this.deadLetters, eachBatch: (payload) => this.processBatch(payload) });
  }

  /** Connects, subscribes and runs; resolves once the consumer has joined its group. */
  async start(): Promise<void> {
    await this.group.start();
  }

  /** Leaves the group and disconnects; what was not committed is delivered again later. */
  async stop(): Promise<void> {
    await this.group.stop();
  }

  /** The next offset to read from a partition, as far as this instance has committed. */
  committedPosition(topic: string, partition: number): bigint | undefined {
    return this.committed.get(`${topic}:${partition}`);
  }

  /** The events of the consumer's definitions in `messages`, and the poison among them. */
  decode(messages: readonly KafkaMessage[]): { events: PositionedEvent<EventOf<TDefinition>>[]; poison: PoisonMessage[] } {
    const events: PositionedEvent<EventOf<TDefinition>>[] = [];
    const poison: PoisonMessage[] = [];
    for (const message of messages) {
      const decoded = decodeEventMessage(message.value);
      if (!decoded.ok) poison.push({ message, reason: decoded.reason, error: decoded.error });
      else if (isEventIn(this.options.events, decoded.event)) events.push({ event: decoded.event, offset: Number(message.offset) });
    }
    return { events, poison };
  }

  /**
   * Applies a chunk inside a CONSUMER span per event that carries a trace
   * (each a child of its own event's publish span, so every such event's
   * trace shows this consumer), the work itself running in the first one's;
   * events without a trace (a replay of old history) get no span of their
   * own. Counts the handled events.
   */
  private async applyTraced(chunk: EventChunk<EventOf<TDefinition>>, context: BatchContext): Promise<void> {
    const { groupId, observer } = this.options;
    const { topic, partition } = chunk;
    const headersByOffset = new Map(chunk.messages.map((message) => [message.offset, message.headers]));
    const traced = chunk.events
      .map(({ event, offset }) => ({
        topic,
        partition,
        offset: String(offset),
        groupId,
        envelope: event,
        headerTraceparent: headerText(headersByOffset.get(String(offset)), TRACEPARENT_HEADER),
      }))
      .filter((event) => event.headerTraceparent !== undefined || event.envelope.traceparent !== undefined);
    const [first, ...others] = traced;
    if (!first) {
      await this.options.applyChunk(chunk, context);
    } else {
      const otherSpans = others.map((event) => startConsumerSpan(event));
      try {
        await withLogContext({ traceId: traceIdOf(first.headerTraceparent ?? first.envelope.traceparent), eventId: first.envelope.id }, () =>
          inConsumerSpan(first, () => this.options.applyChunk(chunk, context)),
        );
        for (const span of otherSpans) endSpan(span);
      } catch (error) {
        for (const span of otherSpans) endSpan(span, error);
        throw error;
      }
    }
    for (const { event } of chunk.events) observer?.handled(groupId, topic, event.type, event.time);
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const context: BatchContext = {
      heartbeat,
      commit: async (positions) => {
        const byTopic = new Map<string, { partition: number; offset: string }[]>();
        for (const { topic, partition, offset } of positions) {
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset: offset.toString() }]);
        }
        await commitOffsetsIfNecessary({ topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
        for (const { topic, partition, offset } of positions) this.committed.set(`${topic}:${partition}`, offset);
      },
    };
    const size = this.options.chunkSize ?? 5_000;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale() || this.options.halted?.()) return;
      const messages = batch.messages.slice(start, start + size);
      const { events, poison } = this.decode(messages);
      await this.applyTraced({ topic, partition, events, messages }, context);
      for (const { message, reason, error } of poison) {
        await this.deadLetters.park(message, { topic, partition, offset: message.offset }, reason, error);
      }
      const last = messages[messages.length - 1].offset;
      resolveOffset(last);
      if (this.options.commit !== 'manual') await context.commit([{ topic, partition, offset: BigInt(last) + 1n }]);
      await heartbeat();
    }
    await this.options.afterBatch?.(context);
  }
}
