import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { ORG_LEVELS, ORG_UNIT_STATUSES, type OrgLevel, type OrgUnitStatus } from './org-rules';

export const OrgLevelEnum = registerStringEnum(ORG_LEVELS, {
  name: 'OrgLevel',
  description: 'Administrative level: CITY 市, DISTRICT 区县, TOWNSHIP 乡镇(街道), ADMIN_VILLAGE 行政村(社区), NATURAL_VILLAGE 自然村, GRID 网格',
});

export const OrgUnitStatusEnum = registerStringEnum(ORG_UNIT_STATUSES, {
  name: 'OrgUnitStatus',
  description: 'ACTIVE, or RETIRED (撤销; history kept)',
});

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
  @Field(() => OrgUnitStatusEnum) status!: OrgUnitStatus;
  ancestorIds!: string[];
}

@ObjectType()
export class OrgUnitConnection extends ConnectionOf(OrgUnit) {}
