import { parseInput } from '@steward/errors';
import { RuleViolation, type RuleCode } from './rule-violation';
import {
  assignRoleInputSchema,
  checkAssignment,
  checkEnd,
  checkMemberUpdate,
  createMemberInputSchema,
  holdsAssignmentAt,
  isActiveAt,
  MEMBER_ROLES,
  ROLE_UNIT_LEVELS,
  unitPathsOf,
  updateMemberInputSchema,
  type PlacedAssignment,
  type AssignmentFacts,
  type MemberChanges,
  type MemberFacts,
  type MemberRole,
  type OrgLevel,
  type UnitFacts,
} from './member-rules';

const JAN = new Date('2026-01-01T00:00:00Z');
const FEB = new Date('2026-02-01T00:00:00Z');
const MAR = new Date('2026-03-01T00:00:00Z');
const ALL_LEVELS: OrgLevel[] = ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'];

const member = (overrides: Partial<MemberFacts> = {}): MemberFacts => ({
  id: 'm-1',
  isPartyMember: true,
  status: 'ACTIVE',
  assignments: [],
  ...overrides,
});
const unit = (level: OrgLevel, status: UnitFacts['status'] = 'ACTIVE'): UnitFacts => ({ id: `u-${level}`, level, status });
const assignment = (overrides: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  id: 'a-1',
  unitId: 'u-GRID',
  role: 'GRID_MEMBER',
  from: JAN,
  to: null,
  ...overrides,
});

/** Runs `act`, expecting a RuleViolation with this rule code and problem path. */
function expectViolation(act: () => void, rule: RuleCode, path: string, message?: RegExp): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(RuleViolation);
  const violation = thrown as RuleViolation;
  expect(violation.code).toBe('BAD_USER_INPUT');
  expect(violation.details).toMatchObject({ rule, problems: [expect.objectContaining({ path })] });
  if (message) expect(violation.message).toMatch(message);
}

/** A member whose party membership fits `role` (instructors in the party, assistants outside). */
const fitting = (role: MemberRole) => member({ isPartyMember: role !== 'GRID_ASSISTANT' });

describe('checkAssignment: role × unit level', () => {
  const cases = MEMBER_ROLES.flatMap((role) =>
    ALL_LEVELS.map((level) => [role, level, ROLE_UNIT_LEVELS[role].includes(level)] as const),
  );

  it.each(cases)('%s on a %s is allowed: %s', (role, level, allowed) => {
    const act = () => checkAssignment(fitting(role), unit(level), role, FEB);
    if (allowed) expect(act).not.toThrow();
    else expectViolation(act, 'ROLE_UNIT_LEVEL_MISMATCH', 'input.unitId', new RegExp(`${role} cannot be held on a ${level}`));
  });

  it('places grid roles on grids, village roles on administrative villages, dispatchers on townships', () => {
    expect(ROLE_UNIT_LEVELS).toMatchObject({
      GRID_LEADER: ['GRID'],
      GRID_MEMBER: ['GRID'],
      GRID_INSTRUCTOR: ['GRID'],
      GRID_ASSISTANT: ['GRID'],
      VILLAGE_SECRETARY: ['ADMIN_VILLAGE'],
      VILLAGE_STAFF: ['ADMIN_VILLAGE'],
      TOWNSHIP_DISPATCHER: ['TOWNSHIP'],
      HOTLINE_OPERATOR: ['CITY', 'DISTRICT', 'TOWNSHIP'],
    });
    expect(ROLE_UNIT_LEVELS.ADMIN).toEqual(ALL_LEVELS);
  });
});

describe('checkAssignment: other rules', () => {
  it.each<[string, MemberFacts, UnitFacts, MemberRole, RuleCode, string, RegExp]>([
    ['an instructor outside the party', member({ isPartyMember: false }), unit('GRID'), 'GRID_INSTRUCTOR', 'ROLE_NEEDS_PARTY_MEMBER', 'input.role', /must be a party member/],
    ['an assistant in the party', member({ isPartyMember: true }), unit('GRID'), 'GRID_ASSISTANT', 'ROLE_NEEDS_NON_PARTY_MEMBER', 'input.role', /must not be a party member/],
    ['a retired grid', member(), unit('GRID', 'RETIRED'), 'GRID_MEMBER', 'UNIT_RETIRED', 'input.unitId', /retired/],
    ['a retired township', member(), unit('TOWNSHIP', 'RETIRED'), 'TOWNSHIP_DISPATCHER', 'UNIT_RETIRED', 'input.unitId', /retired/],
    ['an inactive member', member({ status: 'INACTIVE' }), unit('GRID'), 'GRID_MEMBER', 'MEMBER_INACTIVE', 'input.memberId', /inactive/],
    ['the same role held open-ended', member({ assignments: [assignment()] }), unit('GRID'), 'GRID_MEMBER', 'ASSIGNMENT_OVERLAP', 'input.from', /already holds GRID_MEMBER/],
    ['the same role held past the new start', member({ assignments: [assignment({ to: MAR })] }), unit('GRID'), 'GRID_MEMBER', 'ASSIGNMENT_OVERLAP', 'input.from', /already holds/],
    ['the same role starting later, open-ended', member({ assignments: [assignment({ from: MAR })] }), unit('GRID'), 'GRID_MEMBER', 'ASSIGNMENT_OVERLAP', 'input.from', /already holds/],
  ])('refuses %s', (_case, facts, target, role, rule, path, message) => {
    expectViolation(() => checkAssignment(facts, target, role, FEB), rule, path, message);
  });

  it('checks party membership before the level, so one error names the first broken rule', () => {
    expectViolation(
      () => checkAssignment(member({ isPartyMember: false }), unit('ADMIN_VILLAGE'), 'GRID_INSTRUCTOR', FEB),
      'ROLE_NEEDS_PARTY_MEMBER',
      'input.role',
    );
  });

  it('allows the same role again once the earlier assignment has ended, back-dated or not', () => {
    const facts = member({ assignments: [assignment({ to: FEB })] });
    expect(() => checkAssignment(facts, unit('GRID'), 'GRID_MEMBER', FEB)).not.toThrow();
    expect(() => checkAssignment(facts, unit('GRID'), 'GRID_MEMBER', MAR)).not.toThrow();
  });

  it('allows another role on the same unit, and the same role on another unit', () => {
    const facts = member({ assignments: [assignment()] });
    expect(() => checkAssignment(facts, unit('GRID'), 'GRID_LEADER', FEB)).not.toThrow();
    expect(() => checkAssignment(facts, { id: 'u-other', level: 'GRID', status: 'ACTIVE' }, 'GRID_MEMBER', FEB)).not.toThrow();
  });
});

describe('checkEnd', () => {
  it('allows an end after, or at, the start', () => {
    expect(() => checkEnd(assignment(), FEB)).not.toThrow();
    expect(() => checkEnd(assignment(), JAN)).not.toThrow();
  });

  it.each<[string, AssignmentFacts, Date, RuleCode, string, RegExp]>([
    ['an end before the start', assignment({ from: FEB }), JAN, 'ASSIGNMENT_END_BEFORE_START', 'to', /cannot end before it began/],
    ['ending an ended assignment', assignment({ to: FEB }), MAR, 'ASSIGNMENT_ALREADY_ENDED', 'id', /already ended/],
  ])('refuses %s', (_case, target, to, rule, path, message) => {
    expectViolation(() => checkEnd(target, to), rule, path, message);
  });
});

describe('checkMemberUpdate', () => {
  const instructor = assignment({ id: 'a-i', role: 'GRID_INSTRUCTOR' });
  const assistant = assignment({ id: 'a-a', role: 'GRID_ASSISTANT' });

  it.each<[string, MemberFacts, MemberChanges, RuleCode, string, RegExp]>([
    ['an instructor leaving the party', member({ assignments: [instructor] }), { isPartyMember: false }, 'PARTY_CHANGE_CONFLICTS_WITH_ROLE', 'input.isPartyMember', /cannot leave the party while holding GRID_INSTRUCTOR/],
    ['an instructor to be, leaving the party', member({ assignments: [{ ...instructor, from: MAR }] }), { isPartyMember: false }, 'PARTY_CHANGE_CONFLICTS_WITH_ROLE', 'input.isPartyMember', /GRID_INSTRUCTOR/],
    ['an assistant joining the party', member({ isPartyMember: false, assignments: [assistant] }), { isPartyMember: true }, 'PARTY_CHANGE_CONFLICTS_WITH_ROLE', 'input.isPartyMember', /cannot become a party member/],
    ['going inactive while holding a role', member({ assignments: [assignment()] }), { status: 'INACTIVE' }, 'MEMBER_HAS_OPEN_ASSIGNMENTS', 'input.status', /still holds GRID_MEMBER/],
    ['going inactive with an end still ahead', member({ assignments: [assignment({ to: MAR })] }), { status: 'INACTIVE' }, 'MEMBER_HAS_OPEN_ASSIGNMENTS', 'input.status', /end the assignments/],
  ])('refuses %s', (_case, facts, changes, rule, path, message) => {
    expectViolation(() => checkMemberUpdate(facts, changes, FEB), rule, path, message);
  });

  it.each<[string, MemberFacts, MemberChanges]>([
    ['an instructor whose assignment has ended leaving the party', member({ assignments: [{ ...instructor, to: FEB }] }), { isPartyMember: false }],
    ['an assistant whose assignment has ended joining the party', member({ isPartyMember: false, assignments: [{ ...assistant, to: JAN }] }), { isPartyMember: true }],
    ['a grid member leaving the party', member({ assignments: [assignment()] }), { isPartyMember: false }],
    ['an instructor staying in the party', member({ assignments: [instructor] }), { isPartyMember: true }],
    ['going inactive after every assignment has ended', member({ assignments: [assignment({ to: FEB })] }), { status: 'INACTIVE' }],
    ['coming back from inactive', member({ status: 'INACTIVE' }), { status: 'ACTIVE' }],
  ])('allows %s', (_case, facts, changes) => {
    expect(() => checkMemberUpdate(facts, changes, FEB)).not.toThrow();
  });
});

describe('isActiveAt', () => {
  it.each<[string, Partial<AssignmentFacts>, Date, boolean]>([
    ['open-ended, started', {}, FEB, true],
    ['at its start', {}, JAN, true],
    ['not started yet', { from: FEB }, JAN, false],
    ['before its end', { to: MAR }, FEB, true],
    ['at its end (exclusive)', { to: FEB }, FEB, false],
  ])('%s', (_case, overrides, at, expected) => {
    expect(isActiveAt(assignment(overrides), at)).toBe(expected);
  });
});

describe('placement', () => {
  // grid g1 and g2 in village v1 of township t; an ended grid role in g1, an open village role in v1
  const ended: PlacedAssignment = { role: 'GRID_MEMBER', orgPath: ['c', 't', 'v1', 'g1'], from: JAN, to: FEB };
  const open: PlacedAssignment = { role: 'VILLAGE_SECRETARY', orgPath: ['c', 't', 'v1'], from: FEB, to: null };

  it('lists every unit on any assignment path once, ended ones included', () => {
    expect(unitPathsOf([ended, open])).toEqual(['c', 't', 'v1', 'g1']);
    expect(unitPathsOf([])).toEqual([]);
  });

  it.each<[string, Date, { within?: string; role?: MemberRole }, boolean]>([
    ['the grid role while held', JAN, { within: 'g1' }, true],
    ['the grid role after it ended', MAR, { within: 'g1' }, false],
    ['the village role below the township', MAR, { within: 't' }, true],
    ['the village role is not inside the grid', MAR, { within: 'g1' }, false],
    ['by role, held', MAR, { role: 'VILLAGE_SECRETARY' }, true],
    ['by role, in the same assignment only', JAN, { within: 'g1', role: 'VILLAGE_SECRETARY' }, false],
    ['another subtree', MAR, { within: 'g2' }, false],
  ])('%s', (_case, at, query, expected) => {
    expect(holdsAssignmentAt([ended, open], at, query)).toBe(expected);
  });
});

describe('member inputs', () => {
  const valid = { name: '张网格', phone: '13812345678' };

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty name', { ...valid, name: '  ' }, 'input.name'],
    ['a phone starting 12', { ...valid, phone: '12812345678' }, 'input.phone'],
    ['a 10-digit phone', { ...valid, phone: '1381234567' }, 'input.phone'],
    ['a 12-digit phone', { ...valid, phone: '138123456789' }, 'input.phone'],
    ['a phone with +86', { ...valid, phone: '+8613812345678' }, 'input.phone'],
    ['a phone with hyphens', { ...valid, phone: '138-1234-5678' }, 'input.phone'],
    ['a landline (members sign in by mobile)', { ...valid, phone: '0555-2345678' }, 'input.phone'],
    ['an empty skill', { ...valid, skills: [''] }, 'input.skills.0'],
  ])('createMember refuses %s', (_case, input, path) => {
    expect(() => parseInput(createMemberInputSchema, input)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { problems: [expect.objectContaining({ path })] } }),
    );
  });

  it('accepts 13x–19x mobiles and de-duplicates skills', () => {
    expect(parseInput(createMemberInputSchema, { ...valid, phone: '19900000000', skills: ['电工', '电工'] })).toEqual({
      name: '张网格',
      phone: '19900000000',
      isPartyMember: false,
      skills: ['电工'],
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a bad phone', { phone: '1234' }, 'input.phone'],
    ['an unknown status', { status: 'RETIRED' }, 'input.status'],
  ])('updateMember refuses %s', (_case, input, path) => {
    expect(() => parseInput(updateMemberInputSchema, input)).toThrow(
      expect.objectContaining({ details: { problems: [expect.objectContaining({ path })] } }),
    );
  });

  it('updateMember keeps omitted and null fields as they are', () => {
    expect(parseInput(updateMemberInputSchema, { name: null, isPartyMember: false })).toEqual({
      name: undefined,
      phone: undefined,
      isPartyMember: false,
      skills: undefined,
      status: undefined,
    });
  });

  it('assignRole refuses an unparsable start', () => {
    expect(() =>
      parseInput(assignRoleInputSchema, { memberId: 'm', unitId: 'u', role: 'GRID_MEMBER', from: new Date('not a date') }),
    ).toThrow(/input.from: must be an ISO-8601 date-time/);
  });
});
