import { createHmac, timingSafeEqual } from 'node:crypto';
import { principalSchema, type Principal } from './principal';

/**
 * The gateway forwards the caller to subgraphs in three headers: the
 * principal (base64url JSON), a timestamp and an HMAC-SHA256 over both. A
 * subgraph accepts a request only with a valid signature under one of its
 * secrets (the current one and, during a rotation, the previous one) and a
 * timestamp within `maxAgeMs`, so a call around the gateway, a forged context
 * or a replay of an old header set all fail.
 */
export const USER_CONTEXT_HEADER = 'x-steward-user';
export const TIMESTAMP_HEADER = 'x-steward-timestamp';
export const SIGNATURE_HEADER = 'x-steward-signature';
export const DEFAULT_MAX_AGE_MS = 60_000;

const SIGNATURE_PREFIX = 'v1=';

export type UserContextHeaders = Record<typeof USER_CONTEXT_HEADER | typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER, string>;

export type VerifiedContext = { ok: true; principal: Principal } | { ok: false; reason: 'MISSING' | 'MALFORMED' | 'BAD_SIGNATURE' | 'STALE' };

function hmac(secret: string, timestamp: string, encoded: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${encoded}`).digest('hex');
}

export function signUserContext(principal: Principal, secret: string, now: number = Date.now()): UserContextHeaders {
  const encoded = Buffer.from(JSON.stringify(principal)).toString('base64url');
  const timestamp = String(now);
  return {
    [USER_CONTEXT_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: SIGNATURE_PREFIX + hmac(secret, timestamp, encoded),
  };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
}

function signatureMatches(expectedHex: string, given: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function verifyUserContext(
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly string[],
  now: number = Date.now(),
  maxAgeMs: number = DEFAULT_MAX_AGE_MS,
): VerifiedContext {
  const encoded = headerValue(headers, USER_CONTEXT_HEADER);
  const timestamp = headerValue(headers, TIMESTAMP_HEADER);
  const signature = headerValue(headers, SIGNATURE_HEADER);
  if (encoded === undefined && timestamp === undefined && signature === undefined) return { ok: false, reason: 'MISSING' };
  if (!encoded || !timestamp || !signature?.startsWith(SIGNATURE_PREFIX) || !/^\d{1,16}$/.test(timestamp)) {
    return { ok: false, reason: 'MALFORMED' };
  }
  const given = signature.slice(SIGNATURE_PREFIX.length);
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'MALFORMED' };
  if (!secrets.some((secret) => signatureMatches(hmac(secret, timestamp, encoded), given))) return { ok: false, reason: 'BAD_SIGNATURE' };
  // checked after the signature, so a stale answer is only given to holders of the secret
  if (Math.abs(now - Number(timestamp)) > maxAgeMs) return { ok: false, reason: 'STALE' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'MALFORMED' };
  }
  const parsed = principalSchema.safeParse(decoded);
  return parsed.success ? { ok: true, principal: parsed.data } : { ok: false, reason: 'MALFORMED' };
}
