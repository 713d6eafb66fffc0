import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { OrgLevelEnum, OrgUnitStatusEnum, PartyOrgKindEnum } from './org-unit.model';
import type { OrgLevel, OrgUnitStatus, PartyOrgKind } from '../domain/org-rules';

@InputType({ description: 'Party organisation (党组织): GENERAL_BRANCH/BRANCH on an ADMIN_VILLAGE, GRID_GROUP on a GRID' })
export class PartyOrgInput {
  @Field(() => PartyOrgKindEnum) kind!: PartyOrgKind;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Secretary (书记) or group leader (组长)' }) secretaryName?: string | null;
}

@InputType()
export class CreateOrgUnitInput {
  @Field(() => ID, { nullable: true, description: 'Parent unit; omitted only for a CITY' }) parentId?: string;
  @Field(() => OrgLevelEnum) level!: OrgLevel;
  @Field() name!: string;
  @Field({ nullable: true, description: '12-digit division code (区划代码), unique' }) code?: string;
  @Field(() => Int, { nullable: true, description: 'Households (户数)' }) households?: number;
  @Field(() => Int, { nullable: true, description: 'Population (人口)' }) population?: number;
  @Field(() => PartyOrgInput, { nullable: true }) partyOrg?: PartyOrgInput;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears code or partyOrg' })
export class UpdateOrgUnitInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => String, { nullable: true, description: '12-digit division code (区划代码), unique; null removes it' })
  code?: string | null;
  @Field(() => Int, { nullable: true, description: 'Households (户数)' }) households?: number;
  @Field(() => Int, { nullable: true, description: 'Population (人口)' }) population?: number;
  @Field(() => PartyOrgInput, { nullable: true, description: 'null removes the party organisation' })
  partyOrg?: PartyOrgInput | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the unit is still at this version' })
  expectedVersion?: number;
}

@InputType()
export class OrgUnitFilter {
  @Field(() => ID, { nullable: true }) parentId?: string;
  @Field(() => ID, { nullable: true, description: "Inside this unit's subtree (excluding the unit itself)" }) within?: string;
  @Field(() => OrgLevelEnum, { nullable: true }) level?: OrgLevel;
  @Field({ nullable: true, description: 'Name search (名称包含)' }) nameContains?: string;
  @Field(() => OrgUnitStatusEnum, { nullable: true }) status?: OrgUnitStatus;
}
