import { Args, Directive, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, limitList, listLimitArg, listSize, PageArgs, type ListBound, type RequestContext } from '@steward/service-kit';
import { Member } from './entities.model';
import { VisitFilter } from './visit.input';
import { VisitLogConnection } from './visit.model';
import { referenceOf } from './visits.resolver';
import { VisitsService } from '../application/visits.service';
import { ComplianceEvaluator } from '../application/compliance-evaluator';
import { ComplianceEvaluation, DutyRuleTable, HouseholdCoverage, SetDutyRulesInput, UnvisitedHousehold, WeeklyCompliance } from './compliance.model';
import { ComplianceService } from '../application/compliance.service';

/** Rows of one weeklyCompliance answer (members × weeks). */
const COMPLIANCE_ROWS: ListBound = { default: 100, max: 500 };
/** Households one unvisitedHouseholds answer lists. */
const UNVISITED: ListBound = { default: 100, max: 500 };
/** Weeks of one member's compliance. */
const WEEKS = { default: 1, max: 53 };

const WEEK_DESCRIPTION = 'ISO week in Asia/Shanghai, e.g. 2026-W48 (default: the current week)';

@Resolver()
export class ComplianceResolver {
  constructor(
    private readonly service: ComplianceService,
    private readonly evaluator: ComplianceEvaluator,
  ) {}

  @Query(() => DutyRuleTable, { description: 'The weekly duty rules (周履职规则) compliance is measured against; any caller who may read' })
  dutyRules(@CurrentAccess() access: Access): Promise<DutyRuleTable> {
    access.readScope();
    return this.service.rules();
  }

  @Mutation(() => DutyRuleTable, {
    description:
      'Replaces the weekly duty rules (a city changes its requirements). The table is city-wide: needs visits:manage ' +
      'everywhere (administrators, service accounts holding it); a township dispatcher (乡镇调度员) is FORBIDDEN',
  })
  setDutyRules(@CurrentAccess() access: Access, @Args('input', { type: () => SetDutyRulesInput }) input: SetDutyRulesInput): Promise<DutyRuleTable> {
    return this.service.setRules(access, input);
  }

  @Query(() => [WeeklyCompliance], {
    description:
      'Weekly duty compliance (周履职): with memberId, that member\'s weeks (`weeks` of them ending with `week`, newest first); ' +
      'with within, the members holding duties in that subtree (compliant: false lists the non-compliant ones). ' +
      'Only duties on units inside your units (管辖范围) are measured and shown; a member never assigned there is FORBIDDEN',
  })
  @Directive(listSize.slicedBy('first'))
  async weeklyCompliance(
    @CurrentAccess() access: Access,
    @Args('week', { type: () => String, nullable: true, description: WEEK_DESCRIPTION }) week?: string,
    @Args('within', { type: () => ID, nullable: true, description: "Members holding duties inside this unit's subtree" }) within?: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('weeks', { type: () => Int, nullable: true, description: 'How many weeks, ending with `week` (1–53, default 1)' }) weeks?: number,
    @Args('compliant', { type: () => Boolean, nullable: true, description: 'Only compliant (true) or non-compliant (false) results' })
    compliant?: boolean,
    @listLimitArg('first', COMPLIANCE_ROWS, 'results') first?: number,
  ): Promise<WeeklyCompliance[]> {
    const rows = await this.service.weeklyCompliance(
      {
        week: week ?? undefined,
        within: within ?? undefined,
        memberId: memberId ?? undefined,
        weeks: weeks ?? undefined,
        compliant: compliant ?? undefined,
      },
      access.readScope(),
    );
    return limitList(rows, 'first', first, COMPLIANCE_ROWS);
  }

  @Mutation(() => ComplianceEvaluation, {
    description:
      'Evaluates an ended week now (周履职评定): one verdict per member with a duty, published once as ' +
      'steward.visit.compliance-evaluated.v1; again only as a revision when the figures changed. ' +
      'The service also evaluates the recent weeks by itself (VISITS_COMPLIANCE_INTERVAL_MS, default hourly). ' +
      'Needs visits:manage on `within`, or everywhere (administrators) without it',
  })
  evaluateCompliance(
    @CurrentAccess() access: Access,
    @Args('week', { type: () => String, description: 'ISO week in Asia/Shanghai that has ended, e.g. 2026-W48' }) week: string,
    @Args('within', { type: () => ID, nullable: true, description: "Only members holding a duty inside this unit's subtree" }) within?: string,
  ): Promise<ComplianceEvaluation> {
    return this.evaluator.evaluate(access, week, within ?? undefined);
  }

  @Query(() => HouseholdCoverage, {
    description: 'Distinct households visited / households in the grid, for a period (入户覆盖率); FORBIDDEN for a grid outside your units',
  })
  householdCoverage(
    @CurrentAccess() access: Access,
    @Args('gridId', { type: () => ID }) gridId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime, description: 'Exclusive' }) to: Date,
  ): Promise<HouseholdCoverage> {
    return this.service.householdCoverage(gridId, from, to, access.readScope());
  }

  @Query(() => [UnvisitedHousehold], {
    description:
      'Households of the grid without a completed visit for `sinceDays` days, POOR and ELDERLY_ALONE first, then the longest waiting; ' +
      'FORBIDDEN for a grid outside your units',
  })
  @Directive(listSize.slicedBy('first'))
  async unvisitedHouseholds(
    @CurrentAccess() access: Access,
    @Args('gridId', { type: () => ID }) gridId: string,
    @Args('sinceDays', { type: () => Int, nullable: true, description: 'Default 30' }) sinceDays?: number,
    @Args('tags', { type: () => [String], nullable: true, description: 'Only households carrying one of these tags' }) tags?: string[],
    @listLimitArg('first', UNVISITED, 'households') first?: number,
  ): Promise<UnvisitedHousehold[]> {
    return limitList(await this.service.unvisitedHouseholds(gridId, sinceDays ?? 30, tags ?? [], access.readScope()), 'first', first, UNVISITED);
  }
}

@Resolver(() => Member)
export class MemberVisitsResolver {
  constructor(
    private readonly visitsService: VisitsService,
    private readonly compliance: ComplianceService,
  ) {}

  @ResolveField(() => VisitLogConnection, { description: "The member's visits (走访记录) inside your units" })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.visitsService.list({ ...(filter ?? {}), memberId: member.id }, access.readScope(), page);
  }

  @ResolveField(() => [WeeklyCompliance], {
    description: "The member's weekly duty compliance, newest week first: the duties inside your units (FORBIDDEN when none ever were)",
  })
  @Directive(listSize.slicedBy('weeks'))
  weeklyCompliance(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('week', { type: () => String, nullable: true, description: WEEK_DESCRIPTION }) week?: string,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: WEEKS.default, description: `How many weeks, ending with \`week\` (1–${WEEKS.max}, default ${WEEKS.default})` })
    weeks?: number,
  ): Promise<WeeklyCompliance[]> {
    return this.compliance.weeklyCompliance({ memberId: member.id, week: week ?? undefined, weeks: weeks ?? undefined }, access.readScope());
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Member {
    return referenceOf(reference, context);
  }
}
