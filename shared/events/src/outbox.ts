import { getEventDefinition } from './catalogue';
import type { EventEnvelope } from './envelope';
import { currentTraceparent } from './tracing';

/**
 * A pending event stored in the `outbox` array of the aggregate document that
 * produced it: the full envelope plus the topic it goes to.
 */
export type OutboxEntry = EventEnvelope & { topic: string };

/** The array field, on every aggregate document that has an outbox. */
export const OUTBOX_FIELD = 'outbox';

export interface OutboxOptions {
  /** overrides the catalogue topic of every envelope (tests, migrations) */
  topic?: string;
}

/**
 * Turns envelopes into outbox entries addressed to their catalogue topic. An
 * envelope without a `traceparent` gets the active trace context's (the
 * request that writes it), so the relay's publish and every consumer's
 * handling join that trace (tracing.ts); with tracing off there is none.
 */
export function toOutboxEntries(envelopes: readonly EventEnvelope[], options: OutboxOptions = {}): OutboxEntry[] {
  const traceparent = currentTraceparent();
  return envelopes.map((envelope) => ({
    ...envelope,
    ...(envelope.traceparent === undefined && traceparent !== undefined ? { traceparent } : {}),
    topic: options.topic ?? getEventDefinition(envelope.type).topic,
  }));
}

/**
 * `true` on every document whose outbox holds entries, absent otherwise. The
 * relay finds pending documents by this indexed field (a query on the array
 * itself, `outbox.0: {$exists: true}`, can use no index and read the whole
 * collection on every pass) and removes it when it empties the outbox.
 */
export const OUTBOX_PENDING_FIELD = 'outboxPending';

/** The outbox fields of a document inserted with events: `create({ ...state, ...outboxFields([event]) })`. */
export function outboxFields(
  envelopes: readonly EventEnvelope[],
  options: OutboxOptions = {},
): { outbox?: OutboxEntry[]; outboxPending?: true } {
  if (envelopes.length === 0) return {};
  return { [OUTBOX_FIELD]: toOutboxEntries(envelopes, options), [OUTBOX_PENDING_FIELD]: true };
}

/** An update document: `$set`, `$push` and any other operators. */
export interface UpdateOperators {
  $set?: object;
  $push?: object;
  [operator: `$${string}`]: unknown;
}

/**
 * `update` with the events appended to the aggregate's outbox and the document
 * marked pending, so that state and events are written by the SAME
 * single-document update, atomically (FerretDB and a standalone MongoDB have
 * no multi-document transactions):
 *
 *   const event = createEvent(ticketDispatched, { subject: id, aggregateVersion: version + 1, data });
 *   await tickets.updateOne(
 *     { _id: id, version },                                   // optimistic concurrency guard
 *     withOutbox({ $set: { status: 'DISPATCHED', handlerId, version: version + 1 } }, [event]),
 *   );
 *   relay.kick();                                             // publish now instead of at the next poll
 *
 * Without events, `update` is returned as it is. For a new aggregate, insert it
 * with `outboxFields([event])`.
 *
 * With mongoose, declare both fields so strict mode keeps them and no `_id` is
 * added to entries, and keep them out of reads and API responses:
 * `outbox: { type: [Schema.Types.Mixed], default: undefined }`,
 * `outboxPending: { type: Boolean, select: false }`.
 */
export function withOutbox<TUpdate extends UpdateOperators>(
  update: TUpdate,
  envelopes: readonly EventEnvelope[],
  options: OutboxOptions = {},
): TUpdate {
  if (envelopes.length === 0) return update;
  if (update.$push && OUTBOX_FIELD in update.$push) throw new Error('withOutbox: the update already pushes to the outbox');
  return {
    ...update,
    $set: { ...update.$set, [OUTBOX_PENDING_FIELD]: true },
    $push: { ...update.$push, [OUTBOX_FIELD]: { $each: toOutboxEntries(envelopes, options) } },
  };
}
