import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { HOUSEHOLD_TAGS, type HouseholdTag } from '../domain/household-rules';

export const HouseholdTagEnum = registerStringEnum(HOUSEHOLD_TAGS, {
  name: 'HouseholdTag',
  description: '户籍标签：用于安排走访和帮扶 / A household mark that targets visits and aid',
  valuesMap: {
    POOR: { description: '贫困户 / Household in poverty' },
    ELDERLY_ALONE: { description: '独居老人 / Elderly person living alone' },
    LEFT_BEHIND_CHILD: { description: '留守儿童 / Child left behind by migrant parents' },
    DISABLED: { description: '残疾人 / Person with a disability' },
    MILITARY_FAMILY: { description: '军属 / Family of a serving soldier' },
    LOW_INCOME: { description: '低保户 / Receives the minimum living allowance' },
    OTHER: { description: '其他：其他值得走访的情况 / Another mark worth a visit' },
  },
});

@ObjectType({ description: '网格下的户 / A household under a grid' })
@Directive('@key(fields: "id")')
export class Household {
  @Field(() => ID, { description: '户 ID / Household id' }) id!: string;
  @Field(() => String, {
    nullable: true,
    description: '户编号，电子表格导入的自然键；逐户登记的户为空 / Household code, the natural key of spreadsheet imports; null for households registered one by one',
  })
  code!: string | null;
  @Field(() => ID, { description: '所属网格的 ID / The grid the household belongs to' }) gridId!: string;
  @Field({ description: '住址（个人信息：无 pii:read 权限时脱敏） / Address (PII: masked unless you hold pii:read)\n' +
                        'Masked (青山村****) unless you hold pii:read on the household\'s grid; full reads are audited' })
  address!: string;
  @Field({ description: '户主 / Head of household' }) head!: string;
  @Field(() => Int, { description: '户人口 / People in the household' }) size!: number;
  @Field(() => [HouseholdTagEnum], { description: '户籍标签，如 贫困户、独居老人 / Tags, e.g. POOR, ELDERLY_ALONE' }) tags!: HouseholdTag[];
  @Field(() => String, {
    nullable: true,
    description: '联系电话（个人信息：无 pii:read 权限时脱敏） / Contact phone, mobile or landline (PII: masked unless you hold pii:read)\n' +
                 'Masked unless you hold pii:read on the household\'s grid; full reads are audited',
  })
  phone!: string | null;
  /** The grid's org path, as stored: who may read the phone and address. */
  orgPath!: string[];
}

@ObjectType({ description: '户的分页列表 / A page of households' })
export class HouseholdConnection extends ConnectionOf(Household) {}
