import { z } from 'zod';
import { type EventEnvelope, eventEnvelopeSchema } from './envelope';

export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** CloudEvents `type`, e.g. 'steward.ticket.dispatched.v1' */
  readonly type: TType;
  /** the Kafka topic the event is published to */
  readonly topic: string;
  /** CloudEvents `source`, e.g. 'steward/tickets' */
  readonly source: string;
  /** schema of `data` */
  readonly schema: TSchema;
  /** schema of the whole envelope: fixed `type`/`source`, `data` checked by `schema` */
  readonly envelopeSchema: z.ZodType<EventEnvelope<z.output<TSchema>>, unknown>;
}

/** The data type of an event definition, e.g. `EventDataOf<typeof ticketDispatched>`. */
export type EventDataOf<TDefinition> =
  TDefinition extends EventDefinition<string, infer TSchema> ? z.output<TSchema> : never;

/** The envelope type of an event definition. */
export type EventOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TSchema>
    ? EventEnvelope<z.output<TSchema>> & { type: TType }
    : never;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(spec: {
  type: TType;
  topic: string;
  source: string;
  schema: TSchema;
  description?: string;
}): EventDefinition<TType, TSchema> {
  const envelopeSchema = eventEnvelopeSchema
    .extend({ type: z.literal(spec.type), source: z.literal(spec.source), data: spec.schema })
    .meta({ title: spec.type, description: spec.description ?? `${spec.type} on ${spec.topic}` });
  return {
    type: spec.type,
    topic: spec.topic,
    source: spec.source,
    schema: spec.schema,
    envelopeSchema: envelopeSchema as unknown as z.ZodType<EventEnvelope<z.output<TSchema>>, unknown>,
  };
}
