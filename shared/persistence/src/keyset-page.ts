import type { Model, QueryFilter } from 'mongoose';

/** A keyset page on `_id`: at most `limit` rows after `afterId` (service-kit's `toPageRequest` builds it from GraphQL arguments). */
export interface KeysetPageRequest {
  limit: number;
  afterId: string | undefined;
  /** `desc`: newest first (ids after the cursor are smaller); default `asc` */
  order?: 'asc' | 'desc';
  /** count the total beside the page, at once (the query selects totalCount); otherwise only when asked for */
  countTotal?: boolean;
}

/**
 * A count that runs when first awaited, once: a thenable, so a connection's
 * `totalCount` may be one (GraphQL awaits a field value that has `then`) and
 * the count runs only for a query that selects it (counting is the costly
 * part of a page: FerretDB decodes every matching document).
 */
export class LazyCount implements PromiseLike<number> {
  private counted: Promise<number> | undefined;

  constructor(private readonly count: () => Promise<number>) {}

  /** Starts the count now (the query selects it); a failure surfaces where it is awaited. */
  start(): this {
    this.counted ??= this.count();
    this.counted.catch(() => undefined);
    return this;
  }

  then<A = number, B = never>(onCounted?: ((n: number) => A | PromiseLike<A>) | null, onFailed?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return (this.counted ??= this.count()).then(onCounted, onFailed);
  }
}

/** A page's total: known, or counted only when awaited (`LazyCount`). */
export type TotalCount = number | LazyCount;

/**
 * One keyset page on `_id` (ids are time-ordered UUIDv7 strings), ascending or descending, fetching
 * `limit + 1` rows so `toPage` can tell whether more exist, plus the total, counted only when asked for.
 */
export async function findKeysetPage<TDocument>(
  model: Model<TDocument>,
  filter: QueryFilter<TDocument>,
  page: KeysetPageRequest,
): Promise<{ rows: TDocument[]; total: LazyCount }> {
  const descending = page.order === 'desc';
  const pageFilter = page.afterId ? ({ ...filter, _id: { [descending ? '$lt' : '$gt']: page.afterId } } as QueryFilter<TDocument>) : filter;
  const total = new LazyCount(() => model.countDocuments(filter).exec());
  // started beside the find when selected; a failure surfaces where totalCount is resolved
  if (page.countTotal) total.start();
  const rows = await model.find(pageFilter).sort({ _id: descending ? -1 : 1 }).limit(page.limit + 1).lean<TDocument[]>().exec();
  return { rows, total };
}
