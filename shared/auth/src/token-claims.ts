import { z } from 'zod';
import { roleGrantSchema, type AuthenticatedPrincipal } from './principal';

/**
 * The private claims a Village Steward token carries beside `sub` and `name`.
 * The local issuer (members' `login`) writes them; an external OIDC issuer
 * must be configured to add the same claims.
 */
export const CLAIM_KIND = 'stw_kind';
export const CLAIM_GRANTS = 'stw_grants';
export const CLAIM_PERMISSIONS = 'stw_permissions';

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  [CLAIM_KIND]: z.enum(['MEMBER', 'ADMIN', 'SERVICE']),
  [CLAIM_GRANTS]: z.array(roleGrantSchema).default([]),
  [CLAIM_PERMISSIONS]: z.array(z.string()).default([]),
});

export function claimsOf(principal: AuthenticatedPrincipal): Record<string, unknown> {
  return {
    sub: principal.id,
    ...(principal.kind !== 'SERVICE' && principal.name ? { name: principal.name } : {}),
    [CLAIM_KIND]: principal.kind,
    ...(principal.kind === 'MEMBER' ? { [CLAIM_GRANTS]: principal.grants } : {}),
    ...(principal.kind === 'SERVICE' ? { [CLAIM_PERMISSIONS]: principal.permissions } : {}),
  };
}

/** The principal a verified token names, or null when its claims are not ours. */
export function principalFromClaims(payload: unknown): AuthenticatedPrincipal | null {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const claims = parsed.data;
  switch (claims[CLAIM_KIND]) {
    case 'ADMIN':
      return { kind: 'ADMIN', id: claims.sub, ...(claims.name ? { name: claims.name } : {}) };
    case 'SERVICE':
      return { kind: 'SERVICE', id: claims.sub, permissions: claims[CLAIM_PERMISSIONS] };
    case 'MEMBER':
      return { kind: 'MEMBER', id: claims.sub, ...(claims.name ? { name: claims.name } : {}), grants: claims[CLAIM_GRANTS] };
  }
}
