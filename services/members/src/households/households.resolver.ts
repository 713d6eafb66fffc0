import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { OrgUnit } from '../members/member.model';
import { CreateHouseholdInput, HouseholdFilter, UpdateHouseholdInput } from './household.input';
import { Household, HouseholdConnection } from './household.model';
import { HouseholdsService } from './households.service';

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(private readonly service: HouseholdsService) {}

  @Query(() => Household, { nullable: true, description: 'One household (户) by id' })
  household(@Args('id', { type: () => ID }) id: string): Promise<Household | null> {
    return this.service.findById(id);
  }

  @Query(() => HouseholdConnection, { description: 'Households, filtered and paginated' })
  households(
    @Args('filter', { type: () => HouseholdFilter, nullable: true }) filter: HouseholdFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(filter ?? {}, page);
  }

  @Mutation(() => Household, { description: 'Register a household (登记户) under an active grid' })
  createHousehold(@Args('input') input: CreateHouseholdInput): Promise<Household> {
    return this.service.create(input);
  }

  @Mutation(() => Household, { description: 'Change a household (修改户信息), or move it to another grid' })
  updateHousehold(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateHouseholdInput): Promise<Household> {
    return this.service.update(id, input);
  }

  @ResolveField(() => OrgUnit, { description: 'The grid (网格), resolved by the org subgraph' })
  grid(@Parent() household: Household): OrgUnit {
    return { id: household.gridId };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<Household | null> {
    return this.service.findById(reference.id);
  }
}
