import type { Counters, Increments, SubjectKind } from '../domain/counters';
import type { PeriodKind } from '../domain/periods';

/** Per topic-partition high-watermarks: see `applyOnceByPartitionWatermark` in @steward/events. */
export type Watermarks = Record<string, number>;

/**
 * The counters of the subjects of one bucket in one period, as stored: `p`
 * packs subject key (sheet-codec `keyOf`) → encoded row (`packEntries`);
 * documents written by earlier versions hold the same map as fields of `s`
 * (still read). `wm` holds, per topic-partition, the offset of the last
 * message applied to this sheet: every message of that partition at or below
 * it that touches the sheet has been applied. `v` counts writes and guards
 * them (whole-sheet replaces).
 */
export interface CounterSheetDocument {
  _id: string;
  v: number;
  wm: Watermarks;
  p?: string;
  s?: Record<string, string>;
}

/** A counter sheet as the projector and the readers use it: subject key → encoded row. */
export interface CounterSheet {
  v: number;
  wm: Watermarks;
  rows: ReadonlyMap<string, string>;
}

/**
 * Claims, as stored, packed in `p` (earlier versions: fields of `o`). Coverage
 * sheets hold the households reached in one period, per owner (a grid: anyone
 * working there; or a member): owner key → encoded claims (household →
 * position `<topic>:<partition>:<offset>` of the first message that reached
 * it, so a re-delivered message recognises its own claim). Event-claim sheets
 * hold, per aggregate, version → position of the first message carrying it.
 */
export interface ClaimSheetDocument {
  _id: string;
  v: number;
  p?: string;
  o?: Record<string, string>;
}

/** A claim sheet as the projector uses it: owner (or aggregate) key → encoded claims. */
export interface ClaimSheet {
  v: number;
  entries: ReadonlyMap<string, string>;
}

/** The next version of a sheet: the entries that changed since it was read (the others stay). */
export interface SheetChange {
  v: number;
  changed: ReadonlyMap<string, string>;
}

export interface CounterSheetChange extends SheetChange {
  wm: Watermarks;
}

/** A subject's counters as read from a sheet. */
export interface CounterRow {
  subjectId: string;
  subjectKind: SubjectKind;
  scope: string[];
  counters: Counters;
  /** the watermarks of the sheet the row was read from */
  wm: Watermarks;
}

/**
 * The share of one event in one subject's counters, recorded when the subject
 * lies under a unit whose period was being closed. Whether it is an
 * adjustment to a frozen report is decided when the report is read: only if
 * the message came after the report's snapshot of the subject's sheet.
 */
export interface AdjustmentCandidate {
  _id: string;
  eventId: string;
  eventType: string;
  eventTime: string;
  subjectId: string;
  subjectKind: SubjectKind;
  periodKind: PeriodKind;
  periodKey: string;
  scope: string[];
  increments: Increments;
  /** watermark key and offset of the message */
  wmKey: string;
  offset: number;
  recordedAt: Date;
}

/** A close in progress or done: while it exists, events for its period and subtree leave adjustment candidates. */
export interface ClosureDocument {
  _id: string;
  unitId: string;
  periodKind: PeriodKind;
  periodKey: string;
  startedAt: Date;
}
