import { Args, Directive, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, limitList, listLimitArg, listSize, type ListBound } from '@steward/service-kit';
import { PeriodInput, Score } from './score.model';
import { AssessmentReport, ReportAdjustment } from './report.model';
import { ReportsService, type ReportView } from '../application/reports.service';

/** Frozen scores listed by one report: a township's villages, grids and members fit. */
const SUBJECTS: ListBound = { default: 200, max: 1000 };
/** Adjustments listed by one report. */
const ADJUSTMENTS: ListBound = { default: 100, max: 1000 };

@Resolver(() => AssessmentReport)
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => AssessmentReport, { nullable: true, description: '单位已结算周期的冻结报告及后续调整；未结算为 null；超出管辖范围为 FORBIDDEN / The frozen report of a unit for a closed period, with later adjustments; null when not closed; FORBIDDEN outside your units' })
  assessmentReport(@CurrentAccess() access: Access, @Args('unitId', { type: () => ID, description: '单位 ID / Unit id' }) unitId: string, @Args('period', { type: () => PeriodInput, description: '考核周期 / The assessment period' }) period: PeriodInput): Promise<ReportView | null> {
    return this.reports.report(access, unitId, period);
  }

  @Mutation(() => AssessmentReport, {
    description:
      '期末考核：冻结单位及其下辖范围在现行办法下的得分 / Closes a period for a unit: freezes the scores of the unit and its subtree under the current policy\n' +
      'CONFLICT when already closed. Needs assessment:manage on the unit.',
  })
  closePeriod(@CurrentAccess() access: Access, @Args('period', { type: () => PeriodInput, description: '要结算的考核周期 / The period to close' }) period: PeriodInput, @Args('unitId', { type: () => ID, description: '被考核单位 / The unit assessed' }) unitId: string): Promise<ReportView> {
    return this.reports.closePeriod(access, period, unitId);
  }

  @ResolveField(() => [Score], {
    description: '本单位、下级单位及在此工作人员的冻结得分，在同类中排名（按类型、再按名次） / Frozen scores of the unit, the units below it and the members who worked there, ranked within their peers (by kind, then rank)',
  })
  @Directive(listSize.slicedBy('first'))
  subjects(@Parent() report: ReportView, @listLimitArg('first', SUBJECTS, { zh: '得分', en: 'scores' }) first?: number): ReportView['subjects'] {
    return limitList(report.subjects, 'first', first, SUBJECTS);
  }

  @ResolveField(() => [ReportAdjustment], { description: '报告冻结后计入本期本范围的事件，按时间先后 / Events counted for this period and subtree after the report was frozen, oldest first' })
  @Directive(listSize.slicedBy('first'))
  adjustments(@Parent() report: ReportView, @listLimitArg('first', ADJUSTMENTS, { zh: '调整项', en: 'adjustments' }) first?: number): ReportView['adjustments'] {
    return limitList(report.adjustments, 'first', first, ADJUSTMENTS);
  }
}
