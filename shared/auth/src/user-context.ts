import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { principalSchema, type Principal } from './principal';

/**
 * The gateway forwards the caller to a subgraph in four headers: the principal
 * (base64url JSON), a timestamp, the subgraph the request is meant for (its
 * audience) and an HMAC-SHA256 over all of them and the SHA-256 of the exact
 * request body. Each subgraph verifies with its own key, derived from the
 * gateway's master secret (`deriveSubgraphKey`), so
 * - a call around the gateway, a forged or swapped principal, a replay of an
 *   old header set (older than `maxAgeMs`) all fail;
 * - a header set captured on its way to one subgraph is worthless at another
 *   (other audience, other key), and a subgraph's key signs for no other;
 * - a header set cannot carry another operation (the body is signed).
 */
export const USER_CONTEXT_HEADER = 'x-steward-user';
export const TIMESTAMP_HEADER = 'x-steward-timestamp';
export const AUDIENCE_HEADER = 'x-steward-audience';
export const SIGNATURE_HEADER = 'x-steward-signature';
export const DEFAULT_MAX_AGE_MS = 60_000;

const SIGNATURE_VERSION = 'v2';
const SIGNATURE_PREFIX = `${SIGNATURE_VERSION}=`;
const KEY_DERIVATION_LABEL = 'steward-user-context:';
/** A derived subgraph key as configured: 32 bytes, hex. */
export const SUBGRAPH_KEY_PATTERN = /^[0-9a-f]{64}$/;

export type UserContextHeaders = Record<
  typeof USER_CONTEXT_HEADER | typeof TIMESTAMP_HEADER | typeof AUDIENCE_HEADER | typeof SIGNATURE_HEADER,
  string
>;

export type ContextRefusal = 'MISSING' | 'MALFORMED' | 'WRONG_AUDIENCE' | 'BAD_SIGNATURE' | 'STALE';
export type VerifiedContext = { ok: true; principal: Principal } | { ok: false; reason: ContextRefusal };

/** The body a request carries: the exact bytes sent (a string is sent as UTF-8); none for a GET. */
export type RequestBody = string | Uint8Array | undefined | null;

/** What a signature is bound to besides the principal and the time. */
export interface SignedRequest {
  /** the subgraph the request goes to, as the supergraph names it: org, members, tickets, visits, assessment */
  audience: string;
  body: RequestBody;
}

/** `HMAC-SHA256(masterSecret, "steward-user-context:" + subgraph)`, hex: the only key `subgraph` needs to verify the gateway's calls. */
export function deriveSubgraphKey(masterSecret: string, subgraph: string): string {
  return createHmac('sha256', masterSecret).update(KEY_DERIVATION_LABEL + subgraph).digest('hex');
}

/** SHA-256 of the body's bytes, hex (the hash of nothing for a request without a body). */
export function bodyDigest(body: RequestBody): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

function mac(subgraphKey: string, audience: string, timestamp: string, digest: string, encodedUser: string): string {
  return createHmac('sha256', Buffer.from(subgraphKey, 'hex'))
    .update([SIGNATURE_VERSION, audience, timestamp, digest, encodedUser].join('\n'))
    .digest('hex');
}

/** The principal as the `x-steward-user` header carries it: base64url JSON. */
export function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal)).toString('base64url');
}

/** Signs a request to `request.audience` with that subgraph's derived key; the principal as `encodePrincipal` gives it. */
export function signEncodedUserContext(encodedPrincipal: string, subgraphKey: string, request: SignedRequest, now: number = Date.now()): UserContextHeaders {
  const timestamp = String(now);
  return {
    [USER_CONTEXT_HEADER]: encodedPrincipal,
    [TIMESTAMP_HEADER]: timestamp,
    [AUDIENCE_HEADER]: request.audience,
    [SIGNATURE_HEADER]: SIGNATURE_PREFIX + mac(subgraphKey, request.audience, timestamp, bodyDigest(request.body), encodedPrincipal),
  };
}

/** Signs a request to `request.audience` with that subgraph's derived key. */
export function signUserContext(principal: Principal, subgraphKey: string, request: SignedRequest, now: number = Date.now()): UserContextHeaders {
  return signEncodedUserContext(encodePrincipal(principal), subgraphKey, request, now);
}

export type UserContextSigner = (principal: Principal | { encoded: string }, request: SignedRequest, now?: number) => UserContextHeaders;

/**
 * Signs for any subgraph with the master secret (the gateway, test stacks),
 * deriving each subgraph's key once. Takes a principal or its encoded form.
 */
export function userContextSigner(masterSecret: string): UserContextSigner {
  const keys = new Map<string, string>();
  return (principal, request, now) => {
    let key = keys.get(request.audience);
    if (key === undefined) {
      key = deriveSubgraphKey(masterSecret, request.audience);
      keys.set(request.audience, key);
    }
    const encoded = 'encoded' in principal ? principal.encoded : encodePrincipal(principal);
    return signEncodedUserContext(encoded, key, request, now);
  };
}

type Headers = Record<string, string | string[] | undefined>;

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
}

interface ContextHeaderSet {
  encoded: string;
  timestamp: string;
  audience: string;
  signature: string;
}

/**
 * The header set's shape, checked without any key or body: lets a subgraph
 * refuse an unsigned or malformed request before it reads the body.
 */
export function readUserContextHeaders(headers: Headers): { ok: true; headers: ContextHeaderSet } | { ok: false; reason: 'MISSING' | 'MALFORMED' } {
  const encoded = headerValue(headers, USER_CONTEXT_HEADER);
  const timestamp = headerValue(headers, TIMESTAMP_HEADER);
  const audience = headerValue(headers, AUDIENCE_HEADER);
  const signature = headerValue(headers, SIGNATURE_HEADER);
  if ([encoded, timestamp, audience, signature].every((value) => value === undefined)) return { ok: false, reason: 'MISSING' };
  if (!encoded || !timestamp || !audience || !signature?.startsWith(SIGNATURE_PREFIX) || !/^\d{1,16}$/.test(timestamp)) {
    return { ok: false, reason: 'MALFORMED' };
  }
  const given = signature.slice(SIGNATURE_PREFIX.length);
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'MALFORMED' };
  return { ok: true, headers: { encoded, timestamp, audience, signature: given } };
}

function signatureMatches(expectedHex: string, givenHex: string): boolean {
  return timingSafeEqual(Buffer.from(givenHex, 'hex'), Buffer.from(expectedHex, 'hex'));
}

export interface VerificationKeys {
  /** this subgraph's name: a context signed for another is refused */
  audience: string;
  /** this subgraph's derived keys: the current one and, during a rotation, the previous ones */
  keys: readonly string[];
}

export function verifyUserContext(
  headers: Headers,
  body: RequestBody,
  { audience, keys }: VerificationKeys,
  now: number = Date.now(),
  maxAgeMs: number = DEFAULT_MAX_AGE_MS,
): VerifiedContext {
  const read = readUserContextHeaders(headers);
  if (!read.ok) return read;
  const { encoded, timestamp, signature } = read.headers;
  if (read.headers.audience !== audience) return { ok: false, reason: 'WRONG_AUDIENCE' };
  const digest = bodyDigest(body);
  if (!keys.some((key) => signatureMatches(mac(key, audience, timestamp, digest, encoded), signature))) return { ok: false, reason: 'BAD_SIGNATURE' };
  // checked after the signature, so a stale answer is only given to holders of a key
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
