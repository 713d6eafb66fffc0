import { isEventOf, orgUnitState, type EventEnvelope, type EventMeta } from '@steward/events';
import { retry, RetryPolicies, type RetryPolicy } from '@steward/persistence';
import type { ReplicaProgress } from '@steward/replicas';
import type { Logger } from './logger';

/**
 * Re-pathing (移动后的路径更新): records that store an org path snapshot (the ids
 * from the city down to the record's own unit, matched by read scopes) follow
 * their unit when it moves (`moveOrgUnit`). Org publishes a new state on
 * `steward.org.units.v1` for the moved unit AND for every unit below it, so a
 * service that re-paths "the records whose own unit is U" on each state of U
 * covers the whole moved subtree, unit by unit; a rename (same path) finds
 * nothing to change.
 */
export interface OrgPathRepather {
  /** names the records in logs, e.g. 'households' */
  readonly name: string;
  /**
   * Brings the stored paths of the records whose own unit is `unitId` to
   * `path` (ids from the city down to and including the unit): reads them by
   * an indexed field, compares in code and writes only those that differ, each
   * in one guarded single-document update through the service's usual write
   * path. Idempotent; returns how many records it changed.
   */
  repath(unitId: string, path: readonly string[]): Promise<number>;
}

export interface RepathEachOptions<T, C> {
  /** the records to look at (read by an indexed field) */
  candidates: readonly T[];
  /** the change a record needs, or null when it already lies where it should */
  plan: (record: T) => C | null;
  /** writes the change guarded by what was read; false when the record changed meanwhile */
  write: (record: T, change: C) => Promise<boolean>;
  /** the record read again after a lost race; null when it is gone */
  reread: (record: T) => Promise<T | null>;
  /** tries per record and the pauses between them; default RetryPolicies.REPATH (then the consumer retries the whole unit) */
  policy?: RetryPolicy;
  /** names the records in the error */
  describe: (record: T) => string;
}

/**
 * Writes each candidate's change, one record at a time, re-reading and
 * re-planning a record whose guarded write lost a race with another writer
 * (whose write may already have set the new path: then nothing is left to do).
 * Returns how many records it changed.
 */
export async function repathEach<T, C>(options: RepathEachOptions<T, C>): Promise<number> {
  let changed = 0;
  for (const candidate of options.candidates) {
    let record: T | null = candidate;
    const outcome = await retry(
      options.policy ?? RetryPolicies.REPATH,
      async (attempt) => {
        if (attempt > 1) record = record && (await options.reread(record));
        if (!record) return 'settled';
        const change = options.plan(record);
        if (change === null) return 'settled';
        return (await options.write(record, change)) ? 'changed' : 'lost';
      },
      { retryIf: (result) => result === 'lost' },
    );
    if (outcome === 'changed') changed += 1;
    if (outcome === 'lost' && record) throw new Error(`${options.describe(record)} kept changing while it was re-pathed; retried later`);
  }
  return changed;
}

export interface OrgRepathOptions {
  /** the unit's current path (ancestors and itself), from the process's org replica */
  pathOf(unitId: string): readonly string[] | undefined;
  /** the same replica's progress on the org topic */
  progress: ReplicaProgress;
  repathers: readonly OrgPathRepather[];
  logger: Logger;
  /** how long a state waits for the replica to have read it; default 60 s */
  replicaTimeoutMs?: number;
  /** a second pass over a unit this long after a recent state of it (0: none); default 5 s */
  settleMs?: number;
  /** a state older than this is history being replayed: no second pass; default 10 minutes */
  recentMs?: number;
  now?: () => number;
}

const DEFAULT_SETTLE_MS = 5_000;
const DEFAULT_RECENT_MS = 10 * 60_000;

/**
 * The handler of a service's re-path consumer on `steward.org.units.v1`.
 *
 * For each state of unit U it waits until the process's own org replica has
 * read that state (or a newer one), then asks every re-pather to re-path U's
 * records to U's path **in the replica**. The event only says which unit to
 * look at: during a replay (a new consumer group, `KAFKA_NEW_GROUP_START=earliest`)
 * an old state of U is followed on the same partition by the newer ones, and
 * applying its stale path would hand records back to the old ancestors for a
 * while. Waiting for the replica also means that writes in this process which
 * start after the pass already compute the new path from the replica.
 *
 * A write that computed its path just before (in this or another instance
 * whose replica lags) can land after the pass with the old path, so a recent
 * state gets a second pass `settleMs` later. That pass is in memory only; the
 * first is what the consumer commits (a crash re-delivers the state, and
 * handling a state twice changes nothing the second time).
 */
export class OrgRepath {
  private readonly settleMs: number;
  private readonly recentMs: number;
  private readonly now: () => number;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private settling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: OrgRepathOptions) {
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.recentMs = options.recentMs ?? DEFAULT_RECENT_MS;
    this.now = options.now ?? Date.now;
  }

  /** The consumer's handler: one org unit state. */
  readonly handle = async (event: EventEnvelope, meta: Pick<EventMeta, 'partition' | 'offset' | 'key'>): Promise<void> => {
    if (!isEventOf(orgUnitState, event)) return;
    const unitId = meta.key ?? event.data.id;
    await this.options.progress.whenApplied(meta, this.options.replicaTimeoutMs ?? 60_000);
    await this.repathUnit(unitId, 'state');
    if (this.settleMs > 0 && this.now() - Date.parse(event.time) < this.recentMs) this.settleLater(unitId);
  };

  /** Re-paths the records of `unitId` to its current path; returns how many changed. */
  async repathUnit(unitId: string, pass: 'state' | 'settle' = 'state'): Promise<number> {
    const path = this.options.pathOf(unitId);
    if (!path) {
      this.options.logger.warn({ unitId }, 'org unit unknown to the replica: nothing to re-path');
      return 0;
    }
    let total = 0;
    for (const repather of this.options.repathers) {
      const changed = await repather.repath(unitId, path);
      if (changed > 0) this.options.logger.info({ unitId, records: repather.name, changed, pass }, 're-pathed records of a moved org unit');
      total += changed;
    }
    return total;
  }

  /** Cancels the second passes not yet run and waits for the one running. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.settling;
  }

  private settleLater(unitId: string): void {
    if (this.stopped) return;
    const earlier = this.pending.get(unitId);
    if (earlier) clearTimeout(earlier);
    const timer = setTimeout(() => {
      this.pending.delete(unitId);
      // one pass at a time: a moved subtree of thousands of units settles in a queue, not all at once
      this.settling = this.settling.then(() => this.settle(unitId));
    }, this.settleMs);
    timer.unref();
    this.pending.set(unitId, timer);
  }

  private async settle(unitId: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.repathUnit(unitId, 'settle');
    } catch (error) {
      this.options.logger.error({ err: error, unitId }, 'second re-path pass failed; the next state of the unit re-paths it');
    }
  }
}
