import { createHash } from 'node:crypto';

/**
 * Where attempt slots live. `insert` must be atomic: of concurrent inserts of
 * one id, from any number of processes, exactly one succeeds (a unique `_id`
 * insert, on MongoDB and FerretDB alike).
 */
export interface AttemptSlotStore {
  /** true when this call took the slot, false when it was taken already */
  insert(id: string, at: Date): Promise<boolean>;
  /** frees the slots among `ids` taken before `before`; returns how many */
  removeTakenBefore(ids: readonly string[], before: Date): Promise<number>;
  remove(ids: readonly string[]): Promise<void>;
}

export interface AttemptLimits {
  /** checked attempts per name within `windowMs` */
  maxAttempts: number;
  windowMs: number;
}

/**
 * Guess throttling that holds under concurrency and across instances: each
 * attempt on a name (a phone or client id signing in, a ticket number looked
 * up) takes one of `maxAttempts` slots BEFORE its secret is checked; when
 * every slot is taken the name is locked. A slot is freed when it is older
 * than `windowMs`, and all of a name's slots when an attempt succeeds. So at
 * most `maxAttempts` secrets are checked per name in any window, however many
 * arrive at once.
 */
export class AttemptSlots {
  constructor(
    private readonly store: AttemptSlotStore,
    private readonly limits: AttemptLimits,
  ) {}

  /** Whether this attempt may check its secret; false: locked. */
  async claim(name: string, now = new Date()): Promise<boolean> {
    const ids = slotIds(name, this.limits.maxAttempts);
    if (await this.takeFree(ids, now)) return true;
    const freed = await this.store.removeTakenBefore(ids, new Date(now.getTime() - this.limits.windowMs));
    return freed > 0 && (await this.takeFree(ids, now));
  }

  /** After a successful attempt: the name's earlier failures no longer count. */
  async clear(name: string): Promise<void> {
    await this.store.remove(slotIds(name, this.limits.maxAttempts));
  }

  private async takeFree(ids: readonly string[], now: Date): Promise<boolean> {
    for (const id of ids) if (await this.store.insert(id, now)) return true;
    return false;
  }
}

/**
 * The slot ids of a name: a digest of the name (phones that nobody owns, ticket
 * numbers, are not stored in clear) and the slot number.
 */
export function slotIds(name: string, maxAttempts: number): string[] {
  const digest = createHash('sha256').update(name).digest('base64url').slice(0, 22);
  return Array.from({ length: maxAttempts }, (_unused, slot) => `${digest}:${slot}`);
}
