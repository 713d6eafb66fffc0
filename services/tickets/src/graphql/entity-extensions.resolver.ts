import type { GraphQLResolveInfo } from 'graphql';
import { Args, Directive, GraphQLISODateTime, Info, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess, listSize, PageArgs, pageArgsOf } from '@steward/service-kit';
import { TicketFilter } from './ticket.input';
import { Member, OrgUnit, TicketConnection, TicketStats, TicketStatusEnum } from './ticket.model';
import type { TicketStatus } from '../domain/ticket-state-machine';
import { TicketsService } from '../application/tickets.service';

/** OrgUnit (owned by org) extended with the tickets of its subtree (docs/architecture.md §5). */
@Resolver(() => OrgUnit)
export class OrgUnitTicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @ResolveField(() => TicketConnection, { description: '位于或由单位下辖范围办理的工单（管辖范围内） / Tickets located or handled in the unit\'s subtree, as far as they lie in your units' })
  @Directive(listSize.connection)
  tickets(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('filter', { type: () => TicketFilter, nullable: true, description: '工单筛选条件 / Filter for tickets' }) filter: TicketFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(access, { ...(filter ?? {}), within: unit.id }, pageArgsOf(page, info));
  }

  @ResolveField(() => TicketStats, {
    description: '单位下辖范围内 [from, to) 上报工单的统计（办结率、满意率……）；范围外单位为 FORBIDDEN / Figures for tickets reported in [from, to) in the unit\'s subtree (completion rate, satisfaction rate…); FORBIDDEN for a unit outside your units',
  })
  ticketStats(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true, description: '上报时间起（含） / Reported at or after' }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true, description: '上报时间止（不含） / Reported before' }) to?: Date,
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

  @ResolveField(() => TicketConnection, { description: '派给该人员处置的工单（管辖范围内） / Tickets dispatched to the member as handler, as far as they lie in your units' })
  @Directive(listSize.connection)
  assignedTickets(
    @CurrentAccess() access: Access,
    @Parent() member: Member,
    @Args('status', { type: () => TicketStatusEnum, nullable: true, description: '仅此状态的工单 / Only tickets in this status' }) status: TicketStatus | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(access, { handlerId: member.id, ...(status ? { status } : {}) }, pageArgsOf(page, info));
  }

  /** A bare reference (members owns the member); its ticket fields check the caller. */
  @ResolveReference()
  resolveReference(reference: { id: string }): Member {
    return { id: reference.id };
  }
}
