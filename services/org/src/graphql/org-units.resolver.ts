import { Args, Directive, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimit, listLimitArg, listSize, PageArgs, type ListBound, type RequestContext } from '@steward/service-kit';
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

  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by id; FORBIDDEN outside your units and their ancestors' })
  orgUnit(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string): Promise<OrgUnit | null> {
    return this.units.findById(access, id);
  }

  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by its 12-digit division code (区划代码)' })
  orgUnitByCode(@CurrentAccess() access: Access, @Args('code') code: string): Promise<OrgUnit | null> {
    return this.units.findByCode(access, code);
  }

  @Query(() => OrgUnitConnection, {
    description:
      'Org units you may see (your units, their subtrees and ancestors), filtered (parent, subtree `within`, level, name search, status) and paginated',
  })
  @Directive(listSize.connection)
  orgUnits(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => OrgUnitFilter, nullable: true }) filter: OrgUnitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.units.list(access, filter ?? {}, page);
  }

  @Mutation(() => OrgUnit, { description: 'Create a unit (设立) under a parent of the level just above; needs org:manage on the parent' })
  createOrgUnit(@CurrentAccess() access: Access, @Args('input') input: CreateOrgUnitInput): Promise<OrgUnit> {
    return this.units.create(access, input);
  }

  @Mutation(() => OrgUnit, {
    description: 'Rename a unit or change its division code, households, population or party organisation (党组织); needs org:manage on it',
  })
  updateOrgUnit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateOrgUnitInput,
  ): Promise<OrgUnit> {
    return this.units.update(access, id, input);
  }

  @Mutation(() => OrgUnit, {
    description:
      'Move a unit under another parent (调整隶属关系); every unit below it gets new ancestors. Needs org:manage on the old and the new parent. Refused into its own subtree, under a retired unit or against the level order',
  })
  moveOrgUnit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('newParentId', { type: () => ID }) newParentId: string,
  ): Promise<OrgUnit> {
    return this.units.move(access, id, newParentId);
  }

  @Mutation(() => OrgUnit, { description: 'Retire a unit (撤销); kept as history, refused while it has active children; needs org:manage on it' })
  retireOrgUnit(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string): Promise<OrgUnit> {
    return this.units.retire(access, id);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'Parent unit (上级)' })
  parent(@CurrentAccess() access: Access, @Parent() unit: OrgUnit): Promise<OrgUnit | null> | null {
    return unit.parentId ? this.units.findById(access, unit.parentId) : null;
  }

  @ResolveField(() => [OrgUnit], { description: 'Ancestors from the city down to the parent (breadcrumb)' })
  @Directive(listSize.atMost(ORG_LEVELS.length - 1))
  ancestors(@CurrentAccess() access: Access, @Parent() unit: OrgUnit): Promise<OrgUnit[]> {
    return this.units.ancestorsOf(access, unit);
  }

  @ResolveField(() => [OrgUnit], {
    description: `Direct children (下级) you may see, by id, optionally of one level and status; at most ${CHILDREN.max} (orgUnits(filter: {parentId}) pages through any number)`,
  })
  @Directive(listSize.slicedBy('first'))
  children(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('level', { type: () => OrgLevelEnum, nullable: true }) level?: OrgLevel,
    @Args('status', { type: () => OrgUnitStatusEnum, nullable: true }) status?: OrgUnitStatus,
    @listLimitArg('first', CHILDREN, 'children') first?: number,
  ): Promise<OrgUnit[]> {
    return this.units.childrenOf(access, unit.id, { level: level ?? undefined, status: status ?? undefined, limit: listLimit(first, CHILDREN, 'first') });
  }

  @ResolveField(() => [OrgUnitChange], { description: 'The versions of the unit (creation, updates, moves, retirement), oldest first' })
  @Directive(listSize.slicedBy('last'))
  history(@Parent() unit: OrgUnit, @listLimitArg('last', HISTORY, 'versions') last?: number): OrgUnitChange[] {
    return limitList(unit.history, 'last', last, HISTORY);
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<OrgUnit | null> {
    return this.units.findById(accessOf(context), reference.id);
  }
}
