import {
  type Context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { errorMessage } from './errors';

/**
 * Trace context across the outbox and Kafka (W3C Trace Context). The writer of
 * an outbox entry stamps the active context into the envelope's `traceparent`
 * (`toOutboxEntries`); the relay publishes each event in a PRODUCER span that
 * is a child of it and puts that span's context in the message header
 * `traceparent`; a consumer handles the event in a CONSUMER span that is a
 * child of the header's context (else the envelope's). So the request that
 * wrote the event, the relay's publish and every consumer's handling form one
 * trace. Only `@opentelemetry/api` is used here: without a registered SDK
 * (tracing off, the default) every call is a cheap no-op.
 */
export const TRACEPARENT_HEADER = 'traceparent';

const tracer = () => trace.getTracer('@steward/events');

/** The active context as a W3C traceparent, or undefined when no sampled-or-not span is active. */
export function currentTraceparent(active: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier[TRACEPARENT_HEADER];
}

/** The context a traceparent names (ROOT_CONTEXT when absent or unreadable). */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: traceparent });
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}/;

/** The trace id inside a traceparent (for log lines), or undefined. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
}

/** A header value of a Kafka message as a string. */
export function headerText(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'string') return first;
  if (Buffer.isBuffer(first)) return first.toString('utf8');
  return undefined;
}

/** A PRODUCER span for publishing one event to `topic`, child of the event's own context; end it after the broker's ack. */
export function startPublishSpan(topic: string, envelope: { id: string; type: string; traceparent?: string }): Span {
  return tracer().startSpan(
    `publish ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.message.id': envelope.id,
        'steward.event.type': envelope.type,
      },
    },
    contextOfTraceparent(envelope.traceparent),
  );
}

/** Ends a span, recording the error when there is one. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : new Error(errorMessage(error)));
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
  }
  span.end();
}

export interface ConsumedEventTrace {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  envelope: { id: string; type: string; traceparent?: string };
  /** the message's `traceparent` header (the relay's publish span), preferred over the envelope's */
  headerTraceparent?: string;
}

function consumerSpanOptions(event: ConsumedEventTrace, links: Link[] = []) {
  return {
    kind: SpanKind.CONSUMER,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': event.topic,
      'messaging.destination.partition.id': String(event.partition),
      'messaging.kafka.offset': Number(event.offset),
      'messaging.consumer.group.name': event.groupId,
      'messaging.message.id': event.envelope.id,
      'steward.event.type': event.envelope.type,
    },
  };
}

/** A CONSUMER span for one event that is handled together with others (a batch consumer's chunk); end it after the chunk. */
export function startConsumerSpan(event: ConsumedEventTrace): Span {
  return tracer().startSpan(`process ${event.topic}`, consumerSpanOptions(event), contextOfTraceparent(event.headerTraceparent ?? event.envelope.traceparent));
}

/**
 * Runs `work` inside a CONSUMER span for one event (child of the publish span,
 * else of the writer's context), with the trace id and event id on every log
 * line it writes (`withLogContext`, set by the caller).
 */
export function inConsumerSpan<T>(event: ConsumedEventTrace, work: (span: Span) => Promise<T>, links: Link[] = []): Promise<T> {
  const parent = contextOfTraceparent(event.headerTraceparent ?? event.envelope.traceparent);
  return tracer().startActiveSpan(
    `process ${event.topic}`,
    consumerSpanOptions(event, links),
    parent,
    async (span) => {
      try {
        const result = await work(span);
        span.end();
        return result;
      } catch (error) {
        endSpan(span, error);
        throw error;
      }
    },
  );
}

/** Runs `work` outside any request's trace (background passes: their reads start no trace of their own). */
export function outsideAnyTrace<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
