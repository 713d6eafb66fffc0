import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { CreateOrgUnitInput, OrgUnitFilter, UpdateOrgUnitInput } from './org-unit.input';
import { OrgLevelEnum, OrgUnit, OrgUnitConnection, OrgUnitStatusEnum } from './org-unit.model';
import type { OrgLevel, OrgUnitStatus } from './org-rules';
import { OrgUnitsService } from './org-units.service';

@Resolver(() => OrgUnit)
export class OrgUnitsResolver {
  constructor(private readonly units: OrgUnitsService) {}

  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by id' })
  orgUnit(@Args('id', { type: () => ID }) id: string): Promise<OrgUnit | null> {
    return this.units.findById(id);
  }

  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by its 12-digit division code (区划代码)' })
  orgUnitByCode(@Args('code') code: string): Promise<OrgUnit | null> {
    return this.units.findByCode(code);
  }

  @Query(() => OrgUnitConnection, {
    description: 'Org units, filtered (parent, subtree `within`, level, name search, status) and paginated',
  })
  orgUnits(
    @Args('filter', { type: () => OrgUnitFilter, nullable: true }) filter: OrgUnitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.units.list(filter ?? {}, page);
  }

  @Mutation(() => OrgUnit, { description: 'Create a unit (设立) under a parent of the level just above' })
  createOrgUnit(@Args('input') input: CreateOrgUnitInput): Promise<OrgUnit> {
    return this.units.create(input);
  }

  @Mutation(() => OrgUnit, { description: 'Rename a unit or change its division code, households, population or party organisation' })
  updateOrgUnit(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateOrgUnitInput): Promise<OrgUnit> {
    return this.units.update(id, input);
  }

  @Mutation(() => OrgUnit, {
    description:
      'Move a unit under another parent (调整隶属关系); every unit below it gets new ancestors. Refused into its own subtree, under a retired unit or against the level order',
  })
  moveOrgUnit(
    @Args('id', { type: () => ID }) id: string,
    @Args('newParentId', { type: () => ID }) newParentId: string,
  ): Promise<OrgUnit> {
    return this.units.move(id, newParentId);
  }

  @Mutation(() => OrgUnit, { description: 'Retire a unit (撤销); kept as history, refused while it has active children' })
  retireOrgUnit(@Args('id', { type: () => ID }) id: string): Promise<OrgUnit> {
    return this.units.retire(id);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'Parent unit (上级)' })
  parent(@Parent() unit: OrgUnit): Promise<OrgUnit | null> | null {
    return unit.parentId ? this.units.findById(unit.parentId) : null;
  }

  @ResolveField(() => [OrgUnit], { description: 'Ancestors from the city down to the parent (breadcrumb)' })
  ancestors(@Parent() unit: OrgUnit): Promise<OrgUnit[]> {
    return this.units.ancestorsOf(unit);
  }

  @ResolveField(() => [OrgUnit], { description: 'Direct children (下级), optionally of one level and status' })
  children(
    @Parent() unit: OrgUnit,
    @Args('level', { type: () => OrgLevelEnum, nullable: true }) level?: OrgLevel,
    @Args('status', { type: () => OrgUnitStatusEnum, nullable: true }) status?: OrgUnitStatus,
  ): Promise<OrgUnit[]> {
    return this.units.childrenOf(unit.id, level ?? undefined, status ?? undefined);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<OrgUnit | null> {
    return this.units.findById(reference.id);
  }
}
