import { retryBackoffMs } from '@steward/events';
import type { DeliveryOutcome, ExternalChannel } from './delivery-channel';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
export const HOUR_MS = 60 * MINUTE_MS;

/** Asia/Shanghai is UTC+8 all year (no daylight saving time). */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** A daily window of local time, `start` inclusive, `end` exclusive, in minutes after midnight; it may span midnight (22:00-08:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
  /** the local time's offset from UTC */
  offsetMinutes: number;
}

/** `22:00-08:00` → the window (Asia/Shanghai); throws on anything else, naming the format. */
export function parseQuietHours(text: string, offsetMinutes = SHANGHAI_OFFSET_MINUTES): QuietHours {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) throw new Error('quiet hours must be HH:MM-HH:MM, e.g. 22:00-08:00');
  const [, sh, sm, eh, em] = match.map(Number);
  const startMinute = sh * 60 + sm;
  const endMinute = eh * 60 + em;
  if (startMinute === endMinute) throw new Error('quiet hours: start and end must differ');
  return { startMinute, endMinute, offsetMinutes };
}

/**
 * The end of the quiet window `at` lies in, or null when it lies outside:
 * a delivery planned inside the window is sent when the window ends, not
 * dropped (e.g. 23:10 → 08:00 the next morning, 06:00 → 08:00 that morning).
 */
export function quietHoursEnd(at: Date, quiet: QuietHours): Date | null {
  const localMs = at.getTime() + quiet.offsetMinutes * MINUTE_MS;
  const minuteOfDay = Math.floor(localMs / MINUTE_MS) % DAY_MINUTES;
  const spansMidnight = quiet.startMinute > quiet.endMinute;
  const inside = spansMidnight
    ? minuteOfDay >= quiet.startMinute || minuteOfDay < quiet.endMinute
    : minuteOfDay >= quiet.startMinute && minuteOfDay < quiet.endMinute;
  if (!inside) return null;
  const localMidnight = localMs - (localMs % (DAY_MINUTES * MINUTE_MS));
  const endDay = spansMidnight && minuteOfDay >= quiet.startMinute ? 1 : 0;
  return new Date(localMidnight + (endDay * DAY_MINUTES + quiet.endMinute) * MINUTE_MS - quiet.offsetMinutes * MINUTE_MS);
}

/** Quiet hours protect residents' phones only: members (and machines behind webhooks) are reached at any hour. */
export function quietHoursApply(channel: ExternalChannel, recipientKind: string): boolean {
  return channel === 'SMS' && recipientKind === 'RESIDENT';
}

/**
 * The key a delivery counts against in the per-recipient rate limit: one
 * person on one channel (`SMS:<target>`). Webhooks are not limited: the
 * endpoint is a machine that throttles with 429 and Retry-After, which the
 * dispatcher honours.
 */
export function rateLimitKey(channel: ExternalChannel, target: string): string | null {
  return channel === 'WEBHOOK' ? null : `${channel}:${target}`;
}

/**
 * When a delivery over the limit may go: `limit` deliveries per recipient and
 * channel in any hour. `recentDeliveredAt` are the times of its deliveries in
 * the hour before `now`. Null: it may go now; else the moment the oldest
 * counted one leaves the window (excess is deferred, never dropped).
 */
export function rateLimitDeferral(recentDeliveredAt: readonly Date[], limit: number, now: Date): Date | null {
  const windowStart = now.getTime() - HOUR_MS;
  const inWindow = recentDeliveredAt.map((at) => at.getTime()).filter((at) => at > windowStart).sort((a, b) => a - b);
  if (inWindow.length < limit) return null;
  return new Date(inWindow[inWindow.length - limit] + HOUR_MS);
}

export interface RetryPolicy {
  /** tries before a delivery is dead (the first included) */
  maxAttempts: number;
  /** the first retry's delay; each further retry doubles it */
  baseDelayMs: number;
  /** the longest delay between tries (also caps a Retry-After) */
  maxDelayMs: number;
}

/**
 * The delay before the next try after `attempts` tries: exponential
 * (base, 2×base, 4×base, … capped) with jitter (a random 50–100 % of it, so
 * deliveries that failed together do not retry together), and at least the
 * provider's Retry-After (capped too). `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, retryAfterMs: number | undefined, random: number): number {
  const exponential = retryBackoffMs(attempts, policy.baseDelayMs, policy.maxDelayMs);
  const jittered = Math.round(exponential * (0.5 + random / 2));
  return Math.min(Math.max(jittered, retryAfterMs ?? 0), policy.maxDelayMs);
}

/** What becomes of a delivery after a try. */
export type DeliveryTransition =
  | { status: 'DELIVERED'; providerMessageId: string | null }
  | { status: 'PENDING'; nextAttemptAt: Date; lastError: string }
  | { status: 'DEAD'; lastError: string };

/**
 * A try's outcome → the delivery's next state. `attempts` counts the try just
 * made. RETRY dies too once the attempts are used up; FAILED dies at once.
 */
export function afterAttempt(outcome: DeliveryOutcome, attempts: number, policy: RetryPolicy, now: Date, random: number): DeliveryTransition {
  switch (outcome.status) {
    case 'DELIVERED':
      return { status: 'DELIVERED', providerMessageId: outcome.providerMessageId ?? null };
    case 'FAILED':
      return { status: 'DEAD', lastError: outcome.reason };
    case 'RETRY':
      if (attempts >= policy.maxAttempts) return { status: 'DEAD', lastError: `${outcome.reason} (gave up after ${attempts} attempts)` };
      return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy, outcome.retryAfterMs, random)), lastError: outcome.reason };
  }
}
