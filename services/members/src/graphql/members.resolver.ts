import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, GraphQLISODateTime, ID, Info, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { maskPhone, type Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, loadInBatch, PageArgs, pageArgsOf, type ListBound, type RequestContext } from '@steward/service-kit';
import { PiiReader } from '../application/pii-reader';
import { AssignRoleInput, CreateMemberInput, MemberFilter, MemberImportRow, UpdateMemberInput } from './member.input';
import { ImportSummary } from './import.model';
import { MemberImportService } from '../application/member-import.service';
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
    private readonly imports: MemberImportService,
  ) {}

  @Query(() => Member, { nullable: true, description: '按 ID 查询人员；从未在管辖范围内任职者为 FORBIDDEN / One member by id; FORBIDDEN for a member who never served in your units' })
  member(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '人员 ID / Member id' }) id: string): Promise<Member | null> {
    return this.service.findById(access, id);
  }

  @Query(() => MemberConnection, {
    description: '管辖范围内的人员（现任或曾任），可筛选、分页 / Members who serve or served in your units, filtered and paginated',
  })
  @Directive(listSize.connection)
  members(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => MemberFilter, nullable: true, description: '人员筛选条件 / Filter for members' }) filter: MemberFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(access, filter ?? {}, pageArgsOf(page, info));
  }

  @Query(() => [Member], {
    description:
      '谁在当时负责：at 时刻（默认现在）恰在此单位任职的人员 / Who held a role on exactly this unit at `at`, default now\n' +
      'Ended assignments still answer for their period. Ordered by id; only members you may see',
  })
  @Directive(listSize.slicedBy('first'))
  async responsibleMembers(
    @CurrentAccess() access: Access,
    @Args('unitId', { type: () => ID, description: '组织单元 ID / Org unit id' }) unitId: string,
    @Args('role', { type: () => MemberRoleEnum, nullable: true, description: '仅此岗位；省略时为任意岗位 / Only this role; any role when omitted' })
    role?: MemberRole | null,
    @Args('at', { type: () => GraphQLISODateTime, nullable: true, description: '所问的时刻，默认现在 / The instant asked about; default now' })
    at?: Date | null,
    @listLimitArg('first', RESPONSIBLE, { zh: '人员', en: 'members' }) first?: number,
  ): Promise<Member[]> {
    return limitList(await this.service.responsibleAt(access, unitId, role, at), 'first', first, RESPONSIBLE);
  }

  @Mutation(() => ImportSummary, {
    description:
      '导入人员及岗位（电子表格）：按手机号新建或更新人员，岗位按 assignRole 的规则授予（越权的行被拒绝，FORBIDDEN）；先校验每一行，任何一行有错则返回全部行错误（extensions.errors，BAD_USER_INPUT）且不写入；需对该乡镇有 members:manage。每次最多 1000 行' +
      ' / Import members with their roles (spreadsheet rows) by phone: new phones are registered, known ones changed where you may manage them; roles follow the rules of assignRole (a role you may not grant refuses its row, FORBIDDEN). Every row is checked first; when any is bad, all row errors are answered (extensions.errors, BAD_USER_INPUT) and nothing is written. Needs members:manage over the township. At most 1000 rows a call',
  })
  importMembers(
    @CurrentAccess() access: Access,
    @Args('townshipId', { type: () => ID, description: '乡镇 id / The township (TOWNSHIP unit)' }) townshipId: string,
    @Args('rows', { type: () => [MemberImportRow], description: '电子表格的行 / The spreadsheet rows' }) rows: MemberImportRow[],
    @Args('dryRun', { type: () => Boolean, defaultValue: false, description: '只校验并计数，不写入 / Only check and count; write nothing' }) dryRun: boolean,
  ): Promise<ImportSummary> {
    return this.imports.import(access, townshipId, rows, dryRun);
  }

  @Mutation(() => Member, { description: '登记人员（需在某单位有 members:manage 权限） / Register a member; needs members:manage on some unit' })
  createMember(@CurrentAccess() access: Access, @Args('input', { description: '人员信息 / The member\'s details' }) input: CreateMemberInput): Promise<Member> {
    return this.service.create(access, input);
  }

  @Mutation(() => Member, {
    description:
      '修改人员信息：姓名、电话、特长、党员身份、在岗状态 / Change a member: name, phone, skills, party membership, status\n' +
      'Checked against open assignments. Needs members:manage over every unit where the member holds a role (none open: where they served last). Going INACTIVE ends the member\'s tokens',
  })
  updateMember(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '人员 ID / Member id' }) id: string,
    @Args('input', { description: '要修改的字段 / The fields to change' }) input: UpdateMemberInput,
  ): Promise<Member> {
    return this.service.update(access, id, input);
  }

  @Mutation(() => Member, {
    description:
      '任职：在组织单元上给人员任命岗位，岗位须与单位层级相符 / Give a member a role on an org unit; the role must fit the unit level\n' +
      'Needs the right to manage the member (as for updateMember; a member without roles: who registered them) and, on the unit or above, every permission the role carries (授权不越权); ADMIN only from an administrator',
  })
  assignRole(@CurrentAccess() access: Access, @Args('input', { description: '任职信息 / The assignment' }) input: AssignRoleInput): Promise<Member> {
    return this.service.assignRole(access, input);
  }

  @Mutation(() => Member, {
    description:
      '卸任：保留任职及其结束时间，历史仍可查询；返回人员并使其令牌失效 / End an assignment: it is kept, with its end, so history still answers; returns the member and ends their tokens\n' +
      'Needs members:manage on the assignment\'s unit and the right to manage the member (as for updateMember)',
  })
  endAssignment(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '任职记录 ID / Assignment id' }) id: string,
    @Args('to', {
      type: () => GraphQLISODateTime,
      nullable: true,
      description: '任职结束，不早于开始；默认现在，尚未开始的任职默认为其开始时间 / End, not before the start; default now, or the start for an assignment not yet begun',
    })
    to?: Date | null,
  ): Promise<Member> {
    return this.service.endAssignment(access, id, to);
  }

  @ResolveField(() => String, {
    description:
      '手机号，11 位（个人信息：无 pii:read 权限时脱敏） / Mobile phone, 11 digits (PII: masked unless you hold pii:read)\n' +
      'Masked (138****5678) unless you hold pii:read on one of the member\'s units or it is your own record; full reads are audited',
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

  @ResolveField(() => [Assignment], { description: '任职记录（现任和曾任），按时间先后 / Roles held or once held, oldest first' })
  @Directive(listSize.slicedBy('last'))
  assignments(@Parent() member: Member, @listLimitArg('last', ASSIGNMENTS, { zh: '任职记录', en: 'roles' }) last?: number): Assignment[] {
    return limitList(member.assignments, 'last', last, ASSIGNMENTS);
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. The references of one request are read in one query. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Member | null> {
    const access = accessOf(context);
    return loadInBatch(context, 'Member', reference.id, (ids) => this.service.findByIds(access, ids));
  }
}

@Resolver(() => Assignment)
export class AssignmentsResolver {
  @ResolveField(() => OrgUnit, { description: '任职所在组织单元，由组织子图解析 / The org unit, resolved by the org subgraph' })
  unit(@Parent() assignment: Assignment): OrgUnit {
    return { id: assignment.unitId };
  }
}
