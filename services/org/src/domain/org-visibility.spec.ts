import { ALL_UNITS } from '@steward/auth';
import { isVisible, pathOf, visibilityFilter, visibilityOf, type PlacedUnit } from './org-visibility';

// city › township t1 › villages v1 (grids g1, g2) and v2 (grid g3); township t2 › village v3
const unit = (id: string, ...ancestors: string[]): PlacedUnit => ({ id, ancestors });
const tree = {
  city: unit('city'),
  t1: unit('t1', 'city'),
  v1: unit('v1', 'city', 't1'),
  g1: unit('g1', 'city', 't1', 'v1'),
  g2: unit('g2', 'city', 't1', 'v1'),
  v2: unit('v2', 'city', 't1'),
  g3: unit('g3', 'city', 't1', 'v2'),
  t2: unit('t2', 'city'),
  v3: unit('v3', 'city', 't2'),
};
type Name = keyof typeof tree;
const all = Object.keys(tree) as Name[];
const visibleTo = (scopeIds: Name[]) => {
  const visibility = visibilityOf({ kind: 'UNITS', unitIds: scopeIds }, scopeIds.map((id) => tree[id]));
  return all.filter((name) => isVisible(visibility, tree[name]));
};

describe('org visibility', () => {
  it.each<[string, Name[], Name[]]>([
    ['a grid member: the grid and its breadcrumb, no sibling grid or village', ['g1'], ['city', 't1', 'v1', 'g1']],
    ['a village secretary: the village subtree and its breadcrumb', ['v1'], ['city', 't1', 'v1', 'g1', 'g2']],
    ['a township dispatcher: the township subtree and the city', ['t1'], ['city', 't1', 'v1', 'g1', 'g2', 'v2', 'g3']],
    ['roles in two places: both subtrees and both breadcrumbs', ['g3', 'v3'], ['city', 't1', 'v2', 'g3', 't2', 'v3']],
    ['no roles: nothing', [], []],
  ])('%s', (_label, scope, expected) => {
    expect(visibleTo(scope)).toEqual(expected);
  });

  it('shows everything for the ALL scope, with an empty filter', () => {
    const visibility = visibilityOf(ALL_UNITS, []);
    expect(all.every((name) => isVisible(visibility, tree[name]))).toBe(true);
    expect(visibilityFilter(visibility)).toEqual({});
  });

  it('keeps a scope unit the store does not know (it has no ancestors to add)', () => {
    const visibility = visibilityOf({ kind: 'UNITS', unitIds: ['gone'] }, []);
    expect(visibility).toEqual({ kind: 'UNITS', scopeIds: ['gone'], ancestorIds: [] });
    expect(visibilityFilter(visibility)).toEqual({ $or: [{ _id: { $in: ['gone'] } }, { ancestors: { $in: ['gone'] } }] });
  });

  it('builds the path a permission is checked on from the ancestors and the unit', () => {
    expect(pathOf(tree.g1)).toEqual(['city', 't1', 'v1', 'g1']);
  });
});
