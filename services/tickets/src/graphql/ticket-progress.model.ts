import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { PublicStep } from '../domain/progress-lookup';
import { TicketLevelEnum, TicketStatusEnum } from './ticket.model';

@ObjectType({
  description:
    'One public step of a ticket (公开办理记录): what happened and when, with no names, phones, actors or notes. 工单的一个公开步骤：做了什么、何时，不含姓名、电话、经办人或备注',
})
export class TicketProgressStep {
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field({ description: 'report, accept, reject, dispatch, start, progress, resolve, escalate, transfer, feedback, reopen, close, merge (上报、受理、不予受理、派单、处置、进展、办结、上报上级、转办、回访、重办、关闭、合并)' })
  action!: string;
  @Field(() => TicketStatusEnum, { nullable: true }) from!: string | null;
  @Field(() => TicketStatusEnum) to!: string;
  @Field(() => TicketLevelEnum, { nullable: true, description: 'Level after the step (处理层级)' }) level!: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the unit responsible after the step (责任单位名称)' }) unitName!: string | null;
  @Field({ description: 'Done by the system, e.g. an automatic escalation or closing (系统自动)' }) automatic!: boolean;
}

@ObjectType({
  description:
    'What a resident may see of their ticket without signing in (进度查询): status, level, responsible unit, deadline and the public timeline. No personal data. 群众无需登录可查看的工单进度：状态、层级、责任单位、时限和公开办理记录，不含个人信息',
})
export class TicketProgress {
  @Field({ description: 'Ticket number (工单号)' }) number!: string;
  @Field(() => TicketStatusEnum, { description: 'Current status (当前状态)' }) status!: string;
  @Field(() => TicketLevelEnum, { description: 'Level handling it now (处理层级)' }) level!: string;
  @Field(() => String, { nullable: true, description: 'Category name, e.g. 水利灌溉 (问题类别)' }) categoryName!: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the responsible unit (责任单位), from the org units tickets keeps' }) unitName!: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was reported (上报时间)' }) reportedAt!: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The deadline it works towards now: accept by while reported, resolve by while open, none after (当前时限：待受理时为受理时限，办理中为办结时限)',
  })
  deadline!: Date | null;
  @Field({ description: 'The current deadline is missed (已超期)' }) overdue!: boolean;
  /** every public step; the `timeline` field gives the latest ones (TicketProgressResolver) */
  timeline!: PublicStep[];
}
