import type { OrgUnitSnapshot } from '@steward/replicas';
import { z } from 'zod';
import { MAINLAND_MOBILE_PATTERN, MOBILE_MESSAGE } from './phone';
import { RuleViolation } from './rule-violation';

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

/** An assignment as far as placement is concerned: where it lies (its unit's path) and when. */
export type PlacedAssignment = Pick<AssignmentFacts, 'role' | 'from' | 'to'> & { orgPath: readonly string[] };

/** Every unit on the path of any assignment, open or ended, once each: where a member lies, for scoped and subtree reads. */
export function unitPathsOf(assignments: readonly Pick<PlacedAssignment, 'orgPath'>[]): string[] {
  return [...new Set(assignments.flatMap((assignment) => assignment.orgPath))];
}

/** Whether one assignment is held at `at` in the subtree of `within` (when given) and in `role` (when given). */
export function holdsAssignmentAt(
  assignments: readonly PlacedAssignment[],
  at: Date,
  { within, role }: { within?: string; role?: MemberRole },
): boolean {
  return assignments.some(
    (assignment) =>
      isActiveAt(assignment, at) && (within === undefined || assignment.orgPath.includes(within)) && (role === undefined || assignment.role === role),
  );
}

/** Held at `now` or later: not ended by `now` (includes assignments that start in the future). */
export function isOpenAt(assignment: Pick<AssignmentFacts, 'to'>, now: Date): boolean {
  return assignment.to === null || assignment.to.getTime() > now.getTime();
}

/** The violation, if any, of `role`'s party-membership requirement by a member with `isPartyMember`. */
function partyMismatch(role: MemberRole, isPartyMember: boolean): 'ROLE_NEEDS_PARTY_MEMBER' | 'ROLE_NEEDS_NON_PARTY_MEMBER' | undefined {
  const needsParty = PARTY_REQUIREMENT[role];
  if (needsParty === true && !isPartyMember) return 'ROLE_NEEDS_PARTY_MEMBER';
  if (needsParty === false && isPartyMember) return 'ROLE_NEEDS_NON_PARTY_MEMBER';
  return undefined;
}

/**
 * Refuses an assignment of `role` on `unit` from `from` on that breaks a rule:
 * the member must be active, party membership must fit the role, the role must
 * fit the unit's level, the unit must be active, and the member must not hold
 * the same role on the same unit in any period that overlaps [from, ∞).
 * `from` may lie in the past (records kept on paper are entered later) or in
 * the future (an appointment that starts next month).
 */
export function checkAssignment(member: MemberFacts, unit: UnitFacts, role: MemberRole, from: Date): void {
  if (member.status !== 'ACTIVE') {
    throw new RuleViolation('MEMBER_INACTIVE', `Member ${member.id} is inactive (离岗)`, {
      path: 'input.memberId',
      message: 'inactive',
    });
  }
  const mismatch = partyMismatch(role, member.isPartyMember);
  if (mismatch === 'ROLE_NEEDS_PARTY_MEMBER') {
    throw new RuleViolation(mismatch, `${role} must be a party member (党员)`, {
      path: 'input.role',
      message: 'needs a party member',
    });
  }
  if (mismatch === 'ROLE_NEEDS_NON_PARTY_MEMBER') {
    throw new RuleViolation(mismatch, `${role} must not be a party member (党员)`, {
      path: 'input.role',
      message: 'needs a member outside the party',
    });
  }
  const levels = ROLE_UNIT_LEVELS[role];
  if (!levels.includes(unit.level)) {
    throw new RuleViolation('ROLE_UNIT_LEVEL_MISMATCH', `${role} cannot be held on a ${unit.level}; expected ${levels.join(' or ')}`, {
      path: 'input.unitId',
      message: `must be ${levels.join(' or ')}`,
    });
  }
  if (unit.status !== 'ACTIVE') {
    throw new RuleViolation('UNIT_RETIRED', `Unit ${unit.id} is retired (已撤销)`, { path: 'input.unitId', message: 'retired' });
  }
  const overlapping = member.assignments.find((a) => a.unitId === unit.id && a.role === role && isOpenAt(a, from));
  if (overlapping) {
    throw new RuleViolation(
      'ASSIGNMENT_OVERLAP',
      `Member ${member.id} already holds ${role} on unit ${unit.id} from ${overlapping.from.toISOString()} (assignment ${overlapping.id})`,
      { path: 'input.from', message: 'overlaps an assignment of the same role on this unit' },
    );
  }
}

/** Refuses to end an assignment that has already ended, or before it began (to ≥ from). */
export function checkEnd(assignment: AssignmentFacts, to: Date): void {
  if (assignment.to !== null) {
    throw new RuleViolation('ASSIGNMENT_ALREADY_ENDED', `Assignment ${assignment.id} already ended at ${assignment.to.toISOString()}`, {
      path: 'id',
      message: 'already ended',
    });
  }
  if (to.getTime() < assignment.from.getTime()) {
    throw new RuleViolation(
      'ASSIGNMENT_END_BEFORE_START',
      `Assignment ${assignment.id} cannot end before it began (${assignment.from.toISOString()})`,
      { path: 'to', message: 'before the assignment began' },
    );
  }
}

export interface MemberChanges {
  isPartyMember?: boolean;
  status?: MemberStatus;
}

/**
 * Refuses changes that would break a rule for an assignment not ended by `now`:
 * leaving the party while an instructor (网格指导员), joining it while an
 * assistant (网格助理员), or going inactive while still holding any role
 * (end the assignments first, so history stays exact).
 */
export function checkMemberUpdate(member: MemberFacts, changes: MemberChanges, now: Date): void {
  const open = member.assignments.filter((a) => isOpenAt(a, now));
  if (changes.isPartyMember !== undefined && changes.isPartyMember !== member.isPartyMember) {
    const conflict = open.find((a) => partyMismatch(a.role, changes.isPartyMember === true) !== undefined);
    if (conflict) {
      const change = changes.isPartyMember ? 'become a party member (党员)' : 'leave the party';
      throw new RuleViolation(
        'PARTY_CHANGE_CONFLICTS_WITH_ROLE',
        `Member ${member.id} cannot ${change} while holding ${conflict.role} (assignment ${conflict.id}); end that assignment first`,
        { path: 'input.isPartyMember', message: `conflicts with ${conflict.role}` },
      );
    }
  }
  if (changes.status === 'INACTIVE' && member.status !== 'INACTIVE' && open.length > 0) {
    throw new RuleViolation(
      'MEMBER_HAS_OPEN_ASSIGNMENTS',
      `Member ${member.id} still holds ${open.map((a) => a.role).join(', ')}; end the assignments before going inactive`,
      { path: 'input.status', message: 'member still holds roles' },
    );
  }
}

/** GraphQL's DateTime scalar hands over an Invalid Date for an unparsable string; refuse it with a clear message. */
export const dateSchema = z.date({ error: 'must be an ISO-8601 date-time, e.g. 2026-11-30T08:00:00+08:00' });

const nameSchema = z.string().trim().min(1, 'must not be empty').max(50);
const mobileSchema = z.string().trim().regex(MAINLAND_MOBILE_PATTERN, MOBILE_MESSAGE);
const skillsSchema = z.array(z.string().trim().min(1, 'must not be empty').max(30)).max(20);

export const createMemberInputSchema = z.object({
  name: nameSchema,
  phone: mobileSchema,
  isPartyMember: z.boolean().nullish().transform((value) => value ?? false),
  skills: skillsSchema.nullish().transform((skills) => [...new Set(skills ?? [])]),
});

/** Every field optional; an omitted (or null) field stays as it is. */
export const updateMemberInputSchema = z.object({
  name: nameSchema.nullish().transform((v) => v ?? undefined),
  phone: mobileSchema.nullish().transform((v) => v ?? undefined),
  isPartyMember: z.boolean().nullish().transform((v) => v ?? undefined),
  skills: skillsSchema.nullish().transform((skills) => (skills ? [...new Set(skills)] : undefined)),
  status: z.enum(MEMBER_STATUSES).nullish().transform((v) => v ?? undefined),
});

export const assignRoleInputSchema = z.object({
  memberId: z.string().min(1, 'must not be empty'),
  unitId: z.string().min(1, 'must not be empty'),
  role: z.enum(MEMBER_ROLES),
  from: dateSchema.nullish(),
});

export const idSchema = z.string().min(1, 'must not be empty');
