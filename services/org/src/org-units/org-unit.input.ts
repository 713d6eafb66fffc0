import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { OrgLevelEnum } from './org-unit.model';
import type { OrgLevel } from './org-rules';

@InputType()
export class CreateOrgUnitInput {
  @Field(() => ID, { nullable: true, description: 'Parent unit; omitted only for a CITY' }) parentId?: string;
  @Field(() => OrgLevelEnum) level!: OrgLevel;
  @Field() name!: string;
  @Field({ nullable: true, description: '12-digit division code (区划代码), unique' }) code?: string;
  @Field(() => Int, { nullable: true }) households?: number;
  @Field(() => Int, { nullable: true }) population?: number;
}

@InputType()
export class OrgUnitFilter {
  @Field(() => ID, { nullable: true }) parentId?: string;
  @Field(() => ID, { nullable: true, description: "Inside this unit's subtree (excluding the unit itself)" }) within?: string;
  @Field(() => OrgLevelEnum, { nullable: true }) level?: OrgLevel;
  @Field({ nullable: true }) nameContains?: string;
}
