import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrgUnit, PeriodRef, Score } from './score.model';

@ObjectType({ description: '一个事件带来的计数变化（未变为 0） / Counter changes carried by one event (0 where unchanged)' })
export class CounterChanges {
  @Field(() => Int, { description: '受理数变化 / Change of tickets received' }) received!: number;
  @Field(() => Int, { description: '办结数变化 / Change of tickets resolved' }) resolved!: number;
  @Field(() => Int, { description: '按时办结数变化 / Change of tickets resolved on time' }) onTime!: number;
  @Field(() => Int, { description: '超期数变化 / Change of deadlines missed' }) overdue!: number;
  @Field(() => Int, { description: '上报上级数变化 / Change of tickets escalated' }) escalated!: number;
  @Field(() => Int, { description: '重办数变化 / Change of resolutions reopened' }) reopened!: number;
  @Field(() => Int, { description: '回访数变化 / Change of resident feedbacks' }) feedbacks!: number;
  @Field(() => Int, { description: '满意数变化 / Change of satisfied feedbacks' }) satisfied!: number;
  @Field(() => Int, { description: '走访次数变化 / Change of completed visits' }) visits!: number;
  @Field(() => Int, { description: '走访达标周数变化 / Change of weeks meeting the visit duty' }) compliantWeeks!: number;
  @Field(() => Int, { description: '考核周数变化 / Change of weeks assessed for the visit duty' }) weeks!: number;
  @Field(() => Int, { description: '走访覆盖户数变化 / Change of distinct households visited' }) householdsCovered!: number;
}

@ObjectType({ description: '调整项：报告冻结后到达的已结算周期事件；报告本身不变 / An event for a closed period that arrived after the report was frozen; the report itself never changes' })
export class ReportAdjustment {
  @Field(() => ID, { description: '事件 ID / Event id' }) eventId!: string;
  @Field({ description: '事件类型，如 steward.ticket.resolved.v1 / Event type, e.g. steward.ticket.resolved.v1' }) eventType!: string;
  @Field({ description: '事件发生时间（ISO-8601） / When the event happened (ISO-8601)' }) eventTime!: string;
  @Field(() => Date, { description: '考核服务记录时间 / When assessment recorded it' }) recordedAt!: Date;
  @Field(() => ID, { description: '被考核人员或单位的 ID / Id of the member or unit assessed' }) subjectId!: string;
  @Field({ description: 'MEMBER 或单位层级 / MEMBER, or the level of the unit' }) subjectType!: string;
  @Field(() => CounterChanges, { description: '计数变化 / The counter changes' }) changes!: CounterChanges;
}

@ObjectType({ description: '单位某期的冻结考核报告：期末结算时其下辖范围的得分 / A frozen period report of a unit: its subtree’s scores when the period was closed' })
export class AssessmentReport {
  @Field(() => ID, { description: '报告标识：<单位ID>|<周期类型>|<周期键> / Report id: <unitId>|<kind>|<key>' }) id!: string;
  @Field(() => ID, { description: '被考核单位的 ID / Id of the assessed unit' }) unitId!: string;
  @Field(() => OrgUnit, { description: '被考核单位 / The assessed unit' }) unit!: OrgUnit;
  @Field(() => PeriodRef, { description: '考核周期 / The assessment period' }) period!: PeriodRef;
  @Field(() => Int, { description: '冻结得分所用考核评分办法的版本 / Version of the scoring policy the frozen scores use' }) policyVersion!: number;
  @Field(() => Date, { description: '期末结算（冻结）时间 / When the period was closed (frozen)' }) closedAt!: Date;
  @Field(() => Score, { nullable: true, description: '本单位自身的冻结得分（未计入任何数据时为 null） / The unit’s own frozen score (null if nothing was counted for it)' }) score!: Score | null;
  /** the `subjects` and `adjustments` fields give parts of these (ReportsResolver) */
  subjects!: Score[];
  adjustments!: ReportAdjustment[];
  @Field(() => CounterChanges, { description: '结算后本单位自身计数的变化：各调整项之和 / The unit’s own counters changed since closing: the sum of its adjustments' })
  adjustedBy!: CounterChanges;
}
