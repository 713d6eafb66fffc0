import { zeroCounters } from '../domain/counters';
import { decodeClaims, decodeRow, encodeClaims, encodeRow, idOfKey, keyOf } from './sheet-codec';

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
});
