import { createHash } from 'node:crypto';

/**
 * External delivery channels (外部通道): what leaves the service through a
 * provider that may fail, unlike the inbox. Each channel is an adapter that
 * turns one delivery request into an outcome; the dispatcher
 * (`application/delivery-dispatcher.ts`) owns the queue, retries, dead letters,
 * quiet hours and rate limits, so an adapter only talks to its provider.
 */
export const EXTERNAL_CHANNELS = ['WEBHOOK', 'SMS'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export function isExternalChannel(channel: string): channel is ExternalChannel {
  return (EXTERNAL_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Whom a delivery is about or for. `kind` is the rule table's recipient kind
 * (HANDLER, UNIT_DISPATCHERS, REPORTER, …; RESIDENT for a resident reached by
 * SMS); `memberId` for members, `phone` only for channels that need it (SMS).
 * A webhook body carries kind and memberId, never a phone or a name.
 */
export interface DeliveryRecipient {
  kind: string;
  memberId?: string;
  phone?: string;
}

/** One try of one delivery, handed to the channel's adapter. */
export interface DeliveryRequest {
  /** The idempotency key: the delivery's `_id`, stable across retries, restarts and instances. */
  deliveryId: string;
  channel: ExternalChannel;
  /** The inbox message the delivery mirrors, when there is one. */
  notificationId?: string;
  sourceEventId: string;
  sourceEventType: string;
  /** When the source event happened (ISO 8601). */
  occurredAt: string;
  template: string;
  text: string;
  /** The template's placeholder values in order of appearance (an SMS provider template's {1}, {2}, …). */
  templateParams?: string[];
  ticketId: string;
  ticketNumber: string | null;
  /** The ticket's responsible unit (a webhook body names it). */
  unitId: string | null;
  recipient: DeliveryRecipient;
  /** The channel's endpoint for this delivery (a webhook's id), if it has several. */
  endpointId?: string;
  /** 1 for the first try. */
  attempt: number;
}

/**
 * What a try came to. DELIVERED: the provider accepted it. RETRY: a transient
 * failure (timeout, 5xx, throttling); `retryAfterMs` is the provider's wish
 * (Retry-After), the dispatcher waits at least that. FAILED: permanent (a 4xx,
 * a bad number), the delivery is dead-lettered at once.
 */
export type DeliveryOutcome =
  | { status: 'DELIVERED'; providerMessageId?: string }
  | { status: 'RETRY'; reason: string; retryAfterMs?: number }
  | { status: 'FAILED'; reason: string };

/**
 * A channel. `enabled` false (not configured) leaves its deliveries PENDING
 * and untried until it is enabled, never dead. `deliver` must not throw for
 * provider failures (return RETRY or FAILED); a throw counts as RETRY.
 */
export interface DeliveryChannelAdapter {
  readonly channel: ExternalChannel;
  readonly enabled: boolean;
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>;
}

/** The adapters by channel: one per channel, a second is a wiring error. */
export class DeliveryChannelRegistry {
  private readonly adapters = new Map<ExternalChannel, DeliveryChannelAdapter>();

  constructor(adapters: readonly DeliveryChannelAdapter[]) {
    for (const adapter of adapters) {
      if (this.adapters.has(adapter.channel)) throw new Error(`delivery channels: two adapters for ${adapter.channel}`);
      this.adapters.set(adapter.channel, adapter);
    }
  }

  adapterFor(channel: ExternalChannel): DeliveryChannelAdapter | undefined {
    return this.adapters.get(channel);
  }

  /** Channels with an enabled adapter: the dispatcher picks only their deliveries. */
  enabledChannels(): ExternalChannel[] {
    return [...this.adapters.values()].filter((adapter) => adapter.enabled).map((adapter) => adapter.channel);
  }
}

/** PENDING until DELIVERED, or DEAD (dead letter: permanent failure or attempts used up). */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The stored delivery (collection `deliveries`): the request without its
 * attempt number, and the queue state. One per (source event, target,
 * channel): its `_id` is `deliveryId(...)`, so inserting it twice (a
 * redelivered event, a replay after a crash) stores one.
 */
export interface DeliveryRecord extends Omit<DeliveryRequest, 'attempt' | 'deliveryId'> {
  _id: string;
  /** What the channel delivers to: the webhook's id plus the recipient, a resident's contact key, … */
  target: string;
  /** The org path of the ticket's unit, for scoped reads (a webhook's deliveries). */
  orgPath: string[];
  ruleVersion: string;
  status: DeliveryStatus;
  /** Tries made so far. */
  attempts: number;
  /** When the next try is due (PENDING only); quiet hours and rate limits move it later. */
  nextAttemptAt: Date | null;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

/** A delivery a rule or a subscription asks for, before it is stored. */
export interface PlannedDelivery {
  channel: ExternalChannel;
  /** See DeliveryRecord.target; with the channel and the source event it makes the id. */
  target: string;
  recipient: DeliveryRecipient;
  endpointId?: string;
  notificationId?: string;
  template: string;
  text: string;
  /** See DeliveryRequest.templateParams. */
  templateParams?: string[];
}

/**
 * The `_id` and idempotency key of a delivery: a hash of (channel, source
 * event, target), so the same delivery always gets the same id and a phone
 * number in the target never shows in ids, headers or events.
 */
export function deliveryId(channel: ExternalChannel, sourceEventId: string, target: string): string {
  const digest = createHash('sha256').update(`${channel}\u0000${sourceEventId}\u0000${target}`).digest('hex').slice(0, 32);
  return `dlv_${channel.toLowerCase()}_${digest}`;
}
