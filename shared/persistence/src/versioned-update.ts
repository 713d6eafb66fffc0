import { withOutbox, type EventEnvelope, type UpdateOperators } from '@steward/events';

/** The version field of new aggregates: the `aggregateVersion` of the latest event, starting at 1. */
export const VERSION_FIELD = 'version';

/**
 * One change of one aggregate, guarded by the version it was read at: the
 * changed fields, the new version, optional array appends (history, timeline)
 * and the events, all written by ONE single-document update.
 */
export interface VersionedChange {
  id: string;
  /** the value of the version field as read */
  expected: number;
  /** the value written; default `expected + 1` (a change with n events may move it by n) */
  next?: number;
  set?: Record<string, unknown>;
  /** `$push` operands, e.g. `{ history: entry }` or `{ timeline: { $each: entries } }` */
  push?: Record<string, unknown>;
  /** appended to the document's outbox in the same update */
  events?: readonly EventEnvelope[];
  /** further conditions, e.g. the aggregate version beside a write revision */
  where?: Record<string, unknown>;
}

/** The filter for a document read at `expected`; documents stored before the field existed count as 0. */
export function versionFilter(field: string, expected: number): Record<string, unknown> {
  return expected === 0 ? { $or: [{ [field]: 0 }, { [field]: { $exists: false } }] } : { [field]: expected };
}

/**
 * The filter and update of `change` on the version field `field`: matches
 * only the document at the version read, sets the changes and the next
 * version, appends `push` and the events (with the outbox's pending mark).
 */
export function versionedUpdate(field: string, change: VersionedChange): { filter: Record<string, unknown>; update: UpdateOperators } {
  const guard = versionFilter(field, change.expected);
  const where = change.where ?? {};
  const filter = '$or' in guard && '$or' in where ? { _id: change.id, $and: [where, guard] } : { _id: change.id, ...where, ...guard };
  const update: UpdateOperators = { $set: { ...change.set, [field]: change.next ?? change.expected + 1 } };
  if (change.push) update.$push = change.push;
  return { filter, update: withOutbox(update, change.events ?? []) };
}
