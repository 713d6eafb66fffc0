import { Args, Directive, GraphQLISODateTime, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize, PageArgs } from '@steward/service-kit';
import { TicketFilter } from './ticket.input';
import { Member, OrgUnit, TicketConnection, TicketStats, TicketStatusEnum } from './ticket.model';
import type { TicketStatus } from '../domain/ticket-state-machine';
import { TicketsService } from '../application/tickets.service';

/** OrgUnit (owned by org) extended with the tickets of its subtree (docs/architecture.md §5). */
@Resolver(() => OrgUnit)
export class OrgUnitTicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @ResolveField(() => TicketConnection, { description: "Tickets located or handled in the unit's subtree, as far as they lie in your units" })
  @Directive(listSize.connection)
  tickets(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('filter', { type: () => TicketFilter, nullable: true }) filter: TicketFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(access, { ...(filter ?? {}), within: unit.id }, page);
  }

  @ResolveField(() => TicketStats, {
    description: "Figures for tickets reported in [from, to) in the unit's subtree (办结率, 满意率…); FORBIDDEN for a unit outside your units",
  })
  ticketStats(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date,
  ): Promise<TicketStats> {
    return this.service.stats(access, unit.id, from ?? undefined, to ?? undefined);
  }

  /** A bare reference (org owns the unit); its ticket fields check the caller. */
  @ResolveReference()
  resolveReference(reference: { id: string }): OrgUnit {
    return { id: reference.id };
  }
}

/** Member (owned by members) extended with the tickets dispatched to them. */
@Resolver(() => Member)
export class MemberTicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @ResolveField(() => TicketConnection, { description: 'Tickets dispatched to the member (处置人), as far as they lie in your units' })
  @Directive(listSize.connection)
  assignedTickets(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('status', { type: () => TicketStatusEnum, nullable: true }) status: TicketStatus | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(access, { handlerId: member.id, ...(status ? { status } : {}) }, page);
  }

  /** A bare reference (members owns the member); its ticket fields check the caller. */
  @ResolveReference()
  resolveReference(reference: { id: string }): Member {
    return { id: reference.id };
  }
}
