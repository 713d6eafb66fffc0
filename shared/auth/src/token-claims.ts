import { z } from 'zod';
import { roleGrantSchema, type AuthenticatedPrincipal } from './principal';

/**
 * The private claims a Village Steward token carries beside `sub` and `name`.
 * The local issuer (members' `login`) writes them; an external OIDC issuer
 * must be configured to add the same claims (the session claims are optional
 * there: an IdP revokes its own tokens).
 */
export const CLAIM_KIND = 'stw_kind';
export const CLAIM_GRANTS = 'stw_grants';
export const CLAIM_PERMISSIONS = 'stw_permissions';
/** The sign-in session (one per `login`): `signOut` ends it. */
export const CLAIM_SESSION = 'stw_sid';
/** The member's credentials version at sign-in: a password change, deactivation, the end of a role or `signOutEverywhere` raise it. */
export const CLAIM_CREDENTIALS_VERSION = 'stw_cv';

/**
 * Which sign-in a token belongs to. The gateway refuses a member's token whose
 * session has ended or whose credentials version is older than the member's
 * current one (a replica of the members topic).
 */
export interface TokenSession {
  id: string;
  credentialsVersion: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  [CLAIM_KIND]: z.enum(['MEMBER', 'ADMIN', 'SERVICE']),
  [CLAIM_GRANTS]: z.array(roleGrantSchema).default([]),
  [CLAIM_PERMISSIONS]: z.array(z.string()).default([]),
});

const sessionClaimsSchema = z.object({
  [CLAIM_SESSION]: z.string().min(1),
  [CLAIM_CREDENTIALS_VERSION]: z.number().int().nonnegative(),
});

export function claimsOf(principal: AuthenticatedPrincipal, session?: TokenSession): Record<string, unknown> {
  return {
    sub: principal.id,
    ...(principal.kind !== 'SERVICE' && principal.name ? { name: principal.name } : {}),
    [CLAIM_KIND]: principal.kind,
    ...(principal.kind === 'MEMBER' ? { [CLAIM_GRANTS]: principal.grants } : {}),
    ...(principal.kind === 'SERVICE' ? { [CLAIM_PERMISSIONS]: principal.permissions } : {}),
    ...(session ? { [CLAIM_SESSION]: session.id, [CLAIM_CREDENTIALS_VERSION]: session.credentialsVersion } : {}),
  };
}

/**
 * The principal a verified token names, or null when its claims are not ours.
 * A token with session claims gives the principal its `sessionId`, which the
 * gateway forwards to the subgraphs (members' `signOut` ends that session).
 */
export function principalFromClaims(payload: unknown): AuthenticatedPrincipal | null {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const claims = parsed.data;
  const session = sessionFromClaims(payload);
  const sessionId = session ? { sessionId: session.id } : {};
  switch (claims[CLAIM_KIND]) {
    case 'ADMIN':
      return { kind: 'ADMIN', id: claims.sub, ...(claims.name ? { name: claims.name } : {}), ...sessionId };
    case 'SERVICE':
      return { kind: 'SERVICE', id: claims.sub, permissions: claims[CLAIM_PERMISSIONS], ...sessionId };
    case 'MEMBER':
      return { kind: 'MEMBER', id: claims.sub, ...(claims.name ? { name: claims.name } : {}), grants: claims[CLAIM_GRANTS], ...sessionId };
  }
}

/** The session a verified token belongs to; null for tokens without session claims (an external issuer's). */
export function sessionFromClaims(payload: unknown): TokenSession | null {
  const parsed = sessionClaimsSchema.safeParse(payload);
  return parsed.success ? { id: parsed.data[CLAIM_SESSION], credentialsVersion: parsed.data[CLAIM_CREDENTIALS_VERSION] } : null;
}

/**
 * Whether a member's token is still good, judged by the member's latest state
 * (from the members topic): an inactive member, a credentials version above
 * the token's, or the token's session among the ended ones all end it. A member
 * the caller has no state for yet (the replica lags a fresh sign-up by
 * milliseconds) is given the benefit of the doubt.
 */
export function sessionRevoked(
  session: TokenSession,
  state: { status: 'ACTIVE' | 'INACTIVE'; credentialsVersion?: number; endedSessions?: readonly string[] } | undefined,
): boolean {
  if (!state) return false;
  if (state.status !== 'ACTIVE') return true;
  if ((state.credentialsVersion ?? 0) > session.credentialsVersion) return true;
  return (state.endedSessions ?? []).includes(session.id);
}
