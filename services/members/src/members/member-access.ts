import type { Access } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';

/** What deciding who may manage or see a member needs. */
export interface MemberPlacement {
  _id: string;
  /** Who registered the member (登记人); manages them until they hold a role somewhere. */
  createdBy?: string | null;
  assignments: readonly { unitId: string; orgPath: readonly string[] }[];
}

/**
 * The org paths of the member's units (held now or once): the unit's current
 * path where known (`currentPath`), else the path stored with the assignment.
 * A member without assignments lies in no unit: one empty path, inside the ALL
 * scope only.
 */
export function memberPaths(member: MemberPlacement, currentPath: (unitId: string) => readonly string[] | undefined = () => undefined): string[][] {
  if (member.assignments.length === 0) return [[]];
  return member.assignments.map((assignment) => [...(currentPath(assignment.unitId) ?? assignment.orgPath)]);
}

/** Whether the caller is the member themself. */
export function isSelf(access: Access, memberId: string): boolean {
  return access.principal.kind === 'MEMBER' && access.principal.id === memberId;
}

/**
 * members:manage on one of the member's units; for a member without any role
 * yet, also the caller who registered them (so a village secretary can give
 * the member they just registered a role in their village).
 */
export function canManageMember(access: Access, member: MemberPlacement, currentPath?: (unitId: string) => readonly string[] | undefined): boolean {
  if (member.assignments.length === 0 && member.createdBy && member.createdBy === access.actorId()) return true;
  return memberPaths(member, currentPath).some((path) => access.can('members:manage', path));
}

export function assertCanManageMember(access: Access, member: MemberPlacement, currentPath?: (unitId: string) => readonly string[] | undefined): void {
  access.authenticated();
  if (!canManageMember(access, member, currentPath)) {
    throw new ForbiddenError(`You may manage only members of your units (超出管辖范围): member ${member._id}`);
  }
}

/** How a caller sees personal data (phone, address) on a record at `paths`. */
export type PiiView = 'SELF' | 'GRANTED' | 'MASKED';

/** The member's own record: in full, unaudited; pii:read on one of the record's paths: in full, audited; else masked. */
export function piiView(access: Access, paths: readonly (readonly string[])[], ownerId?: string): PiiView {
  if (ownerId !== undefined && isSelf(access, ownerId)) return 'SELF';
  return paths.some((path) => access.can('pii:read', path)) ? 'GRANTED' : 'MASKED';
}
