import type { GraphQLResolveInfo } from 'graphql';
import { Args, Context, Directive, GraphQLISODateTime, ID, Info, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, limitList, listLimitArg, listSize, loadInBatch, PageArgs, pageArgsOf, type ListBound, type RequestContext } from '@steward/service-kit';
import { Household, Member, OrgUnit, Ticket } from './entities.model';
import { CompleteVisitInput, LogVisitInput, VisitFilter } from './visit.input';
import { VisitLog, VisitLogConnection } from './visit.model';
import { MAX_HOUSEHOLDS_PER_VISIT, VisitsService } from '../application/visits.service';

/** Visits made to handle one ticket. */
const TICKET_VISITS: ListBound = { default: 20, max: 200 };

/** The second line of a visit list's description (the first is its bilingual summary). */
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

  @Query(() => VisitLog, { nullable: true, description: '按 ID 查询走访记录；超出管辖范围为 FORBIDDEN，不存在为 null / One visit log; FORBIDDEN when it lies outside your units, null when unknown' })
  visit(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '走访 ID / Visit id' }) id: string): Promise<VisitLog | null> {
    return this.service.findById(id, access.readScope());
  }

  @Query(() => VisitLogConnection, { description: `走访记录，可筛选、分页（需登录，仅列出管辖范围内的走访） / Visit logs, filtered and paginated\n${READ_RULE}` })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Args('filter', { type: () => VisitFilter, nullable: true, description: '走访筛选条件 / Filter for visits' }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(filter ?? {}, access.readScope(), pageArgsOf(page, info));
  }

  @Mutation(() => VisitLog, {
    description:
      '登记走访：计划（无时间）、进行中（有 startedAt）或已完成（有 startedAt 和 endedAt） / Logs a visit: planned without times, in progress with startedAt, done with startedAt and endedAt\n' +
      'Refused (BAD_USER_INPUT, extensions.rule) when the member held no assignment on the grid then, a household ' +
      `belongs to another grid, it ends before it starts, lies in the future or overlaps another visit of the member. ${RECORD_RULE}`,
  })
  logVisit(@CurrentAccess() access: Access, @Args('input', { type: () => LogVisitInput, description: '走访信息 / The visit' }) input: LogVisitInput): Promise<VisitLog> {
    return this.service.logVisit(access, input);
  }

  @Mutation(() => VisitLog, { description: `开始计划中的走访（现在或 startedAt 时） / Starts a planned visit (now, or at startedAt)\n${RECORD_RULE}` })
  startVisit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '走访 ID / Visit id' }) id: string,
    @Args('startedAt', { type: () => GraphQLISODateTime, nullable: true, description: '开始时间，默认现在 / Start; default now' }) startedAt?: Date,
  ): Promise<VisitLog> {
    return this.service.startVisit(access, id, startedAt ?? undefined);
  }

  @Mutation(() => VisitLog, {
    description: `完成走访：登记到达的户、照片、记录和地点 / Completes a visit with the households reached, photos, notes and where\n${RECORD_RULE}`,
  })
  completeVisit(
    @CurrentAccess() access: Access,
    @Args('id', { type: () => ID, description: '走访 ID / Visit id' }) id: string,
    @Args('input', { type: () => CompleteVisitInput, nullable: true, description: '完成时补充的内容 / What the finished visit adds or replaces' }) input?: CompleteVisitInput,
  ): Promise<VisitLog> {
    return this.service.completeVisit(access, id, input ?? undefined);
  }

  @Mutation(() => VisitLog, { description: `取消走访：取消计划中或进行中的走访 / Cancels a planned or running visit\n${RECORD_RULE}` })
  cancelVisit(@CurrentAccess() access: Access, @Args('id', { type: () => ID, description: '走访 ID / Visit id' }) id: string, @Args('reason', { description: '取消原因 / Why the visit is cancelled' }) reason: string): Promise<VisitLog> {
    return this.service.cancelVisit(access, id, reason);
  }

  @ResolveField(() => Member, { description: '走访人 / Who visits' })
  member(@Parent() visit: VisitLog): Member {
    return { id: visit.memberId };
  }

  @ResolveField(() => OrgUnit, { description: '走访的网格；工单走访为处置人所代表的单位 / Grid visited; for ticket visits the unit the handler works for' })
  grid(@Parent() visit: VisitLog): OrgUnit {
    return { id: visit.gridId };
  }

  @ResolveField(() => [Household], { description: '入户走访的户 / Households visited' })
  @Directive(listSize.atMost(MAX_HOUSEHOLDS_PER_VISIT))
  households(@Parent() visit: VisitLog): Household[] {
    return visit.householdIds.map((id) => ({ id }));
  }

  @ResolveField(() => Ticket, { nullable: true, description: '此走访办理的工单 / The ticket this visit handles' })
  ticket(@Parent() visit: VisitLog): Ticket | null {
    return visit.ticketId ? { id: visit.ticketId } : null;
  }

  /** Nest passes the raw GraphQL context as the second argument here (no param decorators on reference resolvers). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Promise<VisitLog | null> {
    const scope = accessOf(context).readScope();
    return loadInBatch(context, 'VisitLog', reference.id, (ids) => this.service.findByIds(ids, scope));
  }
}

@Resolver(() => Ticket)
export class TicketVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => [VisitLog], { description: `处置走访：为办理本工单进行的走访，按时间先后 / Visits made to handle this ticket, oldest first\n${READ_RULE}` })
  @Directive(listSize.slicedBy('first'))
  async visits(@Context() context: RequestContext, @Parent() ticket: Ticket, @listLimitArg('first', TICKET_VISITS, { zh: '走访', en: 'visits' }) first?: number): Promise<VisitLog[]> {
    const scope = accessOf(context).readScope();
    // the visits of every ticket in the request in one query
    const visits = await loadInBatch(context, 'Ticket.visits', ticket.id, (ids) => this.service.forTickets(ids, scope));
    return limitList(visits ?? [], 'first', first, TICKET_VISITS);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Ticket {
    return referenceOf(reference, context);
  }
}

@Resolver(() => Household)
export class HouseholdVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: `入户走访：到达此户的走访 / Visits that reached this household\n${READ_RULE}` })
  @Directive(listSize.connection)
  visits(@CurrentAccess() access: Access, @Parent() household: Household, @Args() page: PageArgs, @Info() info: GraphQLResolveInfo) {
    return this.service.list({ householdId: household.id }, access.readScope(), pageArgsOf(page, info));
  }

  @ResolveField(() => GraphQLISODateTime, {
    nullable: true,
    description: '最近走访：管辖范围内最近一次完成的走访到达时间 / When a completed visit inside your units last reached it',
  })
  lastVisitedAt(@Context() context: RequestContext, @Parent() household: Household): Promise<Date | null> {
    const scope = accessOf(context).readScope();
    // every household of the request in one read
    return loadInBatch(context, 'Household.lastVisitedAt', household.id, (ids) => this.service.lastVisitedAt(ids, scope));
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Household {
    return referenceOf(reference, context);
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => VisitLogConnection, { description: `单位下辖范围内的走访 / Visits in the unit's subtree\n${READ_RULE}` })
  @Directive(listSize.connection)
  visits(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @Args('filter', { type: () => VisitFilter, nullable: true, description: '走访筛选条件 / Filter for visits' }) filter: VisitFilter | undefined,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list({ ...(filter ?? {}), within: unit.id }, access.readScope(), pageArgsOf(page, info));
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): OrgUnit {
    return referenceOf(reference, context);
  }
}
