import { handlerMark } from './ticket-access';
import { accessPathOfStored, repathTicket, type PlacedTicket } from './ticket-placement';

// 清溪镇 Q with 太平村 T and 八卦村 B; grid G (located problems) moves from T to B
const T = ['C', 'D', 'Q', 'T'];
const G_OLD = [...T, 'G'];
const G_NEW = ['C', 'D', 'Q', 'B', 'G'];
const location = (unitId: string, path: string[]) => ({ unitId, path, address: '太平村12号', geo: null });

/** A ticket as stored, with the access path the rule gives it. */
function ticket(fields: Omit<PlacedTicket, 'accessPath'>): PlacedTicket {
  return { ...fields, accessPath: accessPathOfStored(fields) };
}

const GRID_TICKET = ticket({ unitId: 'G', orgPath: G_OLD, handlerId: 'm1', handlerUnitId: 'G', location: location('G', G_OLD) });
// located at G, escalated to the village T (no handler yet)
const ESCALATED = ticket({ unitId: 'T', orgPath: T, handlerId: null, location: location('G', G_OLD) });
// located at G, escalated to the township Q and dispatched to a township handler
const AT_TOWNSHIP = ticket({ unitId: 'Q', orgPath: ['C', 'D', 'Q'], handlerId: 'd1', handlerUnitId: 'Q', location: location('G', G_OLD) });
// the walking skeleton's tickets had no location
const SKELETON = ticket({ unitId: 'G', orgPath: G_OLD, handlerId: null });

describe('accessPathOfStored', () => {
  it.each([
    ['a grid ticket: the grid path and the handler mark', GRID_TICKET, [...G_OLD, handlerMark('G', 'm1')]],
    ['escalated to the village: the village path and the location grid', ESCALATED, [...T, 'G']],
    ['at the township: its path, the location path below it, the handler', AT_TOWNSHIP, ['C', 'D', 'Q', 'T', 'G', handlerMark('Q', 'd1')]],
    ['without a location: its own path', SKELETON, G_OLD],
  ])('%s', (_case, stored, expected) => {
    expect(accessPathOfStored(stored)).toEqual(expected);
  });
});

describe('repathTicket: what a ticket needs after its unit moved', () => {
  it.each([
    ['responsible and located at the moved grid', GRID_TICKET, 'G', G_NEW, { orgPath: G_NEW, location: location('G', G_NEW), accessPath: [...G_NEW, handlerMark('G', 'm1')] }],
    ['located there, responsible elsewhere: only the location path', ESCALATED, 'G', G_NEW, { location: location('G', G_NEW), accessPath: [...T, 'B', 'G'] }],
    ['at the township: the handler mark stays', AT_TOWNSHIP, 'G', G_NEW, { location: location('G', G_NEW), accessPath: ['C', 'D', 'Q', 'B', 'G', handlerMark('Q', 'd1')] }],
    ['a skeleton ticket: its own path', SKELETON, 'G', G_NEW, { orgPath: G_NEW, accessPath: G_NEW }],
    ['responsible at a moved village', ESCALATED, 'T', ['C', 'D', 'P', 'T'], { orgPath: ['C', 'D', 'P', 'T'], accessPath: ['C', 'D', 'P', 'T', 'Q', 'G'] }],
  ] as const)('%s', (_case, stored, unitId, path, expected) => {
    expect(repathTicket(stored, unitId, path)).toEqual(expected);
  });

  it.each([
    ['neither its responsible unit nor its location (an ancestor: its own state covers it)', GRID_TICKET, 'T', ['C', 'D', 'P', 'T']],
    ['already re-pathed (the same state handled twice)', { ...GRID_TICKET, ...repathTicket(GRID_TICKET, 'G', G_NEW) }, 'G', G_NEW],
    ['a rename (same path)', ESCALATED, 'G', G_OLD],
  ] as const)('changes nothing for %s', (_case, stored, unitId, path) => {
    expect(repathTicket(stored as PlacedTicket, unitId, path)).toBeNull();
  });

  it('writes the access path of a ticket whose stored one follows an older rule', () => {
    const older = { ...ESCALATED, accessPath: T };
    expect(repathTicket(older, 'G', G_OLD)).toEqual({ accessPath: [...T, 'G'] });
  });
});
