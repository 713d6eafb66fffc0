import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EventDefinition, EventOf } from './define-event';
import { EventValidationError, describeIssues } from './errors';

/**
 * A CloudEvents 1.0 event in structured JSON mode.
 *
 * The design calls the aggregate version `aggregateVersion`, but CloudEvents
 * requires extension attribute names to be lowercase letters and digits only
 * (spec §3.1.1 "Attribute Naming Convention"), so on the wire it is spelled
 * `aggregateversion`. `traceparent` is the W3C Trace Context header carried as
 * the CloudEvents distributed-tracing extension.
 */
export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  /** uuid; consumers may use it as an idempotency key */
  id: string;
  /** e.g. 'steward.ticket.dispatched.v1' */
  type: string;
  /** producing service, e.g. 'steward/tickets' */
  source: string;
  /** aggregate id; also the Kafka key, so events of one aggregate stay in order */
  subject: string;
  /** ISO-8601 time the event was created */
  time: string;
  datacontenttype: 'application/json';
  /** version of the aggregate after the change; monotonically increasing per subject */
  aggregateversion: number;
  traceparent?: string;
  data: T;
}

const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+\.v[0-9]+$/;
const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?$/;

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/**
 * The envelope attributes, data left open. Like every schema in this package it
 * is a plain `z.object`: unknown attributes are accepted and dropped (see
 * schemas/common.ts for why).
 */
export const eventEnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'must look like steward.<aggregate>.<event>.v<N>'),
  source: z.string().min(1),
  subject: z.string().min(1),
  time: isoDateTimeSchema,
  datacontenttype: z.literal('application/json'),
  aggregateversion: z.number().int().nonnegative(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN, 'must be a W3C traceparent').optional(),
  data: z.unknown(),
});

export interface CreateEventInput<TDataInput> {
  subject: string;
  aggregateVersion: number;
  data: TDataInput;
  traceparent?: string;
  /** defaults to now */
  time?: string | Date;
  /** defaults to a random uuid */
  id?: string;
}

/**
 * Builds and validates an envelope for `definition`. The result is plain JSON
 * (no `undefined`, no Dates), so what is stored in an outbox is exactly what
 * goes on the wire. Throws EventValidationError when the data does not match.
 */
export function createEvent<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
  input: CreateEventInput<z.input<TSchema>>,
): EventEnvelope<z.output<TSchema>> & { type: TType } {
  const candidate = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    type: definition.type,
    source: definition.source,
    subject: input.subject,
    time: input.time instanceof Date ? input.time.toISOString() : (input.time ?? new Date().toISOString()),
    datacontenttype: 'application/json',
    aggregateversion: input.aggregateVersion,
    traceparent: input.traceparent,
    data: input.data,
  };
  const envelope = validateEnvelope(definition, toPlainJson(candidate));
  return toPlainJson(envelope) as EventEnvelope<z.output<TSchema>> & { type: TType };
}

/** Validates a whole envelope against the definition's schema and returns the parsed copy. */
export function validateEnvelope<TSchema extends z.ZodType>(
  definition: EventDefinition<string, TSchema>,
  candidate: unknown,
): EventEnvelope<z.output<TSchema>> {
  const result = definition.envelopeSchema.safeParse(candidate);
  if (!result.success) {
    throw new EventValidationError(
      `Invalid ${definition.type} event: ${describeIssues(result.error.issues)}`,
      result.error.issues,
      definition.type,
    );
  }
  return result.data;
}

/** Narrows a validated envelope to the data type of `definition`. */
export function isEventOf<TType extends string, TSchema extends z.ZodType>(
  definition: EventDefinition<TType, TSchema>,
  envelope: EventEnvelope,
): envelope is EventEnvelope<z.output<TSchema>> & { type: TType } {
  return envelope.type === definition.type;
}

/** Narrows a validated envelope to the events of `definitions` (e.g. `ticketEvents`), a union discriminated by `type`. */
export function isEventIn<TDefinition extends EventDefinition>(
  definitions: readonly TDefinition[],
  envelope: EventEnvelope,
): envelope is EventOf<TDefinition> {
  return definitions.some((definition) => definition.type === envelope.type);
}

function toPlainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
