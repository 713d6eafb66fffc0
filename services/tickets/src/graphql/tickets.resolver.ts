import type { GraphQLResolveInfo } from 'graphql';
import { Args, Context, Directive, GraphQLISODateTime, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, loadInBatch, PageArgs, pageArgsOf, type ListBound, type RequestContext } from '@steward/service-kit';
import {
  AddProgressInput,
  DispatchTicketInput,
  FeedbackInput,
  ReportTicketInput,
  ResolveTicketInput,
  TicketFilter,
  TransferTicketInput,
} from './ticket.input';
import { Member, OrgUnit, Ticket, TicketCommandEnum, TicketConnection, TicketFeedback, TicketStats, TimelineEntry } from './ticket.model';
import { allowedCommands } from '../domain/ticket-actions';
import { TicketsService, type Acting } from '../application/tickets.service';

const idArg = () => Args('id', { type: () => ID, description: '工单 ID / Ticket id' });
const noteArg = () => Args('note', { type: () => String, nullable: true, description: '说明 / Note on the step' });
const versionArg = () =>
  Args('expectedVersion', {
    type: () => Int,
    nullable: true,
    description: '读取时的版本；工单已变化则拒绝（CONFLICT） / The version you read; the change is refused (CONFLICT) if the ticket moved on',
  });

/** Steps of one ticket's history, the latest ones. */
const TIMELINE: ListBound = { default: 50, max: 200 };
/** Feedbacks of one ticket, the latest ones. */
const FEEDBACKS: ListBound = { default: 20, max: 200 };
/** Duplicates merged into one ticket. */
const DUPLICATES: ListBound = { default: 20, max: 200 };
/** A work queue (myQueue), as the service clamps it. */
const QUEUE = { default: 50, max: 200 };

/** The caller (the principal the gateway signed) is who acts: recorded on the timeline and checked against the ticket. */
function acting(access: Access, expectedVersion: number | null | undefined): Acting {
  return { access, expectedVersion: expectedVersion ?? undefined };
}

@Resolver(() => Ticket)
export class TicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @Query(() => Ticket, { nullable: true, description: '按 ID 查询工单及其处理记录 / One ticket by id, with its timeline' })
  ticket(@CurrentAccess() access: Access, @idArg() id: string): Promise<Ticket | null> {
    return this.service.findById(access, id);
  }

  @Query(() => Ticket, { nullable: true, description: '按工单号查询工单 / One ticket by its number' })
  ticketByNumber(@CurrentAccess() access: Access, @Args('number', { description: '工单号 / Ticket number' }) number: string): Promise<Ticket | null> {
    return this.service.findByNumber(access, number);
  }

  @Query(() => TicketConnection, { description: '管辖范围内的工单，可筛选、分页 / Tickets in your units, filtered and paginated' })
  @Directive(listSize.connection)
  tickets(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => TicketFilter, nullable: true, description: '工单筛选条件 / Filter for tickets' }) filter: TicketFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(access, filter, pageArgsOf(page, info));
  }

  @Query(() => [Ticket], { description: '我的待办：派给你的工单，或在你任职单位中等待处理的工单 / Your work queue: dispatched to you, or waiting in the units where you hold a role' })
  @Directive(listSize.slicedBy('first'))
  myQueue(
    @CurrentAccess() access: Access,
    @Args('first', { type: () => Int, nullable: true, defaultValue: QUEUE.default, description: `最多返回的工单数（1–${QUEUE.max}，默认 ${QUEUE.default}） / At most this many tickets (1–${QUEUE.max}, default ${QUEUE.default})` })
    first?: number,
  ): Promise<Ticket[]> {
    return this.service.myQueue(access, first ?? undefined);
  }

  @Query(() => TicketStats, {
    description: '工单统计：单位下辖范围内 [from, to) 上报的工单，只计管辖范围内；范围外单位为 FORBIDDEN / Figures for tickets reported in [from, to) inside a unit\'s subtree, counting only your units; a unit outside them is FORBIDDEN',
  })
  ticketStats(
    @CurrentAccess() access: Access,
    @Args('within', { type: () => ID, nullable: true, description: '统计范围的单位 ID / Id of the unit whose subtree is counted' }) within?: string,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true, description: '上报时间起（含） / Reported at or after' }) from?: Date,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true, description: '上报时间止（不含） / Reported before' }) to?: Date,
  ): Promise<TicketStats> {
    return this.service.stats(access, within ?? undefined, from ?? undefined, to ?? undefined);
  }

  @Mutation(() => Ticket, {
    description: '发现问题/上报：在可上报的单位登记工单 / Report a problem in a unit where you may report\n' +
                 'GRID_REPORT and APP reports are entered by the member signed in',
  })
  reportTicket(@CurrentAccess() access: Access, @Args('input', { description: '工单内容 / The report' }) input: ReportTicketInput): Promise<Ticket> {
    return this.service.report(access, input);
  }

  @Mutation(() => Ticket, { description: '平台受理：受理上报的工单，开始计算办结时限（需 tickets:dispatch 权限） / Accept a reported ticket; starts the resolve deadline. Needs tickets:dispatch on its unit' })
  acceptTicket(@CurrentAccess() access: Access, @idArg() id: string, @noteArg() note?: string, @versionArg() version?: number) {
    return this.service.accept(id, note ?? undefined, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '不予受理：说明理由后拒绝上报的工单（需 tickets:dispatch 权限） / Refuse a reported ticket with a reason. Needs tickets:dispatch on its unit' })
  rejectTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason', { description: '不予受理的理由 / Why the ticket is refused' }) reason: string, @versionArg() version?: number) {
    return this.service.reject(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '派单：派给在责任单位或其下级单位任职的处置人（需 tickets:dispatch 权限） / Dispatch to a handler holding a role in the responsible unit or a unit inside it. Needs tickets:dispatch on its unit' })
  dispatchTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input', { description: '派单信息 / The dispatch' }) input: DispatchTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.dispatch(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '线下处置开始：处置人到场签到（需 tickets:handle 权限，本人处置或该单位调度员） / The handler checks in on site. Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  startTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @noteArg() note?: string,
    @versionArg() version?: number,
    @Args('evidenceIds', { type: () => [ID], nullable: true, description: '已上传到本工单的图文证据，如现场照片 / Evidence uploaded to this ticket, e.g. an on-site photo' })
    evidenceIds?: string[],
  ) {
    return this.service.start(id, note ?? undefined, acting(access, version), evidenceIds);
  }

  @Mutation(() => Ticket, { description: '添加处置进展（需 tickets:handle 权限，本人处置或该单位调度员） / Add a progress note. Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  addProgress(@CurrentAccess() access: Access, @idArg() id: string, @Args('input', { description: '处置进展 / The progress note' }) input: AddProgressInput, @versionArg() version?: number) {
    return this.service.addProgress(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '办结：填写办理结果（需 tickets:handle 权限，本人处置或该单位调度员） / Resolve with a resolution. Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  resolveTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input', { description: '办理结果 / The resolution' }) input: ResolveTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.resolve(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '上报上级：只升一级，网格 → 村 → 乡镇（需 tickets:handle 权限，本人处置或该单位调度员） / Escalate exactly one level up: grid → village → township. Needs tickets:handle on its unit, as its handler or a dispatcher there' })
  escalateTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason', { description: '上报理由 / Why the ticket is escalated' }) reason: string, @versionArg() version?: number) {
    return this.service.escalate(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '转办：交给同级的另一单位（需本单位及新单位的 tickets:dispatch 权限） / Hand over to another unit of the same level. Needs tickets:dispatch on its unit and on the new one' })
  transferTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('input', { description: '转办信息 / The transfer' }) input: TransferTicketInput,
    @versionArg() version?: number,
  ) {
    return this.service.transfer(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '督办：上级催办进展缓慢的工单（需责任单位以上单位的 tickets:dispatch 权限） / Supervise: a superior level pushes a slow ticket. Needs tickets:dispatch on a unit above the responsible unit' })
  superviseTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('note', { description: '督办意见 / The supervision note' }) note: string, @versionArg() version?: number) {
    return this.service.supervise(id, note, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '回访评价：记录群众的评价，不满意时按规则重办（需 tickets:feedback 权限） / Record the resident\'s feedback; unsatisfied reopens per policy. Needs tickets:feedback on its unit' })
  recordFeedback(@CurrentAccess() access: Access, @idArg() id: string, @Args('input', { description: '回访评价 / The feedback' }) input: FeedbackInput, @versionArg() version?: number) {
    return this.service.recordFeedback(id, input, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '重办：重新打开已办结的工单（需 tickets:dispatch 权限） / Reopen a resolved ticket. Needs tickets:dispatch on its unit' })
  reopenTicket(@CurrentAccess() access: Access, @idArg() id: string, @Args('reason', { description: '重办理由 / Why the ticket is reopened' }) reason: string, @versionArg() version?: number) {
    return this.service.reopen(id, reason, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '办结归档：回访后关闭已办结的工单（需 tickets:dispatch 权限） / Close a resolved ticket after its feedback. Needs tickets:dispatch on its unit' })
  closeTicket(@CurrentAccess() access: Access, @idArg() id: string, @versionArg() version?: number) {
    return this.service.close(id, acting(access, version));
  }

  @Mutation(() => Ticket, { description: '合并重复工单：重复工单并入原工单，通过原工单答复（需重复工单所在单位的 tickets:dispatch 权限） / Merge a duplicate into its original; the duplicate is answered through the original. Needs tickets:dispatch on the duplicate\'s unit' })
  mergeTicket(
    @CurrentAccess() access: Access,
    @idArg() id: string,
    @Args('intoId', { type: () => ID, description: '原工单的 ID / Id of the original' }) intoId: string,
    @versionArg() version?: number,
  ) {
    return this.service.merge(id, intoId, acting(access, version));
  }

  @ResolveField(() => [TicketCommandEnum], {
    description:
      '可执行操作：状态允许且你有权限的命令，按界面提供的顺序 / What you may do with the ticket now: the commands its status allows and your permissions on it do, in the order a screen offers them\n' +
      'An offer: the command still checks its input and expectedVersion',
  })
  allowedActions(@CurrentAccess() access: Access, @Parent() ticket: Ticket): string[] {
    return allowedCommands(access, { ...ticket, feedback: ticket.feedbackHistory });
  }

  @ResolveField(() => OrgUnit, { description: '责任单位 / Responsible unit' })
  unit(@Parent() ticket: Ticket): OrgUnit {
    return { id: ticket.unitId };
  }

  @ResolveField(() => Member, { nullable: true, description: '处置人 / Handler' })
  handler(@Parent() ticket: Ticket): Member | null {
    return ticket.handlerId ? { id: ticket.handlerId } : null;
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: '处置人所代表的单位 / The unit the handler acts for' })
  handlerUnit(@Parent() ticket: Ticket): OrgUnit | null {
    return ticket.handlerUnitId ? { id: ticket.handlerUnitId } : null;
  }

  @ResolveField(() => Member, { nullable: true, description: '录入上报的人员 / Member who entered the report' })
  reportedBy(@Parent() ticket: Ticket): Member | null {
    return ticket.reportedBy ? { id: ticket.reportedBy } : null;
  }

  @ResolveField(() => Ticket, { nullable: true, description: '此重复工单被并入的原工单 / The original this duplicate was merged into' })
  duplicateOf(@Context() context: RequestContext, @Parent() ticket: Ticket): Promise<Ticket | null> | null {
    const access = accessOf(context);
    return ticket.duplicateOfId ? loadInBatch(context, 'Ticket', ticket.duplicateOfId, (ids) => this.service.findByIds(access, ids)) : null;
  }

  @ResolveField(() => [Ticket], { description: '并入本工单的重复工单，按时间先后；其反映人随本工单获得答复 / Duplicates merged into this ticket, oldest first; their reporters follow it' })
  @Directive(listSize.slicedBy('first'))
  async duplicates(@CurrentAccess() access: Access, @Parent() ticket: Ticket, @listLimitArg('first', DUPLICATES, { zh: '重复工单', en: 'duplicates' }) first?: number): Promise<Ticket[]> {
    return limitList(await this.service.duplicatesOf(access, ticket.id), 'first', first, DUPLICATES);
  }

  @ResolveField(() => [TimelineEntry], { description: '处理记录，按时间先后 / The history of the ticket, oldest first' })
  @Directive(listSize.slicedBy('last'))
  timeline(@Parent() ticket: Ticket, @listLimitArg('last', TIMELINE, { zh: '步骤', en: 'steps' }) last?: number): TimelineEntry[] {
    return limitList(ticket.timeline, 'last', last, TIMELINE);
  }

  @ResolveField(() => [TicketFeedback], { description: '全部回访评价，按时间先后 / Every feedback, oldest first' })
  @Directive(listSize.slicedBy('last'))
  feedbackHistory(@Parent() ticket: Ticket, @listLimitArg('last', FEEDBACKS, { zh: '回访评价', en: 'feedbacks' }) last?: number): TicketFeedback[] {
    return limitList(ticket.feedbackHistory, 'last', last, FEEDBACKS);
  }

  /** Nest passes the raw GraphQL context as the second argument here (no param decorators on reference resolvers). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<Ticket | null> {
    const access = accessOf(context);
    return loadInBatch(context, 'Ticket', reference.id, (ids) => this.service.findByIds(access, ids));
  }
}
