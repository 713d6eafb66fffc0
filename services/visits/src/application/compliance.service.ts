import { Injectable } from '@nestjs/common';
import { ALL_UNITS, inScope, type Access, type OrgScope } from '@steward/auth';
import { BadUserInputError, ForbiddenError, NotFoundError, parseInput } from '@steward/errors';
import { HOUSEHOLD_TAGS } from '@steward/events';
import { HouseholdRegistry, MemberDirectory, OrgTree, type MemberSnapshot } from '@steward/replicas';
import { z } from 'zod';
import { assertCanEverywhere, assertInScope, memberInScope } from '../domain/visits-access';
import { MemberRoster } from './local-replicas.module';
import { VisitRepository, type CompletedVisitRow } from '../persistence/visit.repository';
import type { DutyCompliance, DutyRuleTable, HouseholdCoverage, UnvisitedHousehold, WeeklyCompliance } from '../graphql/compliance.model';
import { coverageOf, unvisitedSince } from '../domain/coverage-rules';
import { dutyRulesSchema, evaluateWeek, hasDutyIn, type DutyRule, type WeekCompliance } from '../domain/duty-rules';
import { DutyRulesRepository } from '../persistence/duty-rules.repository';
import { isoWeekOf, parseIsoWeek, weeksEndingWith, type IsoWeek } from '../domain/iso-week';

const DAY_MS = 86_400_000;
/** Periods longer than this are refused: coverage reads every completed visit of the grid in the period. */
const MAX_COVERAGE_DAYS = 366;

export interface WeeklyComplianceQuery {
  week?: string;
  within?: string;
  memberId?: string;
  weeks?: number;
  compliant?: boolean;
}

function toWeeklyCompliance(result: WeekCompliance): WeeklyCompliance {
  return {
    member: { id: result.memberId },
    week: result.week.key,
    weekStart: result.week.start,
    weekEnd: result.week.end,
    compliant: result.compliant,
    duties: result.duties.map(
      (duty): DutyCompliance => ({
        unit: { id: duty.unitId },
        role: duty.role,
        measure: duty.measure,
        required: duty.required,
        achieved: duty.achieved,
        compliant: duty.compliant,
        heldFrom: duty.heldFrom,
        heldUntil: duty.heldUntil,
      }),
    ),
  };
}

const setRulesSchema = z.object({ rules: dutyRulesSchema, expectedVersion: z.number().int().min(0) });
const tagsSchema = z.array(z.enum(HOUSEHOLD_TAGS)).max(HOUSEHOLD_TAGS.length);

/** Weekly duty compliance (周履职) and household coverage (入户覆盖), computed in code from the visits. */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly visits: VisitRepository,
    private readonly dutyRules: DutyRulesRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    private readonly roster: MemberRoster,
    private readonly households: HouseholdRegistry,
  ) {}

  rules(): Promise<DutyRuleTable> {
    return this.dutyRules.current();
  }

  /** The table is city-wide: replacing it needs visits:manage everywhere. */
  async setRules(access: Access, raw: unknown, now = new Date()): Promise<DutyRuleTable> {
    assertCanEverywhere(access, 'visits:manage');
    const input = parseInput(setRulesSchema, raw);
    return this.dutyRules.replace(input.rules, input.expectedVersion, access.actorId(), now);
  }

  /**
   * A member's weeks (`memberId`: every week asked, newest first), or the
   * members holding duties in a subtree (`within`) in the weeks asked; the
   * `compliant` filter keeps only (non-)compliant results. Only duties on
   * units inside `scope` are measured (so `compliant` judges those); a member
   * never assigned inside it is FORBIDDEN.
   */
  async weeklyCompliance(query: WeeklyComplianceQuery, scope: OrgScope, now = new Date()): Promise<WeeklyCompliance[]> {
    if (!query.memberId && !query.within) {
      throw new BadUserInputError('Give memberId (a member\'s weeks) or within (a subtree\'s members)', [
        { path: 'memberId', message: 'memberId or within is required' },
      ]);
    }
    const weeks = this.weeksAsked(query, now);
    const within = query.within;
    if (within && !this.orgTree.unit(within)) throw new NotFoundError('OrgUnit', within);
    const visible = (unitId: string) => inScope(scope, this.orgTree.pathOf(unitId) ?? [unitId]);
    const counted = within ? (unitId: string) => visible(unitId) && this.orgTree.isWithin(unitId, within) : visible;
    const { rules } = await this.dutyRules.current();

    let members: MemberSnapshot[];
    if (query.memberId) {
      const member = this.members.member(query.memberId);
      if (!member) throw new NotFoundError('Member', query.memberId);
      const unitPaths = member.assignments.map((assignment) => this.orgTree.pathOf(assignment.orgUnitId) ?? [assignment.orgUnitId]);
      if (!memberInScope(scope, unitPaths)) throw new ForbiddenError('This member works outside your units (超出管辖范围)');
      members = [member];
    } else {
      members = this.roster.all().filter((member) => weeks.some((week) => hasDutyIn(member.assignments, week, rules, counted)));
    }

    const results: WeekCompliance[] = [];
    for (const result of await this.measure(members, weeks, rules, counted, scope)) {
      if (!query.memberId && result.duties.length === 0) continue;
      if (query.compliant !== undefined && query.compliant !== null && result.compliant !== query.compliant) continue;
      results.push(result);
    }
    results.sort((a, b) => b.week.start.getTime() - a.week.start.getTime() || a.memberId.localeCompare(b.memberId));
    return results.map(toWeeklyCompliance);
  }

  /**
   * Every member who held a duty in `week` (on a unit inside `within`, when
   * given), measured on all their duties that week, for the weekly verdicts;
   * with the rule table measured against and its version.
   */
  async dutyWeek(week: IsoWeek, within?: string): Promise<{ results: WeekCompliance[]; rulesVersion: number; rules: DutyRule[] }> {
    if (within) this.requireUnit(within);
    const inSubtree = within ? (unitId: string) => this.orgTree.isWithin(unitId, within) : () => true;
    const { rules, version } = await this.dutyRules.current();
    const members = this.roster.all().filter((member) => hasDutyIn(member.assignments, week, rules, inSubtree));
    // verdicts are background work (the mutation checked visits:manage): every duty and visit counts
    const results = await this.measure(members, [week], rules, () => true, ALL_UNITS);
    return { results: results.filter((result) => result.duties.length > 0), rulesVersion: version, rules };
  }

  /** Each member's compliance in each week (weeks newest first), from their completed visits. */
  private async measure(
    members: readonly MemberSnapshot[],
    weeks: readonly IsoWeek[],
    rules: readonly DutyRule[],
    dutyIn: (unitId: string) => boolean,
    scope: OrgScope,
  ): Promise<WeekCompliance[]> {
    if (members.length === 0) return [];
    const rows = await this.visits.completedOfMembers(
      members.map((member) => member.id),
      weeks[weeks.length - 1].start,
      weeks[0].end,
      scope,
    );
    const byMember = new Map<string, CompletedVisitRow[]>();
    for (const row of rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
    return weeks.flatMap((week) =>
      members.map((member) => evaluateWeek(member.id, member.assignments, week, byMember.get(member.id) ?? [], rules, dutyIn)),
    );
  }

  /** FORBIDDEN for a grid outside `scope`. */
  async householdCoverage(gridId: string, from: Date, to: Date, scope: OrgScope): Promise<HouseholdCoverage> {
    if (!(from < to)) throw new BadUserInputError('from must be before to', [{ path: 'to', message: 'not after from' }]);
    if (to.getTime() - from.getTime() > MAX_COVERAGE_DAYS * DAY_MS) {
      throw new BadUserInputError(`A period of at most ${MAX_COVERAGE_DAYS} days`, [{ path: 'to', message: 'period too long' }]);
    }
    this.requireVisibleUnit(gridId, scope);
    const visits = await this.visits.completedInGrid(gridId, from, to, scope);
    const figures = coverageOf(
      this.households.householdsOfGrid(gridId).map((household) => household.id),
      visits.flatMap((visit) => visit.householdIds),
    );
    return {
      grid: { id: gridId },
      from,
      to,
      households: figures.households,
      visitedHouseholds: figures.visitedHouseholds,
      coverageRate: figures.rate,
      completedVisits: visits.length,
    };
  }

  /** FORBIDDEN for a grid outside `scope`. */
  async unvisitedHouseholds(gridId: string, sinceDays: number, rawTags: unknown, scope: OrgScope, now = new Date()): Promise<UnvisitedHousehold[]> {
    if (!Number.isInteger(sinceDays) || sinceDays < 1 || sinceDays > 3650) {
      throw new BadUserInputError('sinceDays must be a whole number of days, 1–3650', [{ path: 'sinceDays', message: '1–3650' }]);
    }
    const tags = parseInput(tagsSchema, rawTags ?? [], 'tags');
    this.requireVisibleUnit(gridId, scope);
    const households = this.households.householdsOfGrid(gridId);
    const last = await this.visits.lastVisitedAt(households.map((household) => household.id), scope);
    return unvisitedSince(households, last, new Date(now.getTime() - sinceDays * DAY_MS), tags).map((household) => ({
      household: { id: household.id },
      tags: household.tags,
      lastVisitedAt: household.lastVisitedAt,
      priority: household.priority,
    }));
  }

  private weeksAsked(query: WeeklyComplianceQuery, now: Date): IsoWeek[] {
    const count = query.weeks ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 53) {
      throw new BadUserInputError('weeks must be 1–53', [{ path: 'weeks', message: '1–53' }]);
    }
    const last = query.week ? parseIsoWeek(query.week) : isoWeekOf(now);
    if (!last) {
      throw new BadUserInputError(`${query.week} is not an ISO week such as 2026-W48`, [{ path: 'week', message: 'not an ISO week' }]);
    }
    return weeksEndingWith(last, count);
  }

  private requireUnit(id: string): void {
    if (!this.orgTree.unit(id)) throw new NotFoundError('OrgUnit', id);
  }

  /** NOT_FOUND for an unknown unit, FORBIDDEN for one outside `scope`. */
  private requireVisibleUnit(id: string, scope: OrgScope): void {
    const path = this.orgTree.pathOf(id);
    if (!path) throw new NotFoundError('OrgUnit', id);
    assertInScope(scope, path);
  }
}
