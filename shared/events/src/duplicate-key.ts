/**
 * The one test for "a unique index refused the write" (re-exported by
 * @steward/persistence, where services take it from). It lives here because
 * the idempotency helpers and the bulk loader of this package need it, and
 * @steward/persistence builds on this package.
 *
 * The forms it recognises:
 * - code 11000 (E11000): MongoDB on any write; FerretDB on inserts and upserts
 *   (without naming the index), and on each entry of a bulk write's `writeErrors`;
 * - FerretDB 1.24 on SQLite refuses an UPDATE that breaks a unique index with an
 *   InternalError (code 1) whose message names the SQLite constraint:
 *   `UNIQUE constraint failed: index '<collection>_<hash>_phone_1'`.
 */

export const DUPLICATE_KEY_ERROR_CODE = 11000;

const SQLITE_UNIQUE_VIOLATION = 'UNIQUE constraint failed';

export interface DuplicateKeyOptions {
  /**
   * Counts only a violation of the unique index whose name contains this
   * (e.g. 'phone' for `phone_1`), where the error names the index: MongoDB's
   * `index: phone_1 dup key`, FerretDB's `index 'members_…_phone_1'`. FerretDB's
   * E11000 names no index and counts for any.
   */
  index?: string;
}

/** True when `error` says that a unique index (the `_id` one included) refused the write. */
export function isDuplicateKeyError(error: unknown, options: DuplicateKeyOptions = {}): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code !== DUPLICATE_KEY_ERROR_CODE && !text.includes(SQLITE_UNIQUE_VIOLATION)) return false;
  if (options.index === undefined) return true;
  const named = indexNamedIn(text);
  return named === undefined || named.includes(options.index);
}

/** The index a duplicate-key message names (`index: name` or `index 'name'`), if any. */
function indexNamedIn(message: string): string | undefined {
  return /index:? '?([\w.$-]+)/.exec(message)?.[1];
}

/**
 * For an unordered bulk insert that failed: the positions of the documents a
 * unique index refused, when every write error is such a refusal (the other
 * documents were written); undefined when the error is anything else (rethrow it).
 * The driver's MongoBulkWriteError (mongoose's `insertMany` too) lists them in
 * `writeErrors`, one object or an array.
 */
export function refusedDuplicates(error: unknown): Set<number> | undefined {
  const { writeErrors } = (typeof error === 'object' && error !== null ? error : {}) as { writeErrors?: unknown };
  if (writeErrors === undefined || writeErrors === null) return undefined;
  const entries = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as { index?: unknown; code?: unknown; errmsg?: unknown; err?: { code?: unknown; errmsg?: unknown } }[];
  const refused = new Set<number>();
  for (const entry of entries) {
    const code = entry.code ?? entry.err?.code;
    const message = entry.errmsg ?? entry.err?.errmsg;
    if (typeof entry.index !== 'number' || !isDuplicateKeyError({ code, message })) return undefined;
    refused.add(entry.index);
  }
  return refused;
}
