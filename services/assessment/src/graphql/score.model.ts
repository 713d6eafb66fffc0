import { Directive, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { PERIOD_KINDS, type PeriodKind } from '../domain/periods';
import { ORG_LEVELS, type OrgLevel } from '../domain/ranking';

export const PeriodKindEnum = registerStringEnum(PERIOD_KINDS, { name: 'PeriodKind', description: 'WEEK 周, MONTH 月, QUARTER 季度, YEAR 年 (Asia/Shanghai)' });

export const OrgLevelEnum = registerStringEnum(ORG_LEVELS, {
  name: 'OrgLevel',
  description: 'Administrative level: CITY 市, DISTRICT 区县, TOWNSHIP 乡镇(街道), ADMIN_VILLAGE 行政村(社区), NATURAL_VILLAGE 自然村, GRID 网格',
});

@InputType({ description: 'An assessment period (考核周期), e.g. {kind: MONTH, key: "2026-11"}' })
export class PeriodInput {
  @Field(() => PeriodKindEnum) kind!: PeriodKind;
  @Field({ description: 'WEEK 2026-W48, MONTH 2026-11, QUARTER 2026-Q4, YEAR 2026' }) key!: string;
}

@ObjectType()
export class PeriodRef {
  @Field(() => PeriodKindEnum) kind!: PeriodKind;
  @Field() key!: string;
}

@ObjectType({ description: 'A member (owned by the members subgraph), extended with scores' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'An org unit (owned by the org subgraph), extended with scores and rankings' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

const count = (description: string) => ({ description });
const ratio = (description: string) => ({ nullable: true, description: `${description}; null when the denominator is 0` });

@ObjectType({ description: 'Performance of one subject in one period (考核得分)' })
export class Score {
  @Field(() => ID) subjectId!: string;
  @Field({ description: 'MEMBER, or the level of the unit: GRID, ADMIN_VILLAGE, TOWNSHIP, DISTRICT, CITY, …' }) subjectType!: string;
  @Field(() => PeriodRef) period!: PeriodRef;
  @Field(() => Int, count('Tickets received (受理数): reported in the subject’s area or dispatched to the member, less those rejected or merged (taken in, 纳入办理)')) received!: number;
  @Field(() => Int, count('Tickets resolved (办结数)')) resolved!: number;
  @Field(() => Int, count('Resolved within the deadline (按时办结数)')) onTime!: number;
  @Field(() => Int, count('Deadlines missed (超期数)')) overdue!: number;
  @Field(() => Int, count('Tickets escalated away (上报/升级数)')) escalated!: number;
  @Field(() => Int, count('Resolutions reopened after feedback (重办数)')) reopened!: number;
  @Field(() => Int, count('Resident feedbacks (回访数)')) feedbacks!: number;
  @Field(() => Int, count('Feedbacks satisfied or basically satisfied (满意数)')) satisfied!: number;
  @Field(() => Int, count('Completed visits (走访次数)')) visits!: number;
  @Field(() => Int, count('Weeks meeting the visit duty (走访达标周数)')) compliantWeeks!: number;
  @Field(() => Int, count('Weeks assessed for the visit duty')) weeks!: number;
  @Field(() => Int, count('Distinct households visited (走访覆盖户数)')) householdsCovered!: number;
  @Field(() => Float, ratio('Completion rate (办结率) = resolved / received, where received already excludes rejected and merged tickets (taken in, 纳入办理): the same definition as TicketStats.completionRate')) completionRate!: number | null;
  @Field(() => Float, ratio('On-time rate (按时办结率) = onTime / resolved')) onTimeRate!: number | null;
  @Field(() => Float, ratio('Satisfaction rate (满意率) = satisfied / feedbacks')) satisfactionRate!: number | null;
  @Field(() => Float, ratio('Visit compliance rate (走访达标率) = compliantWeeks / weeks')) complianceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Weighted score 0–100 (综合得分) under the scoring policy; null when no rate exists' })
  score!: number | null;
  @Field(() => Int, { description: 'Version of the scoring policy the score was computed with' }) policyVersion!: number;
  /** resolved by ScoreResolver when not set by a ranking or a report */
  rank?: number | null;
}

@ObjectType({ description: 'Peers ranked best first (排名)' })
export class RankingConnection extends ConnectionOf(Score, 'Ranking') {}

export type OrgLevelValue = OrgLevel;
