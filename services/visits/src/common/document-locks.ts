import type { Collection, Document } from 'mongodb';

/**
 * Runs writes to one document one at a time within this process.
 *
 * FerretDB 1.24 with the SQLite handler reads a document and writes it back
 * in two steps (FerretDB issue #3040), so two concurrent updates of one
 * document can both pass their filter and the later write-back silently
 * undoes the earlier one: a version-guarded update and the outbox relay's
 * `$pullAll` racing can lose a state change or resurrect a published event.
 * Every writer of the visits collection in this service, the relay included,
 * goes through one of these locks. (One visits instance per database, as in
 * every setup here; several instances would need the fix in FerretDB.)
 */
export class DocumentLocks {
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

  /** Keys currently locked or waited for (for tests). */
  get size(): number {
    return this.tails.size;
  }
}

/** `collection` whose `updateOne` by `_id` takes the document's lock (hand it to the outbox relay). */
export function withDocumentLocks<TSchema extends Document>(collection: Collection<TSchema>, locks: DocumentLocks): Collection<TSchema> {
  return new Proxy(collection, {
    get(target, property) {
      if (property === 'updateOne') {
        return (...args: Parameters<Collection<TSchema>['updateOne']>) => {
          const id = (args[0] as { _id?: unknown })._id;
          const run = () => target.updateOne(...args);
          return id === undefined ? run() : locks.run(String(id), run);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
