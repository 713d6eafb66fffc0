import type { Model, QueryFilter } from 'mongoose';

/** One page of a keyset walk on `_id`: at most `limit` rows after `afterId` (see `toPageRequest`). */
export interface PageRequest {
  limit: number;
  afterId: string | undefined;
}

/**
 * One keyset page on `_id` (ids are time-ordered UUIDv7 strings), fetching
 * `limit + 1` rows so `toPage` can tell whether more exist, plus the total.
 */
export async function findKeysetPage<TDocument>(
  model: Model<TDocument>,
  filter: QueryFilter<TDocument>,
  page: PageRequest,
): Promise<{ rows: TDocument[]; total: number }> {
  const pageFilter = page.afterId ? ({ ...filter, _id: { $gt: page.afterId } } as QueryFilter<TDocument>) : filter;
  const [rows, total] = await Promise.all([
    model.find(pageFilter).sort({ _id: 1 }).limit(page.limit + 1).lean<TDocument[]>().exec(),
    model.countDocuments(filter).exec(),
  ]);
  return { rows, total };
}
