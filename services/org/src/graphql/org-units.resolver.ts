import type { GraphQLResolveInfo } from 'graphql';
import { Args, Context, Directive, ID, Info, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimit, listLimitArg, listSize, loadInBatch, PageArgs, pageArgsOf, type ListBound, type RequestContext } from '@steward/service-kit';
import { CreateOrgUnitInput, OrgUnitFilter, UpdateOrgUnitInput } from './org-unit.input';
import { OrgLevelEnum, OrgUnit, OrgUnitChange, OrgUnitConnection, OrgUnitStatusEnum } from './org-unit.model';
import { ORG_LEVELS, type OrgLevel, type OrgUnitStatus } from '../domain/org-rules';
import { OrgUnitsService } from '../application/org-units.service';

/**
 * Reads show the units inside the caller's units and their breadcrumb (FORBIDDEN
 * for one outside by id); writes need org:manage there (see OrgUnitsService).
 */
/** Children of one unit: a township's villages, a village's grids; more through orgUnits(filter: {parentId}). */
const CHILDREN: ListBound = { default: 50, max: 200 };
/** Versions of one unit's history, the latest ones. */
const HISTORY: ListBound = { default: 50, max: 200 };

@Resolver(() => OrgUnit)
export class OrgUnitsResolver {
  constructor(private readonly units: OrgUnitsService) {}

  @Query(() => OrgUnit, { nullable: true, description: '按 ID 查询组织单元；超出管辖范围及其上级链为 FORBIDDEN / One org unit by id; FORBIDDEN outside your units and their ancestors' })
  orgUnit(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '组织单元 ID / Org unit id' }) id: string): Promise<OrgUnit | null> {
    return this.units.findById(access, id);
  }

  @Query(() => OrgUnit, { nullable: true, description: '按 12 位区划代码查询组织单元 / One org unit by its 12-digit division code' })
  orgUnitByCode(@CurrentAccess() access: Access, @Args('code', { description: '12 位区划代码 / 12-digit division code' }) code: string): Promise<OrgUnit | null> {
    return this.units.findByCode(access, code);
  }

  @Query(() => OrgUnitConnection, {
    description:
      '可见的组织单元（管辖单位、其下辖范围和上级），可筛选（上级、范围 within、层级、名称、状态）、分页 / Org units you may see (your units, their subtrees and ancestors), filtered (parent, subtree `within`, level, name search, status) and paginated',
  })
  @Directive(listSize.connection)
  orgUnits(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => OrgUnitFilter, nullable: true, description: '组织单元筛选条件 / Filter for org units' }) filter: OrgUnitFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.units.list(access, filter ?? {}, pageArgsOf(page, info));
  }

  @Mutation(() => OrgUnit, { description: '设立组织单元：上级须为紧邻的上一层级（需上级的 org:manage 权限） / Create a unit under a parent of the level just above; needs org:manage on the parent' })
  createOrgUnit(@CurrentAccess() access: Access, @Args('input', { description: '单元信息 / The unit\'s details' }) input: CreateOrgUnitInput): Promise<OrgUnit> {
    return this.units.create(access, input);
  }

  @Mutation(() => OrgUnit, {
    description: '修改单元名称、区划代码、户数、人口或党组织（需 org:manage 权限） / Rename a unit or change its division code, households, population or party organisation; needs org:manage on it',
  })
  updateOrgUnit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '组织单元 ID / Org unit id' }) id: string,
    @Args('input', { description: '要修改的字段 / The fields to change' }) input: UpdateOrgUnitInput,
  ): Promise<OrgUnit> {
    return this.units.update(access, id, input);
  }

  @Mutation(() => OrgUnit, {
    description:
      '调整隶属关系：将单元移到另一上级下，其下所有单元的上级链随之更新 / Move a unit under another parent; every unit below it gets new ancestors\n' +
      'Needs org:manage on the old and the new parent. Refused into its own subtree, under a retired unit or against the level order',
  })
  moveOrgUnit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '组织单元 ID / Org unit id' }) id: string,
    @Args('newParentId', { type: () => ID, description: '新上级单元 ID / Id of the new parent' }) newParentId: string,
  ): Promise<OrgUnit> {
    return this.units.move(access, id, newParentId);
  }

  @Mutation(() => OrgUnit, { description: '撤销单元：作为历史保留；有在用下级时拒绝（需 org:manage 权限） / Retire a unit; kept as history, refused while it has active children; needs org:manage on it' })
  retireOrgUnit(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '组织单元 ID / Org unit id' }) id: string): Promise<OrgUnit> {
    return this.units.retire(access, id);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: '上级单元 / Parent unit' })
  parent(@Context() context: RequestContext, @Parent() unit: OrgUnit): Promise<OrgUnit | null> | null {
    const access = accessOf(context);
    return unit.parentId ? loadInBatch(context, 'OrgUnit', unit.parentId, (ids) => this.units.findByIds(access, ids)) : null;
  }

  @ResolveField(() => [OrgUnit], { description: '上级链：从市到直接上级（面包屑） / Ancestors from the city down to the parent (breadcrumb)' })
  @Directive(listSize.atMost(ORG_LEVELS.length - 1))
  ancestors(@CurrentAccess() access: Access, @Parent() unit: OrgUnit): Promise<OrgUnit[]> {
    return this.units.ancestorsOf(access, unit);
  }

  @ResolveField(() => [OrgUnit], {
    description:
      `可见的直接下级，按 ID，可限层级和状态；最多 ${CHILDREN.max} 个 / Direct children you may see, by id, optionally of one level and status; at most ${CHILDREN.max}\n` +
      'orgUnits(filter: {parentId}) pages through any number',
  })
  @Directive(listSize.slicedBy('first'))
  children(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('level', { type: () => OrgLevelEnum, nullable: true, description: '仅此层级 / Only this level' }) level?: OrgLevel,
    @Args('status', { type: () => OrgUnitStatusEnum, nullable: true, description: '仅此状态 / Only this status' }) status?: OrgUnitStatus,
    @listLimitArg('first', CHILDREN, { zh: '下级', en: 'children' }) first?: number,
  ): Promise<OrgUnit[]> {
    return this.units.childrenOf(access, unit.id, { level: level ?? undefined, status: status ?? undefined, limit: listLimit(first, CHILDREN, 'first') });
  }

  @ResolveField(() => [OrgUnitChange], { description: '单元的各个版本（设立、修改、调整、撤销），按时间先后 / The versions of the unit (creation, updates, moves, retirement), oldest first' })
  @Directive(listSize.slicedBy('last'))
  history(@Parent() unit: OrgUnit, @listLimitArg('last', HISTORY, { zh: '版本', en: 'versions' }) last?: number): OrgUnitChange[] {
    return limitList(unit.history, 'last', last, HISTORY);
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. The references of one request are read in one query. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<OrgUnit | null> {
    const access = accessOf(context);
    return loadInBatch(context, 'OrgUnit', reference.id, (ids) => this.units.findByIds(access, ids));
  }
}
