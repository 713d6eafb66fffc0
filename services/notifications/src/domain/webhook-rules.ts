import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { DeliveryOutcome, DeliveryRequest } from './delivery-channel';

/** Deliveries that wait longer than this for an answer count as a network failure (retry). */
export const WEBHOOK_TIMEOUT_MS = 5_000;
export const SIGNATURE_HEADER = 'X-Steward-Signature';
export const TIMESTAMP_HEADER = 'X-Steward-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const MAX_EVENT_TYPES = 50;

/** The input of registerWebhook (登记推送地址). */
export const registerWebhookSchema = z.strictObject({
  unitId: z.string().trim().min(1).max(100),
  url: z.string().trim().min(1).max(2000),
  eventTypes: z
    .array(z.string().trim().regex(/^steward\.[a-z-]+\.[a-z-]+\.v\d+$/, 'an event type such as steward.ticket.dispatched.v1'))
    .min(1)
    .max(MAX_EVENT_TYPES)
    .nullish(),
  description: z.string().trim().max(200).nullish(),
});
export type RegisterWebhookInput = z.infer<typeof registerWebhookSchema>;

/**
 * Whether `host` (a URL's hostname, IPv6 in brackets or not) names this
 * machine or a private network: localhost, loopback, RFC 1918, link-local,
 * carrier-grade NAT, unique-local IPv6, the unspecified address. A name is
 * judged by its text only; the application also checks what it resolves to.
 */
export function isPrivateHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal')) return true;
  const version = isIP(name);
  if (version === 4) return isPrivateIPv4(name);
  if (version === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    if (mapped) return isPrivateIPv4(mapped[1]);
    return name === '::' || name === '::1' || /^f[cd]/.test(name) || /^fe[89ab]/.test(name);
  }
  return false;
}

function isPrivateIPv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/**
 * A webhook URL's problem, or null when it is acceptable: http or https, no
 * user name or password in it, and (unless `allowPrivate`) not a private or
 * loopback host.
 */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (!allowPrivate && isPrivateHost(url.hostname)) return 'must not point at a loopback or private address (NOTIFICATIONS_WEBHOOK_ALLOW_PRIVATE)';
  return null;
}

/** Whether a webhook on the unit at `webhookUnitId` wants a message about a ticket at `ticketPath` caused by `eventType`. */
export function webhookWants(webhook: { unitId: string; eventTypes: readonly string[] | null }, ticketPath: readonly string[], eventType: string): boolean {
  return ticketPath.includes(webhook.unitId) && (!webhook.eventTypes || webhook.eventTypes.length === 0 || webhook.eventTypes.includes(eventType));
}

/** The JSON a webhook receives: the message and the ticket's ids, never a phone or a name. */
export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  template: string;
  text: string;
  ticket: { id: string; number: string | null; unitId: string | null };
  recipient: { kind: string; memberId: string | null };
}

export function webhookBody(request: DeliveryRequest): WebhookBody {
  return {
    id: request.deliveryId,
    type: request.sourceEventType,
    occurredAt: request.occurredAt,
    template: request.template,
    text: request.text,
    ticket: { id: request.ticketId, number: request.ticketNumber, unitId: request.unitId },
    recipient: { kind: request.recipient.kind, memberId: request.recipient.memberId ?? null },
  };
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the webhook's secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (tools/webhook-receiver.mjs does the same): recompute
 * the HMAC of "<t>.<body>", compare in constant time, and refuse a timestamp
 * older than `toleranceSeconds` (a replay).
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * An HTTP answer → the outcome: 2xx delivered; 408, 429 and 5xx retried
 * (honouring Retry-After); any other status (other 4xx, a redirect, which is
 * not followed) fails for good.
 */
export function classifyWebhookResponse(status: number, retryAfter: string | null, now: Date): DeliveryOutcome {
  if (status >= 200 && status < 300) return { status: 'DELIVERED' };
  if (status === 408 || status === 429 || status >= 500) return { status: 'RETRY', reason: `HTTP ${status}`, retryAfterMs: retryAfterMs(retryAfter, now) };
  return { status: 'FAILED', reason: status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` };
}
