import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, GraphQLISODateTime, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, limitList, listLimitArg, listSize, PageArgs, pageArgsOf, type ListBound, type RequestContext } from '@steward/service-kit';
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

const WEEK_DESCRIPTION = 'ISO 周（Asia/Shanghai），如 2026-W48，默认本周 / ISO week in Asia/Shanghai, e.g. 2026-W48 (default: the current week)';

@Resolver()
export class ComplianceResolver {
  constructor(
    private readonly service: ComplianceService,
    private readonly evaluator: ComplianceEvaluator,
  ) {}

  @Query(() => DutyRuleTable, { description: '周履职规则：履职情况据此衡量；可读者均可查询 / The weekly duty rules compliance is measured against; any caller who may read' })
  dutyRules(@CurrentAccess() access: Access): Promise<DutyRuleTable> {
    access.readScope();
    return this.service.rules();
  }

  @Mutation(() => DutyRuleTable, {
    description:
      '替换周履职规则（全市统一，需全市 visits:manage 权限） / Replaces the weekly duty rules (a city changes its requirements)\n' +
      'The table is city-wide: needs visits:manage everywhere (administrators, service accounts holding it); a township dispatcher (乡镇调度员) is FORBIDDEN',
  })
  setDutyRules(@CurrentAccess() access: Access, @Args('input', { type: () => SetDutyRulesInput, description: '新的规则表 / The new rule table' }) input: SetDutyRulesInput): Promise<DutyRuleTable> {
    return this.service.setRules(access, input);
  }

  @Query(() => [WeeklyCompliance], {
    description:
      '周履职情况：给 memberId 时为该人员各周，给 within 时为该范围内有履职要求的人员 / Weekly duty compliance: with memberId, that member\'s weeks; with within, the members holding duties in that subtree\n' +
      'With memberId: `weeks` of them ending with `week`, newest first; with within, compliant: false lists the non-compliant ones. Only duties on units inside your units (管辖范围) are measured and shown; a member never assigned there is FORBIDDEN',
  })
  @Directive(listSize.slicedBy('first'))
  async weeklyCompliance(
    @CurrentAccess() access: Access,
    @Args('week', { type: () => String, nullable: true, description: WEEK_DESCRIPTION }) week?: string,
    @Args('within', { type: () => ID, nullable: true, description: '在此单位下辖范围内有履职要求的人员 / Members holding duties inside this unit\'s subtree' }) within?: string,
    @Args('memberId', { type: () => ID, nullable: true, description: '人员 ID / Member id' }) memberId?: string,
    @Args('weeks', { type: () => Int, nullable: true, description: '以 week 结束的周数（1–53，默认 1） / How many weeks, ending with `week` (1–53, default 1)' }) weeks?: number,
    @Args('compliant', { type: () => Boolean, nullable: true, description: '仅达标（true）或仅未达标（false）的结果 / Only compliant (true) or non-compliant (false) results' })
    compliant?: boolean,
    @listLimitArg('first', COMPLIANCE_ROWS, { zh: '结果', en: 'results' }) first?: number,
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
      '周履职评定：立即评定已结束的一周，每位有履职要求的人员一条评定 / Evaluates an ended week now: one verdict per member with a duty\n' +
      'Published once as steward.visit.compliance-evaluated.v1; again only as a revision when the figures changed. The service also evaluates the recent weeks by itself (VISITS_COMPLIANCE_INTERVAL_MS, default hourly). Needs visits:manage on `within`, or everywhere (administrators) without it',
  })
  evaluateCompliance(
    @CurrentAccess() access: Access,
    @Args('week', { type: () => String, description: '已结束的 ISO 周（Asia/Shanghai），如 2026-W48 / ISO week in Asia/Shanghai that has ended, e.g. 2026-W48' }) week: string,
    @Args('within', { type: () => ID, nullable: true, description: '仅评定在此单位下辖范围内有履职要求的人员 / Only members holding a duty inside this unit\'s subtree' }) within?: string,
  ): Promise<ComplianceEvaluation> {
    return this.evaluator.evaluate(access, week, within ?? undefined);
  }

  @Query(() => HouseholdCoverage, {
    description: '入户覆盖率：某时段内走访到的不同户数占网格户数之比；网格超出管辖范围为 FORBIDDEN / Distinct households visited / households in the grid, for a period; FORBIDDEN for a grid outside your units',
  })
  householdCoverage(
    @CurrentAccess() access: Access,
    @Args('gridId', { type: () => ID, description: '网格 ID / Grid id' }) gridId: string,
    @Args('from', { type: () => GraphQLISODateTime, description: '时段起（含） / Start of the period (inclusive)' }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime, description: '时段止（不含） / End of the period (exclusive)' }) to: Date,
  ): Promise<HouseholdCoverage> {
    return this.service.householdCoverage(gridId, from, to, access.readScope());
  }

  @Query(() => [UnvisitedHousehold], {
    description:
      '未走访户：sinceDays 天内没有完成走访的户，贫困户和独居老人在前，再按等待时长 / Households of the grid without a completed visit for `sinceDays` days, POOR and ELDERLY_ALONE first, then the longest waiting\n' +
      'FORBIDDEN for a grid outside your units',
  })
  @Directive(listSize.slicedBy('first'))
  async unvisitedHouseholds(
    @CurrentAccess() access: Access,
    @Args('gridId', { type: () => ID, description: '网格 ID / Grid id' }) gridId: string,
    @Args('sinceDays', { type: () => Int, nullable: true, description: '天数，默认 30 / Days; default 30' }) sinceDays?: number,
    @Args('tags', { type: () => [String], nullable: true, description: '仅带有其中任一标签的户 / Only households carrying one of these tags' }) tags?: string[],
    @listLimitArg('first', UNVISITED, { zh: '户', en: 'households' }) first?: number,
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

  @ResolveField(() => VisitLogConnection, { description: '该人员的走访记录（管辖范围内） / The member\'s visits inside your units' })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('filter', { type: () => VisitFilter, nullable: true, description: '走访筛选条件 / Filter for the visits' }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.visitsService.list({ ...(filter ?? {}), memberId: member.id }, access.readScope(), pageArgsOf(page, info));
  }

  @ResolveField(() => [WeeklyCompliance], {
    description: '该人员的周履职情况，最近的周在前（管辖范围内的履职） / The member\'s weekly duty compliance, newest week first: the duties inside your units\n' +
                 'FORBIDDEN when none ever were',
  })
  @Directive(listSize.slicedBy('weeks'))
  weeklyCompliance(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('week', { type: () => String, nullable: true, description: WEEK_DESCRIPTION }) week?: string,
    @Args('weeks', { type: () => Int, nullable: true, defaultValue: WEEKS.default, description: `以 week 结束的周数（1–${WEEKS.max}，默认 ${WEEKS.default}） / How many weeks, ending with \`week\` (1–${WEEKS.max}, default ${WEEKS.default})` })
    weeks?: number,
  ): Promise<WeeklyCompliance[]> {
    return this.compliance.weeklyCompliance({ memberId: member.id, week: week ?? undefined, weeks: weeks ?? undefined }, access.readScope());
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Member {
    return referenceOf(reference, context);
  }
}
