import { ForbiddenError } from '@steward/errors';
import type { Access } from './access';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './permissions';

/** The role of a member administrator (管理员): every permission, on its unit and below. */
export const ADMIN_ROLE = 'ADMIN';

/** The permissions a role carries: ROLE_PERMISSIONS read the other way round. */
export function permissionsOfRole(role: string): Permission[] {
  return PERMISSIONS.filter((permission) => ROLE_PERMISSIONS[permission].includes(role));
}

/**
 * Whether the caller is an administrator (管理员) at the unit of `unitPath` (its ancestors and itself):
 * the bootstrap administrator, or a member holding ADMIN on that unit or above. Never a service account,
 * whatever its permissions.
 */
export function isAdministratorAt(access: Access, unitPath: readonly string[]): boolean {
  const principal = access.authenticated();
  return principal.kind === 'ADMIN' || (principal.kind === 'MEMBER' && principal.grants.some((grant) => grant.role === ADMIN_ROLE && unitPath.includes(grant.unitId)));
}

export type GrantVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether the caller may give `role` on the unit at `unitPath` (the unit's
 * ancestors and itself) — the one rule that bounds granting (授权不越权):
 * the caller must hold, on that unit or above, `members:manage` and every
 * permission the role carries, so nobody hands out more than they hold
 * themselves. ADMIN goes only from an administrator: the bootstrap
 * administrator or a member holding ADMIN on that unit or above; never from a
 * service account, whatever its permissions.
 */
export function judgeGrant(access: Access, role: string, unitPath: readonly string[]): GrantVerdict {
  access.authenticated();
  if (role === ADMIN_ROLE) {
    return isAdministratorAt(access, unitPath) ? { allowed: true } : { allowed: false, reason: 'Only an administrator (管理员) may assign the ADMIN role' };
  }
  const missing = (['members:manage', ...permissionsOfRole(role)] as Permission[]).filter((permission) => !access.can(permission, unitPath));
  if (missing.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason: `You may not assign ${role} on this unit (越权授予): that needs ${[...new Set(missing)].join(', ')} there, which your roles do not give you`,
  };
}

/** FORBIDDEN with the reason when `judgeGrant` refuses. */
export function assertCanGrant(access: Access, role: string, unitPath: readonly string[]): void {
  const verdict = judgeGrant(access, role, unitPath);
  if (!verdict.allowed) throw new ForbiddenError(verdict.reason);
}
