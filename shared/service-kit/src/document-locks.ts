import type { Collection, Document } from 'mongodb';

/*
 * Why: FerretDB 1.24 on SQLite executes `updateOne` as a read followed by a
 * separate write of the whole document (FerretDB issue #3040), so two
 * concurrent updates of one document can both report success while one is
 * lost: a version guard does not hold, and the outbox relay's `$pullAll` can
 * undo a state change written in between. MongoDB (production) is atomic.
 *
 * Which one to use:
 * - DocumentLocks (this file): in-process, per-document write queue. Enough
 *   when ONE instance writes the documents of its database (org, members,
 *   visits, assessment). Costs no round trip.
 * - WriteClaims (write-claims.ts): cross-process claims in a collection. For
 *   documents that SEVERAL instances write (tickets: two overdue sweepers may
 *   race on one ticket).
 * Either is the write guard of the store's outbox (@steward/persistence), so the relay's removals take
 * the same lock as the service's writes.
 */

/** Serialises the writes to one document; `guard` hands the outbox relay a collection whose `updateOne` by `_id` does too. */
export interface DocumentWriteGuard {
  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema>;
}

/** Runs the writes to one document one after another, in call order, within this process. */
export class DocumentLocks implements DocumentWriteGuard {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs `work` (e.g. one bulkWrite) holding the locks of all `keys`. Taken in
   * sorted order so two multi-key writers cannot wait on each other; `work`
   * must not take a lock itself.
   */
  runAll<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const locked = sorted.reduceRight<() => Promise<T>>((inner, key) => () => this.run(key, inner), work);
    return locked();
  }

  /** Keys currently locked or waited for. */
  get size(): number {
    return this.tails.size;
  }

  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema> {
    return guardUpdateOne(collection, (key, update) => this.run(key, update));
  }
}

/** The lock key of a filter's `_id` when it names one document (a string, number or ObjectId), else undefined. */
export function lockKeyOf(filter: unknown): string | undefined {
  const id = (filter as { _id?: unknown } | null)?._id;
  if (typeof id === 'string') return id;
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  if (typeof id === 'object' && id !== null && typeof (id as { toHexString?: unknown }).toHexString === 'function') {
    return (id as { toHexString(): string }).toHexString();
  }
  return undefined;
}

/** `collection` whose `updateOne` on one `_id` runs through `wrap`; everything else is the collection's own. */
export function guardUpdateOne<TSchema extends Document>(
  collection: Collection<TSchema>,
  wrap: (key: string, update: () => ReturnType<Collection<TSchema>['updateOne']>, args: Parameters<Collection<TSchema>['updateOne']>) => ReturnType<Collection<TSchema>['updateOne']>,
): Collection<TSchema> {
  return new Proxy(collection, {
    get(target, property) {
      if (property === 'updateOne') {
        return (...args: Parameters<Collection<TSchema>['updateOne']>) => {
          const update = () => target.updateOne(...args);
          const key = lockKeyOf(args[0]);
          return key === undefined ? update() : wrap(key, update, args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
