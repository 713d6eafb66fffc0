import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key';

/*
 * Effects of consumed events must apply once even though Kafka delivers at
 * least once. Both helpers make ONE single-document update (no transaction
 * needed) that carries its own guard. It is atomic on MongoDB; FerretDB 1.24
 * runs an update as a read and a separate write (FerretDB #3040), so there two
 * writers of one document at the same moment (two instances during a
 * rebalance) must hold the document's write claim (@steward/persistence
 * write-claims.ts) around the call; one consumer per partition needs none:
 *
 * - the filter matches only when the event is new for the document;
 * - the update records that it was applied;
 * - upsert creates the document on first use. When the document exists but
 *   the guard does not match, the upsert tries to insert a second document
 *   with the same `_id` and fails with E11000: that means "already applied",
 *   and the helper returns false. The filter must therefore pin `_id` (or a
 *   unique key), or the upsert would create a duplicate instead.
 */

/** Where a consumed message came from (what EventConsumerRunner passes to handlers). */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string | number;
}

/** Field holding the per-partition high-watermarks on each document. */
export const WATERMARK_FIELD = 'wm';

/**
 * The key of a topic-partition in the `wm` map. Dots are not allowed in field
 * names used with dotted paths, so they are replaced by underscores:
 * `steward.tickets.events.v1`, partition 3 → `steward_tickets_events_v1:3`.
 */
export function watermarkKey(topic: string, partition: number): string {
  return `${topic.replace(/\./g, '_')}:${partition}`;
}

/**
 * Applies `update` to the document matched by `filter` (or `_id`) unless a
 * message at or after this position of the same topic-partition was already
 * applied to it. The document keeps one high-watermark per topic-partition in
 * `wm` (bounded state), set in the same update. Correct because a partition is
 * consumed in offset order: anything at or below the watermark was applied.
 *
 * Use it for non-idempotent effects such as `$inc` counters. Do not touch
 * `wm` in `update`. Returns true when applied, false when already applied.
 */
export async function applyOnceByPartitionWatermark<TSchema extends Document>(
  collection: Collection<TSchema>,
  filterOrId: Filter<TSchema> | string,
  update: UpdateFilter<TSchema>,
  position: MessagePosition,
): Promise<boolean> {
  const offset = toSafeOffset(position.offset);
  const path = `${WATERMARK_FIELD}.${watermarkKey(position.topic, position.partition)}`;
  const guard = { $or: [{ [path]: { $exists: false } }, { [path]: { $lt: offset } }] };
  return guardedUpsert(collection, { ...toFilter(filterOrId), ...guard }, withSet(update, { [path]: offset }));
}

/** Field holding the last applied aggregate version. */
export const AGGREGATE_VERSION_FIELD = 'aggregateVersion';

/**
 * Applies `update` to document `_id` only if its stored `aggregateVersion` is
 * missing or lower than `aggregateVersion`, and stores the new version in the
 * same update. Use it for read models that mirror an aggregate (last writer by
 * version wins; replays and duplicates are no-ops). Returns true when applied.
 */
export async function applyIfNewerVersion<TSchema extends Document>(
  collection: Collection<TSchema>,
  id: string,
  aggregateVersion: number,
  update: UpdateFilter<TSchema>,
): Promise<boolean> {
  const guard = {
    $or: [{ [AGGREGATE_VERSION_FIELD]: { $exists: false } }, { [AGGREGATE_VERSION_FIELD]: { $lt: aggregateVersion } }],
  };
  return guardedUpsert(
    collection,
    { ...toFilter<TSchema>(id), ...guard },
    withSet(update, { [AGGREGATE_VERSION_FIELD]: aggregateVersion }),
  );
}

async function guardedUpsert<TSchema extends Document>(
  collection: Collection<TSchema>,
  filter: Document,
  update: Document,
): Promise<boolean> {
  try {
    const result = await collection.updateOne(filter as Filter<TSchema>, update as UpdateFilter<TSchema>, {
      upsert: true,
    });
    return result.matchedCount > 0 || result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

function toFilter<TSchema extends Document>(filterOrId: Filter<TSchema> | string): Document {
  return typeof filterOrId === 'string' ? { _id: filterOrId } : filterOrId;
}

function withSet(update: Document, fields: Document): Document {
  const existingSet: unknown = update.$set;
  if (existingSet !== undefined && (typeof existingSet !== 'object' || existingSet === null)) {
    throw new Error('$set must be an object');
  }
  return { ...update, $set: { ...(existingSet ?? {}), ...fields } };
}

function toSafeOffset(offset: string | number): number {
  const value = typeof offset === 'number' ? offset : Number(offset);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Offset ${String(offset)} is not a usable number`);
  return value;
}
