import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { ORG_LEVELS, ORG_UNIT_STATUSES, PARTY_ORG_KINDS, type OrgLevel, type OrgUnitStatus, type PartyOrgKind } from '../domain/org-rules';
import { ORG_UNIT_CHANGE_ACTIONS, type OrgUnitChangeAction } from '../persistence/org-unit.schema';

export const OrgLevelEnum = registerStringEnum(ORG_LEVELS, {
  name: 'OrgLevel',
  description: 'Administrative level: CITY 市, DISTRICT 区县, TOWNSHIP 乡镇(街道), ADMIN_VILLAGE 行政村(社区), NATURAL_VILLAGE 自然村, GRID 网格',
});

export const OrgUnitStatusEnum = registerStringEnum(ORG_UNIT_STATUSES, {
  name: 'OrgUnitStatus',
  description: 'ACTIVE, or RETIRED (撤销; history kept)',
});

export const PartyOrgKindEnum = registerStringEnum(PARTY_ORG_KINDS, {
  name: 'PartyOrgKind',
  description: 'Kind of party organisation (党组织)',
  valuesMap: {
    GENERAL_BRANCH: { description: 'General party branch (党总支), at an administrative village' },
    BRANCH: { description: 'Party branch (党支部), at an administrative village' },
    GRID_GROUP: { description: 'Grid party group (网格党小组), at a grid' },
  },
});

export const OrgUnitChangeActionEnum = registerStringEnum(ORG_UNIT_CHANGE_ACTIONS, {
  name: 'OrgUnitChangeAction',
  description: 'What a version of an org unit changed',
  valuesMap: {
    CREATED: { description: 'Created (设立)' },
    UPDATED: { description: 'Renamed or its figures / party organisation changed' },
    MOVED: { description: 'Moved under another parent (调整隶属关系)' },
    ANCESTOR_MOVED: { description: 'An ancestor moved, so its ancestors changed' },
    RETIRED: { description: 'Retired (撤销)' },
  },
});

@ObjectType({ description: 'Party organisation (党组织) attached to an org unit' })
export class PartyOrg {
  @Field(() => PartyOrgKindEnum) kind!: PartyOrgKind;
  @Field({ description: 'Name, e.g. 中共太平村总支部委员会' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Secretary (书记) or group leader (组长)' }) secretaryName!: string | null;
}

@ObjectType({ description: 'One version of an org unit in its history' })
export class OrgUnitChange {
  @Field(() => Int) version!: number;
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => OrgUnitChangeActionEnum) action!: OrgUnitChangeAction;
  @Field(() => [String], { nullable: true, description: 'UPDATED: the fields that changed' }) fields!: string[] | null;
  @Field(() => ID, { nullable: true, description: 'MOVED: parent before the move' }) fromParentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'MOVED: parent after the move' }) toParentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'ANCESTOR_MOVED: the ancestor that moved' }) movedUnitId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Who made the change (操作人): a member, the administrator or a service account' })
  actorId!: string | null;
}

@ObjectType({ description: 'A unit of the administrative hierarchy (组织单元): city down to service grid (网格)' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: '12-digit administrative division code (区划代码) where one exists' })
  code!: string | null;
  @Field({ description: 'Name (名称), e.g. 太平村' }) name!: string;
  @Field(() => OrgLevelEnum) level!: OrgLevel;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => Int, { description: 'Households (户数)' }) households!: number;
  @Field(() => Int, { description: 'Population (人口)' }) population!: number;
  @Field(() => PartyOrg, { nullable: true, description: 'Party organisation (党组织) attached to the unit' })
  partyOrg!: PartyOrg | null;
  @Field(() => OrgUnitStatusEnum) status!: OrgUnitStatus;
  @Field(() => GraphQLISODateTime, { description: 'Since when the unit exists (设立)' }) validFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the unit was retired (撤销)' }) validTo!: Date | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to update safely' })
  version!: number;
  /** every version; the `history` field gives the latest ones (OrgUnitsResolver) */
  history!: OrgUnitChange[];
  ancestorIds!: string[];
}

@ObjectType()
export class OrgUnitConnection extends ConnectionOf(OrgUnit) {}
