import { Directive, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { registerStringEnum } from '@steward/service-kit';
import { PERIOD_KINDS, type PeriodKind } from './periods';

export const PeriodKindEnum = registerStringEnum(PERIOD_KINDS, { name: 'PeriodKind', description: 'WEEK 周, MONTH 月, QUARTER 季度, YEAR 年 (Asia/Shanghai)' });

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

@ObjectType({ description: 'Performance of one subject in one period (考核得分)' })
export class Score {
  @Field(() => ID) subjectId!: string;
  @Field({ description: 'MEMBER, GRID, ADMIN_VILLAGE, TOWNSHIP, DISTRICT or CITY' }) subjectType!: string;
  @Field(() => PeriodRef) period!: PeriodRef;
  @Field(() => Int, { description: 'Tickets received (受理数)' }) received!: number;
  @Field(() => Int, { description: 'Tickets resolved (办结数)' }) resolved!: number;
  @Field(() => Int, { description: 'Resolved on time (按时办结数)' }) onTime!: number;
  @Field(() => Float, { nullable: true, description: 'Completion rate (办结率) = resolved / received' }) completionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'On-time rate (按时办结率) = onTime / resolved' }) onTimeRate!: number | null;
}

@ObjectType({ description: 'A member (owned by the members subgraph), extended with scores' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'An org unit (owned by the org subgraph), extended with scores' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID) id!: string;
}
