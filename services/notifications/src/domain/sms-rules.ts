import type { DeliveryOutcome } from './delivery-channel';

/**
 * Rules of the SMS channel (短信) that need no provider: which numbers can
 * get a text, what a provider template's parameters are, and what a
 * provider's answer means for the delivery queue. The Tencent Cloud adapter
 * (`application/sms-channel.ts`) only moves them over the wire.
 */

/** Mainland mobile number (手机号), as members' phone rules spell it: 1[3-9] and nine digits. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone as a reporter gave it (spaces, dashes, +86/0086/86 prefixes) →
 * E.164 `+86…`, or null when it is no mainland mobile number (a landline, a
 * foreign or malformed number): no SMS can reach it.
 */
export function toMainlandE164(phone: string): string | null {
  let digits = phone.trim().replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return MAINLAND_MOBILE.test(digits) ? `+86${digits}` : null;
}

/** The longest value one template parameter carries (providers cap variables; longer free text is cut with …). */
export const SMS_PARAM_MAX_CHARS = 20;

/** One template parameter: trimmed, one line, at most SMS_PARAM_MAX_CHARS characters. */
export function smsParam(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= SMS_PARAM_MAX_CHARS ? flat : `${chars.slice(0, SMS_PARAM_MAX_CHARS - 1).join('')}…`;
}

/**
 * The provider template of a rule template: the text without the signature
 * (the provider adds 【SignName】 itself) and with `{1}`, `{2}`, … for the
 * placeholders in order of appearance, as Tencent Cloud templates number them.
 * What to register with the provider (README, "SMS").
 */
export function providerTemplate(template: string): string {
  let index = 0;
  return template.replace(/^【[^】]*】/, '').replace(/\{(\w+)\}/g, () => `{${++index}}`);
}

/** Codes of Tencent Cloud's SMS API (per number in SendStatusSet, or the request's Error.Code). */
const OK = 'Ok';

/** Throttling: the provider's limits per number (30 s, 1 h, a day) or per app; sent later, not dropped. */
const RETRY_AFTER_MS: readonly (readonly [RegExp, number])[] = [
  [/^LimitExceeded\.PhoneNumberThirtySecondLimit$/, 30_000],
  [/^LimitExceeded\.PhoneNumberOneHourLimit$/, 60 * 60_000],
  [/^LimitExceeded\.PhoneNumberDailyLimit$/, 6 * 60 * 60_000],
  [/^LimitExceeded\.PhoneNumberSameContentDailyLimit$/, 6 * 60 * 60_000],
  [/^LimitExceeded\.AppDailyLimit$/, 60 * 60_000],
  [/^LimitExceeded\./, 60_000],
  [/^RequestLimitExceeded/, 5_000],
];

/** Transient trouble on the provider's side: tried again with backoff. */
const TRANSIENT = [/^InternalError/, /^ResourceUnavailable/, /^ServiceUnavailable/];

/**
 * One provider code → the outcome: `Ok` is delivered; throttling (LimitExceeded.*,
 * RequestLimitExceeded) and internal errors retry; everything else (an invalid
 * number, template, signature, app id, parameters, credentials, an exhausted
 * package) fails permanently and the delivery is dead-lettered.
 */
export function outcomeOfCode(code: string, message: string, serialNo?: string): DeliveryOutcome {
  if (code === OK) return { status: 'DELIVERED', ...(serialNo ? { providerMessageId: serialNo } : {}) };
  const reason = `${code}: ${message}`.slice(0, 300);
  const throttled = RETRY_AFTER_MS.find(([pattern]) => pattern.test(code));
  if (throttled) return { status: 'RETRY', reason, retryAfterMs: throttled[1] };
  if (TRANSIENT.some((pattern) => pattern.test(code))) return { status: 'RETRY', reason };
  return { status: 'FAILED', reason };
}

/** An HTTP status without a provider answer: 5xx and 429 retry, other statuses fail. */
export function outcomeOfHttpStatus(status: number): DeliveryOutcome {
  const reason = `HTTP ${status}`;
  return status >= 500 || status === 429 ? { status: 'RETRY', reason } : { status: 'FAILED', reason };
}
