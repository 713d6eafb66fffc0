import { ConflictError } from '@steward/errors';
import type { Model } from 'mongoose';

/** Documents read per page, and single-document updates in flight at once (no bulkWrite: see unit-paths-backfill). */
const PAGE_SIZE = 200;
const CONCURRENCY = 8;

/**
 * Publishes the state of every document of `model` again, page by page in
 * `_id` order: `republish` writes one document (a version-guarded update
 * that queues its state event in the outbox). A document changed meanwhile
 * (CONFLICT) is skipped: that change queued a current state itself. Stops
 * early when `signal` is aborted. Returns how many it republished.
 */
export async function republishStates<T extends { _id: string }>(
  model: Model<T>,
  republish: (doc: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  let written = 0;
  let afterId: string | null = null;
  while (!signal?.aborted) {
    const filter = afterId === null ? {} : { _id: { $gt: afterId } };
    const page: T[] = await model.find(filter).sort({ _id: 1 }).limit(PAGE_SIZE).lean<T[]>().exec();
    if (page.length === 0) break;
    afterId = page[page.length - 1]._id;
    let next = 0;
    const worker = async () => {
      while (next < page.length && !signal?.aborted) {
        const doc = page[next++];
        try {
          await republish(doc);
          written += 1;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  return written;
}
