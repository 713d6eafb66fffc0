import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/*
 * Entities owned by other subgraphs that visits extends with fields
 * (docs/architecture.md §5, entity ownership): only the key is known here.
 */

@ObjectType({ description: 'A member (owned by the members subgraph), extended with visits and weekly duty compliance' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'An org unit (owned by the org subgraph), extended with visits' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A household (owned by the members subgraph), extended with visits' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A ticket (owned by the tickets subgraph), extended with its visits' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID) id!: string;
}
