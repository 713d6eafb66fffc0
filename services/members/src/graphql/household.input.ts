import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { HouseholdTagEnum } from './household.model';
import type { HouseholdTag } from '../domain/household-rules';

const PHONE_DESCRIPTION = '联系电话：手机 1[3-9]xxxxxxxxx 或带区号的座机，如 0555-2345678 / Contact phone: mobile 1[3-9]xxxxxxxxx or landline with area code, e.g. 0555-2345678';

@InputType({ description: '登记户的输入 / Input to register a household' })
export class CreateHouseholdInput {
  @Field(() => ID, { description: '所属网格：一个在用的 GRID 单元 / An active GRID unit' }) gridId!: string;
  @Field({ description: '住址 / Address' }) address!: string;
  @Field({ description: '户主 / Head of household' }) head!: string;
  @Field(() => Int, { description: '户人口，1–99 / People in the household, 1–99' }) size!: number;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: '户籍标签 / Household tags' }) tags?: HouseholdTag[];
  @Field({ nullable: true, description: PHONE_DESCRIPTION }) phone?: string;
}

@InputType({ description: '修改户信息；省略的字段保持不变 / Changes to a household; an omitted field stays as it is' })
export class UpdateHouseholdInput {
  @Field(() => ID, { nullable: true, description: '迁至另一个在用的 GRID 单元（网格） / Move to another active GRID unit' }) gridId?: string;
  @Field({ nullable: true, description: '住址 / Address' }) address?: string;
  @Field({ nullable: true, description: '户主 / Head of household' }) head?: string;
  @Field(() => Int, { nullable: true, description: '户人口，1–99 / People in the household, 1–99' }) size?: number;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: '户籍标签，替换原有标签 / Replaces the tags' }) tags?: HouseholdTag[];
  @Field({ nullable: true, description: PHONE_DESCRIPTION }) phone?: string;
}

@InputType({ description: '户的筛选条件 / Filter for households' })
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: '此网格的户 / Households of this grid' }) gridId?: string;
  @Field(() => ID, { nullable: true, description: '此单位下辖范围内的户（按组织范围） / Households inside this unit\'s subtree' }) within?: string;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: '带有其中任一标签的户 / Households carrying any of these tags' })
  tags?: HouseholdTag[];
}

@InputType({ description: '导入的一户（电子表格的一行） / One household row of a spreadsheet import' })
export class HouseholdImportRow {
  @Field(() => Int, { description: '电子表格行号（表头为第 1 行），错误按它报告 / Spreadsheet row number (the header is row 1) that errors name' })
  row!: number;
  @Field({ description: '户编号，自然键：已有此编号的户被更新 / Household code, the natural key: a household with this code is updated' }) code!: string;
  @Field({ description: '网格：本乡镇内网格的名称、区划代码或 id / Grid: name, division code or id of a grid inside the township' }) grid!: string;
  @Field({ description: '户主姓名 / Head of household' }) head!: string;
  @Field({ description: '住址 / Address' }) address!: string;
  @Field(() => Int, { description: '户人口，1–99 / People in the household, 1–99' }) size!: number;
  @Field(() => [HouseholdTagEnum], { nullable: true, description: '标签，替换原有标签 / Tags; replace the stored ones' }) tags?: HouseholdTag[];
  @Field(() => String, { nullable: true, description: `联系电话 / ${PHONE_DESCRIPTION}` }) phone?: string | null;
}
