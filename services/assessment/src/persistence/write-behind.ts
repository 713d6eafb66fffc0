import { PERIOD_KINDS, periodId, type Period } from '../domain/periods';
import type { AdjustmentCandidate, ClaimSheet, ClosureDocument, CounterSheet, CounterSheetChange, SheetChange, Watermarks } from './projection-documents';
import type { ProjectionStore } from './projection.store';
import type { SheetStore } from './sheet-store';

/**
 * A write to the database failed its version guard: someone else writes this
 * generation, or an earlier write of the sheet reached the database but not
 * its answer. Either way the memory can no longer be trusted: the rebuild stops.
 */
export class WriteBehindConflictError extends Error {}

interface Entry<T> {
  doc: T | null;
  /** the version the database holds (undefined: no document) */
  stored: number | undefined;
  dirty: boolean;
  /** read or written since the last round was written */
  touched: boolean;
  write: (expected: number | undefined, doc: T) => Promise<boolean>;
}

/** A sheet as kept in memory: its entries change in place (nobody else holds them). */
interface CachedSheet {
  v: number;
  wm: Watermarks;
  entries: Map<string, string>;
}

/** The sheets of one kind: read once from the database, then kept and changed in memory. */
class SheetCache {
  private readonly entries = new Map<string, Entry<CachedSheet>>();

  async read(key: string, load: () => Promise<CachedSheet | null>, write: Entry<CachedSheet>['write']): Promise<CachedSheet | null> {
    let entry = this.entries.get(key);
    if (!entry) {
      const doc = await load();
      entry = { doc, stored: doc?.v, dirty: false, touched: true, write };
      this.entries.set(key, entry);
    }
    entry.touched = true;
    return entry.doc;
  }

  /** Same contract as the database's guarded replace, against the version in memory. */
  replace(key: string, base: { v: number } | null, change: SheetChange, wm: Watermarks = {}): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.doc?.v !== base?.v) return false;
    const entries = entry.doc?.entries ?? new Map<string, string>();
    for (const [name, value] of change.changed) entries.set(name, value);
    entry.doc = { v: change.v, wm, entries };
    entry.dirty = true;
    entry.touched = true;
    return true;
  }

  get dirtyCount(): number {
    return [...this.entries.values()].filter((entry) => entry.dirty).length;
  }

  /** Writes every changed sheet (taken in key order, `concurrency` at a time), each guarded by the version the database holds. */
  async flush(afterEach: () => Promise<void>, concurrency: number): Promise<number> {
    const dirty = [...this.entries].filter(([, entry]) => entry.dirty).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < dirty.length) {
        const [key, entry] = dirty[next];
        next += 1;
        const doc = entry.doc as CachedSheet;
        try {
          if (!(await entry.write(entry.stored, doc))) throw new WriteBehindConflictError(`sheet ${key} was changed by another writer`);
          entry.stored = doc.v;
          entry.dirty = false;
          await afterEach();
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, dirty.length) }, worker));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    return dirty.length;
  }

  /** Forgets the written sheets nobody used since the last round (past weeks and months), to bound memory. */
  evictUntouched(): void {
    for (const [key, entry] of this.entries) {
      if (!entry.dirty && !entry.touched) this.entries.delete(key);
      else entry.touched = false;
    }
  }
}

/**
 * A SheetStore for a generation with a single writer (a rebuild): sheets are
 * read once, changed in memory by any number of chunks, and written only by
 * `writeSheets`, one guarded replace per changed sheet; adjustment candidates
 * wait for `writeRoundCandidates`. The memory behaves like the database would
 * (versions, watermarks, claims), so a chunk applied again, or half-applied
 * before a failure, is handled as the projector handles re-delivery. A
 * process that dies before a round is written loses only uncommitted work:
 * the messages are delivered again.
 *
 * Candidates follow the live order (closures read after the counters are
 * written): chunks use the closures read when the round began, and
 * `closuresChanged`, called after `writeSheets`, says whether the round must
 * be applied again to record the candidates of closures that began meanwhile.
 */
export class WriteBehindStore implements SheetStore {
  private readonly counters = new SheetCache();
  private readonly coverage = new SheetCache();
  private readonly claims = new SheetCache();
  private candidates = new Map<string, AdjustmentCandidate>();
  private closures: ClosureDocument[] | null = null;

  /** `concurrency`: sheets written at once (FerretDB decodes and encodes each on a core of its own). */
  constructor(
    private readonly store: ProjectionStore,
    private readonly concurrency = 2,
  ) {}

  get generation(): string {
    return this.store.generation;
  }

  counterBucket(subjectId: string): number {
    return this.store.counterBucket(subjectId);
  }

  coverageBucket(ownerId: string): number {
    return this.store.coverageBucket(ownerId);
  }

  eventClaimBucket(aggregateId: string): number {
    return this.store.eventClaimBucket(aggregateId);
  }

  async readSheet(period: Period, bucket: number): Promise<CounterSheet | null> {
    const cached = await this.counters.read(
      periodBucketKey(period, bucket),
      async () => cachedOf(await this.store.readSheet(period, bucket)),
      (expected, doc) => this.store.putSheet(period, bucket, expected, { v: doc.v, wm: doc.wm, rows: doc.entries }),
    );
    return cached && { v: cached.v, wm: cached.wm, rows: cached.entries };
  }

  async replaceSheet(period: Period, bucket: number, base: CounterSheet | null, change: CounterSheetChange): Promise<boolean> {
    return this.counters.replace(periodBucketKey(period, bucket), base, change, change.wm);
  }

  readCoverage(period: Period, bucket: number): Promise<ClaimSheet | null> {
    return this.coverage.read(
      periodBucketKey(period, bucket),
      async () => cachedOf(await this.store.readCoverage(period, bucket)),
      (expected, doc) => this.store.putCoverage(period, bucket, expected, doc),
    );
  }

  async replaceCoverage(period: Period, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean> {
    return this.coverage.replace(periodBucketKey(period, bucket), base, change);
  }

  readEventClaims(month: string, bucket: number): Promise<ClaimSheet | null> {
    return this.claims.read(
      `${month}#${bucket}`,
      async () => cachedOf(await this.store.readEventClaims(month, bucket)),
      (expected, doc) => this.store.putEventClaims(month, bucket, expected, doc),
    );
  }

  async replaceEventClaims(month: string, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean> {
    return this.claims.replace(`${month}#${bucket}`, base, change);
  }

  async findClosures(periodKeys: string[]): Promise<ClosureDocument[]> {
    this.closures ??= await this.store.allClosures();
    const keys = new Set(periodKeys);
    return this.closures.filter((closure) => keys.has(closure.periodKey));
  }

  async writeCandidates(candidates: AdjustmentCandidate[]): Promise<void> {
    // the database keeps the first write of a candidate ($setOnInsert): so does the memory
    for (const candidate of candidates) if (!this.candidates.has(candidate._id)) this.candidates.set(candidate._id, candidate);
  }

  /** Sheets changed in memory and not yet written. */
  get unwritten(): number {
    return this.claims.dirtyCount + this.coverage.dirtyCount + this.counters.dirtyCount;
  }

  /** Writes every changed sheet: event claims, coverage, then counters (shortest periods first). Returns how many. */
  async writeSheets(afterEach: () => Promise<void> = async () => undefined): Promise<number> {
    const { concurrency } = this;
    return (await this.claims.flush(afterEach, concurrency)) + (await this.coverage.flush(afterEach, concurrency)) + (await this.counters.flush(afterEach, concurrency));
  }

  /**
   * Reads the closures again (after `writeSheets`): true when one began since
   * the round's chunks read them, so their candidates may be missing (apply
   * the round's messages again; only candidates can come of it).
   */
  async closuresChanged(): Promise<boolean> {
    const known = new Set((this.closures ?? []).map((closure) => closure._id));
    const now = await this.store.allClosures();
    const before = this.closures;
    this.closures = now;
    return before !== null && now.some((closure) => !known.has(closure._id));
  }

  /** Writes the candidates of the round (after the sheets and the closure check), then starts the next round. */
  async writeRoundCandidates(): Promise<number> {
    const candidates = [...this.candidates.values()];
    await this.store.writeCandidates(candidates);
    this.candidates = new Map();
    this.closures = null;
    this.counters.evictUntouched();
    this.coverage.evictUntouched();
    this.claims.evictUntouched();
    return candidates.length;
  }
}

/** A sheet read from the database as kept in memory (a copy of its entries, which change in place). */
function cachedOf(sheet: CounterSheet | ClaimSheet | null): CachedSheet | null {
  if (!sheet) return null;
  return 'rows' in sheet ? { v: sheet.v, wm: sheet.wm, entries: new Map(sheet.rows) } : { v: sheet.v, wm: {}, entries: new Map(sheet.entries) };
}

/** Sorts as the projector writes: shortest periods first. */
function periodBucketKey(period: Period, bucket: number): string {
  return `${PERIOD_KINDS.indexOf(period.kind)}:${periodId(period)}#${bucket}`;
}
