import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { HouseholdTagEnum } from './household.model';
import type { HouseholdTag } from '../domain/household-rules';

const PHONE_DESCRIPTION = 'Contact phone (联系电话): mobile 1[3-9]xxxxxxxxx or landline with area code, e.g. 0555-2345678';

@InputType()
export class CreateHouseholdInput {
  @Field(() => ID, { description: 'An active GRID unit (网格)' }) gridId!: string;
  @Field({ description: 'Address (住址)' }) address!: string;
  @Field({ description: 'Head of household (户主)' }) head!: string;
  @Field(() => Int, { description: 'People in the household (户人口), 1–99' }) size!: number;
  @Field(() => [HouseholdTagEnum], { nullable: true }) tags?: HouseholdTag[];
  @Field({ nullable: true, description: PHONE_DESCRIPTION }) phone?: string;
}

@InputType({ description: 'Changes to a household; an omitted field stays as it is' })
export class UpdateHouseholdInput {
  @Field(() => ID, { nullable: true, description: 'Move to another active GRID unit (网格)' }) gridId?: string;
  @Field({ nullable: true, description: 'Address (住址)' }) address?: string;
  @Field({ nullable: true, description: 'Head of household (户主)' }) head?: string;
  @Field(() => Int, { nullable: true, description: 'People in the household (户人口), 1–99' }) size?: number;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: 'Replaces the tags' }) tags?: HouseholdTag[];
  @Field({ nullable: true, description: PHONE_DESCRIPTION }) phone?: string;
}

@InputType()
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: 'Households of this grid (网格)' }) gridId?: string;
  @Field(() => ID, { nullable: true, description: "Households inside this unit's subtree (按组织范围)" }) within?: string;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: 'Households carrying any of these tags' })
  tags?: HouseholdTag[];
}
