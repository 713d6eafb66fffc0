import type { Model, QueryFilter } from 'mongoose';

/** A keyset page on `_id`: at most `limit` rows after `afterId` (service-kit's `toPageRequest` builds it from GraphQL arguments). */
export interface KeysetPageRequest {
  limit: number;
  afterId: string | undefined;
  /** `desc`: newest first (ids after the cursor are smaller); default `asc` */
  order?: 'asc' | 'desc';
}

/**
 * One keyset page on `_id` (ids are time-ordered UUIDv7 strings), ascending or descending, fetching
 * `limit + 1` rows so `toPage` can tell whether more exist, plus the total.
 */
export async function findKeysetPage<TDocument>(
  model: Model<TDocument>,
  filter: QueryFilter<TDocument>,
  page: KeysetPageRequest,
): Promise<{ rows: TDocument[]; total: number }> {
  const descending = page.order === 'desc';
  const pageFilter = page.afterId ? ({ ...filter, _id: { [descending ? '$lt' : '$gt']: page.afterId } } as QueryFilter<TDocument>) : filter;
  const [rows, total] = await Promise.all([
    model.find(pageFilter).sort({ _id: descending ? -1 : 1 }).limit(page.limit + 1).lean<TDocument[]>().exec(),
    model.countDocuments(filter).exec(),
  ]);
  return { rows, total };
}
