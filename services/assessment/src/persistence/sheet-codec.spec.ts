import { zeroCounters } from '../domain/counters';
import { decodeClaims, decodeRow, encodeClaims, encodeRow, idOfKey, keyOf, packEntries, unpackEntries, withChanges } from './sheet-codec';

describe('sheet rows', () => {
  it('round-trips a row, ids with separators included', () => {
    const row = { kind: 'UNIT' as const, counters: { ...zeroCounters(), received: 12, resolved: -1, householdsCovered: 3 }, scope: ['city', 'a|b,c', 'x.y'] };
    expect(encodeRow(row)).toBe('U|12,-1,0,0,0,0,0,0,0,0,0,3|city,a%7Cb%2Cc,x.y');
    expect(decodeRow(encodeRow(row))).toEqual(row);
    expect(decodeRow(encodeRow({ kind: 'MEMBER', counters: zeroCounters(), scope: [] }))).toEqual({ kind: 'MEMBER', counters: zeroCounters(), scope: [] });
  });

  it('reads a row written with fewer counters as zeros for the rest', () => {
    expect(decodeRow('M|1,2|c').counters).toEqual({ ...zeroCounters(), received: 1, resolved: 2 });
  });

  it('makes field-safe keys', () => {
    expect(keyOf('a.b$c')).toBe('a%2Eb%24c');
    expect(idOfKey(keyOf('a.b$c'))).toBe('a.b$c');
  });

  it('round-trips household claims', () => {
    const claims = new Map([
      ['h1', 't.visits:0:5'],
      ['h=2;', 't.visits:3:17'],
    ]);
    expect(decodeClaims(encodeClaims(claims))).toEqual(claims);
    expect(decodeClaims(undefined)).toEqual(new Map());
  });

  it('packs a sheet into one string and back, ids with tabs and newlines included', () => {
    const row = encodeRow({ kind: 'MEMBER', counters: zeroCounters(), scope: ['a\tb', 'c\nd'] });
    const entries = new Map([
      [keyOf('m\t1\n'), row],
      [keyOf('g2'), encodeClaims(new Map([['h\n1', 't:0:1']]))],
    ]);
    expect(unpackEntries(packEntries(entries))).toEqual(entries);
    expect(decodeRow(unpackEntries(packEntries(entries)).get(keyOf('m\t1\n')) as string).scope).toEqual(['a\tb', 'c\nd']);
    expect(unpackEntries(packEntries(new Map()))).toEqual(new Map());
  });

  it('reads sheets written by earlier versions, a field per entry', () => {
    expect(unpackEntries(undefined, { g1: 'U|1|c', g2: 'U|2|c' })).toEqual(new Map([['g1', 'U|1|c'], ['g2', 'U|2|c']]));
  });

  it('writes a sheet with its changed entries, leaving the one read as it was', () => {
    const base = new Map([['a', '1'], ['b', '2']]);
    const changed = new Map([['b', '3'], ['c', '4']]);
    expect(unpackEntries(packEntries(withChanges(base, changed)))).toEqual(new Map([['a', '1'], ['b', '3'], ['c', '4']]));
    expect(unpackEntries(packEntries(withChanges(undefined, changed)))).toEqual(changed);
    expect(base).toEqual(new Map([['a', '1'], ['b', '2']]));
  });
});
