import { Args, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { Household, Member, OrgUnit, Ticket } from './entities.model';
import { CompleteVisitInput, LogVisitInput, VisitFilter } from './visit.input';
import { VisitLog, VisitLogConnection } from './visit.model';
import { VisitsService } from './visits.service';

@Resolver(() => VisitLog)
export class VisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @Query(() => VisitLog, { nullable: true, description: 'One visit log (走访记录)' })
  visit(@Args('id', { type: () => ID }) id: string): Promise<VisitLog | null> {
    return this.service.findById(id);
  }

  @Query(() => VisitLogConnection, { description: 'Visit logs, filtered and paginated' })
  visits(@Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined, @Args() page: PageArgs) {
    return this.service.list(filter ?? {}, page);
  }

  @Mutation(() => VisitLog, {
    description:
      'Logs a visit (走访): planned without times, in progress with startedAt, done with startedAt and endedAt. ' +
      'Refused (BAD_USER_INPUT, extensions.rule) when the member held no assignment on the grid then, a household ' +
      'belongs to another grid, it ends before it starts, lies in the future or overlaps another visit of the member',
  })
  logVisit(@Args('input', { type: () => LogVisitInput }) input: LogVisitInput): Promise<VisitLog> {
    return this.service.logVisit(input);
  }

  @Mutation(() => VisitLog, { description: 'Starts a planned visit (now, or at startedAt)' })
  startVisit(
    @Args('id', { type: () => ID }) id: string,
    @Args('startedAt', { type: () => GraphQLISODateTime, nullable: true }) startedAt?: Date,
  ): Promise<VisitLog> {
    return this.service.startVisit(id, startedAt ?? undefined);
  }

  @Mutation(() => VisitLog, { description: 'Completes a visit with the households reached, photos, notes and where' })
  completeVisit(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => CompleteVisitInput, nullable: true }) input?: CompleteVisitInput,
  ): Promise<VisitLog> {
    return this.service.completeVisit(id, input ?? undefined);
  }

  @Mutation(() => VisitLog, { description: 'Cancels a planned or running visit (取消走访)' })
  cancelVisit(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string): Promise<VisitLog> {
    return this.service.cancelVisit(id, reason);
  }

  @ResolveField(() => Member, { description: 'Who visits' })
  member(@Parent() visit: VisitLog): Member {
    return { id: visit.memberId };
  }

  @ResolveField(() => OrgUnit, { description: 'Grid visited (网格); for ticket visits the unit the handler works for' })
  grid(@Parent() visit: VisitLog): OrgUnit {
    return { id: visit.gridId };
  }

  @ResolveField(() => [Household], { description: 'Households visited (入户)' })
  households(@Parent() visit: VisitLog): Household[] {
    return visit.householdIds.map((id) => ({ id }));
  }

  @ResolveField(() => Ticket, { nullable: true, description: 'The ticket this visit handles' })
  ticket(@Parent() visit: VisitLog): Ticket | null {
    return visit.ticketId ? { id: visit.ticketId } : null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<VisitLog | null> {
    return this.service.findById(reference.id);
  }
}

@Resolver(() => Ticket)
export class TicketVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => [VisitLog], { description: 'Visits made to handle this ticket (处置走访)' })
  visits(@Parent() ticket: Ticket): Promise<VisitLog[]> {
    return this.service.forTicket(ticket.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Ticket {
    return { id: reference.id };
  }
}

@Resolver(() => Household)
export class HouseholdVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: 'Visits that reached this household (入户走访)' })
  visits(@Parent() household: Household, @Args() page: PageArgs) {
    return this.service.list({ householdId: household.id }, page);
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true, description: 'When a completed visit last reached it (最近走访)' })
  lastVisitedAt(@Parent() household: Household): Promise<Date | null> {
    return this.service.lastVisitedAt(household.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Household {
    return { id: reference.id };
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: "Visits in the unit's subtree" })
  visits(@Parent() unit: OrgUnit, @Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined, @Args() page: PageArgs) {
    return this.service.list({ ...(filter ?? {}), within: unit.id }, page);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): OrgUnit {
    return { id: reference.id };
  }
}
