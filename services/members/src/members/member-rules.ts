import { BadUserInputError } from '@steward/errors';
import type { OrgUnitSnapshot } from '@steward/replicas';

/** Org levels as org publishes them on its state topic: 市 › 区县 › 乡镇(街道) › 行政村(社区) › 自然村 › 网格 */
export type OrgLevel = OrgUnitSnapshot['level'];
const ALL_LEVELS: readonly OrgLevel[] = ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'];

export const MEMBER_ROLES = [
  'GRID_LEADER',
  'GRID_MEMBER',
  'GRID_INSTRUCTOR',
  'GRID_ASSISTANT',
  'VILLAGE_SECRETARY',
  'VILLAGE_STAFF',
  'TOWNSHIP_DISPATCHER',
  'HOTLINE_OPERATOR',
  'ADMIN',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The unit levels each role can be held on. */
export const ROLE_UNIT_LEVELS: Record<MemberRole, readonly OrgLevel[]> = {
  GRID_LEADER: ['GRID'],
  GRID_MEMBER: ['GRID'],
  GRID_INSTRUCTOR: ['GRID'],
  GRID_ASSISTANT: ['GRID'],
  VILLAGE_SECRETARY: ['ADMIN_VILLAGE'],
  VILLAGE_STAFF: ['ADMIN_VILLAGE'],
  TOWNSHIP_DISPATCHER: ['TOWNSHIP'],
  HOTLINE_OPERATOR: ['CITY', 'DISTRICT', 'TOWNSHIP'],
  ADMIN: ALL_LEVELS,
};

/** Roles bound to party membership: 网格指导员 are party cadres, 网格助理员 are cadres outside the party. */
const PARTY_REQUIREMENT: Partial<Record<MemberRole, boolean>> = {
  GRID_INSTRUCTOR: true,
  GRID_ASSISTANT: false,
};

/** 11-digit mainland mobile number (手机号). */
export const MAINLAND_MOBILE_PATTERN = /^1\d{10}$/;

export interface AssignmentFacts {
  id: string;
  unitId: string;
  role: MemberRole;
  from: Date;
  to: Date | null;
}

export interface MemberFacts {
  id: string;
  isPartyMember: boolean;
  status: MemberStatus;
  assignments: readonly AssignmentFacts[];
}

export interface UnitFacts {
  id: string;
  level: OrgLevel;
  status: 'ACTIVE' | 'RETIRED';
}

/** Held at `at`: from ≤ at < to (an open `to` never ends). */
export function isActiveAt(assignment: Pick<AssignmentFacts, 'from' | 'to'>, at: Date): boolean {
  const time = at.getTime();
  return assignment.from.getTime() <= time && (assignment.to === null || assignment.to.getTime() > time);
}

/**
 * Refuses an assignment of `role` on `unit` from `from` on that breaks a rule:
 * the member must be active, party membership must fit the role, the role must
 * fit the unit's level, the unit must be active, and the member must not
 * already hold the same role on the same unit at or after `from`.
 */
export function checkAssignment(member: MemberFacts, unit: UnitFacts, role: MemberRole, from: Date): void {
  if (member.status !== 'ACTIVE') {
    throw new BadUserInputError(`Member ${member.id} is inactive`, [{ path: 'input.memberId', message: 'inactive' }]);
  }
  const needsParty = PARTY_REQUIREMENT[role];
  if (needsParty === true && !member.isPartyMember) {
    throw new BadUserInputError(`${role} must be a party member (党员)`, [
      { path: 'input.role', message: 'needs a party member' },
    ]);
  }
  if (needsParty === false && member.isPartyMember) {
    throw new BadUserInputError(`${role} must not be a party member (党员)`, [
      { path: 'input.role', message: 'needs a member outside the party' },
    ]);
  }
  const levels = ROLE_UNIT_LEVELS[role];
  if (!levels.includes(unit.level)) {
    throw new BadUserInputError(`${role} cannot be held on a ${unit.level}; expected ${levels.join(' or ')}`, [
      { path: 'input.unitId', message: `must be ${levels.join(' or ')}` },
    ]);
  }
  if (unit.status !== 'ACTIVE') {
    throw new BadUserInputError(`Unit ${unit.id} is retired`, [{ path: 'input.unitId', message: 'retired' }]);
  }
  const overlapping = member.assignments.find(
    (a) => a.unitId === unit.id && a.role === role && (a.to === null || a.to.getTime() > from.getTime()),
  );
  if (overlapping) {
    throw new BadUserInputError(`Member ${member.id} already holds ${role} on unit ${unit.id} (assignment ${overlapping.id})`, [
      { path: 'input.role', message: 'already held on this unit' },
    ]);
  }
}

/** Refuses to end an assignment that has already ended, or before it began. */
export function checkEnd(assignment: AssignmentFacts, to: Date): void {
  if (assignment.to !== null) {
    throw new BadUserInputError(`Assignment ${assignment.id} already ended at ${assignment.to.toISOString()}`, [
      { path: 'id', message: 'already ended' },
    ]);
  }
  if (to.getTime() < assignment.from.getTime()) {
    throw new BadUserInputError(`Assignment ${assignment.id} cannot end before it began (${assignment.from.toISOString()})`, [
      { path: 'to', message: 'before the assignment began' },
    ]);
  }
}
