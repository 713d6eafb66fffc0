import { inScope, ROLE_PERMISSIONS, type Access, type OrgScope, type Permission } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';

/**
 * Who may record visits for others: holders of these roles on a unit of the
 * visit's path (village cadres, a unit-level ADMIN), administrators and
 * service accounts holding visits:record. Grid roles (网格员, 指导员, 助理员)
 * log and change only their own visits.
 */
export const RECORD_FOR_OTHERS_ROLES: readonly string[] = ['ADMIN', 'VILLAGE_SECRETARY', 'VILLAGE_STAFF'];

/** UNAUTHENTICATED / FORBIDDEN unless the caller may log or change a visit of `memberId` at `orgPath`. */
export function assertMayRecordVisit(access: Access, memberId: string, orgPath: readonly string[]): void {
  access.assertCan('visits:record', orgPath);
  if (memberId === access.actorId() || mayRecordForOthers(access, orgPath)) return;
  throw new ForbiddenError('Grid members log and change only their own visits (网格员只能记录本人的走访)');
}

function mayRecordForOthers(access: Access, orgPath: readonly string[]): boolean {
  const principal = access.authenticated();
  if (principal.kind !== 'MEMBER') return true;
  const recorders = ROLE_PERMISSIONS['visits:record'];
  return principal.grants.some(
    (grant) => RECORD_FOR_OTHERS_ROLES.includes(grant.role) && recorders.includes(grant.role) && orgPath.includes(grant.unitId),
  );
}

/** For city-wide changes (the duty rule table, evaluating every unit): the permission must hold everywhere. */
export function assertCanEverywhere(access: Access, permission: Permission): void {
  if (access.scopeFor(permission).kind !== 'ALL') {
    throw new ForbiddenError(`Only a city-wide ${permission} may do this (需全市范围权限)`);
  }
}

/** The error of a by-id read of a record outside the caller's scope. */
export function outsideScope(): ForbiddenError {
  return new ForbiddenError('This record lies outside your units (超出管辖范围)');
}

/** FORBIDDEN when a record at `orgPath` lies outside `scope` (a by-id read). */
export function assertInScope(scope: OrgScope, orgPath: readonly string[]): void {
  if (!inScope(scope, orgPath)) throw outsideScope();
}

/**
 * Whether a member is visible in `scope`: some unit they were ever assigned to
 * lies inside it (`unitPaths`: the org path of each such unit).
 */
export function memberInScope(scope: OrgScope, unitPaths: readonly (readonly string[])[]): boolean {
  return scope.kind === 'ALL' || unitPaths.some((path) => inScope(scope, path));
}
