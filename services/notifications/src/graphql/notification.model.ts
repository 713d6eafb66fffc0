import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { CHANNELS, RECIPIENT_KINDS } from '../domain/notification-rules';

export const NotificationChannel = registerStringEnum(CHANNELS, { name: 'NotificationChannel', description: 'How a message reaches its recipient: INBOX (站内信)' });
export const RecipientKind = registerStringEnum(RECIPIENT_KINDS, {
  name: 'NotificationRecipientKind',
  description: 'Why you were told: HANDLER (承办人), PREVIOUS_HANDLER, UNIT_DISPATCHERS (责任单位派单员), REPORTER (上报人), MERGED_REPORTERS, MEMBER (the member a duty warning names, 周走访预警)',
});

@ObjectType({ description: 'A message in your inbox (站内通知), caused by a ticket event or a weekly duty warning (周走访预警)' })
export class Notification {
  @Field(() => ID) id!: string;
  @Field({ description: 'The message in Chinese: ticket number, title, unit, deadline; for a duty warning the unit and the visits done and required' }) text!: string;
  @Field({ description: 'Template key of the rule table, e.g. ticket.dispatched' }) template!: string;
  @Field(() => RecipientKind) recipientKind!: string;
  @Field(() => NotificationChannel) channel!: string;
  @Field(() => ID, { nullable: true, description: 'The ticket; null for a duty warning' }) ticketId!: string | null;
  @Field(() => String, { nullable: true, description: 'The ticket number (工单编号)' }) ticketNumber!: string | null;
  @Field({ description: 'Type of the event that caused it, e.g. steward.ticket.dispatched.v1' }) sourceEventType!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the event happened' }) occurredAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When you marked it read (已读); null while unread' }) readAt!: Date | null;
}

@ObjectType()
export class NotificationConnection extends ConnectionOf(Notification) {}

@ObjectType({ description: 'A member (owned by the members subgraph), extended with the unread count of their inbox' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID) id!: string;
}
