import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, listSize, registerStringEnum } from '@steward/service-kit';
import { CALLER_COMMANDS } from '../domain/ticket-actions';
import { TICKET_LEVELS, TICKET_STATUSES } from '../domain/ticket-state-machine';
import { OVERDUE_KINDS, SATISFACTIONS, TICKET_CHANNELS, TICKET_PRIORITIES } from '../domain/ticket-terms';

export const TicketStatusEnum = registerStringEnum(TICKET_STATUSES, {
  name: 'TicketStatus',
  description:
    'REPORTED 已上报, ACCEPTED 已受理, DISPATCHED 已派单, IN_PROGRESS 处置中, RESOLVED 已办结, CLOSED 已关闭, REJECTED 不予受理, MERGED 已合并',
});
export const TicketLevelEnum = registerStringEnum(TICKET_LEVELS, {
  name: 'TicketLevel',
  description: 'Dispatch level: GRID 网格, ADMIN_VILLAGE 村党群服务中心, TOWNSHIP 镇调度平台',
});
export const TicketChannelEnum = registerStringEnum(TICKET_CHANNELS, {
  name: 'TicketChannel',
  description: 'Intake channel: HOTLINE 580热线, WECHAT 微信, GRID_REPORT 网格员上报, PETITION 信访, APP, WALK_IN 来访, API',
});
export const TicketPriorityEnum = registerStringEnum(TICKET_PRIORITIES, { name: 'TicketPriority', description: 'LOW, NORMAL, HIGH, URGENT (紧急)' });
export const SatisfactionEnum = registerStringEnum(SATISFACTIONS, {
  name: 'Satisfaction',
  description: 'Resident feedback (回访): SATISFIED 满意, BASICALLY_SATISFIED 基本满意, UNSATISFIED 不满意',
});
export const TicketCommandEnum = registerStringEnum(CALLER_COMMANDS, {
  name: 'TicketCommand',
  description:
    'What a person does with a ticket, one mutation each: accept 受理, reject 不予受理, dispatch 派单, start 开始处置, progress 处置进展, resolve 办结, escalate 上报上级, transfer 转办, supervise 督办, feedback 回访, reopen 重办, close 办结归档, merge 合并',
});
export const OverdueKindEnum = registerStringEnum(OVERDUE_KINDS, {
  name: 'OverdueKind',
  description: 'ACCEPT 受理超期, RESOLVE 办结超期',
});

@ObjectType({ description: 'An org unit (owned by the org subgraph), extended with its tickets and their figures' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A member (owned by the members subgraph), extended with the tickets they handle' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A household (owned by the members subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One step of the ticket history (处理记录), also the audit trail' })
export class TimelineEntry {
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => ID, { nullable: true, description: 'Who acted (the member, administrator or service account signed in); null for the system' }) actorId!: string | null;
  @Field({ description: 'report, accept, reject, dispatch, start, progress, resolve, escalate, transfer, supervise, feedback, reopen, close, merge, overdue, due-soon (临期预警)' })
  action!: string;
  @Field(() => TicketStatusEnum, { nullable: true }) from!: string | null;
  @Field(() => TicketStatusEnum) to!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => TicketLevelEnum, { nullable: true, description: 'Level after the step' }) level!: string | null;
  @Field({ description: 'Done by the system (overdue sweeper, feedback policy)' }) automatic!: boolean;
  @Field(() => SatisfactionEnum, { nullable: true }) satisfaction!: string | null;
  @Field(() => Member, { nullable: true, description: 'Acting member' }) actor!: Member | null;
  @Field(() => OrgUnit, { nullable: true, description: 'Responsible unit after the step' }) unit!: OrgUnit | null;
  @Field(() => Member, { nullable: true, description: 'Handler after the step' }) handler!: Member | null;
  /** resolved to `evidence` by TimelineEvidenceResolver */
  evidenceIds!: string[];
}

@ObjectType()
export class GeoPoint {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
}

@ObjectType({ description: 'Where the problem is (位置)' })
export class TicketLocation {
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => GeoPoint, { nullable: true }) geo!: GeoPoint | null;
  @Field(() => OrgUnit, { description: 'Unit where the problem is (may lie below the responsible unit)' }) unit!: OrgUnit;
}

@ObjectType({ description: 'The resident who reported (反映人); hidden when anonymous, phone masked' })
export class TicketReporter {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'Masked (PII), e.g. 139****5678' }) phone!: string | null;
  @Field() anonymous!: boolean;
  @Field(() => Household, { nullable: true }) household!: Household | null;
}

@ObjectType({ description: 'One answer to 回访' })
export class TicketFeedback {
  @Field(() => SatisfactionEnum) satisfaction!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
}

@ObjectType({ description: 'A resident request or discovered problem (工单/诉求)' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID) id!: string;
  @Field({ description: 'Human-readable number (工单号), unique per city' }) number!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'Category code (类别), e.g. WATER_IRRIGATION; see ticketCategories' }) category!: string;
  @Field(() => String, { nullable: true, description: 'Category name, e.g. 水利灌溉' }) categoryName!: string | null;
  @Field(() => TicketChannelEnum) channel!: string;
  @Field(() => TicketPriorityEnum) priority!: string;
  @Field(() => TicketStatusEnum) status!: string;
  @Field(() => TicketLevelEnum) level!: string;
  @Field(() => TicketLocation) location!: TicketLocation;
  @Field(() => String, { nullable: true, description: 'Address of the problem (same as location.address)' }) address!: string | null;
  @Field(() => TicketReporter, { nullable: true }) reporter!: TicketReporter | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Accept by (受理时限)' }) acceptDueAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Resolve by (办结时限)' }) resolveDueAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "The dispatcher's deadline for the handler" }) handlerDueAt!: Date | null;
  @Field({ description: 'The current deadline is missed (超期)' }) overdue!: boolean;
  @Field(() => Int, { description: 'Deadlines missed over the ticket’s life' }) overdueCount!: number;
  @Field(() => Int) escalationCount!: number;
  @Field(() => Int) reopenCount!: number;
  @Field(() => Int, { description: 'Times supervised (督办)' }) supervisionCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'How it was resolved (办理结果)' }) resolution!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Resolved within the deadline (按时办结)' }) resolvedOnTime!: boolean | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Closes itself then if no feedback comes' }) autoCloseAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt!: Date | null;
  /** every step; the `timeline` field gives the latest ones (TicketsResolver) */
  timeline!: TimelineEntry[];
  @Field(() => TicketFeedback, { nullable: true, description: 'The latest feedback (回访)' }) feedback!: TicketFeedback | null;
  /** every feedback; the `feedbackHistory` field gives the latest ones (TicketsResolver) */
  feedbackHistory!: TicketFeedback[];
  @Field(() => Int, { description: 'Increases with every change; send it back to detect stale writes' }) version!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
  unitId!: string;
  /** ids from the city down to the responsible unit */
  orgPath!: string[];
  handlerId!: string | null;
  handlerUnitId!: string | null;
  duplicateOfId!: string | null;
  reportedBy!: string | null;
}

@ObjectType()
export class TicketConnection extends ConnectionOf(Ticket) {}

@ObjectType()
export class TicketStatusCount {
  @Field(() => TicketStatusEnum) status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Figures for the tickets received in a period (工单统计)' })
export class TicketStats {
  @Field(() => Int, { description: 'Reported (受理量 incl. rejected and merged)' }) received!: number;
  @Field(() => Int, { description: 'Accepted at some point (受理)' }) accepted!: number;
  @Field(() => Int, { description: 'Taken in (纳入办理) = received minus rejected and merged: the denominator of 办结率' }) takenIn!: number;
  @Field(() => Int, { description: 'Resolved or closed (办结)' }) resolved!: number;
  @Field(() => Int) closed!: number;
  @Field(() => Int, { description: 'Missed a deadline at least once (超期)' }) overdue!: number;
  @Field(() => Int, { description: 'With feedback (回访)' }) feedbacks!: number;
  @Field(() => Int, { description: 'Latest feedback satisfied or basically satisfied' }) satisfied!: number;
  @Field(() => Float, { nullable: true, description: 'Completion rate (办结率) = resolved / taken in (received minus rejected and merged), the same definition as Score.completionRate; null when nothing was taken in' })
  completionRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'On-time rate (按时办结率) = resolved on time / resolved' }) onTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Satisfaction rate (满意率) = satisfied / with feedback' })
  satisfactionRate!: number | null;
  @Field(() => [TicketStatusCount])
  @Directive(listSize.atMost(TICKET_STATUSES.length))
  byStatus!: TicketStatusCount[];
}

@ObjectType({ description: 'A ticket category (类别) from the catalogue' })
export class TicketCategory {
  @Field() code!: string;
  @Field({ description: 'Chinese name, e.g. 水利灌溉' }) name!: string;
  @Field() nameEn!: string;
  @Field(() => [String]) examples!: string[];
  @Field() active!: boolean;
  @Field(() => TicketLevelEnum, { description: 'Start level for a problem located at a grid' }) startLevelAtGrid!: string;
}
