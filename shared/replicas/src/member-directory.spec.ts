import { MemberDirectory, type MemberSnapshot } from './member-directory';

const snapshot: MemberSnapshot = {
  id: 'm-1',
  name: '张网格',
  isPartyMember: true,
  status: 'INACTIVE',
  assignments: [
    { id: 'a-1', orgUnitId: 'g-1', role: 'GRID_INSTRUCTOR', from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
    { id: 'a-2', orgUnitId: 'g-1', role: 'GRID_MEMBER', from: '2026-02-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
  ],
};
const directory = new MemberDirectory(new Map([[snapshot.id, snapshot]]));

describe('MemberDirectory.rolesAt', () => {
  it.each<[string, string, string, string[]]>([
    ['before any assignment', 'g-1', '2025-12-31T23:59:59Z', []],
    ['inside one assignment', 'g-1', '2026-01-15T00:00:00Z', ['GRID_INSTRUCTOR']],
    ['inside two overlapping assignments', 'g-1', '2026-02-15T00:00:00Z', ['GRID_INSTRUCTOR', 'GRID_MEMBER']],
    ['at an end (exclusive)', 'g-1', '2026-03-01T00:00:00Z', ['GRID_MEMBER']],
    ['after every end', 'g-1', '2026-05-01T00:00:00Z', []],
    ['on another unit', 'g-2', '2026-02-15T00:00:00Z', []],
  ])('%s', (_case, unitId, at, roles) => {
    expect(directory.rolesAt('m-1', unitId, new Date(at))).toEqual(roles);
  });

  it('answers nothing for an unknown member', () => {
    expect(directory.rolesAt('m-unknown', 'g-1', new Date('2026-02-15T00:00:00Z'))).toEqual([]);
  });
});

describe('MemberDirectory.holdersOn', () => {
  const other: MemberSnapshot = { ...snapshot, id: 'm-2', assignments: [{ id: 'a-3', orgUnitId: 'g-1', role: 'GRID_LEADER', from: '2026-01-01T00:00:00.000Z', to: null }] };
  const two = new MemberDirectory(new Map([[snapshot.id, snapshot], [other.id, other]]));
  it.each<[string, string, string, { memberId: string; role: string }[]]>([
    ['every holder at a date', 'g-1', '2026-02-15T00:00:00Z', [{ memberId: 'm-1', role: 'GRID_INSTRUCTOR' }, { memberId: 'm-1', role: 'GRID_MEMBER' }, { memberId: 'm-2', role: 'GRID_LEADER' }]],
    ['only the current ones later', 'g-1', '2026-05-01T00:00:00Z', [{ memberId: 'm-2', role: 'GRID_LEADER' }]],
    ['nobody on another unit', 'g-2', '2026-02-15T00:00:00Z', []],
  ])('%s', (_case, unitId, at, holders) => {
    expect(two.holdersOn(unitId, new Date(at))).toEqual(holders);
  });
});
