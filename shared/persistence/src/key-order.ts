/**
 * What a batched read answers for one key: the value, null (unknown), or an
 * Error for that key alone (e.g. FORBIDDEN: outside the caller's units), which
 * fails only the field or entity that asked for it, as a read of one would.
 */
export type BatchResult<T> = T | null | Error;

/** `fn()`, or the Error it throws (a batch answers errors per key rather than failing every key). */
export function settle<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The documents found for `ids` (one `$in` query, in any order) put in the
 * ids' order, each through `view`: null for an id not found, and the Error
 * that `view` throws (e.g. FORBIDDEN) for that id alone.
 */
export function inKeyOrder<D extends { _id: string }, T>(ids: readonly string[], docs: readonly D[], view: (doc: D) => T): BatchResult<T>[] {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  return ids.map((id) => {
    const doc = byId.get(id);
    return doc === undefined ? null : settle(() => view(doc));
  });
}

/**
 * A batch of reads by id as single reads would answer them, in the order of
 * `rawIds`: each id checked by `parse` (its error, e.g. BAD_USER_INPUT, for
 * that id alone), the valid ones read at once by `read` (one result per id, in
 * their order), and each document found turned into its value by `view`.
 */
export async function readByIds<D, T>(
  rawIds: readonly string[],
  parse: (raw: string) => string,
  read: (ids: readonly string[]) => Promise<readonly BatchResult<D>[]>,
  view: (doc: D) => T,
): Promise<BatchResult<T>[]> {
  const parsed = rawIds.map((raw) => settle(() => parse(raw)));
  const ids = [...new Set(parsed.filter((id): id is string => typeof id === 'string'))];
  const found = ids.length > 0 ? await read(ids) : [];
  const byId = new Map(ids.map((id, index) => [id, found[index] ?? null]));
  return parsed.map((id) => {
    if (id instanceof Error) return id;
    const result = byId.get(id) ?? null;
    return result === null || result instanceof Error ? result : settle(() => view(result));
  });
}
