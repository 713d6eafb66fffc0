import type { Collection, Document } from 'mongodb';

/**
 * Runs the writes to one document one after another, within this process.
 *
 * FerretDB 1.24 on SQLite reads a document and writes it back in two steps
 * that are not one transaction (FerretDB issue #3040), so two updates of the
 * same document at the same time can both report success while one of them is
 * lost — a version guard does not help, and the outbox relay's `$pullAll` can
 * undo a state change that landed in between. One members process owns its
 * collections, so serialising its own writes per document closes the gap.
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(id: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(id) ?? Promise.resolve();
    const result = previous.then(write);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(id, tail);
    void tail.then(() => {
      if (this.tails.get(id) === tail) this.tails.delete(id);
    });
    return result;
  }

  /** `collection` whose `updateOne` by `_id` (what the outbox relay uses) takes this lock. */
  guard<T extends Document>(collection: Collection<T>): Collection<T> {
    return new Proxy(collection, {
      get: (target, property, receiver) => {
        if (property !== 'updateOne') return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<Collection<T>['updateOne']>) => {
          const id = (args[0] as { _id?: unknown })._id;
          const write = () => target.updateOne(...args);
          return typeof id === 'string' ? this.run(id, write) : write();
        };
      },
    });
  }
}
