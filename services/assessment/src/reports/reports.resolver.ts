import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PeriodInput } from '../scores/score.model';
import { AssessmentReport } from './report.model';
import { ReportsService, type ReportView } from './reports.service';

@Resolver(() => AssessmentReport)
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Query(() => AssessmentReport, { nullable: true, description: 'The frozen report of a unit for a closed period, with later adjustments; null when not closed' })
  assessmentReport(@Args('unitId', { type: () => ID }) unitId: string, @Args('period', { type: () => PeriodInput }) period: PeriodInput): Promise<ReportView | null> {
    return this.reports.report(unitId, period);
  }

  @Mutation(() => AssessmentReport, {
    description: 'Closes a period for a unit (期末考核): freezes the scores of the unit and its subtree under the current policy. CONFLICT when already closed.',
  })
  closePeriod(@Args('period', { type: () => PeriodInput }) period: PeriodInput, @Args('unitId', { type: () => ID }) unitId: string): Promise<ReportView> {
    return this.reports.closePeriod(period, unitId);
  }
}
