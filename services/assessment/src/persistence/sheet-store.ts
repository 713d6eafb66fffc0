import type { Period } from '../domain/periods';
import type { AdjustmentCandidate, ClaimSheet, ClosureDocument, CounterSheet, CounterSheetChange, SheetChange } from './projection-documents';

/**
 * What the projector reads and writes: the sheets of one generation and the
 * closures. `ProjectionStore` goes straight to the database (the live
 * consumer); `WriteBehindStore` keeps the writes in memory until a round is
 * written (the rebuild).
 */
export interface SheetStore {
  readonly generation: string;
  counterBucket(subjectId: string): number;
  coverageBucket(ownerId: string): number;
  eventClaimBucket(aggregateId: string): number;
  readSheet(period: Period, bucket: number): Promise<CounterSheet | null>;
  /**
   * Writes the next version of a sheet read as `base` (null: absent), if it
   * is still at that version; false when another write came first.
   */
  replaceSheet(period: Period, bucket: number, base: CounterSheet | null, change: CounterSheetChange): Promise<boolean>;
  readCoverage(period: Period, bucket: number): Promise<ClaimSheet | null>;
  replaceCoverage(period: Period, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean>;
  readEventClaims(month: string, bucket: number): Promise<ClaimSheet | null>;
  replaceEventClaims(month: string, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean>;
  /** The closures (of any unit) of these period keys. */
  findClosures(periodKeys: string[]): Promise<ClosureDocument[]>;
  /** Idempotent: a candidate already stored is kept as it is. */
  writeCandidates(candidates: AdjustmentCandidate[]): Promise<void>;
}
