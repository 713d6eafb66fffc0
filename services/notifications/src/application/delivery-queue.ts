import type { Logger } from '@steward/service-kit/core';
import { deliveryId, type PlannedDelivery } from '../domain/delivery-channel';
import { planExternalDeliveries } from '../domain/delivery-plan';
import { quietHoursApply, quietHoursEnd, rateLimitKey } from '../domain/delivery-policy';
import type { PlannedNotification } from '../domain/notification-rules';
import type { DeliveryRepository } from '../persistence/delivery.repository';
import type { WebhookRepository } from '../persistence/webhook.repository';
import type { DeliveryConfig } from './delivery.config';

/** The facts of the ticket event that caused the messages. */
export interface DeliverySource {
  eventId: string;
  eventType: string;
  occurredAt: Date;
  ticketId: string;
  ticketNumber: string | null;
  unitId: string | null;
  /** the ticket's unit and its ancestors */
  orgPath: readonly string[];
  ruleVersion: string;
}

/**
 * Puts the external deliveries of one event's messages in the queue: each
 * inserted once (its `_id` derived from event, target and channel), due at
 * once or, for a resident's SMS planned in quiet hours, at the window's end.
 * The dispatcher sends them.
 */
export class DeliveryQueue {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly webhooks: WebhookRepository,
    private readonly config: Pick<DeliveryConfig, 'quietHours'>,
    private readonly logger: Logger,
  ) {}

  /** `phones`: a resident recipient id → the phone its SMS goes to (an SMS without one is not queued). */
  async enqueue(
    source: DeliverySource,
    planned: readonly PlannedNotification[],
    inboxIds: ReadonlyMap<string, string>,
    phones: ReadonlyMap<string, string> = new Map(),
  ): Promise<number> {
    if (planned.length === 0) return 0;
    const webhooks = await this.webhooks.activeOn(source.orgPath);
    const deliveries = planExternalDeliveries(
      planned,
      webhooks.map((webhook) => ({ id: webhook._id, unitId: webhook.unitId, eventTypes: webhook.eventTypes })),
      source.orgPath,
      source.eventType,
      inboxIds,
      phones,
    );
    let queued = 0;
    for (const delivery of deliveries) if (await this.insert(source, delivery)) queued += 1;
    return queued;
  }

  private async insert(source: DeliverySource, delivery: PlannedDelivery): Promise<boolean> {
    const now = new Date();
    const quietUntil = quietHoursApply(delivery.channel, delivery.recipient.kind) ? quietHoursEnd(now, this.config.quietHours) : null;
    const id = deliveryId(delivery.channel, source.eventId, delivery.target);
    const inserted = await this.deliveries.insertOnce({
      _id: id,
      channel: delivery.channel,
      target: delivery.target,
      ...(delivery.endpointId ? { endpointId: delivery.endpointId } : {}),
      ...(delivery.notificationId ? { notificationId: delivery.notificationId } : {}),
      sourceEventId: source.eventId,
      sourceEventType: source.eventType,
      occurredAt: source.occurredAt.toISOString(),
      template: delivery.template,
      text: delivery.text,
      ...(delivery.templateParams ? { templateParams: delivery.templateParams } : {}),
      ticketId: source.ticketId,
      ticketNumber: source.ticketNumber,
      unitId: source.unitId,
      orgPath: [...source.orgPath],
      recipient: delivery.recipient,
      ruleVersion: source.ruleVersion,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: quietUntil ?? now,
      lastError: null,
      providerMessageId: null,
      createdAt: now,
      deliveredAt: null,
      deadAt: null,
      rateKey: rateLimitKey(delivery.channel, delivery.target),
    });
    if (!inserted) this.logger.debug({ deliveryId: id }, 'delivery exists already (event delivered again)');
    return inserted;
  }
}
