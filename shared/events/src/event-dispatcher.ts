import type { KafkaMessage } from 'kafkajs';
import { retryBackoffMs } from './backoff';
import { decodeEventMessage } from './decode-message';
import type { EventEnvelope } from './envelope';
import { errorMessage } from './errors';
import type { EventHandler, EventHandlers, EventMeta } from './event-handlers';
import type { DlqReason } from './kafka-headers';
import type { ConsumerObserver } from './consumer-observer';
import { withLogContext } from './log-context';
import { type EventLogger, silentLogger } from './logger';
import { TRACEPARENT_HEADER, headerText, inConsumerSpan, traceIdOf } from './tracing';

/** A message's place: its topic, partition and offset. */
export interface MessageSource {
  topic: string;
  partition: number;
  offset: string;
}

/** Where poison goes: `<topic>.dlq` (DeadLetterQueue) for a consumer group, or a log line for a replica. */
export interface PoisonSink {
  park(message: KafkaMessage, source: MessageSource, reason: DlqReason, error: string): Promise<void>;
}

/** What a batch handler of kafkajs is given to stay in its group (a subset of EachBatchPayload). */
export interface BatchControl {
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

/** Called for a null value: a tombstone on a compacted state topic (the key was deleted). */
export type TombstoneHandler = (meta: EventMeta) => Promise<void>;

/** What to do with one message, decided from its value alone. */
export type MessageRoute =
  | { action: 'handle'; event: EventEnvelope; handler: EventHandler }
  | { action: 'tombstone'; handler: TombstoneHandler }
  | { action: 'pass' }
  | { action: 'poison'; reason: Exclude<DlqReason, 'handler-failed'>; error: string };

/**
 * Decodes and validates `value` (decode-message.ts) and finds its handler:
 * a tombstone goes to `onTombstone` when the consumer has one (else it is
 * invalid), a valid event to its handler, or is passed over when the consumer
 * has none for its type; an unknown type or an invalid message is poison.
 */
export function routeMessage(value: Buffer | null, handlers: EventHandlers, onTombstone?: TombstoneHandler): MessageRoute {
  if (value === null && onTombstone) return { action: 'tombstone', handler: onTombstone };
  const decoded = decodeEventMessage(value);
  if (!decoded.ok) return { action: 'poison', reason: decoded.reason, error: decoded.error };
  const handler = handlers.handlerOf(decoded.event.type);
  return handler ? { action: 'handle', event: decoded.event, handler } : { action: 'pass' };
}

export interface EventDispatcherOptions {
  handlers: EventHandlers;
  /** without it a tombstone is poison ('invalid') */
  onTombstone?: TombstoneHandler;
  poison: PoisonSink;
  /** retries after the first failed handler call, then the message is poison ('handler-failed'); default 5 */
  maxRetries?: number;
  /** first retry delay, doubled each retry, capped at 5 s (backoff.ts); default 200 ms */
  retryBackoffMs?: number;
  /** names the consumer in logs */
  groupId: string;
  logger?: EventLogger;
  observer?: ConsumerObserver;
}

const HEARTBEAT_SLICE_MS = 1_000;

/**
 * Deals with one message of a partition: routes it, runs its handler with
 * retries and exponential backoff (heartbeating while it waits), and parks it
 * as poison when it cannot be decoded or its handler keeps failing.
 */
export class EventDispatcher {
  private readonly logger: EventLogger;
  private readonly maxRetries: number;
  private readonly baseBackoffMs: number;

  constructor(private readonly options: EventDispatcherOptions) {
    this.logger = options.logger ?? silentLogger;
    this.maxRetries = options.maxRetries ?? 5;
    this.baseBackoffMs = options.retryBackoffMs ?? 200;
  }

  /**
   * Resolves true once the message is dealt with (its effect stored, passed
   * over or parked): its offset may be committed. False when the consumer
   * stopped (or lost the partition) while retrying: not dealt with, it will
   * be delivered again.
   */
  async dispatch(message: KafkaMessage, topic: string, partition: number, control: BatchControl): Promise<boolean> {
    const source: MessageSource = { topic, partition, offset: message.offset };
    const meta: EventMeta = { ...source, key: message.key?.toString() ?? null };
    const route = routeMessage(message.value, this.options.handlers, this.options.onTombstone);
    switch (route.action) {
      case 'pass':
        return true;
      case 'poison':
        await this.options.poison.park(message, source, route.reason, route.error);
        return true;
      case 'tombstone':
        return this.withRetries(() => route.handler(meta), message, source, 'tombstone', control);
      case 'handle': {
        const { event, handler } = route;
        const headerTraceparent = headerText(message.headers, TRACEPARENT_HEADER);
        const traceId = traceIdOf(headerTraceparent ?? event.traceparent);
        // the handler's log lines carry the event's trace; its spans are children of the publish span
        return withLogContext({ traceId, eventId: event.id }, () =>
          inConsumerSpan({ ...source, groupId: this.options.groupId, envelope: event, headerTraceparent }, () =>
            this.withRetries(() => handler(event, meta), message, source, event.type, control, event.time),
          ),
        );
      }
    }
  }

  private async withRetries(
    effect: () => Promise<void>,
    message: KafkaMessage,
    source: MessageSource,
    type: string,
    control: BatchControl,
    eventTime?: string,
  ): Promise<boolean> {
    for (let retry = 0; ; retry += 1) {
      try {
        await effect();
        this.options.observer?.handled(this.options.groupId, source.topic, type, eventTime);
        return true;
      } catch (error) {
        const context = { ...source, groupId: this.options.groupId, type, retry, err: error };
        if (retry >= this.maxRetries) {
          this.logger.error(context, 'event handler failed; giving up');
          await this.options.poison.park(message, source, 'handler-failed', errorMessage(error));
          return true;
        }
        this.logger.warn(context, 'event handler failed; retrying');
        this.options.observer?.retried(this.options.groupId, source.topic, type);
        if (!(await sleepWithHeartbeats(retryBackoffMs(retry + 1, this.baseBackoffMs), control))) return false;
      }
    }
  }
}

/** Waits `ms`, heartbeating so a long backoff does not cost the group membership; false when the consumer stopped. */
async function sleepWithHeartbeats(ms: number, control: BatchControl): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!control.isRunning() || control.isStale()) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
    await control.heartbeat();
  }
  return control.isRunning() && !control.isStale();
}
