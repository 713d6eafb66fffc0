import { coversWholeTree, EVENT_PATHS_ONLY, placementOf, type UnitPathOf } from './placement';

// city c › township t1 › village v1 › grid g1; grid g1 moved from village v0 (township t0)
const tree: Record<string, string[]> = { g1: ['c', 't1', 'v1', 'g1'], v1: ['c', 't1', 'v1'], g2: ['c', 't1', 'v2', 'g2'] };
const pathOf: UnitPathOf = (id) => tree[id];

describe('placement of a subject', () => {
  it('places a unit where the org tree has it now, else where its events were', () => {
    expect(placementOf({ subjectId: 'g1', subjectKind: 'UNIT', scope: ['c', 't0', 'v0', 'g1'] }, pathOf)).toEqual(['c', 't1', 'v1', 'g1']);
    expect(placementOf({ subjectId: 'gone', subjectKind: 'UNIT', scope: ['c', 'gone'] }, pathOf)).toEqual(['c', 'gone']);
    expect(placementOf({ subjectId: 'g1', subjectKind: 'UNIT', scope: ['c', 't0', 'v0', 'g1'] }, EVENT_PATHS_ONLY)).toEqual(['c', 't0', 'v0', 'g1']);
  });

  it('places a member under every unit the events credited them under, with its current ancestors', () => {
    const member = { subjectId: 'm', subjectKind: 'MEMBER', scope: ['c', 't0', 'v0', 'g1', 'g2'] } as const;
    expect(placementOf(member, pathOf).sort()).toEqual(['c', 'g1', 'g2', 't0', 't1', 'v0', 'v1', 'v2']);
    expect(placementOf({ subjectId: 'm', subjectKind: 'MEMBER', scope: [] }, pathOf)).toEqual([]);
  });
});

describe('city-wide scope', () => {
  it.each([
    [{ kind: 'ALL' } as const, [], true],
    [{ kind: 'ALL' } as const, ['c'], true],
    [{ kind: 'UNITS', unitIds: ['c'] } as const, ['c'], true],
    [{ kind: 'UNITS', unitIds: ['c'] } as const, ['c', 'other-city'], false],
    [{ kind: 'UNITS', unitIds: ['t1'] } as const, ['c'], false],
    [{ kind: 'UNITS', unitIds: ['c'] } as const, [], false],
  ])('%j with roots %j: %s', (scope, roots, expected) => {
    expect(coversWholeTree(scope, roots)).toBe(expected);
  });
});
