import type { Counters, Increments, SubjectKind } from '../domain/counters';
import type { PeriodKind } from '../domain/periods';

/** Per topic-partition high-watermarks: see `applyOnceByPartitionWatermark` in @steward/events. */
export type Watermarks = Record<string, number>;

/**
 * The counters of the subjects of one bucket in one period: `s` maps a
 * subject key (sheet-codec `keyOf`) to its encoded row. `wm` holds, per
 * topic-partition, the offset of the last message applied to this sheet:
 * every message of that partition at or below it that touches the sheet has
 * been applied. `v` counts writes and guards them (whole-sheet replaces).
 */
export interface CounterSheet {
  _id: string;
  v: number;
  wm: Watermarks;
  s: Record<string, string>;
}

/**
 * The households reached in one period, per owner (a grid: anyone working
 * there; or a member): owner key → encoded claims (household → position
 * `<topic>:<partition>:<offset>` of the first message that reached it, so a
 * re-delivered message recognises its own claim).
 */
export interface CoverageSheet {
  _id: string;
  v: number;
  o: Record<string, string>;
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
