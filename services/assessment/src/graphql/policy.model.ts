import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: '得分中各比率的相对权重；为 null 的比率不计，其余重新归一 / Relative weights of the rates in the score; rates that are null are left out and the rest renormalised' })
export class ScoringWeights {
  @Field(() => Float, { description: '办结率权重 / Weight of the completion rate' }) completion!: number;
  @Field(() => Float, { description: '按时办结率权重 / Weight of the on-time rate' }) onTime!: number;
  @Field(() => Float, { description: '满意率权重 / Weight of the satisfaction rate' }) satisfaction!: number;
  @Field(() => Float, { description: '走访达标率权重 / Weight of the visit compliance rate' }) compliance!: number;
}

@ObjectType({ description: '考核评分办法的一个版本；版本不修改，改动存为新版本 / A version of the scoring policy. Versions are never edited; a new one is stored instead.' })
export class ScoringPolicy {
  @Field(() => Int, { description: '版本号 / Version number' }) version!: number;
  @Field(() => ScoringWeights, { description: '各比率的权重 / Weights of the rates' }) weights!: ScoringWeights;
  @Field(() => Int, { description: '结算宽限期：周期结束后多少小时才可用 closePeriod 冻结，以接纳迟到事件 / Closing grace: hours after a period ends before closePeriod may freeze it, for late events' })
  closingGraceHours!: number;
  @Field(() => String, { nullable: true, description: '修改说明 / Why the policy changed' }) note!: string | null;
  @Field(() => Date, { nullable: true, description: '版本保存时间；内置默认（版本 1）为 null / When the version was stored; null for the built-in default (version 1)' })
  createdAt!: Date | null;
}

@InputType({ description: '新版考核评分办法的权重：均 ≥ 0，至少一个 > 0 / Weights of a new scoring policy version: each ≥ 0, at least one > 0' })
export class SetScoringPolicyInput {
  @Field(() => Float, { description: '办结率权重 / Weight of the completion rate' }) completion!: number;
  @Field(() => Float, { description: '按时办结率权重 / Weight of the on-time rate' }) onTime!: number;
  @Field(() => Float, { description: '满意率权重 / Weight of the satisfaction rate' }) satisfaction!: number;
  @Field(() => Float, { description: '走访达标率权重 / Weight of the visit compliance rate' }) compliance!: number;
  @Field(() => Int, { nullable: true, description: '结算宽限期（小时），0–744；默认沿用现行版本 / Closing grace in hours, 0–744; default: that of the current version' })
  closingGraceHours?: number | null;
  @Field(() => String, { nullable: true, description: '修改说明（随版本显示） / Why the policy changed (shown with the version)' }) note?: string | null;
}
