import { ROLE_PERMISSIONS } from '@steward/auth';

/** The roles that may dispatch (tickets:dispatch), from the permission table. */
const DISPATCH_ROLES: ReadonlySet<string> = new Set(ROLE_PERMISSIONS['tickets:dispatch']);

/** A member's role on one unit. */
export interface RoleHolder {
  memberId: string;
  role: string;
}

/**
 * The dispatchers of the responsible unit: the members holding a dispatch
 * role on the unit itself, else on the nearest unit above it that has any
 * (a grid without a leader is dispatched by its village). `orgPath` runs
 * from the city down to the unit.
 */
export function unitDispatchers(orgPath: readonly string[], holdersOn: (unitId: string) => readonly RoleHolder[]): string[] {
  for (let index = orgPath.length - 1; index >= 0; index -= 1) {
    const dispatchers = holdersOn(orgPath[index] as string)
      .filter((holder) => DISPATCH_ROLES.has(holder.role))
      .map((holder) => holder.memberId);
    if (dispatchers.length > 0) return [...new Set(dispatchers)].sort();
  }
  return [];
}
