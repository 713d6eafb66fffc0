import type { Logger } from '@steward/service-kit/core';
import type { DeliveryChannelRegistry, DeliveryOutcome, DeliveryRequest } from '../domain/delivery-channel';
import { afterAttempt, HOUR_MS, quietHoursApply, quietHoursEnd, rateLimitDeferral } from '../domain/delivery-policy';
import { deliveryFailedEvent, deliverySentEvent } from '../events/notification-events';
import type { DeliveryDocument, DeliveryRepository } from '../persistence/delivery.repository';
import type { DeliveryConfig } from './delivery.config';

/** Due deliveries read per pass; a full batch is followed at once by the next. */
const BATCH = 100;
/** Deliveries tried at once (different recipients; one recipient's go one after the other, for the rate limit). */
const CONCURRENCY = 8;
/**
 * How long a taken delivery is held before it counts as abandoned: a process
 * that crashed between sending and recording leaves it PENDING with the try
 * counted, and it is tried again after this (the receiver drops the repeat
 * by its Idempotency-Key). Longer than any adapter may take.
 */
export const IN_FLIGHT_HOLD_MS = 2 * 60_000;

/** A finished delivery keeps no phone (a resident's SMS): the number is needed only while it may still be sent. */
function withoutPhone(delivery: DeliveryDocument): Pick<DeliveryDocument, 'recipient'> | Record<string, never> {
  if (delivery.recipient.phone === undefined) return {};
  const { phone: _phone, ...recipient } = delivery.recipient;
  return { recipient };
}

export function requestOf(delivery: DeliveryDocument, attempt: number): DeliveryRequest {
  return {
    deliveryId: delivery._id,
    channel: delivery.channel,
    notificationId: delivery.notificationId,
    sourceEventId: delivery.sourceEventId,
    sourceEventType: delivery.sourceEventType,
    occurredAt: delivery.occurredAt,
    template: delivery.template,
    text: delivery.text,
    ...(delivery.templateParams ? { templateParams: delivery.templateParams } : {}),
    ticketId: delivery.ticketId,
    ticketNumber: delivery.ticketNumber,
    unitId: delivery.unitId,
    recipient: delivery.recipient,
    endpointId: delivery.endpointId,
    attempt,
  };
}

/**
 * Works the delivery queue (run by ONE instance, the holder of the lease
 * `notifications:delivery-dispatcher`): picks due PENDING deliveries of the
 * enabled channels, holds back those in quiet hours or over the rate limit
 * (a new `nextAttemptAt`, no try counted), takes each by a version-guarded
 * write (try counted, held for IN_FLIGHT_HOLD_MS) so no two processes send
 * it at once, calls the channel, and records the outcome: DELIVERED with
 * sent.v1, PENDING with the next try after backoff, or DEAD with failed.v1.
 */
export class DeliveryDispatcher {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly channels: DeliveryChannelRegistry,
    private readonly config: DeliveryConfig,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** Passes over the due deliveries until none is left or the lease is lost. */
  async run(stillLeader: () => boolean): Promise<void> {
    for (;;) {
      const due = await this.deliveries.due(this.channels.enabledChannels(), new Date(), BATCH);
      const lanes = new Map<string, DeliveryDocument[]>();
      for (const delivery of due) lanes.set(delivery.rateKey ?? delivery._id, [...(lanes.get(delivery.rateKey ?? delivery._id) ?? []), delivery]);
      const queue = [...lanes.values()];
      const worker = async () => {
        for (let lane = queue.shift(); lane; lane = queue.shift()) {
          for (const delivery of lane) {
            if (!stillLeader()) return;
            await this.process(delivery).catch((error: unknown) => this.logger.error({ err: error, deliveryId: delivery._id }, 'delivery failed to process; it stays pending'));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
      if (due.length < BATCH || !stillLeader()) return;
    }
  }

  /** One due delivery: hold it back, or take it, try it and record what came of it. */
  async process(delivery: DeliveryDocument): Promise<void> {
    const now = new Date();
    const holdUntil = await this.heldBackUntil(delivery, now);
    if (holdUntil) {
      await this.deliveries.change(delivery, { set: { nextAttemptAt: holdUntil } });
      return;
    }
    const adapter = this.channels.adapterFor(delivery.channel);
    if (!adapter?.enabled) return;
    const attempt = delivery.attempts + 1;
    const taken = await this.deliveries.change(delivery, { set: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + IN_FLIGHT_HOLD_MS) } });
    if (!taken) return; // another process changed it since it was read

    let outcome: DeliveryOutcome;
    try {
      outcome = await adapter.deliver(requestOf(taken, attempt));
    } catch (error) {
      outcome = { status: 'RETRY', reason: `channel error: ${(error as Error).message}` };
    }
    const at = new Date();
    const next = afterAttempt(outcome, attempt, this.config.retry, at, this.random());
    const log = { deliveryId: delivery._id, channel: delivery.channel, attempt };
    let written: DeliveryDocument | null;
    switch (next.status) {
      case 'DELIVERED':
        written = await this.deliveries.change(taken, {
          set: { status: 'DELIVERED', deliveredAt: at, nextAttemptAt: null, providerMessageId: next.providerMessageId, ...withoutPhone(taken) },
          events: [deliverySentEvent(taken, attempt, at)],
        });
        this.logger.info(log, 'delivered');
        break;
      case 'PENDING':
        written = await this.deliveries.change(taken, { set: { nextAttemptAt: next.nextAttemptAt, lastError: next.lastError } });
        this.logger.info({ ...log, reason: next.lastError, nextAttemptAt: next.nextAttemptAt }, 'delivery will be retried');
        break;
      case 'DEAD':
        written = await this.deliveries.change(taken, {
          set: { status: 'DEAD', deadAt: at, nextAttemptAt: null, lastError: next.lastError, ...withoutPhone(taken) },
          events: [deliveryFailedEvent(taken, attempt, next.lastError, at)],
        });
        this.logger.warn({ ...log, reason: next.lastError }, 'delivery dead-lettered');
        break;
    }
    if (!written) this.logger.warn(log, 'delivery changed while it was tried; its outcome is not recorded and it will be tried again');
  }

  /** When a delivery may go if not now: quiet hours (residents' SMS) or the recipient's rate limit. */
  private async heldBackUntil(delivery: DeliveryDocument, now: Date): Promise<Date | null> {
    if (quietHoursApply(delivery.channel, delivery.recipient.kind)) {
      const end = quietHoursEnd(now, this.config.quietHours);
      if (end) return end;
    }
    if (delivery.rateKey) {
      const recent = await this.deliveries.deliveredSince(delivery.rateKey, new Date(now.getTime() - HOUR_MS));
      return rateLimitDeferral(recent, this.config.rateLimitPerHour, now);
    }
    return null;
  }
}
