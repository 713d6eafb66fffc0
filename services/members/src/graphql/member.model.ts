import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberRole, type MemberStatus } from '../domain/member-rules';

export const MemberRoleEnum = registerStringEnum(MEMBER_ROLES, {
  name: 'MemberRole',
  description: '组织单元上的岗位 / A role held on an org unit',
  valuesMap: {
    GRID_LEADER: { description: '网格长（党小组长） / Grid leader: party-group leader of a grid' },
    GRID_MEMBER: { description: '网格员：网格团队中的党员 / Grid member: party member in a grid team' },
    GRID_INSTRUCTOR: { description: '网格指导员：派驻网格的干部，党员 / Grid instructor: cadre assigned to a grid; a party member' },
    GRID_ASSISTANT: { description: '网格助理员：派驻网格的干部，非党员 / Grid assistant: cadre assigned to a grid; not a party member' },
    VILLAGE_SECRETARY: { description: '村书记：村党组织书记，任职于 ADMIN_VILLAGE / Village party secretary, on an ADMIN_VILLAGE' },
    VILLAGE_STAFF: { description: '村工作人员：村委会工作人员，任职于 ADMIN_VILLAGE / Village committee staff, on an ADMIN_VILLAGE' },
    TOWNSHIP_DISPATCHER: { description: '调度员：处理乡镇调度中心的派单队列 / Dispatcher: works the township dispatch queue' },
    HOTLINE_OPERATOR: { description: '热线坐席：接听 580 热线，任职于 CITY、DISTRICT 或 TOWNSHIP / Hotline operator: takes "580" hotline calls, on a CITY, DISTRICT or TOWNSHIP' },
    ADMIN: { description: '管理员：管理某单位及其下辖范围的平台 / Administrator of the platform for a unit and its subtree' },
  },
});

export const MemberStatusEnum = registerStringEnum(MEMBER_STATUSES, {
  name: 'MemberStatus',
  description: '人员在岗状态 / Whether a member is active',
  valuesMap: {
    ACTIVE: { description: '在岗 / Active' },
    INACTIVE: { description: '离岗（保留历史） / Inactive; history kept' },
  },
});

/** Reference to org's entity: members only knows its id; the gateway resolves the rest from org. */
@ObjectType({ description: '组织单元：市、区县、乡镇、村或网格 / An org unit: city, district, township, village or grid' })
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID, { description: '组织单元 ID / Org unit id' }) id!: string;
}

@ObjectType({ description: '任职：某人员在一段时间内于某组织单元担任的岗位（from ≤ t < to） / A role held on an org unit for a period: from ≤ t < to' })
export class Assignment {
  @Field(() => ID, { description: '任职记录 ID / Assignment id' }) id!: string;
  @Field(() => ID, { description: '任职所在组织单元的 ID / The org unit the role is held on' }) unitId!: string;
  @Field(() => MemberRoleEnum, { description: '岗位 / The role held' }) role!: MemberRole;
  @Field(() => GraphQLISODateTime, { description: '任职起始 / Start of the assignment' }) from!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '任职结束；长期任职时为 null / End of the assignment; null while open-ended' })
  to!: Date | null;
}

@ObjectType({ description: '人员（网格员、村干部等工作人员） / A member (grid member, cadre or other staff)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID, { description: '人员 ID / Member id' }) id!: string;
  @Field({ description: '姓名 / Name' }) name!: string;
  @Field({
    description:
      '手机号，11 位（个人信息：无 pii:read 权限时脱敏） / Mobile phone, 11 digits (PII: masked unless you hold pii:read)\n' +
      'Masked (138****5678) unless you hold pii:read on one of the member\'s units or it is your own record; full reads are audited',
  })
  phone!: string;
  @Field({ description: '是否党员 / Party member' }) isPartyMember!: boolean;
  @Field(() => [String], { description: '特长，如 电工、调解 / Skills, e.g. electrician, mediation' }) skills!: string[];
  @Field(() => MemberStatusEnum, { description: '在岗状态 / Status' }) status!: MemberStatus;
  /** every role held; the `assignments` field gives the latest ones (MembersResolver) */
  assignments!: Assignment[];
  /** The org paths of the member's units (see memberPaths): who may read the phone. */
  orgPaths!: string[][];
  /** Set when the record is handed to the member themself outside a signed-in request (login). */
  ownRecord?: boolean;
}

@ObjectType({ description: '人员的分页列表 / A page of members' })
export class MemberConnection extends ConnectionOf(Member) {}
