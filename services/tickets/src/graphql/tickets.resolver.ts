import { Args, Directive, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, PageArgs, type ListBound, type RequestContext } from '@steward/service-kit';
import {
  AddProgressInput,
  DispatchTicketInput,
  FeedbackInput,
  ReportTicketInput,
  ResolveTicketInput,
  TicketFilter,
  TransferTicketInput,
} from './ticket.input';
import { Member, OrgUnit, Ticket, TicketCategory, TicketCommandEnum, TicketConnection, TicketFeedback, TicketStats, TimelineEntry } from './ticket.model';
import { allowedCommands } from '../domain/ticket-actions';
import catalogue from '../domain/categories.json';
import { TicketsService, type Acting } from '../application/tickets.service';

const idArg = () => Args('id', { type: () => ID });
const noteArg = () => Args('note', { type: () => String, nullable: true });
const versionArg = () =>
  Args('expectedVersion', {
    type: () => Int,
    nullable: true,
    description: 'The version you read; the change is refused (CONFLICT) if the ticket moved on',
  });

/** Steps of one ticket's history, the latest ones. */
const TIMELINE: ListBound = { default: 50, max: 200 };
/** Feedbacks of one ticket, the latest ones. */
const FEEDBACKS: ListBound = { default: 20, max: 200 };
/** Duplicates merged into one ticket. */
const DUPLICATES: ListBound = { default: 20, max: 200 };
/** The category catalogue ships with the service. */
const TICKET_CATEGORIES = catalogue.categories.length;
/** A work queue (myQueue), as the service clamps it. */
const QUEUE = { default: 50, max: 200 };

/** The caller (the principal the gateway signed) is who acts: recorded on the timeline and checked against the ticket. */
function acting(access: Access, expectedVersion: number | null | undefined): Acting {
  return { access, expectedVersion: expectedVersion ?? undefined };
}

@Resolver(() => Ticket)
export class TicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @Query(() => Ticket, { nullable: true, description: 'One ticket (工单) by id, with its timeline' })
  ticket(@CurrentAccess() access: Access, @idArg() id: string): Promise<Ticket | null> {
    return this.service.findById(access, id);
  }

  @Query(() => Ticket, { nullable: true, description: 'One ticket by its number (工单号)' })
  ticketByNumber(@CurrentAccess() access: Access, @Args('number') number: string): Promise<Ticket | null> {
    return this.service.findByNumber(access, number);
  }

  @Query(() => TicketConnection, { description: 'Tickets in your units (管辖范围内的工单), filtered and paginated' })
  @Directive(listSize.connection)
  tickets(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => TicketFilter, nullable: true }) filter: TicketFilter | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.list(access, filter, page);
  }

  @Query(() => [Ticket], { description: 'Your work queue (待办): dispatched to you, or waiting in the units where you hold a role' })
  @Directive(listSize.slicedBy('first'))
  myQueue(
    @CurrentAccess() access: Access,
    @Args('first', { type: () => Int, nullable: true, defaultValue: QUEUE.default, description: `At most this many tickets (1–${QUEUE.max}, default ${QUEUE.default})` })
    first?: number,
  ): Promise<Ticket[]> {
    return this.service.myQueue(access, first ?? undefined);
  }

  @Query(() => TicketStats, {
    description: "Figures for tickets reported in [from, to) inside a unit's subtree (工单统计), counting only your units; a unit outside them is FORBIDDEN",
  })
  ticketStats(
    @CurrentAccess() access: Access,
    @Args('within', { type: () => ID, nullable: true }) within?: string,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date,
  ): Promise<TicketStats> {
    return this.service.stats(access, within ?? undefined, from ?? undefined, to ?? undefined);
  }

  @Query(() => [TicketCategory], { description: 'The category catalogue (工单类别)' })
  @Directive(listSize.atMost(TICKET_CATEGORIES))
  ticketCategories(@CurrentAccess() access: Access): TicketCategory[] {
    return this.service.categories(access);
  }

  @Mutation(() => Ticket, {
    description: 'Report a problem (发现问题/上报) in a unit where you may report; GRID_REPORT and APP reports are entered by the member signed in',
  })
  reportTicket(@CurrentAccess() access: Access, @Args('input') input: ReportTicketInput): Promise<Ticket> {
    return this.service.report(access, input);
  }

  @Mutation(() => Ticket, { description: 'Accept a reported ticket (平台受理); starts the resolve deadline. Needs tickets:dispatch on its unit' })
  acceptTicket(@CurrentAccess() access: Access, @idArg() id: string, @noteArg() note?: string, @versionArg() version?: number) {
    return this.service.accept(id, note ?? undefined, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Refuse a reported ticket with a reason (不予受理). Needs tickets:dispatch on its unit' })
  rejectTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number) {
    return this.service.reject(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Dispatch to a handler holding a role in the responsible unit or a unit inside it (派单). Needs tickets:dispatch on its unit' })
  dispatchTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input') input: DispatchTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.dispatch(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'The handler checks in on site (线下处置开始). Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  startTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @noteArg() note?: string,
    @versionArg() version?: number,
    @Args('evidenceIds', { type: () => [ID], nullable: true, description: 'Evidence (图文) uploaded to this ticket, e.g. an on-site photo' })
    evidenceIds?: string[],
  ) {
    return this.service.start(id, note ?? undefined, acting(access, version), evidenceIds);
  }

  @Mutation(() => Ticket, { description: 'Add a progress note (处置进展). Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  addProgress(@CurrentAccess() access: Access, @idArg() id: string, @Args('input') input: AddProgressInput, @versionArg() version?: number) {
    return this.service.addProgress(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Resolve with a resolution (办结). Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  resolveTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input') input: ResolveTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.resolve(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Escalate exactly one level up: grid → village → township (上报上级). Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  escalateTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number) {
    return this.service.escalate(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Hand over to another unit of the same level (转办). Needs tickets:dispatch on its unit and on the new one' })
  transferTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input') input: TransferTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.transfer(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Supervise (督办): a superior level pushes a slow ticket. Needs tickets:dispatch on a unit above the responsible unit' })
  superviseTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('note') note: string, @versionArg() version?: number) {
    return this.service.supervise(id, note, acting(access, version));
  }

  @Mutation(() => Ticket, { description: "Record the resident's feedback (回访); unsatisfied reopens per policy. Needs tickets:feedback on its unit" })
  recordFeedback(@CurrentAccess() access: Access, @idArg() id: string, @Args('input') input: FeedbackInput, @versionArg() version?: number) {
    return this.service.recordFeedback(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Reopen a resolved ticket (重办). Needs tickets:dispatch on its unit' })
  reopenTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason') reason: string, @versionArg() version?: number) {
    return this.service.reopen(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Close a resolved ticket after its feedback (办结归档). Needs tickets:dispatch on its unit' })
  closeTicket(@CurrentAccess() access: Access, @idArg() id: string, @versionArg() version?: number) {
    return this.service.close(id, acting(access, version));
  }

  @Mutation(() => Ticket, { description: 'Merge a duplicate into its original (合并重复工单); the duplicate is answered through the original. Needs tickets:dispatch on the duplicate\'s unit' })
  mergeTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('intoId', { type: () => ID }) intoId: string,
    @versionArg() version?: number,
  ) {
    return this.service.merge(id, intoId, acting(access, version));
  }

  @ResolveField(() => [TicketCommandEnum], {
    description:
      'What you may do with the ticket now (可执行操作): the commands its status allows and your permissions on it do, in the order a screen offers them. An offer: the command still checks its input and expectedVersion',
  })
  allowedActions(@CurrentAccess() access: Access, @Parent() ticket: Ticket): string[] {
    return allowedCommands(access, { ...ticket, feedback: ticket.feedbackHistory });
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
  duplicateOf(@CurrentAccess() access: Access, @Parent() ticket: Ticket): Promise<Ticket | null> | null {
    return ticket.duplicateOfId ? this.service.findById(access, ticket.duplicateOfId) : null;
  }

  @ResolveField(() => [Ticket], { description: 'Duplicates merged into this ticket, oldest first; their reporters follow it' })
  @Directive(listSize.slicedBy('first'))
  async duplicates(@CurrentAccess() access: Access, @Parent() ticket: Ticket, @listLimitArg('first', DUPLICATES, 'duplicates') first?: number): Promise<Ticket[]> {
    return limitList(await this.service.duplicatesOf(access, ticket.id), 'first', first, DUPLICATES);
  }

  @ResolveField(() => [TimelineEntry], { description: 'The history of the ticket (处理记录), oldest first' })
  @Directive(listSize.slicedBy('last'))
  timeline(@Parent() ticket: Ticket, @listLimitArg('last', TIMELINE, 'steps') last?: number): TimelineEntry[] {
    return limitList(ticket.timeline, 'last', last, TIMELINE);
  }

  @ResolveField(() => [TicketFeedback], { description: 'Every feedback (回访), oldest first' })
  @Directive(listSize.slicedBy('last'))
  feedbackHistory(@Parent() ticket: Ticket, @listLimitArg('last', FEEDBACKS, 'feedbacks') last?: number): TicketFeedback[] {
    return limitList(ticket.feedbackHistory, 'last', last, FEEDBACKS);
  }

  /** Nest passes the raw GraphQL context as the second argument here (no param decorators on reference resolvers). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Ticket | null> {
    return this.service.findById(accessOf(context), reference.id);
  }
}
