import { OrgTree, type OrgUnitSnapshot } from './org-tree';

const snapshot = (id: string, level: OrgUnitSnapshot['level'], ancestors: string[], extra: Partial<OrgUnitSnapshot> = {}): OrgUnitSnapshot => ({
  id,
  name: id,
  level,
  parentId: ancestors.at(-1) ?? null,
  ancestors,
  status: 'ACTIVE',
  ...extra,
});

const units = new Map(
  [
    snapshot('city', 'CITY', []),
    snapshot('d1', 'DISTRICT', ['city']),
    snapshot('t1', 'TOWNSHIP', ['city', 'd1']),
    snapshot('v1', 'ADMIN_VILLAGE', ['city', 'd1', 't1'], { partyOrg: { kind: 'GENERAL_BRANCH', name: '太平村党总支', secretaryName: '王书记' } }),
    snapshot('g1', 'GRID', ['city', 'd1', 't1', 'v1']),
    snapshot('g-old', 'GRID', ['city', 'd1', 't1', 'v1'], { status: 'RETIRED', validTo: '2026-01-01T00:00:00.000Z' }),
    // an event that predates partyOrg and validity still reads
    snapshot('g-legacy', 'GRID', ['city', 'd1', 't1', 'v1']),
  ].map((unit) => [unit.id, unit]),
);
const tree = new OrgTree(units);

describe('OrgTree', () => {
  it.each<[string, string[] | undefined]>([
    ['g1', ['city', 'd1', 't1', 'v1', 'g1']],
    ['city', ['city']],
    ['unknown', undefined],
  ])('pathOf(%s)', (id, path) => {
    expect(tree.pathOf(id)).toEqual(path);
  });

  it.each<[string, string, boolean]>([
    ['g1', 't1', true],
    ['g1', 'g1', true],
    ['t1', 'g1', false],
    ['unknown', 'city', false],
  ])('isWithin(%s, %s) is %s', (id, scope, expected) => {
    expect(tree.isWithin(id, scope)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['g1', true],
    ['g-old', false],
    ['unknown', false],
  ])('isActive(%s) is %s', (id, expected) => {
    expect(tree.isActive(id)).toBe(expected);
  });

  it('gives the breadcrumb root first, ending with the unit', () => {
    expect(tree.breadcrumb('g1').map((unit) => unit.id)).toEqual(['city', 'd1', 't1', 'v1', 'g1']);
    expect(tree.breadcrumb('unknown')).toEqual([]);
  });

  it('answers the party organisation attached to a unit', () => {
    expect(tree.partyOrgOf('v1')).toEqual({ kind: 'GENERAL_BRANCH', name: '太平村党总支', secretaryName: '王书记' });
    expect(tree.partyOrgOf('g-legacy')).toBeUndefined();
  });
});
