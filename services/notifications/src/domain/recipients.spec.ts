import { unitDispatchers, type RoleHolder } from './recipients';

const PATH = ['city', 'township', 'village', 'grid'];

describe('unitDispatchers', () => {
  it.each<[string, Record<string, RoleHolder[]>, string[]]>([
    ['the grid leader of the grid', { grid: [{ memberId: 'leader', role: 'GRID_LEADER' }, { memberId: 'member', role: 'GRID_MEMBER' }], village: [{ memberId: 'sec', role: 'VILLAGE_SECRETARY' }] }, ['leader']],
    ['the village when the grid has no dispatcher', { grid: [{ memberId: 'member', role: 'GRID_MEMBER' }], village: [{ memberId: 'sec', role: 'VILLAGE_SECRETARY' }, { memberId: 'staff', role: 'VILLAGE_STAFF' }] }, ['sec', 'staff']],
    ['the township dispatcher above empty levels', { township: [{ memberId: 'disp', role: 'TOWNSHIP_DISPATCHER' }, { memberId: 'hot', role: 'HOTLINE_OPERATOR' }] }, ['disp']],
    ['a member holding two dispatch roles once', { grid: [{ memberId: 'x', role: 'GRID_LEADER' }, { memberId: 'x', role: 'GRID_LEADER' }] }, ['x']],
    ['nobody when no unit has a dispatcher', { grid: [{ memberId: 'member', role: 'GRID_MEMBER' }] }, []],
  ])('%s', (_, holders, expected) => {
    expect(unitDispatchers(PATH, (unitId) => holders[unitId] ?? [])).toEqual(expected);
  });
});
