import { BadUserInputError } from '@steward/errors';
import {
  checkAssignment,
  checkEnd,
  isActiveAt,
  MAINLAND_MOBILE_PATTERN,
  type AssignmentFacts,
  type MemberFacts,
  type MemberRole,
  type OrgLevel,
} from './member-rules';

const JAN = new Date('2026-01-01T00:00:00Z');
const FEB = new Date('2026-02-01T00:00:00Z');
const MAR = new Date('2026-03-01T00:00:00Z');

const member = (overrides: Partial<MemberFacts> = {}): MemberFacts => ({
  id: 'm-1',
  isPartyMember: true,
  status: 'ACTIVE',
  assignments: [],
  ...overrides,
});
const unit = (level: OrgLevel, status: 'ACTIVE' | 'RETIRED' = 'ACTIVE') => ({ id: `u-${level}`, level, status });
const assignment = (overrides: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  id: 'a-1',
  unitId: 'u-GRID',
  role: 'GRID_MEMBER',
  from: JAN,
  to: null,
  ...overrides,
});

describe('checkAssignment', () => {
  it.each<[MemberRole, OrgLevel, boolean]>([
    ['GRID_LEADER', 'GRID', true],
    ['GRID_MEMBER', 'GRID', true],
    ['GRID_INSTRUCTOR', 'GRID', true],
    ['GRID_ASSISTANT', 'GRID', false],
    ['VILLAGE_SECRETARY', 'ADMIN_VILLAGE', true],
    ['VILLAGE_STAFF', 'ADMIN_VILLAGE', false],
    ['TOWNSHIP_DISPATCHER', 'TOWNSHIP', false],
    ['HOTLINE_OPERATOR', 'CITY', false],
    ['HOTLINE_OPERATOR', 'DISTRICT', true],
    ['HOTLINE_OPERATOR', 'TOWNSHIP', false],
    ['ADMIN', 'CITY', true],
    ['ADMIN', 'NATURAL_VILLAGE', false],
    ['ADMIN', 'GRID', true],
  ])('allows %s on a %s (party member: %s)', (role, level, isPartyMember) => {
    expect(() => checkAssignment(member({ isPartyMember }), unit(level), role, FEB)).not.toThrow();
  });

  it.each<[string, MemberFacts, OrgLevel | ReturnType<typeof unit>, MemberRole, RegExp, string]>([
    ['an instructor outside the party', member({ isPartyMember: false }), 'GRID', 'GRID_INSTRUCTOR', /must be a party member/, 'input.role'],
    ['an assistant in the party', member({ isPartyMember: true }), 'GRID', 'GRID_ASSISTANT', /must not be a party member/, 'input.role'],
    ['a grid role on a village', member(), 'ADMIN_VILLAGE', 'GRID_LEADER', /cannot be held on a ADMIN_VILLAGE; expected GRID/, 'input.unitId'],
    ['a grid role on a natural village', member(), 'NATURAL_VILLAGE', 'GRID_MEMBER', /expected GRID/, 'input.unitId'],
    ['a village role on a grid', member(), 'GRID', 'VILLAGE_SECRETARY', /expected ADMIN_VILLAGE/, 'input.unitId'],
    ['a village role on a township', member(), 'TOWNSHIP', 'VILLAGE_STAFF', /expected ADMIN_VILLAGE/, 'input.unitId'],
    ['a dispatcher on a district', member(), 'DISTRICT', 'TOWNSHIP_DISPATCHER', /expected TOWNSHIP/, 'input.unitId'],
    ['a hotline operator on a village', member(), 'ADMIN_VILLAGE', 'HOTLINE_OPERATOR', /expected CITY or DISTRICT or TOWNSHIP/, 'input.unitId'],
    ['a retired unit', member(), unit('GRID', 'RETIRED'), 'GRID_MEMBER', /retired/, 'input.unitId'],
    ['an inactive member', member({ status: 'INACTIVE' }), 'GRID', 'GRID_MEMBER', /inactive/, 'input.memberId'],
    ['the same role held open-ended', member({ assignments: [assignment()] }), 'GRID', 'GRID_MEMBER', /already holds GRID_MEMBER/, 'input.role'],
    ['the same role held past the new start', member({ assignments: [assignment({ to: MAR })] }), 'GRID', 'GRID_MEMBER', /already holds/, 'input.role'],
  ])('refuses %s', (_case, facts, target, role, message, path) => {
    const act = () => checkAssignment(facts, typeof target === 'string' ? unit(target) : target, role, FEB);
    expect(act).toThrow(BadUserInputError);
    expect(act).toThrow(message);
    try {
      act();
    } catch (error) {
      expect((error as BadUserInputError).details.problems).toEqual([expect.objectContaining({ path })]);
    }
  });

  it('allows the same role again once the earlier assignment has ended', () => {
    const facts = member({ assignments: [assignment({ to: FEB })] });
    expect(() => checkAssignment(facts, unit('GRID'), 'GRID_MEMBER', FEB)).not.toThrow();
  });

  it('allows another role on the same unit, and the same role on another unit', () => {
    const facts = member({ assignments: [assignment()] });
    expect(() => checkAssignment(facts, unit('GRID'), 'GRID_LEADER', FEB)).not.toThrow();
    expect(() => checkAssignment(facts, { id: 'u-other', level: 'GRID', status: 'ACTIVE' }, 'GRID_MEMBER', FEB)).not.toThrow();
  });
});

describe('checkEnd', () => {
  it('allows an end after (or at) the start', () => {
    expect(() => checkEnd(assignment(), FEB)).not.toThrow();
    expect(() => checkEnd(assignment(), JAN)).not.toThrow();
  });

  it('refuses an end before the start', () => {
    expect(() => checkEnd(assignment({ from: FEB }), JAN)).toThrow(/cannot end before it began/);
  });

  it('refuses to end an ended assignment', () => {
    expect(() => checkEnd(assignment({ to: FEB }), MAR)).toThrow(/already ended/);
  });
});

describe('isActiveAt', () => {
  it.each<[string, Partial<AssignmentFacts>, Date, boolean]>([
    ['open-ended, started', {}, FEB, true],
    ['at its start', {}, JAN, true],
    ['not started yet', { from: FEB }, JAN, false],
    ['before its end', { to: MAR }, FEB, true],
    ['at its end', { to: FEB }, FEB, false],
  ])('%s', (_case, overrides, at, expected) => {
    expect(isActiveAt(assignment(overrides), at)).toBe(expected);
  });
});

describe('MAINLAND_MOBILE_PATTERN', () => {
  it.each([
    ['13812345678', true],
    ['19900000000', true],
    ['23812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['+8613812345678', false],
    ['138-1234-5678', false],
  ])('%s → %s', (phone, ok) => {
    expect(MAINLAND_MOBILE_PATTERN.test(phone)).toBe(ok);
  });
});
