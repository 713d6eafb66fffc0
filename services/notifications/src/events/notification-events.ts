import { createEvent, notificationFailed, notificationRead, notificationSent, type EventEnvelope } from '@steward/events';
import type { DeliveryRecord } from '../domain/delivery-channel';
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
    channel: 'INBOX' as const,
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

/**
 * The event fields of an external delivery: the delivery is the message
 * (`notificationId` = the delivery id), the recipient is the member it is
 * about or, for a webhook, the endpoint (see the event schema).
 */
function deliveryFacts(delivery: DeliveryRecord & { _id: string }) {
  return {
    notificationId: delivery._id,
    sourceEventId: delivery.sourceEventId,
    sourceEventType: delivery.sourceEventType,
    ticketId: delivery.ticketId,
    recipientKind: delivery.recipient.kind,
    recipientId: delivery.endpointId ?? delivery.recipient.memberId ?? delivery.target,
    channel: delivery.channel,
    template: delivery.template,
    ruleVersion: delivery.ruleVersion,
  };
}

/** steward.notification.sent.v1 of a delivery its channel accepted, on its try `attempts`. */
export function deliverySentEvent(delivery: DeliveryRecord & { _id: string; version: number }, attempts: number, at: Date): EventEnvelope {
  return createEvent(notificationSent, {
    subject: delivery._id,
    aggregateVersion: delivery.version + 1,
    time: at,
    data: { ...deliveryFacts(delivery), attempts, occurredAt: at.toISOString() },
  });
}

/** steward.notification.failed.v1 of a delivery dead-lettered after `attempts` tries. */
export function deliveryFailedEvent(delivery: DeliveryRecord & { _id: string; version: number }, attempts: number, reason: string, at: Date): EventEnvelope {
  return createEvent(notificationFailed, {
    subject: delivery._id,
    aggregateVersion: delivery.version + 1,
    time: at,
    data: { ...deliveryFacts(delivery), attempts, reason, occurredAt: at.toISOString() },
  });
}
