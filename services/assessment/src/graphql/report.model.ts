import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrgUnit, PeriodRef, Score } from './score.model';

@ObjectType({ description: 'Counter changes carried by one event (0 where unchanged)' })
export class CounterChanges {
  @Field(() => Int) received!: number;
  @Field(() => Int) resolved!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) escalated!: number;
  @Field(() => Int) reopened!: number;
  @Field(() => Int) feedbacks!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Int) visits!: number;
  @Field(() => Int) compliantWeeks!: number;
  @Field(() => Int) weeks!: number;
  @Field(() => Int) householdsCovered!: number;
}

@ObjectType({ description: 'An event for a closed period that arrived after the report was frozen (调整项); the report itself never changes' })
export class ReportAdjustment {
  @Field(() => ID) eventId!: string;
  @Field({ description: 'e.g. steward.ticket.resolved.v1' }) eventType!: string;
  @Field({ description: 'When the event happened (ISO-8601)' }) eventTime!: string;
  @Field(() => Date, { description: 'When assessment recorded it' }) recordedAt!: Date;
  @Field(() => ID) subjectId!: string;
  @Field({ description: 'MEMBER, or the level of the unit' }) subjectType!: string;
  @Field(() => CounterChanges) changes!: CounterChanges;
}

@ObjectType({ description: 'A frozen period report (考核报告) of a unit: its subtree’s scores when the period was closed' })
export class AssessmentReport {
  @Field(() => ID, { description: '<unitId>|<kind>|<key>' }) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => OrgUnit) unit!: OrgUnit;
  @Field(() => PeriodRef) period!: PeriodRef;
  @Field(() => Int, { description: 'Version of the scoring policy the frozen scores use' }) policyVersion!: number;
  @Field(() => Date) closedAt!: Date;
  @Field(() => Score, { nullable: true, description: 'The unit’s own frozen score (null if nothing was counted for it)' }) score!: Score | null;
  /** the `subjects` and `adjustments` fields give parts of these (ReportsResolver) */
  subjects!: Score[];
  adjustments!: ReportAdjustment[];
  @Field(() => CounterChanges, { description: 'The unit’s own counters changed since closing: the sum of its adjustments' })
  adjustedBy!: CounterChanges;
}
