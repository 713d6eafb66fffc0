import { Args, Directive, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { limitList, listLimitArg, listSize, type ListBound } from '@steward/service-kit';
import type { PublicStep } from '../domain/progress-lookup';
import { ProgressLookup } from '../application/progress-lookup.service';
import { TicketProgress, TicketProgressStep } from './ticket-progress.model';

/** Public steps of one ticket, the latest ones. */
const PUBLIC_TIMELINE: ListBound = { default: 50, max: 200 };

/**
 * The one tickets field that answers without signing in (the gateway lets
 * anonymous callers reach only it, `login` and `serviceLogin`): it takes no
 * `Access` and its type leads nowhere else (no entity references).
 */
@Resolver(() => TicketProgress)
export class TicketProgressResolver {
  constructor(private readonly lookup: ProgressLookup) {}

  @Query(() => TicketProgress, {
    nullable: true,
    description:
      '进度查询：群众凭工单号和反映人手机号后四位免登录查询办理进度 / Progress lookup for residents, no sign-in needed: the ticket number and the last four digits of the phone it was reported with\n' +
      'null when the number is unknown or the digits are wrong (the two are not told apart); RATE_LIMITED after too many failed lookups of the number. 工单号不存在与后四位错误的回答相同；同一工单号失败次数过多时返回 RATE_LIMITED',
  })
  ticketProgress(
    @Args('number', { description: '工单号，如 20261130-000042 / Ticket number, e.g. 20261130-000042' }) number: string,
    @Args('phoneLast4', { description: '反映人手机号后四位 / Last four digits of the reporter\'s phone' }) phoneLast4: string,
  ): Promise<TicketProgress | null> {
    return this.lookup.lookup(number, phoneLast4);
  }

  @ResolveField(() => [TicketProgressStep], { description: '公开办理记录，按时间先后 / The public timeline, oldest first' })
  @Directive(listSize.slicedBy('last'))
  timeline(@Parent() progress: TicketProgress, @listLimitArg('last', PUBLIC_TIMELINE, { zh: '步骤', en: 'steps' }) last?: number): PublicStep[] {
    return limitList(progress.timeline, 'last', last, PUBLIC_TIMELINE);
  }
}
