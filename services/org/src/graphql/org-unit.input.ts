import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { OrgLevelEnum, OrgUnitStatusEnum, PartyOrgKindEnum } from './org-unit.model';
import type { OrgLevel, OrgUnitStatus, PartyOrgKind } from '../domain/org-rules';

@InputType({ description: '党组织：ADMIN_VILLAGE 设 GENERAL_BRANCH/BRANCH，GRID 设 GRID_GROUP / Party organisation: GENERAL_BRANCH/BRANCH on an ADMIN_VILLAGE, GRID_GROUP on a GRID' })
export class PartyOrgInput {
  @Field(() => PartyOrgKindEnum, { description: '党组织类型 / Kind of party organisation' }) kind!: PartyOrgKind;
  @Field({ description: '名称 / Name' }) name!: string;
  @Field(() => String, { nullable: true, description: '书记或组长 / Secretary or group leader' }) secretaryName?: string | null;
}

@InputType({ description: '设立组织单元的输入 / Input to create an org unit' })
export class CreateOrgUnitInput {
  @Field(() => ID, { nullable: true, description: '上级单元；仅 CITY 可省略 / Parent unit; omitted only for a CITY' }) parentId?: string;
  @Field(() => OrgLevelEnum, { description: '行政层级 / Administrative level' }) level!: OrgLevel;
  @Field({ description: '名称 / Name' }) name!: string;
  @Field({ nullable: true, description: '12 位区划代码，唯一 / 12-digit division code, unique' }) code?: string;
  @Field(() => Int, { nullable: true, description: '户数 / Households' }) households?: number;
  @Field(() => Int, { nullable: true, description: '人口 / Population' }) population?: number;
  @Field(() => PartyOrgInput, { nullable: true, description: '所设党组织 / Party organisation attached to the unit' }) partyOrg?: PartyOrgInput;
}

@InputType({ description: '要修改的字段；省略的保持不变，null 清除区划代码或党组织 / Fields to change; omitted fields stay as they are, null clears code or partyOrg' })
export class UpdateOrgUnitInput {
  @Field({ nullable: true, description: '名称 / Name' }) name?: string;
  @Field(() => String, { nullable: true, description: '12 位区划代码，唯一；null 为删除 / 12-digit division code, unique; null removes it' })
  code?: string | null;
  @Field(() => Int, { nullable: true, description: '户数 / Households' }) households?: number;
  @Field(() => Int, { nullable: true, description: '人口 / Population' }) population?: number;
  @Field(() => PartyOrgInput, { nullable: true, description: '党组织；null 为删除 / Party organisation; null removes it' })
  partyOrg?: PartyOrgInput | null;
  @Field(() => Int, { nullable: true, description: '单元已不是此版本时拒绝（CONFLICT） / Refuse with CONFLICT unless the unit is still at this version' })
  expectedVersion?: number;
}

@InputType({ description: '组织单元筛选条件 / Filter for org units' })
export class OrgUnitFilter {
  @Field(() => ID, { nullable: true, description: '此上级的直接下级 / Direct children of this parent' }) parentId?: string;
  @Field(() => ID, { nullable: true, description: '此单位下辖范围内（不含其本身） / Inside this unit\'s subtree (excluding the unit itself)' }) within?: string;
  @Field(() => OrgLevelEnum, { nullable: true, description: '仅此层级 / Only this level' }) level?: OrgLevel;
  @Field({ nullable: true, description: '名称包含 / Name search' }) nameContains?: string;
  @Field(() => OrgUnitStatusEnum, { nullable: true, description: '仅此状态 / Only this status' }) status?: OrgUnitStatus;
}
