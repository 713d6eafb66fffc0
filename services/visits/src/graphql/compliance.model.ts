import { Directive, Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listSize, registerStringEnum } from '@steward/service-kit';
import { Household, Member, OrgUnit } from './entities.model';
import { DUTY_MEASURES, MAX_DUTY_RULES, type DutyMeasure } from '../domain/duty-rules';

export const DutyMeasureEnum = registerStringEnum(DUTY_MEASURES, {
  name: 'DutyMeasure',
  description: 'COMPLETED_VISITS 完成走访次数, DISTINCT_DAYS 在网格工作天数 (distinct days, Asia/Shanghai)',
});

@ObjectType({ description: 'What holders of a role must achieve per ISO week in every unit where they hold it (履职要求)' })
export class DutyRule {
  @Field({ description: 'Role code, e.g. GRID_INSTRUCTOR (网格指导员)' }) role!: string;
  @Field(() => DutyMeasureEnum) measure!: DutyMeasure;
  @Field(() => Int, { description: 'At least this many per week' }) minimum!: number;
  @Field(() => String, {
    nullable: true,
    description: 'From when in the week (Asia/Shanghai) a holder whose duty is not met yet is warned (周走访预警), e.g. FRI 09:00; null: never',
  })
  warnFrom?: string | null;
}

@ObjectType({ description: "The city's weekly duty rules (周履职规则)" })
export class DutyRuleTable {
  @Field(() => Int, { description: '0 for the built-in defaults, then + 1 per change' }) version!: number;
  @Field(() => [DutyRule])
  @Directive(listSize.atMost(MAX_DUTY_RULES))
  rules!: DutyRule[];
  @Field(() => GraphQLISODateTime, { nullable: true }) updatedAt!: Date | null;
}

@InputType()
export class DutyRuleInput {
  @Field() role!: string;
  @Field(() => DutyMeasureEnum) measure!: DutyMeasure;
  @Field(() => Int) minimum!: number;
  @Field(() => String, { nullable: true, description: 'Weekday and time (Asia/Shanghai) from which a duty not met yet is warned of, e.g. FRI 09:00; absent or null: never' })
  warnFrom?: string | null;
}

@InputType()
export class SetDutyRulesInput {
  @Field(() => [DutyRuleInput], { description: 'The whole new table; one rule per role' }) rules!: DutyRuleInput[];
  @Field(() => Int, { description: 'The version read (dutyRules.version); a different current version is a CONFLICT' })
  expectedVersion!: number;
}

@ObjectType({ description: 'One duty of a member in one week: a role held on a unit, and what was achieved there' })
export class DutyCompliance {
  @Field(() => OrgUnit, { description: 'Where the role is held (a grid; the village for village staff)' }) unit!: OrgUnit;
  @Field() role!: string;
  @Field(() => DutyMeasureEnum) measure!: DutyMeasure;
  @Field(() => Int, { description: "The rule's minimum (for DISTINCT_DAYS at most the days the role was held that week)" })
  required!: number;
  @Field(() => Int) achieved!: number;
  @Field() compliant!: boolean;
  @Field(() => GraphQLISODateTime, { description: 'The part of the week the role was held: from' }) heldFrom!: Date;
  @Field(() => GraphQLISODateTime, { description: '… until (exclusive)' }) heldUntil!: Date;
}

@ObjectType({ description: "A member's weekly duty compliance (周履职情况), ISO week in Asia/Shanghai" })
export class WeeklyCompliance {
  @Field(() => Member) member!: Member;
  @Field({ description: 'ISO week, e.g. 2026-W48' }) week!: string;
  @Field(() => GraphQLISODateTime, { description: 'Monday 00:00 Asia/Shanghai' }) weekStart!: Date;
  @Field(() => GraphQLISODateTime, { description: 'The next Monday 00:00 Asia/Shanghai (exclusive)' }) weekEnd!: Date;
  @Field({ description: 'Every duty met (达标); true when the member had no duty that week' }) compliant!: boolean;
  // one per role held that week on a unit with a rule: an assumed size (a member holds few roles at once)
  @Field(() => [DutyCompliance])
  @Directive(listSize.atMost(MAX_DUTY_RULES))
  duties!: DutyCompliance[];
}

@ObjectType({ description: 'What one evaluation of a week issued: weekly duty verdicts (周履职评定), one per member with a duty' })
export class ComplianceEvaluation {
  @Field({ description: 'ISO week, e.g. 2026-W48' }) week!: string;
  @Field(() => Int, { description: 'Members who held a duty in the week (on a unit in `within`, if given)' }) members!: number;
  @Field(() => Int, { description: 'First verdicts issued now' }) issued!: number;
  @Field(() => Int, { description: 'Verdicts revised because the figures changed since (visits logged late, changed rules)' }) revised!: number;
  @Field(() => Int, { description: 'Verdicts that already said the same (nothing published)' }) unchanged!: number;
  @Field(() => Int, { description: 'Members left without a verdict this time (a duty unit unknown to the org tree)' }) skipped!: number;
}

@ObjectType({ description: 'Household coverage of a grid in a period (入户覆盖率)' })
export class HouseholdCoverage {
  @Field(() => OrgUnit) grid!: OrgUnit;
  @Field(() => GraphQLISODateTime) from!: Date;
  @Field(() => GraphQLISODateTime) to!: Date;
  @Field(() => Int, { description: 'Households in the grid now (户数)' }) households!: number;
  @Field(() => Int, { description: 'Distinct households of the grid reached by completed visits in the period (已走访户数)' })
  visitedHouseholds!: number;
  @Field(() => Float, { nullable: true, description: 'Coverage rate (覆盖率) = visitedHouseholds / households' })
  coverageRate!: number | null;
  @Field(() => Int, { description: 'Completed visits in the grid in the period' }) completedVisits!: number;
}

@ObjectType({ description: 'A household not visited for a while (未走访户)' })
export class UnvisitedHousehold {
  @Field(() => Household) household!: Household;
  @Field(() => [String], { description: 'Household tags, e.g. POOR (贫困户), ELDERLY_ALONE (独居老人)' }) tags!: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last completed visit; null: never visited' })
  lastVisitedAt!: Date | null;
  @Field({ description: 'Carries POOR or ELDERLY_ALONE: listed first' }) priority!: boolean;
}
