import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { MemberRoleEnum } from './member.model';
import type { MemberRole } from './member-rules';

@InputType()
export class CreateMemberInput {
  @Field({ description: 'Name (姓名)' }) name!: string;
  @Field({ description: '11-digit mainland mobile (手机号), unique' }) phone!: string;
  @Field({ nullable: true, description: 'Party member (党员); default false' }) isPartyMember?: boolean;
  @Field(() => [String], { nullable: true, description: 'Skills (特长)' }) skills?: string[];
}

@InputType()
export class AssignRoleInput {
  @Field(() => ID) memberId!: string;
  @Field(() => ID, { description: 'Org unit whose level fits the role' }) unitId!: string;
  @Field(() => MemberRoleEnum) role!: MemberRole;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Start (任职起始); default now' }) from?: Date;
}

@InputType()
export class MemberFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Members holding a role now on this unit or inside its subtree (按组织范围)",
  })
  within?: string;
  @Field(() => MemberRoleEnum, { nullable: true, description: 'Members holding this role now (with `within`: there)' })
  role?: MemberRole;
  @Field({ nullable: true, description: 'Party members (党员) only, or non-members only' }) isPartyMember?: boolean;
}
