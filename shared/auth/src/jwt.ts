// Imported as `@steward/auth/jwt`, not from the index: only the gateway
// (verify) and members (issue) need jose, an ES module that CommonJS loads
// through require(esm) (Node 20.19+ / 22.12+).
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { AuthenticatedPrincipal } from './principal';
import { claimsOf, principalFromClaims, sessionFromClaims, type TokenSession } from './token-claims';

export interface LocalIssuerSettings {
  issuer: string;
  audience: string;
  /** HS256 key, at least 32 bytes. */
  secret: string;
  ttlSeconds: number;
}

export type TokenVerifierSettings =
  | { kind: 'local'; issuer: string; audience: string; secret: string }
  | { kind: 'oidc'; issuer: string; audience: string; jwksUrl: string };

/**
 * A signed token for `principal`, carrying its sign-in `session` (a fresh id
 * per sign-in and the member's credentials version then; 0 for the
 * administrator and service accounts, which have no member record).
 */
export async function issueToken(
  principal: AuthenticatedPrincipal,
  settings: LocalIssuerSettings,
  session: TokenSession,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT(claimsOf(principal, session))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(settings.secret));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
  }
}

export interface VerifiedToken {
  principal: AuthenticatedPrincipal;
  /** the sign-in the token belongs to; null for a token without session claims (an external issuer's) */
  session: TokenSession | null;
}

const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies a bearer token (signature, issuer, audience, expiry) and returns its principal and session.
 * With `cacheSize`, up to that many verified tokens are remembered by their exact text until they
 * expire: a token's signature and claims never change, so a later request with the same token
 * skips the signature check, and its expiry is still checked on every use. (Revocation is not the
 * verifier's: the gateway checks it for every request.) The oldest entry goes first when it is full.
 */
export function createTokenVerifier(settings: TokenVerifierSettings, { cacheSize = 0 }: { cacheSize?: number } = {}): (token: string) => Promise<VerifiedToken> {
  const key: Uint8Array | JWTVerifyGetKey =
    settings.kind === 'local' ? new TextEncoder().encode(settings.secret) : createRemoteJWKSet(new URL(settings.jwksUrl));
  const algorithms = settings.kind === 'local' ? ['HS256'] : ['RS256', 'ES256', 'EdDSA', 'PS256'];
  const verified = new Map<string, { token: VerifiedToken; validUntilMs: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Date.now() < known.validUntilMs) return known.token;
    if (known) verified.delete(token);
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, { issuer: settings.issuer, audience: settings.audience, algorithms, clockTolerance: CLOCK_TOLERANCE_SECONDS }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new InvalidTokenError(code === 'ERR_JWT_EXPIRED' ? 'expired' : 'signature or claims rejected');
    }
    const principal = principalFromClaims(payload);
    if (!principal) throw new InvalidTokenError('claims are not a Village Steward principal');
    const result = { principal, session: sessionFromClaims(payload) };
    const exp = (payload as { exp?: unknown }).exp;
    if (cacheSize > 0 && typeof exp === 'number') {
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      // as jwtVerify judges expiry: exp plus the clock tolerance
      verified.set(token, { token: result, validUntilMs: (exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
    }
    return result;
  };
}
