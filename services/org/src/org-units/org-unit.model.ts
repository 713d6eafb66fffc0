import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf } from '@steward/service-kit';
import { ORG_LEVELS, type OrgLevel } from './org-rules';

export const OrgLevelEnum = Object.fromEntries(ORG_LEVELS.map((level) => [level, level])) as Record<OrgLevel, OrgLevel>;
registerEnumType(OrgLevelEnum, {
  name: 'OrgLevel',
  description: 'Administrative level: CITY 市, DISTRICT 区县, TOWNSHIP 乡镇(街道), ADMIN_VILLAGE 行政村(社区), NATURAL_VILLAGE 自然村, GRID 网格',
});

export enum OrgUnitStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
}
registerEnumType(OrgUnitStatus, { name: 'OrgUnitStatus', description: 'ACTIVE, or RETIRED (撤销; history kept)' });

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
  @Field(() => OrgUnitStatus) status!: OrgUnitStatus;
  ancestorIds!: string[];
}

@ObjectType()
export class OrgUnitConnection extends ConnectionOf(OrgUnit) {}
