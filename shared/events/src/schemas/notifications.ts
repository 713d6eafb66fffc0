import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime, nullableId } from './common';

export const NOTIFICATIONS_SOURCE = 'steward/notifications';

export const notificationChannelSchema = z.enum(['INBOX', 'WEBHOOK', 'SMS']);

/**
 * What every notification event carries: which message, caused by which
 * event, to whom and through which channel. No text: the message may quote
 * free text of the ticket (a rejection reason), which stays in the service.
 */
const notificationBaseSchema = z.object({
  notificationId: entityId.describe('the message: one per (source event, recipient, channel)'),
  sourceEventId: z.uuid().describe('id of the event that caused the message'),
  sourceEventType: z.string().min(1),
  ticketId: nullableId,
  recipientKind: z.string().min(1).describe('who the rule addressed: HANDLER, PREVIOUS_HANDLER, UNIT_DISPATCHERS, REPORTER, MERGED_REPORTERS, MEMBER (the member an event names, e.g. a duty warning), …'),
  recipientId: entityId.describe('member id (inbox) or endpoint id (webhook)'),
  channel: notificationChannelSchema,
  template: z.string().min(1).describe('template key of the rule table, e.g. ticket.dispatched'),
  ruleVersion: z.string().min(1).describe('version of the notification rule table that chose the recipient'),
  occurredAt: isoDateTime,
});

function notificationEvent<TType extends string, TSchema extends z.ZodType>(type: TType, description: string, schema: TSchema) {
  return defineEvent({ type, topic: Topics.notificationEvents, source: NOTIFICATIONS_SOURCE, description, schema });
}

export const notificationSent = notificationEvent(
  'steward.notification.sent.v1',
  'A message was delivered to its channel (put in the inbox, accepted by the webhook).',
  notificationBaseSchema.extend({ attempts: z.number().int().min(1).describe('deliveries tried, this one included') }),
);
export const notificationFailed = notificationEvent(
  'steward.notification.failed.v1',
  'A message could not be delivered after its last retry (dead-lettered in the service).',
  notificationBaseSchema.extend({ attempts: z.number().int().min(1), reason: z.string().min(1) }),
);
export const notificationRead = notificationEvent(
  'steward.notification.read.v1',
  'The recipient marked an inbox message read.',
  notificationBaseSchema.extend({ readAt: isoDateTime }),
);

export const notificationEvents = [notificationSent, notificationFailed, notificationRead] as const;
