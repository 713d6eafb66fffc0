import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { MemberRoleEnum, MemberStatusEnum } from './member.model';
import type { MemberRole, MemberStatus } from '../domain/member-rules';

@InputType({ description: '登记人员的输入 / Input to register a member' })
export class CreateMemberInput {
  @Field({ description: '姓名 / Name' }) name!: string;
  @Field({ description: '11 位大陆手机号，唯一 / 11-digit mainland mobile, unique' }) phone!: string;
  @Field({ nullable: true, description: '是否党员，默认否 / Party member; default false' }) isPartyMember?: boolean;
  @Field(() => [String], { nullable: true, description: '特长 / Skills' }) skills?: string[];
}

@InputType({ description: '修改人员信息；省略的字段保持不变 / Changes to a member; an omitted field stays as it is' })
export class UpdateMemberInput {
  @Field({ nullable: true, description: '姓名 / Name' }) name?: string;
  @Field({ nullable: true, description: '11 位大陆手机号，唯一 / 11-digit mainland mobile, unique' }) phone?: string;
  @Field({
    nullable: true,
    description: '是否党员；所任岗位要求相反身份时拒绝（网格指导员、网格助理员） / Party member. Refused while the member holds a role that needs the other answer (grid instructor, grid assistant)',
  })
  isPartyMember?: boolean;
  @Field(() => [String], { nullable: true, description: '特长，替换原有列表 / Skills; replaces the list' }) skills?: string[];
  @Field(() => MemberStatusEnum, { nullable: true, description: '在岗状态；所有任职结束前拒绝 INACTIVE（离岗） / INACTIVE is refused until every assignment has ended' })
  status?: MemberStatus;
}

@InputType({ description: '任命岗位的输入 / Input to give a member a role on an org unit' })
export class AssignRoleInput {
  @Field(() => ID, { description: '被任命人员的 ID / The member who gets the role' }) memberId!: string;
  @Field(() => ID, { description: '层级与岗位相符的组织单元 / Org unit whose level fits the role' }) unitId!: string;
  @Field(() => MemberRoleEnum, { description: '要任命的岗位 / The role to give' }) role!: MemberRole;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: '任职起始，默认现在；可早于现在，用于补录以前的任命 / Start of the assignment; default now. May lie in the past, to record an earlier appointment',
  })
  from?: Date;
}

@InputType({ description: '人员筛选条件 / Filter for members' })
export class MemberFilter {
  @Field(() => ID, {
    nullable: true,
    description: '在此单位或其下辖范围内任职的人员（按 activeAt 时刻，默认现在） / Members holding a role (at `activeAt`, default now) on this unit or inside its subtree',
  })
  within?: string;
  @Field(() => MemberRoleEnum, {
    nullable: true,
    description: '担任此岗位的人员（按 activeAt 时刻，默认现在；有 within 时在其范围内） / Members holding this role (at `activeAt`, default now; with `within`: there)',
  })
  role?: MemberRole;
  @Field({ nullable: true, description: '仅党员，或仅非党员 / Party members only, or non-members only' }) isPartyMember?: boolean;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: '在此时刻在任的人员；within 和 role 也按此时刻判断 / Members holding any role at this instant; `within` and `role` are then judged at this instant too',
  })
  activeAt?: Date;
  @Field(() => MemberStatusEnum, { nullable: true, description: '在岗状态 / Status' }) status?: MemberStatus;
}

@InputType({ description: '导入的一名人员及一个岗位（电子表格的一行） / One member row of a spreadsheet import, with at most one role' })
export class MemberImportRow {
  @Field(() => Int, { description: '电子表格行号（表头为第 1 行），错误按它报告 / Spreadsheet row number (the header is row 1) that errors name' })
  row!: number;
  @Field({ description: '姓名 / Name' }) name!: string;
  @Field({ description: '手机号，自然键：已有此手机号的人员被更新 / 11-digit mobile, the natural key: the member with this phone is updated' }) phone!: string;
  @Field(() => Boolean, { nullable: true, description: '党员，默认否 / Party member; default false' }) isPartyMember?: boolean | null;
  @Field(() => [String], { nullable: true, description: '特长；为空则不改 / Skills; empty keeps the stored ones' }) skills?: string[] | null;
  @Field(() => MemberRoleEnum, {
    nullable: true,
    description: '岗位：按 assignRole 的规则授予（授权不越权），已在任则不变 / Role, granted by the rules of assignRole (nobody grants more than they hold); kept when already held',
  })
  role?: MemberRole | null;
  @Field(() => String, { nullable: true, description: '任职单位：本乡镇内单位的名称、区划代码或 id / Unit of the role: name, division code or id inside the township' })
  unit?: string | null;
}
