import { Args, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import {
  AddProgressInput,
  DispatchTicketInput,
  FeedbackInput,
  ReportTicketInput,
  ResolveTicketInput,
  TicketFilter,
  TransferTicketInput,
} from './ticket.input';
import { Member, OrgUnit, Ticket, TicketCategory, TicketConnection, TicketStats } from './ticket.model';
import { TicketsService, type Acting } from './tickets.service';

const idArg = () => Args('id', { type: () => ID });
const noteArg = () => Args('note', { type: () => String, nullable: true });
const versionArg = () =>
  Args('expectedVersion', {
    type: () => Int,
    nullable: true,
    description: 'The version you read; the change is refused (CONFLICT) if the ticket moved on',
  });
const actorArg = () =>
  Args('actorId', {
    type: () => ID,
    nullable: true,
    description: 'Acting member, recorded on the timeline and used for role checks (until the signed user context replaces it)',
  });

/**
 * The seam for the acting user: today the optional `actorId` argument; the
 * security work replaces this with the user context the gateway signs.
 */
function acting(actorId: string | null | undefined, expectedVersion: number | null | undefined): Acting {
  return { actorId: actorId ?? null, expectedVersion: expectedVersion ?? undefined };
}

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
  tickets(@Args('filter', { type: () => TicketFilter, nullable: true }) filter: TicketFilter | undefined, @Args() page: PageArgs) {
    return this.service.list(filter, page);
  }

  @Query(() => [Ticket], { description: "The acting member's work queue (待办): dispatched to them, or waiting in their units" })
  myQueue(@actorArg() actorId?: string, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<Ticket[]> {
    return this.service.myQueue(actorId ?? null, first ?? undefined);
  }

  @Query(() => TicketStats, { description: "Figures for tickets reported in [from, to) inside a unit's subtree (工单统计)" })
  ticketStats(
    @Args('within', { type: () => ID, nullable: true }) within?: string,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date,
  ): Promise<TicketStats> {
    return this.service.stats(within ?? undefined, from ?? undefined, to ?? undefined);
  }

  @Query(() => [TicketCategory], { description: 'The category catalogue (工单类别)' })
  ticketCategories(): TicketCategory[] {
    return this.service.categories();
  }

  @Mutation(() => Ticket, { description: 'Report a problem (发现问题/上报) from any channel' })
  reportTicket(@Args('input') input: ReportTicketInput): Promise<Ticket> {
    return this.service.report(input);
  }

  @Mutation(() => Ticket, { description: 'Accept a reported ticket (平台受理); starts the resolve deadline' })
  acceptTicket(@idArg() id: string, @noteArg() note?: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.accept(id, note ?? undefined, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Refuse a reported ticket with a reason (不予受理)' })
  rejectTicket(@idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.reject(id, reason, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Dispatch to a handler holding a role in the responsible unit or a unit inside it (派单)' })
  dispatchTicket(
    @idArg() id: string,
    @Args('input') input: DispatchTicketInput,
    @versionArg() version?: number,
    @actorArg() actorId?: string,
  ) {
    return this.service.dispatch(id, input, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'The handler checks in on site (线下处置开始)' })
  startTicket(
    @idArg() id: string,
    @noteArg() note?: string,
    @versionArg() version?: number,
    @actorArg() actorId?: string,
    @Args('evidenceIds', { type: () => [ID], nullable: true, description: 'Evidence (图文) uploaded to this ticket, e.g. an on-site photo' })
    evidenceIds?: string[],
  ) {
    return this.service.start(id, note ?? undefined, acting(actorId, version), evidenceIds);
  }

  @Mutation(() => Ticket, { description: 'Add a progress note (处置进展)' })
  addProgress(@idArg() id: string, @Args('input') input: AddProgressInput, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.addProgress(id, input, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Resolve with a resolution (办结)' })
  resolveTicket(
    @idArg() id: string,
    @Args('input') input: ResolveTicketInput,
    @versionArg() version?: number,
    @actorArg() actorId?: string,
  ) {
    return this.service.resolve(id, input, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Escalate exactly one level up: grid → village → township (上报上级)' })
  escalateTicket(@idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.escalate(id, reason, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Hand over to another unit of the same level (转办)' })
  transferTicket(
    @idArg() id: string,
    @Args('input') input: TransferTicketInput,
    @versionArg() version?: number,
    @actorArg() actorId?: string,
  ) {
    return this.service.transfer(id, input, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Supervise (督办): a member of a superior level pushes a slow ticket' })
  superviseTicket(@idArg() id: string, @Args('note') note: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.supervise(id, note, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: "Record the resident's feedback (回访); unsatisfied reopens per policy" })
  recordFeedback(@idArg() id: string, @Args('input') input: FeedbackInput, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.recordFeedback(id, input, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Reopen a resolved ticket (重办)' })
  reopenTicket(@idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.reopen(id, reason, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Close a resolved ticket after its feedback (办结归档)' })
  closeTicket(@idArg() id: string, @versionArg() version?: number, @actorArg() actorId?: string) {
    return this.service.close(id, acting(actorId, version));
  }

  @Mutation(() => Ticket, { description: 'Merge a duplicate into its original (合并重复工单); the duplicate is answered through the original' })
  mergeTicket(
    @idArg() id: string,
    @Args('intoId', { type: () => ID }) intoId: string,
    @versionArg() version?: number,
    @actorArg() actorId?: string,
  ) {
    return this.service.merge(id, intoId, acting(actorId, version));
  }

  @ResolveField(() => OrgUnit, { description: 'Responsible unit (责任单位)' })
  unit(@Parent() ticket: Ticket): OrgUnit {
    return { id: ticket.unitId };
  }

  @ResolveField(() => Member, { nullable: true, description: 'Handler (处置人)' })
  handler(@Parent() ticket: Ticket): Member | null {
    return ticket.handlerId ? { id: ticket.handlerId } : null;
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'The unit the handler acts for' })
  handlerUnit(@Parent() ticket: Ticket): OrgUnit | null {
    return ticket.handlerUnitId ? { id: ticket.handlerUnitId } : null;
  }

  @ResolveField(() => Member, { nullable: true, description: 'Member who entered the report' })
  reportedBy(@Parent() ticket: Ticket): Member | null {
    return ticket.reportedBy ? { id: ticket.reportedBy } : null;
  }

  @ResolveField(() => Ticket, { nullable: true, description: 'The original this duplicate was merged into' })
  duplicateOf(@Parent() ticket: Ticket): Promise<Ticket | null> | null {
    return ticket.duplicateOfId ? this.service.findById(ticket.duplicateOfId) : null;
  }

  @ResolveField(() => [Ticket], { description: 'Duplicates merged into this ticket; their reporters follow it' })
  duplicates(@Parent() ticket: Ticket): Promise<Ticket[]> {
    return this.service.duplicatesOf(ticket.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<Ticket | null> {
    return this.service.findById(reference.id);
  }
}
