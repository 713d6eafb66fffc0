import { ForbiddenError, UnauthenticatedError } from '@steward/errors';
import { ROLE_PERMISSIONS, type Permission } from './permissions';
import { ANONYMOUS, type AuthenticatedPrincipal, type Principal } from './principal';

/** The org units a caller may act in: everything, or the subtrees of some units. */
export type OrgScope = { kind: 'ALL' } | { kind: 'UNITS'; unitIds: readonly string[] };

export const ALL_UNITS: OrgScope = Object.freeze({ kind: 'ALL' });

/** Whether a record at `orgPath` (its unit's ancestors and itself) lies inside `scope`. */
export function inScope(scope: OrgScope, orgPath: readonly string[]): boolean {
  return scope.kind === 'ALL' || orgPath.some((unitId) => scope.unitIds.includes(unitId));
}

/**
 * The Mongo filter restricting a query to `scope`: records whose `field` (an
 * array of ancestor ids) contains one of the scope's units. Repositories AND it
 * with their own filter so no read can forget it.
 */
export function scopeFilter(scope: OrgScope, field = 'orgPath'): Record<string, unknown> {
  return scope.kind === 'ALL' ? {} : { [field]: { $in: [...scope.unitIds] } };
}

/**
 * The scope still to check on a read restricted to the subtree of one unit
 * (path `withinPath`, its ancestors and itself): none when that unit lies
 * inside `scope`, since then everything below it does too. The read then
 * carries one condition instead of two, which the store can answer from an
 * index. Only for reads whose within-condition implies the scope condition
 * (the same placement field); an unknown unit (no path) keeps the scope.
 */
export function scopeBelow(scope: OrgScope, withinPath: readonly string[] | undefined): OrgScope {
  return withinPath && withinPath.length > 0 && inScope(scope, withinPath) ? ALL_UNITS : scope;
}

/** Whether two org paths name the same units in the same order (an absent path equals only an absent one). */
export function samePath(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The caller of one request and what it may do. Built from the verified principal. */
export class Access {
  private constructor(readonly principal: Principal) {}

  static of(principal: Principal): Access {
    return new Access(principal);
  }

  static anonymous(): Access {
    return new Access(ANONYMOUS);
  }

  get isAuthenticated(): boolean {
    return this.principal.kind !== 'ANONYMOUS';
  }

  /** The principal, or UNAUTHENTICATED. */
  authenticated(): AuthenticatedPrincipal {
    if (this.principal.kind === 'ANONYMOUS') throw new UnauthenticatedError('Sign in first (登录)');
    return this.principal;
  }

  /** The id recorded as the actor of a change (a member id, `admin:<id>` is not used: ids are distinct per kind). */
  actorId(): string {
    return this.authenticated().id;
  }

  /** Where the caller may read: any role's units; service accounts need `read`. */
  readScope(): OrgScope {
    const principal = this.authenticated();
    switch (principal.kind) {
      case 'ADMIN':
        return ALL_UNITS;
      case 'SERVICE':
        if (principal.permissions.includes('read')) return ALL_UNITS;
        throw new ForbiddenError('This service account may not read (缺少读取权限)');
      case 'MEMBER':
        return unitsScope(principal.grants.map((grant) => grant.unitId));
    }
  }

  /** Where the caller holds `permission`; FORBIDDEN when nowhere. */
  scopeFor(permission: Permission): OrgScope {
    const scope = this.optionalScopeFor(permission);
    if (!scope) throw new ForbiddenError(`Your roles do not allow ${permission}`);
    return scope;
  }

  can(permission: Permission, orgPath: readonly string[]): boolean {
    const scope = this.optionalScopeFor(permission);
    return scope !== null && inScope(scope, orgPath);
  }

  /** UNAUTHENTICATED for anonymous callers, FORBIDDEN when `orgPath` lies outside the units where the caller holds `permission`. */
  assertCan(permission: Permission, orgPath: readonly string[]): void {
    this.authenticated();
    if (!this.can(permission, orgPath)) throw new ForbiddenError(`You may not ${permission} outside your units (超出管辖范围)`);
  }

  canRead(orgPath: readonly string[]): boolean {
    if (!this.isAuthenticated) return false;
    try {
      return inScope(this.readScope(), orgPath);
    } catch {
      return false;
    }
  }

  assertCanRead(orgPath: readonly string[]): void {
    if (!inScope(this.readScope(), orgPath)) throw new ForbiddenError('This record lies outside your units (超出管辖范围)');
  }

  private optionalScopeFor(permission: Permission): OrgScope | null {
    const principal = this.authenticated();
    switch (principal.kind) {
      case 'ADMIN':
        return ALL_UNITS;
      case 'SERVICE':
        return principal.permissions.includes(permission) ? ALL_UNITS : null;
      case 'MEMBER': {
        const allowed = ROLE_PERMISSIONS[permission];
        const unitIds = principal.grants.filter((grant) => allowed.includes(grant.role)).map((grant) => grant.unitId);
        return unitIds.length > 0 ? unitsScope(unitIds) : null;
      }
    }
  }
}

function unitsScope(unitIds: string[]): OrgScope {
  return { kind: 'UNITS', unitIds: [...new Set(unitIds)] };
}
