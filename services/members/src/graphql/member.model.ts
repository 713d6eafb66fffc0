import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberRole, type MemberStatus } from '../domain/member-rules';

export const MemberRoleEnum = registerStringEnum(MEMBER_ROLES, {
  name: 'MemberRole',
  description: 'A role held on an org unit (岗位)',
  valuesMap: {
    GRID_LEADER: { description: '网格长 / 党小组长: party-group leader of a grid' },
    GRID_MEMBER: { description: '网格员: party member in a grid team' },
    GRID_INSTRUCTOR: { description: '网格指导员: cadre assigned to a grid; a party member (党员)' },
    GRID_ASSISTANT: { description: '网格助理员: cadre assigned to a grid; not a party member' },
    VILLAGE_SECRETARY: { description: '村书记: village party secretary, on an ADMIN_VILLAGE' },
    VILLAGE_STAFF: { description: '村工作人员: village committee staff, on an ADMIN_VILLAGE' },
    TOWNSHIP_DISPATCHER: { description: '调度员: works the township dispatch queue (调度中心)' },
    HOTLINE_OPERATOR: { description: '热线坐席: takes "580" hotline calls, on a CITY, DISTRICT or TOWNSHIP' },
    ADMIN: { description: '管理员: administers the platform for a unit and its subtree' },
  },
});

export const MemberStatusEnum = registerStringEnum(MEMBER_STATUSES, { name: 'MemberStatus', description: 'ACTIVE (在岗), or INACTIVE (离岗; history kept)' });

/** Reference to org's entity: members only knows its id; the gateway resolves the rest from org. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A role held on an org unit for a period (任职): from ≤ t < to' })
export class Assignment {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The org unit the role is held on' }) unitId!: string;
  @Field(() => MemberRoleEnum) role!: MemberRole;
  @Field(() => GraphQLISODateTime, { description: 'Start (任职起始)' }) from!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End (任职结束); null while open-ended' })
  to!: Date | null;
}

@ObjectType({ description: 'A person who serves in the grid system (网格员、干部、坐席等)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
  @Field({ description: 'Name (姓名)' }) name!: string;
  @Field({
    description:
      "Mobile phone (手机号), 11 digits. PII: masked (138****5678) unless you hold pii:read on one of the member's units or it is your own record; full reads are audited",
  })
  phone!: string;
  @Field({ description: 'Party member (党员)' }) isPartyMember!: boolean;
  @Field(() => [String], { description: 'Skills (特长), e.g. 电工, 调解' }) skills!: string[];
  @Field(() => MemberStatusEnum) status!: MemberStatus;
  /** every role held; the `assignments` field gives the latest ones (MembersResolver) */
  assignments!: Assignment[];
  /** The org paths of the member's units (see memberPaths): who may read the phone. */
  orgPaths!: string[][];
  /** Set when the record is handed to the member themself outside a signed-in request (login). */
  ownRecord?: boolean;
}

@ObjectType()
export class MemberConnection extends ConnectionOf(Member) {}
