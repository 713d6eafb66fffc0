import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { CHANNELS, RECIPIENT_KINDS } from '../domain/notification-rules';

export const NotificationChannel = registerStringEnum(CHANNELS, {
  name: 'NotificationChannel',
  description: '消息送达收件人的渠道 / How a message reaches its recipient',
  valuesMap: {
    INBOX: { description: '站内信 / The inbox in the app' },
    SMS: { description: '短信 / Text message (SMS)' },
  },
});
export const RecipientKind = registerStringEnum(RECIPIENT_KINDS, {
  name: 'NotificationRecipientKind',
  description: '被通知的原因 / Why you were told',
  valuesMap: {
    HANDLER: { description: '承办人 / The handler' },
    PREVIOUS_HANDLER: { description: '原承办人 / The previous handler' },
    UNIT_DISPATCHERS: { description: '责任单位派单员 / The dispatchers of the responsible unit' },
    REPORTER: { description: '上报人 / The member who reported' },
    MERGED_REPORTERS: { description: '被合并工单的上报人 / Reporters of tickets merged into this one' },
    RESIDENT: { description: '反映人（群众） / The resident who reported' },
    MERGED_RESIDENTS: { description: '被合并工单的反映人 / Residents who reported tickets merged into this one' },
    MEMBER: { description: '周走访预警所指的人员 / The member a duty warning names' },
  },
});

@ObjectType({ description: '站内通知：收件箱中的消息，由工单事件或周走访预警引起 / A message in your inbox, caused by a ticket event or a weekly duty warning' })
export class Notification {
  @Field(() => ID, { description: '消息 ID / Message id' }) id!: string;
  @Field({ description: '消息正文（中文）：工单号、标题、单位、时限；走访预警为单位及已完成和要求的走访次数 / The message in Chinese: ticket number, title, unit, deadline; for a duty warning the unit and the visits done and required' }) text!: string;
  @Field({ description: '规则表中的模板键，如 ticket.dispatched / Template key of the rule table, e.g. ticket.dispatched' }) template!: string;
  @Field(() => RecipientKind, { description: '通知你的原因 / Why you were told' }) recipientKind!: string;
  @Field(() => NotificationChannel, { description: '送达渠道 / How the message reached you' }) channel!: string;
  @Field(() => ID, { nullable: true, description: '工单 ID；走访预警为 null / The ticket; null for a duty warning' }) ticketId!: string | null;
  @Field(() => String, { nullable: true, description: '工单编号 / The ticket number' }) ticketNumber!: string | null;
  @Field({ description: '引起消息的事件类型，如 steward.ticket.dispatched.v1 / Type of the event that caused it, e.g. steward.ticket.dispatched.v1' }) sourceEventType!: string;
  @Field(() => GraphQLISODateTime, { description: '事件发生时间 / When the event happened' }) occurredAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '标为已读的时间；未读时为 null / When you marked it read; null while unread' }) readAt!: Date | null;
}

@ObjectType({ description: '通知的分页列表 / A page of notifications' })
export class NotificationConnection extends ConnectionOf(Notification) {}

@ObjectType({ description: '人员（网格员、村干部等工作人员） / A member (grid member, cadre or other staff)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID, { description: '人员 ID / Member id' }) id!: string;
}
