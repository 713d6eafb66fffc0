import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { PublicStep } from '../domain/progress-lookup';
import { TicketLevelEnum, TicketStatusEnum } from './ticket.model';

@ObjectType({
  description:
    '工单的一个公开步骤：做了什么、何时，不含姓名、电话、经办人或备注 / One public step of a ticket: what happened and when, with no names, phones, actors or notes',
})
export class TicketProgressStep {
  @Field(() => GraphQLISODateTime, { description: '时间 / When it happened' }) at!: Date;
  @Field({ description: '操作：上报、受理、不予受理、派单、处置、进展、办结、上报上级、转办、回访、重办、关闭、合并 / report, accept, reject, dispatch, start, progress, resolve, escalate, transfer, feedback, reopen, close, merge' })
  action!: string;
  @Field(() => TicketStatusEnum, { nullable: true, description: '之前的状态 / Status before the step' }) from!: string | null;
  @Field(() => TicketStatusEnum, { description: '之后的状态 / Status after the step' }) to!: string;
  @Field(() => TicketLevelEnum, { nullable: true, description: '步骤后的处理层级 / Level after the step' }) level!: string | null;
  @Field(() => String, { nullable: true, description: '步骤后的责任单位名称 / Name of the unit responsible after the step' }) unitName!: string | null;
  @Field({ description: '系统自动，如自动升级或自动关闭 / Done by the system, e.g. an automatic escalation or closing' }) automatic!: boolean;
}

@ObjectType({
  description:
    '进度查询：群众无需登录可查看的工单进度，不含个人信息 / What a resident may see of their ticket without signing in; no personal data\n' +
      'Status, level, responsible unit, deadline and the public timeline. 群众无需登录可查看的工单进度：状态、层级、责任单位、时限和公开办理记录，不含个人信息',
})
export class TicketProgress {
  @Field({ description: '工单号 / Ticket number' }) number!: string;
  @Field(() => TicketStatusEnum, { description: '当前状态 / Current status' }) status!: string;
  @Field(() => TicketLevelEnum, { description: '处理层级 / Level handling it now' }) level!: string;
  @Field(() => String, { nullable: true, description: '问题类别名称，如 水利灌溉 / Category name, e.g. 水利灌溉' }) categoryName!: string | null;
  @Field(() => String, { nullable: true, description: '责任单位名称（取自工单服务保存的组织单元） / Name of the responsible unit, from the org units tickets keeps' }) unitName!: string | null;
  @Field(() => GraphQLISODateTime, { description: '上报时间 / When it was reported' }) reportedAt!: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: '当前时限：待受理时为受理时限，办理中为办结时限 / The deadline it works towards now: accept by while reported, resolve by while open, none after',
  })
  deadline!: Date | null;
  @Field({ description: '已超期 / The current deadline is missed' }) overdue!: boolean;
  /** every public step; the `timeline` field gives the latest ones (TicketProgressResolver) */
  timeline!: PublicStep[];
}
