import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Relative weights of the rates in the score (权重); rates that are null are left out and the rest renormalised' })
export class ScoringWeights {
  @Field(() => Float, { description: 'Weight of the completion rate (办结率)' }) completion!: number;
  @Field(() => Float, { description: 'Weight of the on-time rate (按时办结率)' }) onTime!: number;
  @Field(() => Float, { description: 'Weight of the satisfaction rate (满意率)' }) satisfaction!: number;
  @Field(() => Float, { description: 'Weight of the visit compliance rate (走访达标率)' }) compliance!: number;
}

@ObjectType({ description: 'A version of the scoring policy (考核评分办法). Versions are never edited; a new one is stored instead.' })
export class ScoringPolicy {
  @Field(() => Int) version!: number;
  @Field(() => ScoringWeights) weights!: ScoringWeights;
  @Field(() => Int, { description: 'Closing grace (结算宽限期): hours after a period ends before closePeriod may freeze it, for late events' })
  closingGraceHours!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the version was stored; null for the built-in default (version 1)' })
  createdAt!: Date | null;
}

@InputType({ description: 'Weights of a new scoring policy version: each ≥ 0, at least one > 0' })
export class SetScoringPolicyInput {
  @Field(() => Float) completion!: number;
  @Field(() => Float) onTime!: number;
  @Field(() => Float) satisfaction!: number;
  @Field(() => Float) compliance!: number;
  @Field(() => Int, { nullable: true, description: 'Closing grace (结算宽限期) in hours, 0–744; default: that of the current version' })
  closingGraceHours?: number | null;
  @Field(() => String, { nullable: true, description: 'Why the policy changed (shown with the version)' }) note?: string | null;
}
