import { Inject, Injectable } from '@nestjs/common';
import type { Access, OrgScope } from '@steward/auth';
import { BadUserInputError, ConflictError, NotFoundError } from '@steward/errors';
import { assessmentPeriodClosed, createEvent, outboxFields } from '@steward/events';
import { Outbox } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { countersOf, COUNTERS, type Counters } from '../domain/counters';
import { closableFrom, type Period } from '../domain/periods';
import { PEER_PARENT_LEVEL } from '../domain/ranking';
import type { ScoreView } from '../domain/score-view';
import { ratesOf } from '../domain/scoring';
import { levelOf, type UnitDirectory } from './org-index';
import { PolicyService } from './policy.service';
import { REPORTS_COLLECTION } from '../persistence/generation';
import { ProjectionService } from './projection.service';
import { checkPeriod } from '../domain/period-check';
import { UNIT_DIRECTORY } from './scores.tokens';
import { adjustmentsOf, freezeEntries, fullChanges, reportId, type ReportSubject } from '../domain/report-rules';
import { ReportStore, type ReportDocument, type ReportEntryDocument } from '../persistence/report.store';

export interface ReportView {
  id: string;
  unitId: string;
  unit: { id: string };
  period: Period;
  policyVersion: number;
  closedAt: Date;
  score: ScoreView | null;
  subjects: ScoreView[];
  adjustments: {
    eventId: string;
    eventType: string;
    eventTime: string;
    recordedAt: Date;
    subjectId: string;
    subjectType: string;
    changes: Counters;
  }[];
  adjustedBy: Counters;
}

@Injectable()
export class ReportsService {
  private reportStore: ReportStore | null = null;
  /** The reports outbox (each closed report's period-closed event), for the relay (see outboxRelayProvider). */
  readonly outbox: Outbox;

  constructor(
    private readonly projection: ProjectionService,
    private readonly policies: PolicyService,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
    @InjectMongo() connection: Connection,
  ) {
    this.outbox = new Outbox(connection.collection(REPORTS_COLLECTION) as unknown as Collection);
  }

  /**
   * Freezes the report of `unitId` for `period`: the counters of the unit, its
   * subtree and the members who worked there, scored under the policy in force.
   * Steps, each safe to repeat if the close is interrupted: mark the period as
   * closing (events from now on leave adjustment candidates), snapshot the
   * counters (with their watermarks), insert the entries, insert the header
   * with its steward.assessment.period-closed.v1 event. Needs assessment:manage
   * on the unit, and the period over (its end in Asia/Shanghai plus the
   * policy's closing grace), both checked before anything is written.
   */
  async closePeriod(access: Access, period: Period, unitId: string): Promise<ReportView> {
    access.authenticated();
    const checked = checkPeriod(period);
    const orgPath = this.units.pathOf(unitId);
    if (!orgPath) throw new NotFoundError('OrgUnit', unitId);
    access.assertCan('assessment:manage', orgPath);
    const policy = await this.policies.current();
    const closable = closableFrom(checked, policy.closingGraceHours);
    if (Date.now() < closable.getTime()) {
      throw new BadUserInputError(
        `The ${checked.kind} ${checked.key} can be closed from ${closable.toISOString()} (its end in Asia/Shanghai plus ${policy.closingGraceHours} h grace); 考核周期未结束`,
        [{ path: 'period', message: 'the period has not ended yet' }],
      );
    }
    const scope = access.scopeFor('assessment:manage');
    const id = reportId(unitId, checked);
    const existing = await this.store().findReport(id, scope);
    if (existing) throw new ConflictError(`The ${checked.kind} ${checked.key} of ${unitId} was closed at ${existing.closedAt.toISOString()}`, { reportId: id });

    const closedAt = new Date();
    await this.store().markClosing({ _id: id, unitId, periodKind: checked.kind, periodKey: checked.key, startedAt: closedAt });
    const source = this.projection.store();
    const rows = await source.findRowsWithin(checked, unitId, scope);
    const subjects: ReportSubject[] = rows.map((row) => {
      const subjectType = row.subjectKind === 'MEMBER' ? 'MEMBER' : (this.units.unit(row.subjectId)?.level ?? 'UNIT');
      return { subjectId: row.subjectId, subjectType, counters: countersOf(row.counters), wm: row.wm, peerGroup: this.peerGroupOf(row.subjectId, subjectType) };
    });
    const entries: ReportEntryDocument[] = freezeEntries(subjects, checked, policy).map((entry) => ({
      _id: `${id}|${entry.subjectId}`,
      reportId: id,
      subjectId: entry.subjectId,
      subjectType: entry.subjectType,
      ...Object.fromEntries(COUNTERS.map((name) => [name, entry[name]])),
      score: entry.score,
      rank: entry.rank,
      policyVersion: entry.policyVersion,
      wm: entry.wm,
    })) as ReportEntryDocument[];
    await this.store().insertMissingEntries(checked, id, entries);

    const own = entries.find((entry) => entry.subjectId === unitId);
    const event = createEvent(assessmentPeriodClosed, {
      subject: id,
      aggregateVersion: 1,
      time: closedAt,
      data: { unitId, periodKind: checked.kind, periodKey: checked.key, policyVersion: policy.version, score: own?.score ?? null, occurredAt: closedAt.toISOString() },
    });
    const report: ReportDocument = {
      _id: id,
      unitId,
      periodKind: checked.kind,
      periodKey: checked.key,
      policyVersion: policy.version,
      weights: policy.weights,
      closedAt,
      subjectCount: entries.length,
      generation: source.generation,
      orgPath,
      closedBy: access.actorId(),
      ...outboxFields([event]),
    };
    if (!(await this.store().insertReport(report))) throw new ConflictError(`The ${checked.kind} ${checked.key} of ${unitId} was closed meanwhile`, { reportId: id });
    return this.view(report, checked, scope);
  }

  /**
   * The frozen report with the adjustments recorded since; null when the period
   * was not closed for the unit. FORBIDDEN for a unit outside the caller's units.
   */
  async report(access: Access, unitId: string, period: Period): Promise<ReportView | null> {
    const scope = access.readScope();
    const checked = checkPeriod(period);
    const orgPath = this.units.pathOf(unitId);
    if (orgPath) access.assertCanRead(orgPath);
    const report = await this.store().findReport(reportId(unitId, checked), scope);
    return report ? this.view(report, checked, scope) : null;
  }

  private async view(report: ReportDocument, period: Period, scope: OrgScope): Promise<ReportView> {
    const entries = await this.store().findEntries(period, report);
    const frozen = new Map(entries.map((entry) => [entry.subjectId, entry]));
    const candidates = await this.projection.store().findCandidatesWithin(period, report.unitId, scope);
    const adjustments = adjustmentsOf(candidates, frozen).map((candidate) => ({
      eventId: candidate.eventId,
      eventType: candidate.eventType,
      eventTime: candidate.eventTime,
      recordedAt: candidate.recordedAt,
      subjectId: candidate.subjectId,
      subjectType: frozen.get(candidate.subjectId)?.subjectType ?? (candidate.subjectKind === 'MEMBER' ? 'MEMBER' : (this.units.unit(candidate.subjectId)?.level ?? 'UNIT')),
      changes: fullChanges(candidate.increments),
    }));
    const subjects = entries.map((entry) => toScore(entry, period)).sort((a, b) => a.subjectType.localeCompare(b.subjectType) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.subjectId.localeCompare(b.subjectId));
    const adjustedBy = fullChanges({});
    for (const adjustment of adjustments.filter((candidate) => candidate.subjectId === report.unitId)) {
      for (const name of COUNTERS) adjustedBy[name] += adjustment.changes[name];
    }
    return {
      id: report._id,
      unitId: report.unitId,
      unit: { id: report.unitId },
      period,
      policyVersion: report.policyVersion,
      closedAt: report.closedAt,
      score: subjects.find((subject) => subject.subjectId === report.unitId) ?? null,
      subjects,
      adjustments,
      adjustedBy,
    };
  }

  /** Units are ranked among the units of their level under the same parent; members among the report's members. */
  private peerGroupOf(subjectId: string, subjectType: string): string {
    if (subjectType === 'MEMBER') return 'MEMBER';
    const level = levelOf(this.units.unit(subjectId));
    const parentLevel = level ? PEER_PARENT_LEVEL[level] : null;
    const parent = parentLevel ? this.units.unit(subjectId)?.ancestors.find((id) => this.units.unit(id)?.level === parentLevel) : undefined;
    return `${subjectType}|${parent ?? ''}`;
  }

  private store(): ReportStore {
    this.reportStore ??= new ReportStore(this.projection.db, (unitId) => this.units.pathOf(unitId), this.outbox);
    return this.reportStore;
  }
}

function toScore(entry: ReportEntryDocument, period: Period): ScoreView {
  const counters = countersOf(entry);
  return {
    subjectId: entry.subjectId,
    subjectType: entry.subjectType,
    period,
    ...counters,
    ...ratesOf(counters),
    score: entry.score,
    policyVersion: entry.policyVersion,
    rank: entry.rank,
  };
}
