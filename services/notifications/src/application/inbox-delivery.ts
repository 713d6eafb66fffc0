import type { Logger } from '@steward/service-kit';
import type { PlannedNotification } from '../domain/notification-rules';
import { sentEvent } from '../events/notification-events';
import { notificationId, type NotificationRepository } from '../persistence/notification.repository';

/** What the planned messages of one consumed event share: the event, its ticket (if any), when it happened, the rule version. */
export interface MessageSource {
  eventId: string;
  eventType: string;
  ticketId: string | null;
  ticketNumber: string | null;
  occurredAt: Date;
  ruleVersion: string;
}

/**
 * Stores each planned inbox message once: its id is derived from (recipient,
 * event time, event, channel), and the message and its sent event are one
 * insert, so an event delivered again stores nothing new. Messages for
 * external channels (SMS) are left to the delivery queue. Answers the inbox
 * message id of each recipient, which the queue's deliveries refer to.
 */
export async function storeMessages(
  notifications: NotificationRepository,
  planned: readonly PlannedNotification[],
  source: MessageSource,
  logger: Logger,
): Promise<Map<string, string>> {
  const inboxIds = new Map<string, string>();
  for (const message of planned) {
    if (message.channel !== 'INBOX') continue;
    const fields = {
      recipientId: message.recipientId,
      recipientKind: message.recipientKind,
      channel: message.channel,
      sourceEventId: source.eventId,
      sourceEventType: source.eventType,
      ticketId: source.ticketId,
      ticketNumber: source.ticketNumber,
      template: message.template,
      ruleVersion: source.ruleVersion,
      text: message.text,
      occurredAt: source.occurredAt,
    };
    const id = notificationId(fields);
    inboxIds.set(message.recipientId, id);
    const inserted = await notifications.insertOnce(id, fields, [sentEvent({ _id: id, ...fields }, new Date())]);
    if (!inserted) logger.debug({ notificationId: id }, 'notification exists already (event delivered again)');
  }
  return inboxIds;
}
