import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Collection } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Names this process among the instances of a service (host, pid and a random
 * part, so a restarted process with a reused pid is someone else): the holder
 * of claims and leases.
 */
export function processInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** A claim as stored: the key is the `_id`, so of concurrent inserts of one key exactly one succeeds. */
export interface ClaimDocument {
  _id: string;
  holder: string;
  at: Date;
}

export interface ClaimsOptions {
  /** who claims (processInstanceId()) */
  holder: string;
  /** how long a claim left behind by a holder that died blocks its key; then another holder takes it over */
  leaseMs: number;
}

/**
 * Cross-process claims of keys, built on inserts: an insert of an existing
 * `_id` fails atomically with E11000 on MongoDB and on FerretDB alike (whose
 * updates are a read and a separate write, FerretDB #3040, so a conditional
 * update cannot claim anything there). `claim` inserts every key in one
 * round trip (`insertMany`, unordered) and returns those it got; `release`
 * deletes them in one. A claim older than the lease is taken over: the
 * holder is presumed dead, and what it was doing may be done twice.
 */
export class Claims {
  constructor(
    private readonly collection: Collection<ClaimDocument>,
    private readonly options: ClaimsOptions,
  ) {}

  get holder(): string {
    return this.options.holder;
  }

  /** Claims the keys nobody holds (and those held longer than the lease); returns the keys this holder now holds. */
  async claim(keys: readonly string[], now = new Date()): Promise<Set<string>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Set();
    const taken = await this.insertAll(unique, now);
    const claimed = new Set(unique.filter((key) => !taken.has(key)));
    if (taken.size > 0) for (const key of await this.takeOverExpired([...taken], now)) claimed.add(key);
    return claimed;
  }

  /** Gives up these keys (only where this holder still holds them: a claim taken over stays its new holder's). */
  async release(keys: Iterable<string>): Promise<void> {
    const ids = [...keys];
    if (ids.length === 0) return;
    await this.collection.deleteMany({ _id: { $in: ids }, holder: this.options.holder });
  }

  /** Inserts one claim per key in one unordered `insertMany`; returns the keys another holder held already. */
  private async insertAll(keys: string[], now: Date): Promise<Set<string>> {
    try {
      await this.collection.insertMany(
        keys.map((key) => ({ _id: key, holder: this.options.holder, at: now })),
        { ordered: false },
      );
      return new Set();
    } catch (error) {
      const failures = writeErrorsOf(error, keys.length);
      if (!failures || failures.some((failure) => !isDuplicateKeyError(failure))) throw error;
      return new Set(failures.map((failure) => keys[failure.index]));
    }
  }

  /**
   * Claims anew the keys among `keys` whose claim is older than the lease. Of
   * several contenders only the one that inserts the takeover token of that
   * claim (its key and time) deletes it and claims the key: a conditional
   * delete is not atomic on FerretDB, so two contenders deleting "the stale
   * claim" could otherwise delete each other's fresh one. Tokens stay (one
   * small document per takeover, i.e. per crashed holder).
   */
  private async takeOverExpired(keys: string[], now: Date): Promise<string[]> {
    const expired = await this.collection
      .find({ _id: { $in: keys }, at: { $lt: new Date(now.getTime() - this.options.leaseMs) } })
      .toArray();
    const won: string[] = [];
    for (const stale of expired) {
      const token = `${stale._id}@${stale.at.getTime()}:${stale.holder}`;
      if ((await this.insertAll([token], now)).size > 0) continue;
      await this.collection.deleteOne({ _id: stale._id, at: stale.at, holder: stale.holder });
      if ((await this.insertAll([stale._id], now)).size === 0) won.push(stale._id);
    }
    return won;
  }
}

interface WriteFailure {
  index: number;
  code?: unknown;
  errmsg?: unknown;
  message?: unknown;
}

/** The per-document failures of an unordered bulk insert (MongoBulkWriteError), or undefined for any other error. */
function writeErrorsOf(error: unknown, documents: number): WriteFailure[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { writeErrors } = error as { writeErrors?: unknown };
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors === undefined ? undefined : [writeErrors];
  if (!list || list.length === 0) {
    // a single-document insert may fail with the error itself
    return documents === 1 && isDuplicateKeyError(error) ? [{ index: 0, code: (error as { code?: unknown }).code }] : undefined;
  }
  return list.map((failure) => {
    const { index, code, errmsg } = failure as { index: number; code?: unknown; errmsg?: unknown };
    return { index, code, errmsg, message: errmsg };
  });
}
