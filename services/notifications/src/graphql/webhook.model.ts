import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { DELIVERY_STATUSES } from '../domain/delivery-channel';

export const WebhookStatus = registerStringEnum(['ACTIVE', 'DISABLED'] as const, {
  name: 'WebhookStatus',
  description: 'ACTIVE (启用): receives deliveries; DISABLED (停用): receives none, its pending deliveries die',
});
export const DeliveryStatus = registerStringEnum(DELIVERY_STATUSES, {
  name: 'DeliveryStatus',
  description: 'PENDING (待发送, incl. waiting for a retry), DELIVERED (已送达), DEAD (投递失败: dead letter, no more retries)',
});

@InputType({ description: 'A webhook endpoint (推送地址) for an org unit: every message about tickets under the unit is POSTed to it, signed' })
export class RegisterWebhookInput {
  @Field(() => ID, { description: 'The org unit (e.g. the township 乡镇) whose tickets it receives, with everything below it' }) unitId!: string;
  @Field({ description: 'http or https URL that receives the POSTs; in production no loopback or private address' }) url!: string;
  @Field(() => [String], { nullable: true, description: 'Only messages caused by these ticket event types (e.g. steward.ticket.reported.v1); all when absent' })
  eventTypes?: string[] | null;
  @Field(() => String, { nullable: true, description: 'What it is for, e.g. 城市短信网关' }) description?: string | null;
}

@ObjectType({ description: 'A webhook endpoint (推送地址) of an org unit. Its signing secret is shown only once, when it is registered' })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The org unit whose tickets it receives (and those below it)' }) unitId!: string;
  @Field() url!: string;
  @Field(() => [String], { nullable: true, description: 'The event types it receives; null: all' }) eventTypes!: string[] | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => WebhookStatus) status!: string;
  @Field(() => ID, { description: 'Who registered it' }) createdBy!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) disabledAt!: Date | null;
}

@ObjectType({ description: 'A registered webhook with its signing secret (签名密钥): store it now, it is never shown again' })
export class RegisteredWebhook {
  @Field(() => Webhook) webhook!: Webhook;
  @Field({ description: 'The HMAC-SHA256 key of X-Steward-Signature; shown only in this answer' }) signingSecret!: string;
}

@ObjectType({ description: 'One delivery (投递) of a message to a webhook, with its retries' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The delivery id, sent as Idempotency-Key and as the body id; the same on every retry' }) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => DeliveryStatus) status!: string;
  @Field(() => Int, { description: 'Tries made so far' }) attempts!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next try is due (PENDING only)' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last try failed, e.g. HTTP 500' }) lastError!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was given up (dead letter 死信)' }) deadAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field({ description: 'The ticket event that caused the message' }) sourceEventType!: string;
  @Field({ description: 'Template key of the rule table, e.g. ticket.dispatched' }) template!: string;
  @Field(() => ID) ticketId!: string;
  @Field(() => String, { nullable: true, description: 'The ticket number (工单编号)' }) ticketNumber!: string | null;
  @Field({ description: 'Whom the message is for: HANDLER, UNIT_DISPATCHERS, REPORTER, …' }) recipientKind!: string;
}

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionOf(WebhookDelivery) {}
