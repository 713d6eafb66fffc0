import type { Access } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';

/** What deciding who may manage or see a member needs. */
export interface MemberPlacement {
  _id: string;
  /** Who registered the member (登记人); manages them until they hold a role somewhere. */
  createdBy?: string | null;
  assignments: readonly { unitId: string; orgPath: readonly string[]; to?: Date | null }[];
}

/** A unit's path in the current org tree, where known. */
export type CurrentPath = (unitId: string) => readonly string[] | undefined;

/**
 * The org paths of the member's units (held now or once): the unit's current
 * path where known (`currentPath`), else the path stored with the assignment.
 * A member without assignments lies in no unit: one empty path, inside the ALL
 * scope only.
 */
export function memberPaths(member: MemberPlacement, currentPath: CurrentPath = () => undefined): string[][] {
  if (member.assignments.length === 0) return [[]];
  return member.assignments.map((assignment) => [...(currentPath(assignment.unitId) ?? assignment.orgPath)]);
}

/**
 * The paths a manager of the member must cover (members:manage on each):
 * every assignment still open at `now` (not ended, or ending later, or not
 * begun yet), so a role in one unit never lets that unit take over someone
 * who serves elsewhere as well; a member who holds nothing open, their
 * latest-ended assignment (where they served last). Null for a member who
 * never held a role: see `canManageMember`.
 */
export function managedPaths(member: MemberPlacement, now: Date, currentPath: CurrentPath = () => undefined): string[][] | null {
  if (member.assignments.length === 0) return null;
  const open = member.assignments.filter((assignment) => !assignment.to || assignment.to.getTime() > now.getTime());
  const latestEnded = [...member.assignments].sort((a, b) => (b.to?.getTime() ?? 0) - (a.to?.getTime() ?? 0))[0];
  const governing = open.length > 0 ? open : [latestEnded];
  return governing.map((assignment) => [...(currentPath(assignment.unitId) ?? assignment.orgPath)]);
}

/** Whether the caller is the member themself. */
export function isSelf(access: Access, memberId: string): boolean {
  return access.principal.kind === 'MEMBER' && access.principal.id === memberId;
}

/**
 * Who may manage a member (reset their password, change them, give them a
 * role, end their roles): members:manage over every path of `managedPaths`;
 * for a member who never held a role, who registered them (so a village
 * secretary can give the member they just registered a role) or a caller
 * with members:manage everywhere (the administrator).
 */
export function canManageMember(access: Access, member: MemberPlacement, currentPath?: CurrentPath, now = new Date()): boolean {
  const paths = managedPaths(member, now, currentPath);
  if (paths === null) return (!!member.createdBy && member.createdBy === access.actorId()) || access.can('members:manage', []);
  return paths.every((path) => access.can('members:manage', path));
}

export function assertCanManageMember(access: Access, member: MemberPlacement, currentPath?: CurrentPath, now = new Date()): void {
  access.authenticated();
  if (canManageMember(access, member, currentPath, now)) return;
  throw new ForbiddenError(
    member.assignments.length === 0
      ? `Member ${member._id} holds no role yet: only who registered them (登记人) or an administrator may manage them`
      : `Member ${member._id} serves outside your units (超出管辖范围): managing a member needs members:manage over every unit where they hold a role (or, with none open, where they served last)`,
  );
}

/** How a caller sees personal data (phone, address) on a record at `paths`. */
export type PiiView = 'SELF' | 'GRANTED' | 'MASKED';

/** The member's own record: in full, unaudited; pii:read on one of the record's paths: in full, audited; else masked. */
export function piiView(access: Access, paths: readonly (readonly string[])[], ownerId?: string): PiiView {
  if (ownerId !== undefined && isSelf(access, ownerId)) return 'SELF';
  return paths.some((path) => access.can('pii:read', path)) ? 'GRANTED' : 'MASKED';
}
