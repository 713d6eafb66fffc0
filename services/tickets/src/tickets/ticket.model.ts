import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { TICKET_LEVELS, TICKET_STATUSES } from './ticket-state-machine';

export const TicketStatusEnum = registerStringEnum(TICKET_STATUSES, {
  name: 'TicketStatus',
  description:
    'REPORTED 已上报, ACCEPTED 已受理, DISPATCHED 已派单, IN_PROGRESS 处置中, RESOLVED 已办结, CLOSED 已关闭, REJECTED 不予受理, MERGED 已合并',
});
export const TicketLevelEnum = registerStringEnum(TICKET_LEVELS, {
  name: 'TicketLevel',
  description: 'Dispatch level: GRID 网格, ADMIN_VILLAGE 村党群服务中心, TOWNSHIP 镇调度平台',
});
export const TICKET_CHANNELS = ['HOTLINE', 'WECHAT', 'GRID_REPORT', 'PETITION', 'APP', 'WALK_IN', 'API'] as const;
export const TicketChannelEnum = registerStringEnum(TICKET_CHANNELS, {
  name: 'TicketChannel',
  description: 'Intake channel: HOTLINE 580热线, WECHAT 微信, GRID_REPORT 网格员上报, PETITION 信访, APP, WALK_IN 来访, API',
});
export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const TicketPriorityEnum = registerStringEnum(TICKET_PRIORITIES, { name: 'TicketPriority', description: 'LOW, NORMAL, HIGH, URGENT (紧急)' });

@ObjectType({ description: 'An org unit (owned by the org subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A member (owned by the members subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One step of the ticket history (处理记录), also the audit trail' })
export class TimelineEntry {
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field() action!: string;
  @Field(() => TicketStatusEnum, { nullable: true }) from!: string | null;
  @Field(() => TicketStatusEnum) to!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: 'A resident request or discovered problem (工单/诉求)' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID) id!: string;
  @Field({ description: 'Human-readable number (工单号), unique per city' }) number!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'Category code (类别), e.g. WATER_IRRIGATION' }) category!: string;
  @Field(() => TicketChannelEnum) channel!: string;
  @Field(() => TicketPriorityEnum) priority!: string;
  @Field(() => TicketStatusEnum) status!: string;
  @Field(() => TicketLevelEnum) level!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Resolve by (办结时限)' }) resolveDueAt!: Date | null;
  @Field(() => [TimelineEntry]) timeline!: TimelineEntry[];
  @Field(() => Int, { description: 'Increases with every change; send it back to detect stale writes' }) version!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
  unitId!: string;
  handlerId!: string | null;
}

@ObjectType()
export class TicketConnection extends ConnectionOf(Ticket) {}
