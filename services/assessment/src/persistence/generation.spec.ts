import { eventClaimSheetKey, newGeneration, ownCollectionPerSheet, periodOfCountersCollection, periodOfSheetKey, periodSheetKey, sheetLocation, SHEET_ID } from './generation';

const WEEK = { kind: 'WEEK', key: '2025-W07' } as const;

describe('where a generation keeps its sheets', () => {
  it('keeps a sheet in a collection of its own in a g… generation (the first one and earlier rebuilds)', () => {
    expect(sheetLocation('g0', 'counters', periodSheetKey(WEEK, 3))).toEqual({ collection: 'counters_g0_WEEK_2025-W07_3', id: SHEET_ID });
    expect(sheetLocation('gmxd1', 'eventclaims', eventClaimSheetKey('2025-02', 11))).toEqual({ collection: 'eventclaims_gmxd1_2025-02_11', id: SHEET_ID });
    expect(ownCollectionPerSheet('g0')).toBe(true);
  });

  it('keeps the sheets of a kind in one collection, keyed by the sheet, in a k-… generation (rebuilds since)', () => {
    expect(sheetLocation('k-mxd2', 'coverage', periodSheetKey(WEEK, 15))).toEqual({ collection: 'coverage_k-mxd2', id: 'WEEK_2025-W07_15' });
    expect(sheetLocation('k-mxd2', 'counters', periodSheetKey({ kind: 'YEAR', key: '2025' }, 0))).toEqual({ collection: 'counters_k-mxd2', id: 'YEAR_2025_0' });
    expect(ownCollectionPerSheet('k-mxd2')).toBe(false);
    // a name without the dash keeps the first layout, whatever its letter
    expect(ownCollectionPerSheet('kmxd2')).toBe(true);
  });

  it('names new generations k-…, in time order', () => {
    const earlier = newGeneration(new Date('2026-12-07T00:00:00Z'));
    const later = newGeneration(new Date('2026-12-08T00:00:00Z'));
    expect(earlier).toMatch(/^k-[a-z0-9]+$/);
    // which versions that know only the first layout refuse (their check was /^[a-z0-9]+$/)
    expect(/^[a-z0-9]+$/.test(earlier)).toBe(false);
    expect(earlier < later).toBe(true);
  });

  it('finds the period of a sheet key and of a counters collection, and nothing in other names', () => {
    expect(periodOfSheetKey('WEEK_2025-W07_3')).toEqual(WEEK);
    expect(periodOfSheetKey('NOPE_2025_1')).toBeUndefined();
    expect(periodOfCountersCollection('g0', 'counters_g0_MONTH_2025-02_1')).toEqual({ kind: 'MONTH', key: '2025-02' });
    expect(periodOfCountersCollection('g0', 'coverage_g0_MONTH_2025-02_1')).toBeUndefined();
    expect(periodOfCountersCollection('g0', 'counters_g01_MONTH_2025-02_1')).toBeUndefined();
  });

  it('refuses a generation name that is not collection-name safe', () => {
    expect(() => sheetLocation('k--1', 'counters', 'WEEK_2025-W07_0')).toThrow(/Bad generation name/);
    expect(() => sheetLocation('g-1', 'counters', 'WEEK_2025-W07_0')).toThrow(/Bad generation name/);
    expect(() => sheetLocation('k-1_x', 'counters', 'WEEK_2025-W07_0')).toThrow(/Bad generation name/);
  });
});
