import { Directive, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { PERIOD_KINDS, type PeriodKind } from '../domain/periods';
import { ORG_LEVELS, type OrgLevel } from '../domain/ranking';

export const PeriodKindEnum = registerStringEnum(PERIOD_KINDS, {
  name: 'PeriodKind',
  description: '考核周期类型（Asia/Shanghai） / Kind of assessment period (Asia/Shanghai)',
  valuesMap: {
    WEEK: { description: '周 / Week' },
    MONTH: { description: '月 / Month' },
    QUARTER: { description: '季度 / Quarter' },
    YEAR: { description: '年 / Year' },
  },
});

export const OrgLevelEnum = registerStringEnum(ORG_LEVELS, {
  name: 'OrgLevel',
  description: '行政层级 / Administrative level',
  valuesMap: {
    CITY: { description: '市 / City' },
    DISTRICT: { description: '区县 / District or county' },
    TOWNSHIP: { description: '乡镇（街道） / Township or subdistrict' },
    ADMIN_VILLAGE: { description: '行政村（社区） / Administrative village or community' },
    NATURAL_VILLAGE: { description: '自然村 / Natural village' },
    GRID: { description: '网格 / Grid' },
  },
});

@InputType({ description: '考核周期，如 {kind: MONTH, key: "2026-11"} / An assessment period, e.g. {kind: MONTH, key: "2026-11"}' })
export class PeriodInput {
  @Field(() => PeriodKindEnum, { description: '周期类型 / Kind of period' }) kind!: PeriodKind;
  @Field({ description: '周期键：WEEK 2026-W48、MONTH 2026-11、QUARTER 2026-Q4、YEAR 2026 / WEEK 2026-W48, MONTH 2026-11, QUARTER 2026-Q4, YEAR 2026' }) key!: string;
}

@ObjectType({ description: '考核周期 / An assessment period' })
export class PeriodRef {
  @Field(() => PeriodKindEnum, { description: '周期类型 / Kind of period' }) kind!: PeriodKind;
  @Field({ description: '周期键，如 2026-11 / Period key, e.g. 2026-11' }) key!: string;
}

@ObjectType({ description: '人员（网格员、村干部等工作人员） / A member (grid member, cadre or other staff)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID, { description: '人员 ID / Member id' }) id!: string;
}

@ObjectType({ description: '组织单元：市、区县、乡镇、村或网格 / An org unit: city, district, township, village or grid' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID, { description: '组织单元 ID / Org unit id' }) id!: string;
}

const count = (description: string) => ({ description });
const ratio = (zh: string, en: string) => ({ nullable: true, description: `${zh}；分母为 0 时为 null / ${en}; null when the denominator is 0` });

@ObjectType({ description: '考核得分：一个对象在一个周期的表现 / Performance of one subject in one period' })
export class Score {
  @Field(() => ID, { description: '被考核人员或单位的 ID / Id of the member or unit assessed' }) subjectId!: string;
  @Field({ description: 'MEMBER 或单位层级：GRID、ADMIN_VILLAGE、TOWNSHIP、DISTRICT、CITY…… / MEMBER, or the level of the unit: GRID, ADMIN_VILLAGE, TOWNSHIP, DISTRICT, CITY, …' }) subjectType!: string;
  @Field(() => PeriodRef, { description: '考核周期 / The assessment period' }) period!: PeriodRef;
  @Field(() => Int, count('受理数：在其区域上报或派给该人员的工单，减去不予受理和被合并的（纳入办理） / Tickets received: reported in the subject’s area or dispatched to the member, less those rejected or merged (taken in)')) received!: number;
  @Field(() => Int, count('办结数 / Tickets resolved')) resolved!: number;
  @Field(() => Int, count('按时办结数 / Resolved within the deadline')) onTime!: number;
  @Field(() => Int, count('超期数 / Deadlines missed')) overdue!: number;
  @Field(() => Int, count('上报/升级数 / Tickets escalated away')) escalated!: number;
  @Field(() => Int, count('重办数：回访后被重办的办结 / Resolutions reopened after feedback')) reopened!: number;
  @Field(() => Int, count('回访数 / Resident feedbacks')) feedbacks!: number;
  @Field(() => Int, count('满意数：满意或基本满意的回访 / Feedbacks satisfied or basically satisfied')) satisfied!: number;
  @Field(() => Int, count('走访次数（已完成） / Completed visits')) visits!: number;
  @Field(() => Int, count('走访达标周数 / Weeks meeting the visit duty')) compliantWeeks!: number;
  @Field(() => Int, count('走访考核周数 / Weeks assessed for the visit duty')) weeks!: number;
  @Field(() => Int, count('走访覆盖户数 / Distinct households visited')) householdsCovered!: number;
  @Field(() => Float, ratio(
      '办结率 = 办结数 ÷ 受理数（受理数已不含不予受理和被合并的，即纳入办理），与 TicketStats.completionRate 口径相同',
      'Completion rate = resolved / received, where received already excludes rejected and merged tickets (taken in): the same definition as TicketStats.completionRate',
    )) completionRate!: number | null;
  @Field(() => Float, ratio('按时办结率 = 按时办结数 ÷ 办结数', 'On-time rate = onTime / resolved')) onTimeRate!: number | null;
  @Field(() => Float, ratio('满意率 = 满意数 ÷ 回访数', 'Satisfaction rate = satisfied / feedbacks')) satisfactionRate!: number | null;
  @Field(() => Float, ratio('走访达标率 = 走访达标周数 ÷ 考核周数', 'Visit compliance rate = compliantWeeks / weeks')) complianceRate!: number | null;
  @Field(() => Float, { nullable: true, description: '综合得分 0–100（按考核评分办法加权）；无任何比率时为 null / Weighted score 0–100 under the scoring policy; null when no rate exists' })
  score!: number | null;
  @Field(() => Int, { description: '计算得分所用考核评分办法的版本 / Version of the scoring policy the score was computed with' }) policyVersion!: number;
  /** resolved by ScoreResolver when not set by a ranking or a report */
  rank?: number | null;
}

@ObjectType({ description: '排名：同类单位按得分从高到低的分页列表 / Peers ranked best first' })
export class RankingConnection extends ConnectionOf(Score, 'Ranking') {}

export type OrgLevelValue = OrgLevel;
