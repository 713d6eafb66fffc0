import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { DELIVERY_STATUSES } from '../domain/delivery-channel';

export const WebhookStatus = registerStringEnum(['ACTIVE', 'DISABLED'] as const, {
  name: 'WebhookStatus',
  description: '推送地址状态 / Status of a webhook',
  valuesMap: {
    ACTIVE: { description: '启用：接收投递 / Active: receives deliveries' },
    DISABLED: { description: '停用：不再接收，待发投递作废 / Disabled: receives none, its pending deliveries die' },
  },
});
export const DeliveryStatus = registerStringEnum(DELIVERY_STATUSES, {
  name: 'DeliveryStatus',
  description: '推送投递状态 / State of a webhook delivery',
  valuesMap: {
    PENDING: { description: '待发送（含等待重试） / Pending, including waiting for a retry' },
    DELIVERED: { description: '已送达 / Delivered' },
    DEAD: { description: '投递失败：死信，不再重试 / Dead letter: failed, no more retries' },
  },
});

@InputType({ description: '组织单元的推送地址：单位下工单的每条消息都签名后 POST 到此 / A webhook endpoint for an org unit: every message about tickets under the unit is POSTed to it, signed' })
export class RegisterWebhookInput {
  @Field(() => ID, { description: '接收其（及以下所有单位）工单消息的组织单元，如乡镇 / The org unit (e.g. the township 乡镇) whose tickets it receives, with everything below it' }) unitId!: string;
  @Field({ description: '接收 POST 的 http 或 https 地址；生产环境不可为回环或内网地址 / http or https URL that receives the POSTs; in production no loopback or private address' }) url!: string;
  @Field(() => [String], { nullable: true, description: '仅由这些工单事件类型引起的消息（如 steward.ticket.reported.v1）；缺省为全部 / Only messages caused by these ticket event types (e.g. steward.ticket.reported.v1); all when absent' })
  eventTypes?: string[] | null;
  @Field(() => String, { nullable: true, description: '用途说明，如 城市短信网关 / What it is for, e.g. 城市短信网关' }) description?: string | null;
}

@ObjectType({ description: '组织单元的推送地址；签名密钥只在登记时显示一次 / A webhook endpoint of an org unit. Its signing secret is shown only once, when it is registered' })
export class Webhook {
  @Field(() => ID, { description: '推送地址 ID / Webhook id' }) id!: string;
  @Field(() => ID, { description: '接收其（及以下单位）工单消息的组织单元 / The org unit whose tickets it receives (and those below it)' }) unitId!: string;
  @Field({ description: '接收地址 / The URL it receives POSTs at' }) url!: string;
  @Field(() => [String], { nullable: true, description: '接收的事件类型；null 为全部 / The event types it receives; null: all' }) eventTypes!: string[] | null;
  @Field(() => String, { nullable: true, description: '用途说明 / What it is for' }) description!: string | null;
  @Field(() => WebhookStatus, { description: '状态 / Status' }) status!: string;
  @Field(() => ID, { description: '登记人 / Who registered it' }) createdBy!: string;
  @Field(() => GraphQLISODateTime, { description: '登记时间 / When it was registered' }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '停用时间 / When it was disabled' }) disabledAt!: Date | null;
}

@ObjectType({ description: '已登记的推送地址及其签名密钥：请立即保存，不再显示 / A registered webhook with its signing secret: store it now, it is never shown again' })
export class RegisteredWebhook {
  @Field(() => Webhook, { description: '推送地址 / The webhook' }) webhook!: Webhook;
  @Field({ description: 'X-Steward-Signature 的 HMAC-SHA256 密钥，仅在此应答中显示 / The HMAC-SHA256 key of X-Steward-Signature; shown only in this answer' }) signingSecret!: string;
}

@ObjectType({ description: '一条消息到推送地址的一次投递（含重试） / One delivery of a message to a webhook, with its retries' })
export class WebhookDelivery {
  @Field(() => ID, { description: '投递 ID：作为 Idempotency-Key 和消息体 id 发送，每次重试相同 / The delivery id, sent as Idempotency-Key and as the body id; the same on every retry' }) id!: string;
  @Field(() => ID, { description: '推送地址 ID / Webhook id' }) webhookId!: string;
  @Field(() => DeliveryStatus, { description: '投递状态 / Delivery status' }) status!: string;
  @Field(() => Int, { description: '已尝试次数 / Tries made so far' }) attempts!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '下次尝试时间（仅 PENDING） / When the next try is due (PENDING only)' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: '上次失败原因，如 HTTP 500 / Why the last try failed, e.g. HTTP 500' }) lastError!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '送达时间 / When it was delivered' }) deliveredAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '放弃时间（死信） / When it was given up (dead letter)' }) deadAt!: Date | null;
  @Field(() => GraphQLISODateTime, { description: '创建时间 / When it was created' }) createdAt!: Date;
  @Field({ description: '引起消息的工单事件 / The ticket event that caused the message' }) sourceEventType!: string;
  @Field({ description: '规则表中的模板键，如 ticket.dispatched / Template key of the rule table, e.g. ticket.dispatched' }) template!: string;
  @Field(() => ID, { description: '工单 ID / Ticket id' }) ticketId!: string;
  @Field(() => String, { nullable: true, description: '工单编号 / The ticket number' }) ticketNumber!: string | null;
  @Field({ description: '消息的收件人类型：HANDLER、UNIT_DISPATCHERS、REPORTER…… / Whom the message is for: HANDLER, UNIT_DISPATCHERS, REPORTER, …' }) recipientKind!: string;
}

@ObjectType({ description: '推送投递的分页列表 / A page of webhook deliveries' })
export class WebhookDeliveryConnection extends ConnectionOf(WebhookDelivery) {}
