import { inScope, type OrgScope } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import { ClaimBusyError, claimKey, isDuplicateKeyError, RetryPolicies, writeClaimsOf, type BatchResult, type WriteClaims } from '@steward/persistence';
import type { Collection, Db, Document, Filter, OptionalUnlessRequiredId, WithoutId } from 'mongodb';
import { periodId, type Period } from '../domain/periods';
import { EVENT_PATHS_ONLY, placementOf, type PlacedSubject, type UnitPathOf } from '../domain/placement';
import type { AdjustmentCandidate, ClaimSheet, ClaimSheetDocument, ClosureDocument, CounterRow, CounterSheet, CounterSheetChange, CounterSheetDocument, SheetChange, Watermarks } from './projection-documents';
import {
  adjustmentsCollection,
  bucketOf,
  CLOSURES_COLLECTION,
  COUNTER_BUCKETS,
  COVERAGE_BUCKETS,
  EVENT_CLAIM_BUCKETS,
  eventClaimSheetKey,
  kindCollection,
  ownCollectionPerSheet,
  periodOfCountersCollection,
  periodOfSheetKey,
  periodSheetKey,
  sheetLocation,
  type SheetKind,
} from './generation';
import { decodeClaims, decodeRow, idOfKey, keyOf, packEntries, unpackEntries, withChanges } from './sheet-codec';
import type { SheetStore } from './sheet-store';

/**
 * The collections of one generation, and the only code that touches them.
 * Every write is one single-document replace guarded by the version read
 * (FerretDB has no transactions), under the sheet's write claim where the
 * database needs one (FerretDB: several instances may write a sheet). Reads of counters and adjustments take the
 * caller's OrgScope and return only subjects placed inside it (`placementOf`,
 * with the unit paths of the org tree given here); the sheet primitives
 * (`readSheet`, `readCoverage`, …) are the projector's and unscoped.
 */
export class ProjectionStore implements SheetStore {
  readonly adjustments: Collection<AdjustmentCandidate>;
  readonly closures: Collection<ClosureDocument>;

  constructor(
    readonly db: Db,
    readonly generation: string,
    private readonly unitPath: UnitPathOf = EVENT_PATHS_ONLY,
  ) {
    this.adjustments = db.collection<AdjustmentCandidate>(adjustmentsCollection(generation));
    this.closures = db.collection<ClosureDocument>(CLOSURES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.adjustments.createIndex({ periodKind: 1, periodKey: 1 });
    await this.closures.createIndex({ periodKey: 1 });
  }

  counterBucket(subjectId: string): number {
    return bucketOf(subjectId, COUNTER_BUCKETS);
  }

  coverageBucket(ownerId: string): number {
    return bucketOf(ownerId, COVERAGE_BUCKETS);
  }

  eventClaimBucket(aggregateId: string): number {
    return bucketOf(aggregateId, EVENT_CLAIM_BUCKETS);
  }

  async readEventClaims(month: string, bucket: number): Promise<ClaimSheet | null> {
    const { collection, id } = this.eventClaims(month, bucket);
    return claimSheetOf(await collection.findOne({ _id: id }));
  }

  replaceEventClaims(month: string, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean> {
    const { collection, id } = this.eventClaims(month, bucket);
    return this.claimedReplace(collection, base?.v, claimDocumentOf(id, change.v, withChanges(base?.entries, change.changed)));
  }

  /** Writes a whole event-claim sheet if the stored one is still at version `expected` (absent when undefined). */
  putEventClaims(month: string, bucket: number, expected: number | undefined, sheet: ClaimSheet): Promise<boolean> {
    const { collection, id } = this.eventClaims(month, bucket);
    return this.claimedReplace(collection, expected, claimDocumentOf(id, sheet.v, sheet.entries));
  }

  /** The periods this generation has counters for. */
  async periods(): Promise<Period[]> {
    const found = ownCollectionPerSheet(this.generation)
      ? (await this.db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => periodOfCountersCollection(this.generation, name))
      : (await this.db.collection<{ _id: string }>(kindCollection(this.generation, 'counters')).find({}, { projection: { _id: 1 } }).toArray()).map(({ _id }) => periodOfSheetKey(_id));
    const periods = new Map<string, Period>();
    for (const period of found) if (period) periods.set(periodId(period), period);
    return [...periods.values()].sort((a, b) => periodId(a).localeCompare(periodId(b)));
  }

  async readSheet(period: Period, bucket: number): Promise<CounterSheet | null> {
    const { collection, id } = this.sheets(period, bucket);
    const doc = await collection.findOne({ _id: id });
    return doc && { v: doc.v, wm: doc.wm, rows: unpackEntries(doc.p, doc.s) };
  }

  replaceSheet(period: Period, bucket: number, base: CounterSheet | null, change: CounterSheetChange): Promise<boolean> {
    const { collection, id } = this.sheets(period, bucket);
    return this.claimedReplace(collection, base?.v, counterDocumentOf(id, change.v, change.wm, withChanges(base?.rows, change.changed)));
  }

  /** Writes a whole counter sheet if the stored one is still at version `expected` (absent when undefined); false when another write came first. */
  putSheet(period: Period, bucket: number, expected: number | undefined, sheet: CounterSheet): Promise<boolean> {
    const { collection, id } = this.sheets(period, bucket);
    return this.claimedReplace(collection, expected, counterDocumentOf(id, sheet.v, sheet.wm, sheet.rows));
  }

  async readCoverage(period: Period, bucket: number): Promise<ClaimSheet | null> {
    const { collection, id } = this.coverage(period, bucket);
    return claimSheetOf(await collection.findOne({ _id: id }));
  }

  replaceCoverage(period: Period, bucket: number, base: ClaimSheet | null, change: SheetChange): Promise<boolean> {
    const { collection, id } = this.coverage(period, bucket);
    return this.claimedReplace(collection, base?.v, claimDocumentOf(id, change.v, withChanges(base?.entries, change.changed)));
  }

  putCoverage(period: Period, bucket: number, expected: number | undefined, sheet: ClaimSheet): Promise<boolean> {
    const { collection, id } = this.coverage(period, bucket);
    return this.claimedReplace(collection, expected, claimDocumentOf(id, sheet.v, sheet.entries));
  }

  async findClosures(periodKeys: string[]): Promise<ClosureDocument[]> {
    if (periodKeys.length === 0) return [];
    return this.closures.find({ periodKey: { $in: periodKeys } }).toArray();
  }

  /** Every closure, of every period (a small collection: one per closed report). */
  allClosures(): Promise<ClosureDocument[]> {
    return this.closures.find({}).toArray();
  }

  async writeCandidates(candidates: AdjustmentCandidate[]): Promise<void> {
    if (candidates.length === 0) return;
    await this.adjustments.bulkWrite(
      candidates.map(({ _id, ...fields }) => ({
        updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
      })),
    );
  }

  /** The rows of the given subjects that exist in the period and lie inside `scope` (the others are left out). */
  async findRows(period: Period, subjectIds: string[], scope: OrgScope): Promise<CounterRow[]> {
    return (await this.rowsOf(period, subjectIds)).filter((row) => this.isVisible(row, scope));
  }

  /** The subject's row; undefined when nothing was counted for it, FORBIDDEN when it lies outside `scope`. */
  async findRow(period: Period, subjectId: string, scope: OrgScope): Promise<CounterRow | undefined> {
    const [row] = await this.findEachRow(period, [subjectId], scope);
    if (row instanceof Error) throw row;
    return row ?? undefined;
  }

  /** `findRow` of each subject at once (one read per sheet), in the ids' order: null when nothing was counted, FORBIDDEN (returned) outside `scope`. */
  async findEachRow(period: Period, subjectIds: readonly string[], scope: OrgScope): Promise<BatchResult<CounterRow>[]> {
    const rows = new Map((await this.rowsOf(period, [...subjectIds])).map((row) => [row.subjectId, row]));
    return subjectIds.map((id) => {
      const row = rows.get(id);
      if (!row) return null;
      return this.isVisible(row, scope) ? row : new ForbiddenError('This score lies outside your units (超出管辖范围)');
    });
  }

  /** Every row of a period that lies under `unitId` (the unit, its subtree, members who worked there) and inside `scope`. */
  async findRowsWithin(period: Period, unitId: string, scope: OrgScope): Promise<CounterRow[]> {
    return (await this.allRows(period, scope)).filter((row) => row.scope.includes(unitId));
  }

  /** Every row of every sheet of a period that lies inside `scope`. */
  async allRows(period: Period, scope: OrgScope): Promise<CounterRow[]> {
    const sheets = await Promise.all(Array.from({ length: COUNTER_BUCKETS }, (_, bucket) => this.readSheet(period, bucket)));
    return sheets.flatMap((sheet) => (sheet ? [...sheet.rows.keys()].map((key) => rowOf(sheet, key)) : [])).filter((row) => this.isVisible(row, scope));
  }

  private async rowsOf(period: Period, subjectIds: string[]): Promise<CounterRow[]> {
    const byBucket = new Map<number, string[]>();
    for (const id of new Set(subjectIds)) {
      const bucket = this.counterBucket(id);
      byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), id]);
    }
    const rows = await Promise.all(
      [...byBucket].map(async ([bucket, ids]) => {
        const sheet = await this.readSheet(period, bucket);
        return sheet ? ids.flatMap((id) => (sheet.rows.has(keyOf(id)) ? [rowOf(sheet, keyOf(id))] : [])) : [];
      }),
    );
    return rows.flat();
  }

  /** Every owner's households in a period (tests, checks). */
  async allCoverage(period: Period): Promise<Map<string, string[]>> {
    const sheets = await Promise.all(Array.from({ length: COVERAGE_BUCKETS }, (_, bucket) => this.readCoverage(period, bucket)));
    const owners = new Map<string, string[]>();
    for (const sheet of sheets) {
      for (const [key, claims] of sheet?.entries ?? []) owners.set(idOfKey(key), [...decodeClaims(claims).keys()].sort());
    }
    return owners;
  }

  /** The adjustment candidates of a period under `unitId` whose subjects lie inside `scope`, oldest first. */
  async findCandidatesWithin(period: Period, unitId: string, scope: OrgScope): Promise<AdjustmentCandidate[]> {
    const candidates = await this.adjustments
      .find({ periodKind: period.kind, periodKey: period.key, scope: unitId })
      .sort({ recordedAt: 1, _id: 1 })
      .toArray();
    return candidates.filter((candidate) => this.isVisible(candidate, scope));
  }

  private isVisible(subject: PlacedSubject, scope: OrgScope): boolean {
    return scope.kind === 'ALL' || inScope(scope, placementOf(subject, this.unitPath));
  }

  /**
   * Replaces the sheet if it is still at version `expected`, or inserts it when
   * `expected` is undefined (absent: an insert is atomic and takes no claim);
   * false when another write came first.
   */
  private async claimedReplace<T extends { _id: string; v: number }>(collection: Collection<T>, expected: number | undefined, doc: T): Promise<boolean> {
    if (expected === undefined) return insertNew(collection, doc);
    try {
      // a held claim means another instance is writing the version read: a lost race, re-read at once
      return await this.claims.run([claimKey(collection.collectionName, doc._id)], () => guardedReplace(collection, expected, doc), RetryPolicies.CLAIM_ONCE);
    } catch (error) {
      // another instance held the sheet beyond the wait: the same lost race as an unmatched guard
      if (error instanceof ClaimBusyError) return false;
      throw error;
    }
  }

  private get claims(): WriteClaims {
    return writeClaimsOf(this.db);
  }

  private sheets(period: Period, bucket: number): StoredSheet<CounterSheetDocument> {
    return this.locate<CounterSheetDocument>('counters', periodSheetKey(period, bucket));
  }

  private eventClaims(month: string, bucket: number): StoredSheet<ClaimSheetDocument> {
    return this.locate<ClaimSheetDocument>('eventclaims', eventClaimSheetKey(month, bucket));
  }

  private coverage(period: Period, bucket: number): StoredSheet<ClaimSheetDocument> {
    return this.locate<ClaimSheetDocument>('coverage', periodSheetKey(period, bucket));
  }

  private locate<T extends Document & { _id: string }>(kind: SheetKind, key: string): StoredSheet<T> {
    const { collection, id } = sheetLocation(this.generation, kind, key);
    return { collection: this.db.collection<T>(collection), id };
  }
}

/** A sheet's collection and its `_id` there (see `sheetLocation`). */
interface StoredSheet<T extends Document> {
  collection: Collection<T>;
  id: string;
}

function claimSheetOf(doc: ClaimSheetDocument | null): ClaimSheet | null {
  return doc && { v: doc.v, entries: unpackEntries(doc.p, doc.o) };
}

/** Written whole, so a sheet of an earlier version loses its field-per-entry map here. */
function claimDocumentOf(_id: string, v: number, entries: Iterable<readonly [string, string]>): ClaimSheetDocument {
  return { _id, v, p: packEntries(entries) };
}

/** Written whole, so a sheet of an earlier version loses its field-per-entry map here. */
function counterDocumentOf(_id: string, v: number, wm: Watermarks, rows: Iterable<readonly [string, string]>): CounterSheetDocument {
  return { _id, v, wm, p: packEntries(rows) };
}

function rowOf(sheet: CounterSheet, key: string): CounterRow {
  const row = decodeRow(sheet.rows.get(key) as string);
  return { subjectId: idOfKey(key), subjectKind: row.kind, scope: row.scope, counters: row.counters, wm: sheet.wm };
}

/** One replace (no upsert: FerretDB answers an upsert in tens of milliseconds) of the sheet at version `expected`. */
async function guardedReplace<T extends { _id: string; v: number }>(collection: Collection<T>, expected: number, doc: T): Promise<boolean> {
  const result = await collection.replaceOne({ _id: doc._id, v: expected } as Filter<T>, doc as WithoutId<T>);
  return result.matchedCount > 0;
}

/** A sheet written for the first time; false when another writer inserted it first. */
async function insertNew<T extends { _id: string; v: number }>(collection: Collection<T>, doc: T): Promise<boolean> {
  try {
    await collection.insertOne(doc as OptionalUnlessRequiredId<T>);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
