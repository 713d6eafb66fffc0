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
 * FerretDB 1.24 on SQLite does not use the _id index for updates and finds:
 * every operation scans its collection. So the counters of a period live in a
 * few "sheet" documents, one per collection (`counters_<gen>_<KIND>_<key>_<bucket>`),
 * each holding the subjects whose id hashes to its bucket: a chunk of messages
 * costs one update per touched sheet however many subjects it touches.
 * Household coverage is bucketed the same way, by owner.
 */
export const COUNTER_BUCKETS = 4;
export const COVERAGE_BUCKETS = 16;
export const SHEET_ID = 'sheet';
export const EVENT_CLAIM_BUCKETS = 16;

/** Which message first carried each (aggregate, version), per UTC month of the event's time: copies carry the same time. */
export function eventClaimsCollection(generation: string, month: string, bucket: number): string {
  return `eventclaims_${checked(generation)}_${month}_${bucket}`;
}

export function countersCollection(generation: string, period: Period, bucket: number): string {
  return `counters_${checked(generation)}_${period.kind}_${period.key}_${bucket}`;
}

export function coverageCollection(generation: string, period: Period, bucket: number): string {
  return `coverage_${checked(generation)}_${period.kind}_${period.key}_${bucket}`;
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

/** The period of a counters collection name of `generation`, if it is one. */
export function periodOfCountersCollection(generation: string, name: string): Period | undefined {
  const prefix = `counters_${generation}_`;
  if (!name.startsWith(prefix)) return undefined;
  const [kind, key] = name.slice(prefix.length).split('_');
  return (PERIOD_KINDS as readonly string[]).includes(kind) && key ? { kind: kind as PeriodKind, key } : undefined;
}

function checked(generation: string): string {
  if (!/^[a-z0-9]+$/.test(generation)) throw new Error(`Bad generation name ${generation}`);
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

/** A fresh generation name: time-ordered, collection-name safe. */
export function newGeneration(now: Date = new Date()): string {
  return `g${now.getTime().toString(36)}`;
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
/** Claims of sheet versions being written (all generations: the keys name the sheet's collection). */
export const SHEET_CLAIMS_COLLECTION = 'sheet_claims';
