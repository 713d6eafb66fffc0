import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import { DispatchTicketInput, ReportTicketInput, TicketFilter } from './ticket.input';
import { Member, OrgUnit, Ticket, TicketConnection } from './ticket.model';
import { TicketsService } from './tickets.service';

const idArg = () => Args('id', { type: () => ID });
const noteArg = () => Args('note', { type: () => String, nullable: true });
const versionArg = () =>
  Args('expectedVersion', {
    type: () => Int,
    nullable: true,
    description: 'The version you read; the change is refused if the ticket moved on',
  });

@Resolver(() => Ticket)
export class TicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @Query(() => Ticket, { nullable: true, description: 'One ticket (工单) by id, with its timeline' })
  ticket(@idArg() id: string): Promise<Ticket | null> {
    return this.service.findById(id);
  }

  @Query(() => Ticket, { nullable: true, description: 'One ticket by its number (工单号)' })
  ticketByNumber(@Args('number') number: string): Promise<Ticket | null> {
    return this.service.findByNumber(number);
  }

  @Query(() => TicketConnection, { description: 'Tickets, filtered and paginated' })
  tickets(
    @Args('filter', { type: () => TicketFilter, nullable: true }) filter: TicketFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(filter ?? {}, page);
  }

  @Mutation(() => Ticket, { description: 'Report a problem (发现问题/上报) from any channel' })
  reportTicket(@Args('input') input: ReportTicketInput): Promise<Ticket> {
    return this.service.report(input);
  }

  @Mutation(() => Ticket, { description: 'Accept a reported ticket (平台受理)' })
  acceptTicket(@idArg() id: string, @noteArg() note?: string, @versionArg() expectedVersion?: number): Promise<Ticket> {
    return this.service.accept(id, note ?? undefined, expectedVersion ?? undefined);
  }

  @Mutation(() => Ticket, { description: 'Dispatch to a handler of the responsible unit (派单)' })
  dispatchTicket(
    @idArg() id: string,
    @Args('input') input: DispatchTicketInput,
    @versionArg() expectedVersion?: number,
  ): Promise<Ticket> {
    return this.service.dispatch(id, input, expectedVersion ?? undefined);
  }

  @Mutation(() => Ticket, { description: 'The handler checks in on site (线下处置开始)' })
  startTicket(@idArg() id: string, @noteArg() note?: string, @versionArg() expectedVersion?: number): Promise<Ticket> {
    return this.service.start(id, note ?? undefined, expectedVersion ?? undefined);
  }

  @Mutation(() => Ticket, { description: 'Resolve with a resolution (办结)' })
  resolveTicket(
    @idArg() id: string,
    @Args('resolution') resolution: string,
    @versionArg() expectedVersion?: number,
  ): Promise<Ticket> {
    return this.service.resolve(id, resolution, expectedVersion ?? undefined);
  }

  @ResolveField(() => OrgUnit, { description: 'Responsible unit (责任单位)' })
  unit(@Parent() ticket: Ticket): OrgUnit {
    return { id: ticket.unitId };
  }

  @ResolveField(() => Member, { nullable: true, description: 'Handler (处置人)' })
  handler(@Parent() ticket: Ticket): Member | null {
    return ticket.handlerId ? { id: ticket.handlerId } : null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<Ticket | null> {
    return this.service.findById(reference.id);
  }
}
