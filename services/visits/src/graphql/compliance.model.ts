import { Directive, Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { listSize, registerStringEnum } from '@steward/service-kit';
import { Household, Member, OrgUnit } from './entities.model';
import { DUTY_MEASURES, MAX_DUTY_RULES, type DutyMeasure } from '../domain/duty-rules';

export const DutyMeasureEnum = registerStringEnum(DUTY_MEASURES, {
  name: 'DutyMeasure',
  description: '履职考核口径 / What a weekly duty measures',
  valuesMap: {
    COMPLETED_VISITS: { description: '完成走访次数 / Completed visits' },
    DISTINCT_DAYS: { description: '在网格工作天数（按 Asia/Shanghai 计不同日期） / Distinct days worked in the grid (Asia/Shanghai)' },
  },
});

@ObjectType({ description: '履职要求：岗位持有人在其任职的每个单位每 ISO 周须达到的标准 / What holders of a role must achieve per ISO week in every unit where they hold it' })
export class DutyRule {
  @Field({ description: '岗位代码，如 GRID_INSTRUCTOR（网格指导员） / Role code, e.g. GRID_INSTRUCTOR' }) role!: string;
  @Field(() => DutyMeasureEnum, { description: '考核口径 / What is measured' }) measure!: DutyMeasure;
  @Field(() => Int, { description: '每周至少次数（天数） / At least this many per week' }) minimum!: number;
  @Field(() => String, {
    nullable: true,
    description: '周走访预警时间：每周自何时起提醒未达标者，如 FRI 09:00；null 为不提醒 / From when in the week (Asia/Shanghai) a holder whose duty is not met yet is warned, e.g. FRI 09:00; null: never',
  })
  warnFrom?: string | null;
}

@ObjectType({ description: '全市周履职规则 / The city\'s weekly duty rules' })
export class DutyRuleTable {
  @Field(() => Int, { description: '版本：内置默认为 0，每次修改加 1 / 0 for the built-in defaults, then + 1 per change' }) version!: number;
  @Field(() => [DutyRule], { description: '各岗位的履职要求 / The duty rule of each role' })
  @Directive(listSize.atMost(MAX_DUTY_RULES))
  rules!: DutyRule[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: '最近修改时间 / When the rules last changed' }) updatedAt!: Date | null;
}

@InputType({ description: '一条履职要求 / One weekly duty rule' })
export class DutyRuleInput {
  @Field({ description: '岗位代码 / Role code' }) role!: string;
  @Field(() => DutyMeasureEnum, { description: '考核口径 / What is measured' }) measure!: DutyMeasure;
  @Field(() => Int, { description: '每周至少次数（天数） / At least this many per week' }) minimum!: number;
  @Field(() => String, { nullable: true, description: '周走访预警的星期和时间（Asia/Shanghai），如 FRI 09:00；缺省或 null 为不提醒 / Weekday and time (Asia/Shanghai) from which a duty not met yet is warned of, e.g. FRI 09:00; absent or null: never' })
  warnFrom?: string | null;
}

@InputType({ description: '替换周履职规则的输入 / Input to replace the weekly duty rules' })
export class SetDutyRulesInput {
  @Field(() => [DutyRuleInput], { description: '完整的新规则表；每个岗位一条 / The whole new table; one rule per role' }) rules!: DutyRuleInput[];
  @Field(() => Int, { description: '读取时的版本（dutyRules.version）；当前版本不同则为 CONFLICT / The version read (dutyRules.version); a different current version is a CONFLICT' })
  expectedVersion!: number;
}

@ObjectType({ description: '人员一周内的一项履职：在某单位的岗位及其完成情况 / One duty of a member in one week: a role held on a unit, and what was achieved there' })
export class DutyCompliance {
  @Field(() => OrgUnit, { description: '岗位所在单位（网格；村工作人员为村） / Where the role is held (a grid; the village for village staff)' }) unit!: OrgUnit;
  @Field({ description: '岗位代码 / Role code' }) role!: string;
  @Field(() => DutyMeasureEnum, { description: '考核口径 / What is measured' }) measure!: DutyMeasure;
  @Field(() => Int, { description: '规则要求的最低值（DISTINCT_DAYS 不超过该周在岗天数） / The rule\'s minimum (for DISTINCT_DAYS at most the days the role was held that week)' })
  required!: number;
  @Field(() => Int, { description: '实际完成值 / What was achieved' }) achieved!: number;
  @Field({ description: '是否达标 / Whether the duty was met' }) compliant!: boolean;
  @Field(() => GraphQLISODateTime, { description: '该周在岗时段：起 / The part of the week the role was held: from' }) heldFrom!: Date;
  @Field(() => GraphQLISODateTime, { description: '该周在岗时段：止（不含） / … until (exclusive)' }) heldUntil!: Date;
}

@ObjectType({ description: '人员的周履职情况（ISO 周，Asia/Shanghai） / A member\'s weekly duty compliance, ISO week in Asia/Shanghai' })
export class WeeklyCompliance {
  @Field(() => Member, { description: '人员 / The member' }) member!: Member;
  @Field({ description: 'ISO 周，如 2026-W48 / ISO week, e.g. 2026-W48' }) week!: string;
  @Field(() => GraphQLISODateTime, { description: '周一 00:00（Asia/Shanghai） / Monday 00:00 Asia/Shanghai' }) weekStart!: Date;
  @Field(() => GraphQLISODateTime, { description: '下周一 00:00（Asia/Shanghai，不含） / The next Monday 00:00 Asia/Shanghai (exclusive)' }) weekEnd!: Date;
  @Field({ description: '是否全部达标；当周无履职要求时为 true / Every duty met; true when the member had no duty that week' }) compliant!: boolean;
  // one per role held that week on a unit with a rule: an assumed size (a member holds few roles at once)
  @Field(() => [DutyCompliance], { description: '当周各项履职 / The member\'s duties that week' })
  @Directive(listSize.atMost(MAX_DUTY_RULES))
  duties!: DutyCompliance[];
}

@ObjectType({ description: '一次周履职评定的结果：每位有履职要求的人员一条评定 / What one evaluation of a week issued: weekly duty verdicts, one per member with a duty' })
export class ComplianceEvaluation {
  @Field({ description: 'ISO 周，如 2026-W48 / ISO week, e.g. 2026-W48' }) week!: string;
  @Field(() => Int, { description: '该周有履职要求的人员数（给出 within 时限于其范围内单位） / Members who held a duty in the week (on a unit in `within`, if given)' }) members!: number;
  @Field(() => Int, { description: '本次首次发出的评定数 / First verdicts issued now' }) issued!: number;
  @Field(() => Int, { description: '因数据变化而修订的评定数（走访补录、规则变更） / Verdicts revised because the figures changed since (visits logged late, changed rules)' }) revised!: number;
  @Field(() => Int, { description: '结论未变的评定数（不发布） / Verdicts that already said the same (nothing published)' }) unchanged!: number;
  @Field(() => Int, { description: '本次未能评定的人员数（履职单位不在组织树中） / Members left without a verdict this time (a duty unit unknown to the org tree)' }) skipped!: number;
}

@ObjectType({ description: '网格在某时段的入户覆盖率 / Household coverage of a grid in a period' })
export class HouseholdCoverage {
  @Field(() => OrgUnit, { description: '网格 / The grid' }) grid!: OrgUnit;
  @Field(() => GraphQLISODateTime, { description: '时段起 / Start of the period' }) from!: Date;
  @Field(() => GraphQLISODateTime, { description: '时段止（不含） / End of the period (exclusive)' }) to!: Date;
  @Field(() => Int, { description: '网格现有户数 / Households in the grid now' }) households!: number;
  @Field(() => Int, { description: '已走访户数：时段内完成走访到达的不同户 / Distinct households of the grid reached by completed visits in the period' })
  visitedHouseholds!: number;
  @Field(() => Float, { nullable: true, description: '覆盖率 = 已走访户数 ÷ 户数 / Coverage rate = visitedHouseholds / households' })
  coverageRate!: number | null;
  @Field(() => Int, { description: '时段内网格中完成的走访次数 / Completed visits in the grid in the period' }) completedVisits!: number;
}

@ObjectType({ description: '未走访户：一段时间未走访的户 / A household not visited for a while' })
export class UnvisitedHousehold {
  @Field(() => Household, { description: '户 / The household' }) household!: Household;
  @Field(() => [String], { description: '户籍标签，如 POOR（贫困户）、ELDERLY_ALONE（独居老人） / Household tags, e.g. POOR, ELDERLY_ALONE' }) tags!: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: '最近一次完成的走访；从未走访为 null / Last completed visit; null: never visited' })
  lastVisitedAt!: Date | null;
  @Field({ description: '带有 POOR 或 ELDERLY_ALONE 标签，排在前面 / Carries POOR or ELDERLY_ALONE: listed first' }) priority!: boolean;
}
