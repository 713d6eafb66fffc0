import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/*
 * Entities owned by other subgraphs that visits extends with fields
 * (docs/architecture.md §5, entity ownership): only the key is known here.
 */

@ObjectType({ description: '人员（网格员、村干部等工作人员） / A member (grid member, cadre or other staff)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID, { description: '人员 ID / Member id' }) id!: string;
}

@ObjectType({ description: '组织单元：市、区县、乡镇、村或网格 / An org unit: city, district, township, village or grid' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID, { description: '组织单元 ID / Org unit id' }) id!: string;
}

@ObjectType({ description: '网格下的户 / A household under a grid' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID, { description: '户 ID / Household id' }) id!: string;
}

@ObjectType({ description: '工单：群众诉求或发现的问题 / A resident request or discovered problem' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID, { description: '工单 ID / Ticket id' }) id!: string;
}
