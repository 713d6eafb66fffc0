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

  @Query(() => AssessmentReport, { nullable: true, description: 'The frozen report of a unit for a closed period, with later adjustments; null when not closed; FORBIDDEN outside your units (超出管辖范围)' })
  assessmentReport(@CurrentAccess() access: Access, @Args('unitId', { type: () => ID }) unitId: string, @Args('period', { type: () => PeriodInput }) period: PeriodInput): Promise<ReportView | null> {
    return this.reports.report(access, unitId, period);
  }

  @Mutation(() => AssessmentReport, {
    description:
      'Closes a period for a unit (期末考核): freezes the scores of the unit and its subtree under the current policy. CONFLICT when already closed. Needs assessment:manage on the unit (考核管理权限).',
  })
  closePeriod(@CurrentAccess() access: Access, @Args('period', { type: () => PeriodInput }) period: PeriodInput, @Args('unitId', { type: () => ID }) unitId: string): Promise<ReportView> {
    return this.reports.closePeriod(access, period, unitId);
  }

  @ResolveField(() => [Score], {
    description: 'Frozen scores of the unit, the units below it and the members who worked there, ranked within their peers (by kind, then rank)',
  })
  @Directive(listSize.slicedBy('first'))
  subjects(@Parent() report: ReportView, @listLimitArg('first', SUBJECTS, 'scores') first?: number): ReportView['subjects'] {
    return limitList(report.subjects, 'first', first, SUBJECTS);
  }

  @ResolveField(() => [ReportAdjustment], { description: 'Events counted for this period and subtree after the report was frozen, oldest first' })
  @Directive(listSize.slicedBy('first'))
  adjustments(@Parent() report: ReportView, @listLimitArg('first', ADJUSTMENTS, 'adjustments') first?: number): ReportView['adjustments'] {
    return limitList(report.adjustments, 'first', first, ADJUSTMENTS);
  }
}
