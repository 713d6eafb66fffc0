import type { EachBatchPayload, Producer } from 'kafkajs';
import { ConsumerGroup, type ConsumerSettings } from './consumer-group';
import { DeadLetterQueue } from './dlq';
import { EventDispatcher, type TombstoneHandler } from './event-dispatcher';
import { type EventHandler, EventHandlers } from './event-handlers';
import { silentLogger } from './logger';

export interface EventConsumerRunnerOptions extends ConsumerSettings {
  /** the consumer's typed handlers, one per event definition (`eventHandlers().on(ticketDispatched, …)`) */
  handlers?: EventHandlers;
  /** or one untyped handler for every catalogue event (tools, tests); give `handlers` or `handler` */
  handler?: EventHandler;
  /** retries after the first failed handler call, then the message is dead-lettered; default 5 */
  maxRetries?: number;
  /** first retry delay, doubled each retry, capped at 5 s; default 200 ms */
  retryBackoffMs?: number;
  /** producer for `<topic>.dlq`; when absent the runner creates (and closes) its own */
  dlqProducer?: Producer;
  /**
   * Called for a message with a null value (a tombstone on a compacted state
   * topic: the key was deleted), with the same retries as the handlers.
   * Without it a tombstone is dead-lettered as 'invalid'.
   */
  onTombstone?: TombstoneHandler;
}

/**
 * Runs a consumer group over catalogue events with at-least-once delivery and
 * commits that follow the effect (the per-message mode of the consumer runtime):
 *
 * - messages of a partition are handled one by one, in order;
 * - each value is decoded and validated (envelope, then data against the
 *   catalogue schema of its type) and given to the handler of its type; a
 *   valid event without a handler is passed over; unknown types and invalid
 *   messages are poison and go to `<topic>.dlq` at once;
 * - a failing handler is retried with exponential backoff up to `maxRetries`
 *   times, then the message is dead-lettered ('handler-failed');
 * - only after the handler resolved (or the message was dead-lettered) is its
 *   offset resolved and committed, so a crash re-delivers at most the message
 *   in flight: handlers must be idempotent (see idempotency.ts).
 */
export class EventConsumerRunner {
  private readonly group: ConsumerGroup;

  constructor(options: EventConsumerRunnerOptions) {
    const { kafka, groupId } = options;
    const logger = options.logger ?? silentLogger;
    const deadLetters = new DeadLetterQueue({ kafka, groupId, producer: options.dlqProducer, logger, observer: options.observer });
    const dispatcher = new EventDispatcher({
      handlers: handlersOf(options),
      onTombstone: options.onTombstone,
      poison: deadLetters,
      maxRetries: options.maxRetries,
      retryBackoffMs: options.retryBackoffMs,
      groupId,
      logger,
      observer: options.observer,
    });
    this.group = new ConsumerGroup({ ...options, logger, deadLetters, eachBatch: (payload) => processBatch(payload, dispatcher) });
  }

  /** Connects, subscribes and runs; resolves once the consumer has joined its group. */
  async start(): Promise<void> {
    await this.group.start();
  }

  /** Leaves the group and disconnects; the message in flight, if any, is re-delivered later. */
  async stop(): Promise<void> {
    await this.group.stop();
  }
}

function handlersOf({ groupId, handlers, handler }: EventConsumerRunnerOptions): EventHandlers {
  if (handlers && !handler) return handlers;
  if (handler && !handlers) return new EventHandlers().onEvery(handler);
  throw new Error(`Consumer ${groupId}: give either handlers or handler`);
}

async function processBatch(payload: EachBatchPayload, dispatcher: EventDispatcher): Promise<void> {
  const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
  const { topic, partition } = batch;
  for (const message of batch.messages) {
    if (!isRunning() || isStale()) return;
    const done = await dispatcher.dispatch(message, topic, partition, payload);
    if (!done) return; // stopped while retrying: not committed, so it will be re-delivered
    resolveOffset(message.offset);
    // With autoCommit off, kafkajs commits only the offsets passed here.
    await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: nextOffset(message.offset) }] }] });
    await heartbeat();
  }
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
