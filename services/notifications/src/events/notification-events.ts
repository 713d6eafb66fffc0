import { createEvent, notificationRead, notificationSent, type EventEnvelope } from '@steward/events';
import type { NotificationDocument } from '../persistence/notification.repository';

type Message = Omit<NotificationDocument, 'createdAt' | 'readAt' | 'version' | 'outbox' | 'outboxPending' | 'text'>;

/** The event fields of a message: which, caused by what, to whom, how; never its text. */
function facts(message: Message) {
  return {
    notificationId: message._id,
    sourceEventId: message.sourceEventId,
    sourceEventType: message.sourceEventType,
    ticketId: message.ticketId,
    recipientKind: message.recipientKind,
    recipientId: message.recipientId,
    channel: message.channel as 'INBOX',
    template: message.template,
    ruleVersion: message.ruleVersion,
  };
}

/** steward.notification.sent.v1 of a message put in the inbox (its first version). */
export function sentEvent(message: Message, at: Date): EventEnvelope {
  return createEvent(notificationSent, {
    subject: message._id,
    aggregateVersion: 1,
    time: at,
    data: { ...facts(message), attempts: 1, occurredAt: at.toISOString() },
  });
}

/** steward.notification.read.v1 of a message the recipient marked read. */
export function readEvent(message: NotificationDocument, at: Date): EventEnvelope {
  return createEvent(notificationRead, {
    subject: message._id,
    aggregateVersion: message.version + 1,
    time: at,
    data: { ...facts(message), readAt: at.toISOString(), occurredAt: at.toISOString() },
  });
}
