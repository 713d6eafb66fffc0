import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { HOUSEHOLD_TAGS, type HouseholdTag } from '../domain/household-rules';

export const HouseholdTagEnum = registerStringEnum(HOUSEHOLD_TAGS, {
  name: 'HouseholdTag',
  description: 'A household mark that targets visits and aid (户籍标签)',
  valuesMap: {
    POOR: { description: '贫困户: household in poverty' },
    ELDERLY_ALONE: { description: '独居老人: elderly person living alone' },
    LEFT_BEHIND_CHILD: { description: '留守儿童: child left behind by migrant parents' },
    DISABLED: { description: '残疾人: person with a disability' },
    MILITARY_FAMILY: { description: '军属: family of a serving soldier' },
    LOW_INCOME: { description: '低保户: receives the minimum living allowance' },
    OTHER: { description: '其他: another mark worth a visit' },
  },
});

@ObjectType({ description: 'A household (户) under a grid (网格)' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The grid (网格) the household belongs to' }) gridId!: string;
  @Field({ description: "Address (住址). PII: masked (青山村****) unless you hold pii:read on the household's grid; full reads are audited" })
  address!: string;
  @Field({ description: 'Head of household (户主)' }) head!: string;
  @Field(() => Int, { description: 'People in the household (户人口)' }) size!: number;
  @Field(() => [HouseholdTagEnum], { description: 'Tags (标签), e.g. 贫困户, 独居老人' }) tags!: HouseholdTag[];
  @Field(() => String, {
    nullable: true,
    description: "Contact phone (联系电话): mobile or landline. PII: masked unless you hold pii:read on the household's grid; full reads are audited",
  })
  phone!: string | null;
  /** The grid's org path, as stored: who may read the phone and address. */
  orgPath!: string[];
}

@ObjectType()
export class HouseholdConnection extends ConnectionOf(Household) {}
