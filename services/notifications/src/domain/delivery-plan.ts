import { isExternalChannel, type DeliveryRecipient, type PlannedDelivery } from './delivery-channel';
import { isResidentKind, type PlannedNotification } from './notification-rules';
import { webhookWants } from './webhook-rules';

/** What planning needs of a webhook. */
export interface WebhookSubscription {
  id: string;
  unitId: string;
  eventTypes: readonly string[] | null;
}

/** Residents are not members: their deliveries carry no member id, and the kind RESIDENT (quiet hours protect them). */
function recipientOf(message: Pick<PlannedNotification, 'recipientKind' | 'recipientId'>): DeliveryRecipient {
  return isResidentKind(message.recipientKind) ? { kind: 'RESIDENT' } : { kind: message.recipientKind, memberId: message.recipientId };
}

/**
 * The external deliveries of one event's planned messages: each message of an
 * external channel (SMS) itself, and for every webhook that wants the event
 * (its unit on the ticket's path, its event types) one delivery per recipient
 * of the event (the first message planned for that recipient), mirroring the
 * inbox message when there is one (`inboxIds`: recipient id → inbox message id).
 */
export function planExternalDeliveries(
  planned: readonly PlannedNotification[],
  webhooks: readonly WebhookSubscription[],
  ticketPath: readonly string[],
  eventType: string,
  inboxIds: ReadonlyMap<string, string> = new Map(),
  phones: ReadonlyMap<string, string> = new Map(),
): PlannedDelivery[] {
  const deliveries: PlannedDelivery[] = [];
  for (const message of planned) {
    if (!isExternalChannel(message.channel)) continue;
    // an SMS goes to a resident's phone (`phones`: recipient id → phone); none without one
    const phone = phones.get(message.recipientId);
    if (message.channel === 'SMS' && phone === undefined) continue;
    deliveries.push({
      channel: message.channel,
      target: message.recipientId,
      recipient: { ...recipientOf(message), ...(message.channel === 'SMS' ? { phone } : {}) },
      template: message.template,
      text: message.text,
      ...(message.templateParams.length > 0 ? { templateParams: message.templateParams } : {}),
    });
  }
  const wanting = webhooks.filter((webhook) => webhookWants(webhook, ticketPath, eventType));
  const firstPerRecipient = new Map<string, PlannedNotification>();
  // webhooks mirror what members are told; a resident's SMS (and its phone) never goes to one
  for (const message of planned) {
    if (!isResidentKind(message.recipientKind) && !firstPerRecipient.has(message.recipientId)) firstPerRecipient.set(message.recipientId, message);
  }
  for (const webhook of wanting) {
    for (const message of firstPerRecipient.values()) {
      deliveries.push({
        channel: 'WEBHOOK',
        target: `${webhook.id}:${message.recipientId}`,
        endpointId: webhook.id,
        notificationId: inboxIds.get(message.recipientId),
        recipient: recipientOf(message),
        template: message.template,
        text: message.text,
      });
    }
  }
  return deliveries;
}
