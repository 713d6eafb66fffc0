import { ConflictError } from '@steward/errors';
import { isDuplicateKeyError, REVISION_FIELD, retry, RetryPolicies, versionFilter } from '@steward/persistence';
import type { Collection, Document, Filter, UpdateOptions, UpdateResult } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import { guardUpdateOne, type DocumentWriteGuard } from './document-locks';

/*
 * Cross-process counterpart of DocumentLocks (see document-locks.ts for the
 * FerretDB #3040 background). Use it when SEVERAL instances write the same
 * documents (tickets: two overdue sweepers racing on one ticket); when one
 * instance per database writes them, DocumentLocks is enough and cheaper.
 *
 * How: inserts of an existing `_id` fail atomically on FerretDB too (E11000).
 * Documents carry a write revision `rev`. Every write of a document first
 * inserts a claim `${id}#${rev}`, writes guarded by `revisionFilter(rev)`,
 * sets `rev + 1` and removes the claim. At most one writer holds a revision;
 * one that read an older revision finds the claim taken or the guard unmatched
 * and gets CONFLICT. On MongoDB the claim is redundant but harmless. A claim
 * left by a crash between insert and release blocks that revision until its
 * lease runs out; then the next writer takes it over.
 */

interface ClaimDocument {
  _id: string;
  at: Date;
}

export interface WriteClaimsOptions {
  /** collection that holds the claims, e.g. `ticket_claims` */
  collection: string;
  /** how long a claim left behind blocks its revision; default 30 s */
  leaseMs?: number;
}

/** The filter that matches a document at write revision `rev` (documents written before `rev` existed count as 0). */
export function revisionFilter(rev: number): Record<string, unknown> {
  return versionFilter(REVISION_FIELD, rev);
}

export class WriteClaims implements DocumentWriteGuard {
  private readonly claims: Model<ClaimDocument>;
  private readonly leaseMs: number;

  constructor(connection: Connection, options: WriteClaimsOptions) {
    const name = `WriteClaim:${options.collection}`;
    this.claims =
      (connection.models[name] as Model<ClaimDocument> | undefined) ??
      connection.model<ClaimDocument>(
        name,
        new Schema<ClaimDocument>(
          { _id: { type: String, required: true }, at: { type: Date, required: true } },
          { collection: options.collection, versionKey: false },
        ),
      );
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  /** Runs `write` as the only writer of revision `rev` of document `id`; CONFLICT when another writer holds it. */
  async withClaim<T>(id: string, rev: number, write: () => Promise<T>): Promise<T> {
    const key = `${id}#${rev}`;
    await this.acquire(key, id);
    try {
      return await write();
    } finally {
      await this.claims.deleteOne({ _id: key }).exec();
    }
  }

  /**
   * `collection` whose `updateOne` by `_id` (the outbox relay's removal) reads
   * the document's `rev`, claims it, applies the update guarded by it with
   * `rev + 1`, and retries when another writer got there first.
   */
  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema> {
    const untyped = collection as unknown as Collection;
    return guardUpdateOne(
      collection,
      (id, _update, [filter, update, options]) =>
        this.claimedUpdateOne(untyped, id, filter as Filter<Document>, update as Document, options) as ReturnType<
          Collection<TSchema>['updateOne']
        >,
    );
  }

  private async claimedUpdateOne(
    collection: Collection,
    id: string,
    filter: Filter<Document>,
    update: Document,
    options: UpdateOptions | undefined,
  ): Promise<UpdateResult> {
    // a lost race is retried until the relay's next pass would take over
    return retry(
      RetryPolicies.RELAY_REMOVAL,
      async () => {
        const current = await collection.findOne(filter, { projection: { rev: 1 } });
        if (!current) return collection.updateOne(filter, update, options);
        const rev = typeof current.rev === 'number' ? current.rev : 0;
        return this.withClaim(id, rev, async () => {
          const set = { ...((update.$set as Record<string, unknown> | undefined) ?? {}), rev: rev + 1 };
          const result = await collection.updateOne({ ...filter, ...revisionFilter(rev) }, { ...update, $set: set }, options);
          if (result.matchedCount === 0) throw new ConflictError(`Document ${id} moved on`, { id });
          return result;
        });
      },
      { retryOn: (error) => error instanceof ConflictError },
    );
  }

  private async acquire(key: string, id: string): Promise<void> {
    if (await this.tryInsert(key)) return;
    const held = await this.claims.findById(key).lean<ClaimDocument>().exec();
    if (held && Date.now() - held.at.getTime() > this.leaseMs) {
      const { deletedCount } = await this.claims.deleteOne({ _id: key, at: held.at }).exec();
      if (deletedCount === 1 && (await this.tryInsert(key))) return;
    }
    throw new ConflictError(`Document ${id} is being changed by someone else; reload and retry`, { id });
  }

  private async tryInsert(key: string): Promise<boolean> {
    try {
      await this.claims.create({ _id: key, at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
