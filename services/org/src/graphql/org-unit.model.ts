import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { ORG_LEVELS, ORG_UNIT_STATUSES, PARTY_ORG_KINDS, type OrgLevel, type OrgUnitStatus, type PartyOrgKind } from '../domain/org-rules';
import { ORG_UNIT_CHANGE_ACTIONS, type OrgUnitChangeAction } from '../persistence/org-unit.schema';

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

export const OrgUnitStatusEnum = registerStringEnum(ORG_UNIT_STATUSES, {
  name: 'OrgUnitStatus',
  description: '组织单元状态 / Status of an org unit',
  valuesMap: {
    ACTIVE: { description: '在用 / Active' },
    RETIRED: { description: '撤销（保留历史） / Retired; history kept' },
  },
});

export const PartyOrgKindEnum = registerStringEnum(PARTY_ORG_KINDS, {
  name: 'PartyOrgKind',
  description: '党组织类型 / Kind of party organisation',
  valuesMap: {
    GENERAL_BRANCH: { description: '党总支，设于行政村 / General party branch, at an administrative village' },
    BRANCH: { description: '党支部，设于行政村 / Party branch, at an administrative village' },
    GRID_GROUP: { description: '网格党小组，设于网格 / Grid party group, at a grid' },
  },
});

export const OrgUnitChangeActionEnum = registerStringEnum(ORG_UNIT_CHANGE_ACTIONS, {
  name: 'OrgUnitChangeAction',
  description: '组织单元一个版本的变更类型 / What a version of an org unit changed',
  valuesMap: {
    CREATED: { description: '设立 / Created' },
    UPDATED: { description: '更名或数据、党组织变更 / Renamed or its figures or party organisation changed' },
    MOVED: { description: '调整隶属关系：移到另一上级下 / Moved under another parent' },
    ANCESTOR_MOVED: { description: '上级被调整，上级链随之变化 / An ancestor moved, so its ancestors changed' },
    RETIRED: { description: '撤销 / Retired' },
  },
});

@ObjectType({ description: '组织单元所设的党组织 / Party organisation attached to an org unit' })
export class PartyOrg {
  @Field(() => PartyOrgKindEnum, { description: '党组织类型 / Kind of party organisation' }) kind!: PartyOrgKind;
  @Field({ description: '名称，如 中共太平村总支部委员会 / Name, e.g. 中共太平村总支部委员会' }) name!: string;
  @Field(() => String, { nullable: true, description: '书记或组长 / Secretary or group leader' }) secretaryName!: string | null;
}

@ObjectType({ description: '组织单元历史中的一个版本 / One version of an org unit in its history' })
export class OrgUnitChange {
  @Field(() => Int, { description: '版本号 / Version number' }) version!: number;
  @Field(() => GraphQLISODateTime, { description: '修改时间 / When the change was made' }) at!: Date;
  @Field(() => OrgUnitChangeActionEnum, { description: '变更类型 / What changed' }) action!: OrgUnitChangeAction;
  @Field(() => [String], { nullable: true, description: 'UPDATED：被修改的字段 / UPDATED: the fields that changed' }) fields!: string[] | null;
  @Field(() => ID, { nullable: true, description: 'MOVED：调整前的上级 / MOVED: parent before the move' }) fromParentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'MOVED：调整后的上级 / MOVED: parent after the move' }) toParentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'ANCESTOR_MOVED：被调整的上级单元 / ANCESTOR_MOVED: the ancestor that moved' }) movedUnitId!: string | null;
  @Field(() => ID, { nullable: true, description: '操作人：人员、管理员或接口账号 / Who made the change: a member, the administrator or a service account' })
  actorId!: string | null;
}

@ObjectType({ description: '组织单元：市、区县、乡镇、村或网格 / An org unit: city, district, township, village or grid' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID, { description: '组织单元 ID / Org unit id' }) id!: string;
  @Field(() => String, { nullable: true, description: '12 位行政区划代码（如有） / 12-digit administrative division code where one exists' })
  code!: string | null;
  @Field({ description: '名称，如 太平村 / Name, e.g. 太平村' }) name!: string;
  @Field(() => OrgLevelEnum, { description: '行政层级 / Administrative level' }) level!: OrgLevel;
  @Field(() => ID, { nullable: true, description: '上级单元 ID / Id of the parent unit' }) parentId!: string | null;
  @Field(() => Int, { description: '户数 / Households' }) households!: number;
  @Field(() => Int, { description: '人口 / Population' }) population!: number;
  @Field(() => PartyOrg, { nullable: true, description: '所设党组织 / Party organisation attached to the unit' })
  partyOrg!: PartyOrg | null;
  @Field(() => OrgUnitStatusEnum, { description: '状态 / Status' }) status!: OrgUnitStatus;
  @Field(() => GraphQLISODateTime, { description: '设立时间 / Since when the unit exists' }) validFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '撤销时间 / When the unit was retired' }) validTo!: Date | null;
  @Field(() => Int, { description: '版本：每次修改加 1；更新时作为 expectedVersion 传入 / Increases with every change; pass it as expectedVersion to update safely' })
  version!: number;
  /** every version; the `history` field gives the latest ones (OrgUnitsResolver) */
  history!: OrgUnitChange[];
  ancestorIds!: string[];
}

@ObjectType({ description: '组织单元的分页列表 / A page of org units' })
export class OrgUnitConnection extends ConnectionOf(OrgUnit) {}
