import { getEventDefinition } from './catalogue';
import type { EventEnvelope } from './envelope';

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

/** Turns envelopes into outbox entries addressed to their catalogue topic. */
export function toOutboxEntries(envelopes: readonly EventEnvelope[], options: OutboxOptions = {}): OutboxEntry[] {
  return envelopes.map((envelope) => ({
    ...envelope,
    topic: options.topic ?? getEventDefinition(envelope.type).topic,
  }));
}

/**
 * The update fragment that appends events to the aggregate's outbox. Merge it
 * into the SAME single-document update that changes the state, so both are
 * written atomically (FerretDB and a standalone MongoDB have no multi-document
 * transactions):
 *
 *   const event = createEvent(ticketDispatched, { subject: id, aggregateVersion: version + 1, data });
 *   const result = await tickets.updateOne(
 *     { _id: id, version },                                   // optimistic concurrency guard
 *     { $set: { status: 'DISPATCHED', handlerId, version: version + 1 }, ...outboxPush([event]) },
 *   );
 *   relay.kick();                                             // publish now instead of at the next poll
 *
 * The fragment only contains `$push`, so it cannot clash with the caller's
 * `$set`/`$inc`; do not `$push` to `outbox` elsewhere in the same update. For
 * a new aggregate, insert it with `outbox: toOutboxEntries([event])`.
 *
 * With mongoose, declare the field so strict mode keeps it and no `_id` is
 * added to entries: `outbox: { type: [Schema.Types.Mixed], default: undefined }`,
 * and keep it out of API responses.
 */
export function outboxPush(
  envelopes: readonly EventEnvelope[],
  options: OutboxOptions = {},
): { $push: { outbox: { $each: OutboxEntry[] } } } {
  return { $push: { [OUTBOX_FIELD]: { $each: toOutboxEntries(envelopes, options) } } };
}
