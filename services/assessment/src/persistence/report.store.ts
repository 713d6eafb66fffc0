import { inScope, type OrgScope } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import type { OutboxEntry } from '@steward/events';
import { isDuplicateKeyError, type Outbox } from '@steward/persistence';
import type { Collection, Db } from 'mongodb';
import type { Counters } from '../domain/counters';
import type { Period, PeriodKind } from '../domain/periods';
import { EVENT_PATHS_ONLY, type UnitPathOf } from '../domain/placement';
import type { ScoringWeights } from '../domain/scoring';
import type { ClosureDocument } from './projection-documents';
import { CLOSURES_COLLECTION, REPORT_ENTRIES_COLLECTION, REPORTS_COLLECTION } from './generation';

/** The frozen header of a closed period: inserted once, never updated (the relay only empties `outbox`). */
export interface ReportDocument {
  _id: string;
  unitId: string;
  periodKind: PeriodKind;
  periodKey: string;
  policyVersion: number;
  weights: ScoringWeights;
  closedAt: Date;
  subjectCount: number;
  /** the generation the counters were read from */
  generation: string;
  /** the unit's path when it was closed (absent on reports closed before it was recorded) */
  orgPath?: string[];
  /** who closed the period (absent on reports closed before it was recorded) */
  closedBy?: string;
  outbox?: OutboxEntry[];
  outboxPending?: true;
}

/** One frozen subject of a report. */
export interface ReportEntryDocument extends Counters {
  _id: string;
  reportId: string;
  subjectId: string;
  subjectType: string;
  score: number | null;
  rank: number | null;
  policyVersion: number;
  wm: Record<string, number>;
}

/**
 * Reports, their entries (one collection per period) and closures: the only
 * code that touches them. A report is read within the caller's OrgScope: its
 * unit where the org tree has it now (else where it was when closed).
 */
export class ReportStore {
  readonly reports: Collection<ReportDocument>;
  private readonly closures: Collection<ClosureDocument>;

  constructor(
    private readonly db: Db,
    private readonly unitPath: UnitPathOf = EVENT_PATHS_ONLY,
    /** the reports' outbox, kicked after a header with its event is inserted */
    private readonly outbox?: Outbox,
  ) {
    this.reports = db.collection<ReportDocument>(REPORTS_COLLECTION);
    this.closures = db.collection<ClosureDocument>(CLOSURES_COLLECTION);
  }

  /** The report; null when the period was not closed for the unit, FORBIDDEN when its unit lies outside `scope`. */
  async findReport(id: string, scope: OrgScope): Promise<ReportDocument | null> {
    const report = await this.reports.findOne({ _id: id }, { projection: { outbox: 0, outboxPending: 0 } });
    if (report && !inScope(scope, this.unitPath(report.unitId) ?? report.orgPath ?? [report.unitId])) {
      throw new ForbiddenError('This report lies outside your units (超出管辖范围)');
    }
    return report;
  }

  /** Marks the period of a unit as closing (once, whichever instance closes it); from now on events under it leave adjustment candidates. */
  async markClosing(closure: ClosureDocument): Promise<void> {
    const { _id, ...fields } = closure;
    await this.closures.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true }).catch((error: unknown) => {
      // FerretDB: a concurrent close inserted the marker first
      if (!isDuplicateKeyError(error)) throw error;
    });
  }

  /** The frozen subjects of a report read through `findReport` (or just closed), so they lie inside the caller's scope. */
  findEntries(period: Period, report: Pick<ReportDocument, '_id'>): Promise<ReportEntryDocument[]> {
    return this.entries(period).find({ reportId: report._id }).toArray();
  }

  /** Inserts the entries a previous, interrupted close did not get to (entries already there stay as they are). */
  async insertMissingEntries(period: Period, reportId: string, entries: ReportEntryDocument[]): Promise<void> {
    const existing = new Set((await this.entries(period).find({ reportId }, { projection: { _id: 1 } }).toArray()).map((entry) => entry._id));
    const missing = entries.filter((entry) => !existing.has(entry._id));
    for (let start = 0; start < missing.length; start += 1_000) {
      await this.entries(period).insertMany(missing.slice(start, start + 1_000));
    }
  }

  /** Inserts the header (with its event in the outbox); false when another close of the same report got there first. */
  async insertReport(report: ReportDocument): Promise<boolean> {
    try {
      await this.reports.insertOne(report);
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    if (report.outbox?.length) this.outbox?.kick();
    return true;
  }

  private entries(period: Period): Collection<ReportEntryDocument> {
    return this.db.collection<ReportEntryDocument>(`${REPORT_ENTRIES_COLLECTION}_${period.kind}_${period.key}`);
  }
}
