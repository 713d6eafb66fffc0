import { Args, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { AssignRoleInput, CreateMemberInput, MemberFilter, UpdateMemberInput } from './member.input';
import { Assignment, Member, MemberConnection, MemberRoleEnum, OrgUnit } from './member.model';
import type { MemberRole } from './member-rules';
import { MembersService } from './members.service';

@Resolver(() => Member)
export class MembersResolver {
  constructor(private readonly service: MembersService) {}

  @Query(() => Member, { nullable: true, description: 'One member by id' })
  member(@Args('id', { type: () => ID }) id: string): Promise<Member | null> {
    return this.service.findById(id);
  }

  @Query(() => MemberConnection, { description: 'Members, filtered and paginated' })
  members(
    @Args('filter', { type: () => MemberFilter, nullable: true }) filter: MemberFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(filter ?? {}, page);
  }

  @Query(() => [Member], {
    description:
      'Who held a role on exactly this unit at `at` (谁在当时负责), default now; ended assignments still answer for their period. Ordered by id',
  })
  responsibleMembers(
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('role', { type: () => MemberRoleEnum, nullable: true, description: 'Only this role; any role when omitted' })
    role?: MemberRole | null,
    @Args('at', { type: () => GraphQLISODateTime, nullable: true, description: 'The instant asked about; default now' })
    at?: Date | null,
  ): Promise<Member[]> {
    return this.service.responsibleAt(unitId, role, at);
  }

  @Mutation(() => Member, { description: 'Register a member (登记人员)' })
  createMember(@Args('input') input: CreateMemberInput): Promise<Member> {
    return this.service.create(input);
  }

  @Mutation(() => Member, {
    description: 'Change a member (修改人员信息): name, phone, skills, party membership, status; checked against open assignments',
  })
  updateMember(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateMemberInput): Promise<Member> {
    return this.service.update(id, input);
  }

  @Mutation(() => Member, { description: 'Give a member a role on an org unit (任职); the role must fit the unit level' })
  assignRole(@Args('input') input: AssignRoleInput): Promise<Member> {
    return this.service.assignRole(input);
  }

  @Mutation(() => Member, {
    description: 'End an assignment (卸任): it is kept, with its end, so history still answers; returns the member',
  })
  endAssignment(
    @Args('id', { type: () => ID, description: 'Assignment id' }) id: string,
    @Args('to', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'End (任职结束), not before the start; default now, or the start for an assignment not yet begun',
    })
    to?: Date | null,
  ): Promise<Member> {
    return this.service.endAssignment(id, to);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<Member | null> {
    return this.service.findById(reference.id);
  }
}

@Resolver(() => Assignment)
export class AssignmentsResolver {
  @ResolveField(() => OrgUnit, { description: 'The org unit (组织单元), resolved by the org subgraph' })
  unit(@Parent() assignment: Assignment): OrgUnit {
    return { id: assignment.unitId };
  }
}
