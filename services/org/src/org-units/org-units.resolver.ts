import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { CreateOrgUnitInput, OrgUnitFilter } from './org-unit.input';
import { OrgLevelEnum, OrgUnit, OrgUnitConnection } from './org-unit.model';
import type { OrgLevel } from './org-rules';
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

  @Query(() => OrgUnitConnection, { description: 'Org units, filtered and paginated' })
  orgUnits(
    @Args('filter', { type: () => OrgUnitFilter, nullable: true }) filter: OrgUnitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.units.list(filter ?? {}, page);
  }

  @Mutation(() => OrgUnit, { description: 'Create a unit under a parent of the level just above' })
  createOrgUnit(@Args('input') input: CreateOrgUnitInput): Promise<OrgUnit> {
    return this.units.create(input);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'Parent unit (上级)' })
  parent(@Parent() unit: OrgUnit): Promise<OrgUnit | null> | null {
    return unit.parentId ? this.units.findById(unit.parentId) : null;
  }

  @ResolveField(() => [OrgUnit], { description: 'Ancestors from the city down to the parent (breadcrumb)' })
  ancestors(@Parent() unit: OrgUnit): Promise<OrgUnit[]> {
    return this.units.ancestorsOf(unit);
  }

  @ResolveField(() => [OrgUnit], { description: 'Direct children (下级), optionally of one level' })
  async children(
    @Parent() unit: OrgUnit,
    @Args('level', { type: () => OrgLevelEnum, nullable: true }) level?: OrgLevel,
  ): Promise<OrgUnit[]> {
    const page = await this.units.list({ parentId: unit.id, level }, { first: 200 });
    return page.edges.map((edge) => edge.node);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<OrgUnit | null> {
    return this.units.findById(reference.id);
  }
}
