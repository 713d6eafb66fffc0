import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { MemberRoleEnum, MemberStatusEnum } from './member.model';
import type { MemberRole, MemberStatus } from '../domain/member-rules';

@InputType()
export class CreateMemberInput {
  @Field({ description: 'Name (姓名)' }) name!: string;
  @Field({ description: '11-digit mainland mobile (手机号), unique' }) phone!: string;
  @Field({ nullable: true, description: 'Party member (党员); default false' }) isPartyMember?: boolean;
  @Field(() => [String], { nullable: true, description: 'Skills (特长)' }) skills?: string[];
}

@InputType({ description: 'Changes to a member; an omitted field stays as it is' })
export class UpdateMemberInput {
  @Field({ nullable: true, description: 'Name (姓名)' }) name?: string;
  @Field({ nullable: true, description: '11-digit mainland mobile (手机号), unique' }) phone?: string;
  @Field({
    nullable: true,
    description: 'Party member (党员). Refused while the member holds a role that needs the other answer (网格指导员 / 网格助理员)',
  })
  isPartyMember?: boolean;
  @Field(() => [String], { nullable: true, description: 'Skills (特长); replaces the list' }) skills?: string[];
  @Field(() => MemberStatusEnum, { nullable: true, description: 'INACTIVE (离岗) is refused until every assignment has ended' })
  status?: MemberStatus;
}

@InputType()
export class AssignRoleInput {
  @Field(() => ID) memberId!: string;
  @Field(() => ID, { description: 'Org unit whose level fits the role' }) unitId!: string;
  @Field(() => MemberRoleEnum) role!: MemberRole;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Start (任职起始); default now. May lie in the past, to record an earlier appointment',
  })
  from?: Date;
}

@InputType()
export class MemberFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'Members holding a role (at `activeAt`, default now) on this unit or inside its subtree (按组织范围)',
  })
  within?: string;
  @Field(() => MemberRoleEnum, {
    nullable: true,
    description: 'Members holding this role (at `activeAt`, default now; with `within`: there)',
  })
  role?: MemberRole;
  @Field({ nullable: true, description: 'Party members (党员) only, or non-members only' }) isPartyMember?: boolean;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Members holding any role at this instant (在任); `within` and `role` are then judged at this instant too',
  })
  activeAt?: Date;
  @Field(() => MemberStatusEnum, { nullable: true }) status?: MemberStatus;
}
