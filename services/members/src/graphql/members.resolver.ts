import { Args, Directive, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { maskPhone, type Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, PageArgs, type ListBound, type RequestContext } from '@steward/service-kit';
import { PiiReader } from '../application/pii-reader';
import { AssignRoleInput, CreateMemberInput, MemberFilter, UpdateMemberInput } from './member.input';
import { Assignment, Member, MemberConnection, MemberRoleEnum, OrgUnit } from './member.model';
import type { MemberRole } from '../domain/member-rules';
import { MembersService } from '../application/members.service';

/** Members holding roles on one unit at one time. */
const RESPONSIBLE: ListBound = { default: 50, max: 200 };
/** Roles one member held or holds, the latest ones. */
const ASSIGNMENTS: ListBound = { default: 50, max: 200 };

@Resolver(() => Member)
export class MembersResolver {
  constructor(
    private readonly service: MembersService,
    private readonly pii: PiiReader,
  ) {}

  @Query(() => Member, { nullable: true, description: 'One member by id; FORBIDDEN for a member who never served in your units' })
  member(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string): Promise<Member | null> {
    return this.service.findById(access, id);
  }

  @Query(() => MemberConnection, {
    description: 'Members who serve or served in your units (管辖范围内的人员), filtered and paginated',
  })
  @Directive(listSize.connection)
  members(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => MemberFilter, nullable: true }) filter: MemberFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(access, filter ?? {}, page);
  }

  @Query(() => [Member], {
    description:
      'Who held a role on exactly this unit at `at` (谁在当时负责), default now; ended assignments still answer for their period. Ordered by id; only members you may see',
  })
  @Directive(listSize.slicedBy('first'))
  async responsibleMembers(
    @CurrentAccess() access: Access,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('role', { type: () => MemberRoleEnum, nullable: true, description: 'Only this role; any role when omitted' })
    role?: MemberRole | null,
    @Args('at', { type: () => GraphQLISODateTime, nullable: true, description: 'The instant asked about; default now' })
    at?: Date | null,
    @listLimitArg('first', RESPONSIBLE, 'members') first?: number,
  ): Promise<Member[]> {
    return limitList(await this.service.responsibleAt(access, unitId, role, at), 'first', first, RESPONSIBLE);
  }

  @Mutation(() => Member, { description: 'Register a member (登记人员); needs members:manage on some unit' })
  createMember(@CurrentAccess() access: Access, @Args('input') input: CreateMemberInput): Promise<Member> {
    return this.service.create(access, input);
  }

  @Mutation(() => Member, {
    description:
      "Change a member (修改人员信息): name, phone, skills, party membership, status; checked against open assignments. Needs members:manage over every unit where the member holds a role (none open: where they served last). Going INACTIVE ends the member's tokens",
  })
  updateMember(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateMemberInput,
  ): Promise<Member> {
    return this.service.update(access, id, input);
  }

  @Mutation(() => Member, {
    description:
      "Give a member a role on an org unit (任职); the role must fit the unit level. Needs the right to manage the member (as for updateMember; a member without roles: who registered them) and, on the unit or above, every permission the role carries (授权不越权); ADMIN only from an administrator",
  })
  assignRole(@CurrentAccess() access: Access, @Args('input') input: AssignRoleInput): Promise<Member> {
    return this.service.assignRole(access, input);
  }

  @Mutation(() => Member, {
    description:
      "End an assignment (卸任): it is kept, with its end, so history still answers; returns the member and ends their tokens. Needs members:manage on the assignment's unit and the right to manage the member (as for updateMember)",
  })
  endAssignment(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: 'Assignment id' }) id: string,
    @Args('to', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: 'End (任职结束), not before the start; default now, or the start for an assignment not yet begun',
    })
    to?: Date | null,
  ): Promise<Member> {
    return this.service.endAssignment(access, id, to);
  }

  @ResolveField(() => String, {
    description:
      "Mobile phone (手机号), 11 digits. PII: masked (138****5678) unless you hold pii:read on one of the member's units or it is your own record; full reads are audited",
  })
  phone(@CurrentAccess() access: Access, @Parent() member: Member): Promise<string> {
    return this.pii.read(access, {
      entity: 'Member',
      entityId: member.id,
      field: 'phone',
      value: member.phone,
      paths: member.orgPaths,
      ownerId: member.id,
      ownRecord: member.ownRecord,
      mask: maskPhone,
    });
  }

  @ResolveField(() => [Assignment], { description: 'Roles held or once held (任职记录), oldest first' })
  @Directive(listSize.slicedBy('last'))
  assignments(@Parent() member: Member, @listLimitArg('last', ASSIGNMENTS, 'roles') last?: number): Assignment[] {
    return limitList(member.assignments, 'last', last, ASSIGNMENTS);
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Member | null> {
    return this.service.findById(accessOf(context), reference.id);
  }
}

@Resolver(() => Assignment)
export class AssignmentsResolver {
  @ResolveField(() => OrgUnit, { description: 'The org unit (组织单元), resolved by the org subgraph' })
  unit(@Parent() assignment: Assignment): OrgUnit {
    return { id: assignment.unitId };
  }
}
