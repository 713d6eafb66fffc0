import { BadUserInputError, ConflictError, type DomainError } from '@steward/errors';
import {
  ancestorsUnder,
  checkChangeable,
  checkExpectedVersion,
  checkMove,
  checkPartyOrg,
  checkPlacement,
  checkRetire,
  codeKeyOf,
  DIVISION_CODE_PATTERN,
  needsRebase,
  type OrgLevel,
  type OrgUnitStatus,
  type PartyOrgKind,
  type UnitFacts,
} from './org-rules';

const unit = (level: OrgLevel, status: OrgUnitStatus = 'ACTIVE') => ({ id: `u-${level}`, level, status });

/** Runs `act` and returns the domain error it threw, failing when it did not throw one. */
function refusal(act: () => void): DomainError {
  try {
    act();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('checkPlacement', () => {
  it.each<[OrgLevel, OrgLevel | undefined]>([
    ['CITY', undefined],
    ['DISTRICT', 'CITY'],
    ['TOWNSHIP', 'DISTRICT'],
    ['ADMIN_VILLAGE', 'TOWNSHIP'],
    ['NATURAL_VILLAGE', 'ADMIN_VILLAGE'],
    ['GRID', 'NATURAL_VILLAGE'],
    ['GRID', 'ADMIN_VILLAGE'],
  ])('allows a %s under %s', (level, parentLevel) => {
    expect(() => checkPlacement(level, parentLevel ? unit(parentLevel) : undefined)).not.toThrow();
  });

  it.each<[OrgLevel, OrgLevel | undefined, RegExp]>([
    ['TOWNSHIP', 'CITY', /cannot sit under a CITY/],
    ['GRID', 'TOWNSHIP', /cannot sit under a TOWNSHIP/],
    ['GRID', 'GRID', /cannot sit under a GRID/],
    ['NATURAL_VILLAGE', 'TOWNSHIP', /cannot sit under a TOWNSHIP/],
    ['ADMIN_VILLAGE', 'NATURAL_VILLAGE', /cannot sit under a NATURAL_VILLAGE/],
    ['DISTRICT', 'TOWNSHIP', /cannot sit under a TOWNSHIP/],
    ['CITY', 'CITY', /expected no parent/],
    ['DISTRICT', undefined, /needs a parent/],
    ['GRID', undefined, /needs a parent/],
  ])('refuses a %s under %s (BAD_USER_INPUT, LEVEL_ORDER)', (level, parentLevel, message) => {
    const error = refusal(() => checkPlacement(level, parentLevel ? unit(parentLevel) : undefined));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ reason: 'LEVEL_ORDER', problems: [{ path: 'input.parentId' }] });
  });

  it('refuses a retired parent (RETIRED_PARENT)', () => {
    const error = refusal(() => checkPlacement('GRID', unit('ADMIN_VILLAGE', 'RETIRED')));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.message).toMatch(/retired/);
    expect(error.details.reason).toBe('RETIRED_PARENT');
  });
});

describe('checkMove', () => {
  // 马鞍山市 › 含山县 › 清溪镇 › 太平村 › 东头自然村 › 网格
  const city: UnitFacts = { id: 'city', level: 'CITY', status: 'ACTIVE', ancestors: [] };
  const district: UnitFacts = { id: 'd1', level: 'DISTRICT', status: 'ACTIVE', ancestors: ['city'] };
  const otherDistrict: UnitFacts = { id: 'd2', level: 'DISTRICT', status: 'ACTIVE', ancestors: ['city'] };
  const retiredDistrict: UnitFacts = { id: 'd3', level: 'DISTRICT', status: 'RETIRED', ancestors: ['city'] };
  const township: UnitFacts = { id: 't1', level: 'TOWNSHIP', status: 'ACTIVE', ancestors: ['city', 'd1'] };
  const village: UnitFacts = { id: 'v1', level: 'ADMIN_VILLAGE', status: 'ACTIVE', ancestors: ['city', 'd1', 't1'] };
  const natural: UnitFacts = { id: 'n1', level: 'NATURAL_VILLAGE', status: 'ACTIVE', ancestors: ['city', 'd1', 't1', 'v1'] };
  const grid: UnitFacts = { id: 'g1', level: 'GRID', status: 'ACTIVE', ancestors: ['city', 'd1', 't1', 'v1', 'n1'] };
  const retiredGrid: UnitFacts = { ...grid, id: 'g2', status: 'RETIRED' };

  it.each<[string, UnitFacts, UnitFacts]>([
    ['a township to another district', township, otherDistrict],
    ['a grid from its natural village up to the admin village', grid, village],
    ['a natural village to another admin village', natural, { ...village, id: 'v2' }],
  ])('allows moving %s', (_label, moved, newParent) => {
    expect(() => checkMove(moved, newParent)).not.toThrow();
  });

  it.each<[string, UnitFacts, UnitFacts, 'BAD_USER_INPUT' | 'CONFLICT', string]>([
    ['a township under itself', township, township, 'BAD_USER_INPUT', 'MOVE_CYCLE'],
    ['a township under its own village', township, village, 'BAD_USER_INPUT', 'MOVE_CYCLE'],
    ['a district under its own grid', district, grid, 'BAD_USER_INPUT', 'MOVE_CYCLE'],
    ['a township under the city', township, city, 'BAD_USER_INPUT', 'LEVEL_ORDER'],
    ['a grid under a township', grid, township, 'BAD_USER_INPUT', 'LEVEL_ORDER'],
    ['a natural village under a district', natural, otherDistrict, 'BAD_USER_INPUT', 'LEVEL_ORDER'],
    ['the city under a district', city, otherDistrict, 'BAD_USER_INPUT', 'MOVE_CYCLE'],
    ['a township under a retired district', township, retiredDistrict, 'BAD_USER_INPUT', 'RETIRED_PARENT'],
    ['a retired grid', retiredGrid, village, 'CONFLICT', 'RETIRED_UNIT'],
  ])('refuses moving %s', (_label, moved, newParent, code, reason) => {
    const error = refusal(() => checkMove(moved, newParent));
    expect(error.code).toBe(code);
    expect(error.details.reason).toBe(reason);
  });

  it('names newParentId as the offending argument', () => {
    expect(refusal(() => checkMove(township, city)).details.problems).toEqual([{ path: 'newParentId', message: expect.any(String) }]);
  });
});

describe('checkRetire', () => {
  it('allows retiring a unit without active children', () => {
    expect(() => checkRetire({ id: 'g1' }, 0)).not.toThrow();
  });

  it.each([1, 7])('refuses while %i active children remain (CONFLICT, HAS_ACTIVE_CHILDREN)', (children) => {
    const error = refusal(() => checkRetire({ id: 'v1' }, children));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.details).toMatchObject({ reason: 'HAS_ACTIVE_CHILDREN', activeChildren: children });
  });
});

describe('checkChangeable', () => {
  it('refuses changing a retired unit (CONFLICT, RETIRED_UNIT)', () => {
    const error = refusal(() => checkChangeable({ id: 'g1', status: 'RETIRED' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.details.reason).toBe('RETIRED_UNIT');
  });

  it('lets an active unit change', () => {
    expect(() => checkChangeable({ id: 'g1', status: 'ACTIVE' })).not.toThrow();
  });
});

describe('checkPartyOrg', () => {
  it.each<[OrgLevel, PartyOrgKind]>([
    ['ADMIN_VILLAGE', 'GENERAL_BRANCH'],
    ['ADMIN_VILLAGE', 'BRANCH'],
    ['GRID', 'GRID_GROUP'],
  ])('allows a %s to carry a %s', (level, kind) => {
    expect(() => checkPartyOrg(level, { kind })).not.toThrow();
  });

  it.each<[OrgLevel, PartyOrgKind]>([
    ['GRID', 'BRANCH'],
    ['GRID', 'GENERAL_BRANCH'],
    ['ADMIN_VILLAGE', 'GRID_GROUP'],
    ['NATURAL_VILLAGE', 'GRID_GROUP'],
    ['TOWNSHIP', 'BRANCH'],
    ['CITY', 'GENERAL_BRANCH'],
  ])('refuses a %s carrying a %s (PARTY_ORG_LEVEL)', (level, kind) => {
    const error = refusal(() => checkPartyOrg(level, { kind }));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.details).toMatchObject({ reason: 'PARTY_ORG_LEVEL', problems: [{ path: 'input.partyOrg.kind' }] });
  });

  it.each<OrgLevel>(['CITY', 'GRID'])('accepts no party organisation on a %s', (level) => {
    expect(() => checkPartyOrg(level, null)).not.toThrow();
    expect(() => checkPartyOrg(level, undefined)).not.toThrow();
  });
});

describe('checkExpectedVersion', () => {
  it('passes without an expected version or with the current one', () => {
    expect(() => checkExpectedVersion({ id: 'g1', version: 3 }, undefined)).not.toThrow();
    expect(() => checkExpectedVersion({ id: 'g1', version: 3 }, 3)).not.toThrow();
  });

  it.each([1, 2, 4])('refuses a stale expectedVersion %i (CONFLICT, STALE_VERSION)', (expected) => {
    const error = refusal(() => checkExpectedVersion({ id: 'g1', version: 3 }, expected));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ reason: 'STALE_VERSION', version: 3, expectedVersion: expected });
  });
});

describe('division codes', () => {
  it.each(['340500000000', '340522100201'])('accepts %s', (code) => {
    expect(DIVISION_CODE_PATTERN.test(code)).toBe(true);
  });

  it.each(['', '3405', '3405000000001', '34050000000a', ' 340500000000', '340500-00000'])('refuses %j', (code) => {
    expect(DIVISION_CODE_PATTERN.test(code)).toBe(false);
  });

  it('keys units without a code by their id so the unique index only binds real codes', () => {
    expect(codeKeyOf('u1', null)).toBe('id:u1');
    expect(codeKeyOf('u1', '340500000000')).toBe('340500000000');
  });
});

describe('ancestors after a move', () => {
  const parent = { id: 't1', ancestors: ['city', 'd2'] };

  it('puts a child under its parent’s path', () => {
    expect(ancestorsUnder(parent)).toEqual(['city', 'd2', 't1']);
  });

  it.each<[string[], boolean]>([
    [['city', 'd2', 't1'], false],
    [['city', 'd1', 't1'], true],
    [['city', 'd2'], true],
    [['city', 'd2', 't1', 'x'], true],
  ])('a child with ancestors %j needs a rebase: %s', (ancestors, expected) => {
    expect(needsRebase({ ancestors }, parent)).toBe(expected);
  });
});
