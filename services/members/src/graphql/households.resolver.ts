import { Args, Directive, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { maskAddress, maskPhone, type Access } from '@steward/auth';
import { accessOf, CurrentAccess, listSize, PageArgs, type RequestContext } from '@steward/service-kit';
import { PiiReader } from '../application/pii-reader';
import { OrgUnit } from './member.model';
import { CreateHouseholdInput, HouseholdFilter, UpdateHouseholdInput } from './household.input';
import { Household, HouseholdConnection } from './household.model';
import { HouseholdsService } from '../application/households.service';

@Resolver(() => Household)
export class HouseholdsResolver {
  constructor(
    private readonly service: HouseholdsService,
    private readonly pii: PiiReader,
  ) {}

  @Query(() => Household, { nullable: true, description: 'One household (户) by id; FORBIDDEN outside your units' })
  household(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string): Promise<Household | null> {
    return this.service.findById(access, id);
  }

  @Query(() => HouseholdConnection, { description: 'Households in your units (管辖范围内的户), filtered and paginated' })
  @Directive(listSize.connection)
  households(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => HouseholdFilter, nullable: true }) filter: HouseholdFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(access, filter ?? {}, page);
  }

  @Mutation(() => Household, { description: 'Register a household (登记户) under an active grid; needs members:manage on the grid' })
  createHousehold(@CurrentAccess() access: Access, @Args('input') input: CreateHouseholdInput): Promise<Household> {
    return this.service.create(access, input);
  }

  @Mutation(() => Household, {
    description: 'Change a household (修改户信息), or move it to another grid; needs members:manage on its grid (and on the new one)',
  })
  updateHousehold(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateHouseholdInput,
  ): Promise<Household> {
    return this.service.update(access, id, input);
  }

  @ResolveField(() => String, {
    description: "Address (住址). PII: masked (青山村****) unless you hold pii:read on the household's grid; full reads are audited",
  })
  address(@CurrentAccess() access: Access, @Parent() household: Household): Promise<string> {
    return this.pii.read(access, this.personal(household, 'address', household.address, maskAddress));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "Contact phone (联系电话): mobile or landline. PII: masked unless you hold pii:read on the household's grid; full reads are audited",
  })
  phone(@CurrentAccess() access: Access, @Parent() household: Household): Promise<string | null> {
    return this.pii.read(access, this.personal(household, 'phone', household.phone, maskPhone));
  }

  @ResolveField(() => OrgUnit, { description: 'The grid (网格), resolved by the org subgraph' })
  grid(@Parent() household: Household): OrgUnit {
    return { id: household.gridId };
  }

  /** Nest hands a reference resolver the raw GraphQL context as its second argument. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Household | null> {
    return this.service.findById(accessOf(context), reference.id);
  }

  private personal<T extends string | null>(household: Household, field: string, value: T, mask: (value: string) => string) {
    return { entity: 'Household' as const, entityId: household.id, field, value, paths: [household.orgPath], mask };
  }
}
