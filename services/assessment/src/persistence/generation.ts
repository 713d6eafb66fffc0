import { PERIOD_KINDS, type Period, type PeriodKind } from '../domain/periods';

/*
 * Everything derived from the topics (counters, household coverage,
 * adjustment candidates) lives in collections named with a generation; a
 * rebuild fills a fresh generation and then points the service at it.
 * Scoring policies, closures and frozen reports are decisions, not derived
 * data, and are never rebuilt.
 */

export const INITIAL_GENERATION = 'g0';

/**
 * The counters of a period live in a few "sheet" documents, each holding the
 * subjects whose id hashes to its bucket: a chunk of messages costs one
 * update per touched sheet however many subjects it touches. Household
 * coverage is bucketed the same way, by owner, and event claims by aggregate.
 */
export const COUNTER_BUCKETS = 4;
export const COVERAGE_BUCKETS = 16;
export const EVENT_CLAIM_BUCKETS = 16;

/** The sheet `_id` in a collection of its own (generations named `g…`). */
export const SHEET_ID = 'sheet';

export type SheetKind = 'counters' | 'coverage' | 'eventclaims';

/** The name prefix of generations that keep one collection per sheet kind (see `sheetLocation`). */
const BY_KIND_PREFIX = 'k-';

/** Where one sheet is stored: its collection and its `_id` there. */
export interface SheetLocation {
  collection: string;
  id: string;
}

/**
 * Generations named `k-…` (every rebuild now) keep one collection per kind,
 * `_id` the sheet's key: a city-year is ~1,650 sheets, and on SQLite every new
 * collection makes each connection parse the whole schema again (1,600 sheet
 * inserts: 20 s as collections, 7 s as documents). The others (the first,
 * `g0`, and earlier rebuilds, `g…`) keep every sheet in a collection of its
 * own, `_id` `sheet`: FerretDB 1.24 on SQLite scanned a whole collection for
 * an `_id` lookup until our patch 0001. The dash is on purpose: versions that
 * know only the first layout refuse such a name, so an instance left on one
 * stays on its generation instead of writing a `k-…` one the other way.
 */
export function sheetLocation(generation: string, kind: SheetKind, key: string): SheetLocation {
  return ownCollectionPerSheet(generation) ? { collection: `${kindCollection(generation, kind)}_${key}`, id: SHEET_ID } : { collection: kindCollection(generation, kind), id: key };
}

/** The collection of a kind's sheets in a `k-…` generation, and the prefix of their collections in the others. */
export function kindCollection(generation: string, kind: SheetKind): string {
  return `${kind}_${checked(generation)}`;
}

/** Whether `generation` keeps each sheet in a collection of its own (see `sheetLocation`). */
export function ownCollectionPerSheet(generation: string): boolean {
  return !checked(generation).startsWith(BY_KIND_PREFIX);
}

/** The key of a period's sheet: `<KIND>_<key>_<bucket>`. */
export function periodSheetKey(period: Period, bucket: number): string {
  return `${period.kind}_${period.key}_${bucket}`;
}

/** The key of a month's event-claim sheet: `<month>_<bucket>`. */
export function eventClaimSheetKey(month: string, bucket: number): string {
  return `${month}_${bucket}`;
}

export function adjustmentsCollection(generation: string): string {
  return `adjustments_${checked(generation)}`;
}

/** The bucket of an id (FNV-1a), stable across processes and rebuilds. */
export function bucketOf(id: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}

/** The period of a sheet key (`periodSheetKey`), if it is one. */
export function periodOfSheetKey(key: string): Period | undefined {
  const [kind, periodKey] = key.split('_');
  return (PERIOD_KINDS as readonly string[]).includes(kind) && periodKey ? { kind: kind as PeriodKind, key: periodKey } : undefined;
}

/** The period of a counters collection name of a `g…` generation (a collection per sheet), if it is one. */
export function periodOfCountersCollection(generation: string, name: string): Period | undefined {
  const prefix = `${kindCollection(generation, 'counters')}_`;
  return name.startsWith(prefix) ? periodOfSheetKey(name.slice(prefix.length)) : undefined;
}

function checked(generation: string): string {
  if (!/^(k-)?[a-z0-9]+$/.test(generation)) throw new Error(`Bad generation name ${generation}`);
  return generation;
}

/**
 * The consumer group that fills `generation`: its committed offsets say how far
 * that generation goes. The first generation keeps the group name the service
 * had before generations existed (`<db>.ticket-scores`, which tests and
 * operators watch); rebuilt ones append their generation.
 */
export function projectionGroupId(databaseName: string, generation: string): string {
  const base = `${databaseName}.ticket-scores`;
  return generation === INITIAL_GENERATION ? base : `${base}.${generation}`;
}

/** A fresh generation name: time-ordered, collection-name safe, a collection per sheet kind (`k-…`, see `sheetLocation`). */
export function newGeneration(now: Date = new Date()): string {
  return `${BY_KIND_PREFIX}${now.getTime().toString(36)}`;
}

/** The pointer document (`assessment_meta`, _id `generation`) the service reads. */
export interface GenerationPointer {
  _id: 'generation';
  current: string;
  groupId: string;
  previous: string | null;
  switchedAt: Date;
}

export const META_COLLECTION = 'assessment_meta';
export const POLICIES_COLLECTION = 'scoring_policies';
export const CLOSURES_COLLECTION = 'period_closures';
export const REPORTS_COLLECTION = 'assessment_reports';
export const REPORT_ENTRIES_COLLECTION = 'assessment_report_entries';
