import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { PeriodInput } from '../scores/score.model';
import { AssessmentReport } from './report.model';
import { ReportsService, type ReportView } from './reports.service';

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
}
