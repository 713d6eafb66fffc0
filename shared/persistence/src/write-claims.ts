import { ConflictError } from '@steward/errors';
import { isDuplicateKeyError, refusedDuplicates } from '@steward/events';
import type { Collection, Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { KeyedQueue } from './keyed-queue';
import { retry, RetryPolicies, type RetryPolicy } from './retry';

/*
 * Why: FerretDB 1.24 on SQLite runs `updateOne` (and `deleteOne` with a
 * filter) as a read followed by a separate write by `_id` (FerretDB #3040),
 * so two concurrent version-guarded updates of one document can both report
 * success while one is lost, and the outbox relay's `$pullAll` can undo a
 * state change written in between. On MongoDB a filtered `updateOne` is
 * atomic and needs nothing more.
 *
 * How: a writer first inserts a claim `<collection>:<id>` into the database's
 * `write_claims` collection. An insert of an existing `_id` fails atomically
 * on FerretDB too (SQLite's unique index), so one writer at a time holds a
 * document, in any number of instances; the others wait (CLAIM_WAIT) and then
 * get CONFLICT. The holder writes (the version-filtered update remains the
 * compare-and-set) and deletes its claim. A claim carries a lease: one whose
 * holder died is evicted once `expiresAt` has passed. Eviction is itself a
 * claim, `<claim>~<holder>` (one per stale holding, so two evicting writers
 * cannot both delete and re-insert), since a filtered delete is not atomic on
 * FerretDB either. The lease must outlast any claimed work; a holder stalled
 * beyond it can overlap with the next one (then the version guard is all
 * that is left, as with `never`).
 */

/** The collection of every database that holds its write claims. */
export const WRITE_CLAIMS_COLLECTION = 'write_claims';

export interface ClaimDocument {
  /** `<collection>:<id>` (claimKey), or `<claim>~<holder>` while a stale claim is evicted */
  _id: string;
  /** this holding: unique per process and acquisition */
  holder: string;
  /** after this instant anyone may evict the claim */
  expiresAt: Date;
}

/** The claim of document `id` of `collection` (or of another key a rule serialises on, e.g. `visit-members:<memberId>`). */
export function claimKey(collection: string, id: string): string {
  return `${collection}:${id}`;
}

/** The claim an evicting writer takes on one stale holding of a claim. */
export function evictionKey(stale: Pick<ClaimDocument, '_id' | 'holder'>): string {
  return `${stale._id}~${stale.holder}`;
}

/** Whether a claim's lease has run out at `now`. */
export function isExpired(claim: Pick<ClaimDocument, 'expiresAt'>, now: number): boolean {
  return claim.expiresAt.getTime() <= now;
}

/** The id of a filter's `_id` when it names one document (a string, number or ObjectId), else undefined. */
export function documentIdOf(filter: unknown): string | undefined {
  const id = (filter as { _id?: unknown } | null)?._id;
  if (typeof id === 'string') return id;
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  if (typeof id === 'object' && id !== null && typeof (id as { toHexString?: unknown }).toHexString === 'function') {
    return (id as { toHexString(): string }).toHexString();
  }
  return undefined;
}

/** Another writer held the claim for longer than the writer could wait. */
export class ClaimBusyError extends ConflictError {
  constructor(readonly claim: string) {
    super(`${claim} is being changed by someone else; retry`, { claim });
  }
}

/** One try found the claim held (internal: retried under CLAIM_WAIT, then ClaimBusyError). */
class ClaimHeld extends Error {}

export interface WriteClaimsOptions {
  /** how long a claim blocks other writers when its holder never releases it (a crash); default 30 s */
  leaseMs?: number;
  /** how long and how often a writer tries a claim another holds; default CLAIM_WAIT */
  wait?: RetryPolicy;
  /** default Date.now */
  now?: () => number;
}

const PROCESS_ID = randomUUID();
let holdings = 0;

/**
 * The write claims of one database. `run` takes them where the database needs
 * them (FerretDB, decided once per connection: see write-claims-mode.ts),
 * `hold` always (a rule that must hold across instances on any database).
 * Writers of one process queue in memory before claiming (KeyedQueue).
 */
export class WriteClaims {
  private readonly queue = new KeyedQueue();
  private readonly leaseMs: number;
  private readonly wait: RetryPolicy;
  private readonly now: () => number;

  constructor(
    readonly collection: Collection<ClaimDocument>,
    /** whether this database's writes take claims */
    readonly required: () => Promise<boolean>,
    options: WriteClaimsOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.wait = options.wait ?? RetryPolicies.CLAIM_WAIT;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `work` holding the claims of `keys` where this database needs them, else as it is.
   * `wait` replaces CLAIM_WAIT for writers to whom a held claim already means a lost race (CLAIM_ONCE).
   */
  async run<T>(keys: readonly string[], work: () => Promise<T>, wait: RetryPolicy = this.wait): Promise<T> {
    return (await this.required()) ? this.hold(keys, work, wait) : work();
  }

  /**
   * Runs `work` holding the claims of all `keys`, whatever the database: taken
   * in sorted order (two multi-key writers cannot wait on each other), released
   * after it. ClaimBusyError (CONFLICT) when one stays held beyond CLAIM_WAIT.
   * `work` must not claim one of `keys` again.
   */
  hold<T>(keys: readonly string[], work: () => Promise<T>, wait: RetryPolicy = this.wait): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    return this.queue.runAll(sorted, () => this.claimed(sorted, work, wait));
  }

  private async claimed<T>(keys: readonly string[], work: () => Promise<T>, wait: RetryPolicy): Promise<T> {
    // one holder per acquisition: a claim's holding is (key, holder), evictions are keyed by both
    const holder = `${PROCESS_ID}:${(holdings += 1)}`;
    let held: string[] = [];
    try {
      held = await this.takeAtOnce(keys, holder);
      if (held.length === 0) {
        for (const key of keys) {
          await this.acquire(key, holder, wait);
          held.push(key);
        }
      }
      return await work();
    } finally {
      // a claim that cannot be deleted now (the database went away) expires with its lease
      await this.release(held, holder).catch(() => undefined);
    }
  }

  /**
   * Several keys: all in one unordered insert, when none is held (the usual
   * case: one round trip instead of one per key). When one is held, those
   * taken are given back at once and [] is returned: the caller takes them one
   * by one in sorted order, waiting and evicting as it does for one key (so
   * two multi-key writers never hold some keys while waiting for others).
   */
  private async takeAtOnce(keys: readonly string[], holder: string): Promise<string[]> {
    if (keys.length < 2) return [];
    const expiresAt = new Date(this.now() + this.leaseMs);
    try {
      await this.collection.insertMany(
        keys.map((key) => ({ _id: key, holder, expiresAt })),
        { ordered: false },
      );
      return [...keys];
    } catch (error) {
      const refused = refusedDuplicates(error);
      if (!refused) {
        // some may have been inserted before the failure: give back whatever this holder took
        await this.release(keys, holder).catch(() => undefined);
        throw error;
      }
      await this.release(
        keys.filter((_, i) => !refused.has(i)),
        holder,
      );
      return [];
    }
  }

  private async release(keys: readonly string[], holder: string): Promise<void> {
    if (keys.length === 0) return;
    if (keys.length === 1) await this.collection.deleteOne({ _id: keys[0], holder });
    else await this.collection.deleteMany({ _id: { $in: [...keys] }, holder });
  }

  private async acquire(key: string, holder: string, wait: RetryPolicy): Promise<void> {
    try {
      await retry(
        wait,
        async () => {
          if (!(await this.take(key, holder))) throw new ClaimHeld();
        },
        { retryOn: (error) => error instanceof ClaimHeld },
      );
    } catch (error) {
      throw error instanceof ClaimHeld ? new ClaimBusyError(key) : error;
    }
  }

  /** One try: insert the claim, or evict it when its lease ran out and insert it then. */
  private async take(key: string, holder: string): Promise<boolean> {
    if (await this.insert(key, holder)) return true;
    const current = await this.collection.findOne({ _id: key });
    if (current && !isExpired(current, this.now())) return false;
    if (current) await this.evict(current, holder);
    return this.insert(key, holder);
  }

  /**
   * Deletes a stale holding under its eviction claim, so only one writer
   * evicts it; an eviction claim left by an evicting writer that died is
   * evicted the same way. Deleted last, after the stale holding: whoever takes
   * the eviction claim later finds the holding gone and deletes nothing.
   */
  private async evict(stale: ClaimDocument, holder: string): Promise<void> {
    const eviction = evictionKey(stale);
    if (!(await this.insert(eviction, holder))) {
      const other = await this.collection.findOne({ _id: eviction });
      if (other && isExpired(other, this.now())) await this.evict(other, holder);
      return;
    }
    try {
      await this.collection.deleteOne({ _id: stale._id, holder: stale.holder });
    } finally {
      await this.collection.deleteOne({ _id: eviction, holder });
    }
  }

  private async insert(key: string, holder: string): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: key, holder, expiresAt: new Date(this.now() + this.leaseMs) });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}

/**
 * `collection` whose `updateOne` of one `_id`, and `bulkWrite` of `updateOne`s
 * each of one `_id` (the outbox relay's removals), run under those documents'
 * claims (all of them at once, see `WriteClaims.hold`), as the service's
 * writes do; everything else is the collection's own. `claims` is resolved
 * at the call (the connection opens after the relay is wired).
 */
export function claimedUpdates<TSchema extends Document>(collection: Collection<TSchema>, claims: () => WriteClaims): Collection<TSchema> {
  return new Proxy(collection, {
    get(target, property) {
      if (property === 'updateOne') {
        return (...args: Parameters<Collection<TSchema>['updateOne']>) => {
          const update = () => target.updateOne(...args);
          const id = documentIdOf(args[0]);
          return id === undefined ? update() : claims().run([claimKey(target.collectionName, id)], update);
        };
      }
      if (property === 'bulkWrite') {
        return (...args: Parameters<Collection<TSchema>['bulkWrite']>) => {
          const write = () => target.bulkWrite(...args);
          const ids = args[0].map((operation) => ('updateOne' in operation ? documentIdOf(operation.updateOne.filter) : undefined));
          if (ids.some((id) => id === undefined)) throw new Error(`bulkWrite of ${target.collectionName} under claims takes updateOne operations of one _id each`);
          return claims().run(
            (ids as string[]).map((id) => claimKey(target.collectionName, id)),
            write,
          );
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
