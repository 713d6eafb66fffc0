import { scopeFilter, type OrgScope } from '@steward/auth';

/**
 * `filter` AND `restriction`, kept apart in `$and` (both may constrain the
 * same field); either alone when the other is empty.
 */
export function restrict<F extends object>(filter: F, restriction: object): F {
  if (Object.keys(restriction).length === 0) return filter;
  if (Object.keys(filter).length === 0) return restriction as F;
  return { $and: [filter, restriction] } as unknown as F;
}

/**
 * `filter` restricted to the documents `scope` may read: those whose placement
 * `field` (an org path, or the ids a document is placed under) holds one of
 * the scope's units. The ALL scope adds nothing.
 */
export function scoped<F extends object>(filter: F, scope: OrgScope, field = 'orgPath'): F {
  return restrict(filter, scopeFilter(scope, field));
}
