import { Args, Directive, GraphQLISODateTime, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, PageArgs, type ListBound, type RequestContext } from '@steward/service-kit';
import { Household, Member, OrgUnit, Ticket } from './entities.model';
import { CompleteVisitInput, LogVisitInput, VisitFilter } from './visit.input';
import { VisitLog, VisitLogConnection } from './visit.model';
import { MAX_HOUSEHOLDS_PER_VISIT, VisitsService } from '../application/visits.service';

/** Visits made to handle one ticket. */
const TICKET_VISITS: ListBound = { default: 20, max: 200 };

const READ_RULE = 'Needs a sign-in; only visits inside your units (管辖范围) are listed';
const RECORD_RULE =
  'Needs visits:record on the grid (网格) of the visit: village cadres (村干部) and administrators for anyone, ' +
  'grid roles (网格员/指导员/助理员) for their own visits only; FORBIDDEN otherwise, changing nothing';

/**
 * Entities of other subgraphs resolve to their key here; their visit fields
 * list only visits inside the caller's scope. Anonymous callers get nothing.
 */
export function referenceOf(reference: { id: string }, context: RequestContext): { id: string } {
  accessOf(context).authenticated();
  return { id: reference.id };
}

@Resolver(() => VisitLog)
export class VisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @Query(() => VisitLog, { nullable: true, description: 'One visit log (走访记录); FORBIDDEN when it lies outside your units, null when unknown' })
  visit(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string): Promise<VisitLog | null> {
    return this.service.findById(id, access.readScope());
  }

  @Query(() => VisitLogConnection, { description: `Visit logs, filtered and paginated. ${READ_RULE}` })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(filter ?? {}, access.readScope(), page);
  }

  @Mutation(() => VisitLog, {
    description:
      'Logs a visit (走访): planned without times, in progress with startedAt, done with startedAt and endedAt. ' +
      'Refused (BAD_USER_INPUT, extensions.rule) when the member held no assignment on the grid then, a household ' +
      `belongs to another grid, it ends before it starts, lies in the future or overlaps another visit of the member. ${RECORD_RULE}`,
  })
  logVisit(@CurrentAccess() access: Access, @Args('input', { type: () => LogVisitInput }) input: LogVisitInput): Promise<VisitLog> {
    return this.service.logVisit(access, input);
  }

  @Mutation(() => VisitLog, { description: `Starts a planned visit (now, or at startedAt). ${RECORD_RULE}` })
  startVisit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('startedAt', { type: () => GraphQLISODateTime, nullable: true }) startedAt?: Date,
  ): Promise<VisitLog> {
    return this.service.startVisit(access, id, startedAt ?? undefined);
  }

  @Mutation(() => VisitLog, { description: `Completes a visit with the households reached, photos, notes and where. ${RECORD_RULE}` })
  completeVisit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => CompleteVisitInput, nullable: true }) input?: CompleteVisitInput,
  ): Promise<VisitLog> {
    return this.service.completeVisit(access, id, input ?? undefined);
  }

  @Mutation(() => VisitLog, { description: `Cancels a planned or running visit (取消走访). ${RECORD_RULE}` })
  cancelVisit(@CurrentAccess() access: Access, @Args('id', { type: () => ID }) id: string, @Args('reason') reason: string): Promise<VisitLog> {
    return this.service.cancelVisit(access, id, reason);
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
  @Directive(listSize.atMost(MAX_HOUSEHOLDS_PER_VISIT))
  households(@Parent() visit: VisitLog): Household[] {
    return visit.householdIds.map((id) => ({ id }));
  }

  @ResolveField(() => Ticket, { nullable: true, description: 'The ticket this visit handles' })
  ticket(@Parent() visit: VisitLog): Ticket | null {
    return visit.ticketId ? { id: visit.ticketId } : null;
  }

  /** Nest passes the raw GraphQL context as the second argument here (no param decorators on reference resolvers). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<VisitLog | null> {
    return this.service.findById(reference.id, accessOf(context).readScope());
  }
}

@Resolver(() => Ticket)
export class TicketVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => [VisitLog], { description: `Visits made to handle this ticket (处置走访), oldest first. ${READ_RULE}` })
  @Directive(listSize.slicedBy('first'))
  async visits(@CurrentAccess() access: Access, @Parent() ticket: Ticket, @listLimitArg('first', TICKET_VISITS, 'visits') first?: number): Promise<VisitLog[]> {
    return limitList(await this.service.forTicket(ticket.id, access.readScope()), 'first', first, TICKET_VISITS);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Ticket {
    return referenceOf(reference, context);
  }
}

@Resolver(() => Household)
export class HouseholdVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: `Visits that reached this household (入户走访). ${READ_RULE}` })
  @Directive(listSize.connection)
  visits(@CurrentAccess() access: Access, @Parent() household: Household, @Args() page: PageArgs) {
    return this.service.list({ householdId: household.id }, access.readScope(), page);
  }

  @ResolveField(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When a completed visit inside your units last reached it (最近走访)',
  })
  lastVisitedAt(@CurrentAccess() access: Access, @Parent() household: Household): Promise<Date | null> {
    return this.service.lastVisitedAt(household.id, access.readScope());
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Household {
    return referenceOf(reference, context);
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: `Visits in the unit's subtree. ${READ_RULE}` })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list({ ...(filter ?? {}), within: unit.id }, access.readScope(), page);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): OrgUnit {
    return referenceOf(reference, context);
  }
}
