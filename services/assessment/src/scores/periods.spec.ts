import { isoWeekKey, isValidPeriod, periodsOf } from './periods';

describe('periods in Asia/Shanghai', () => {
  it('puts Sunday 23:30 local time in the week that ends that day', () => {
    // 2026-11-29 is a Sunday; 23:30 in Shanghai is 15:30 UTC.
    expect(isoWeekKey(new Date('2026-11-29T15:30:00Z'))).toBe('2026-W48');
    // Half an hour later it is Monday in Shanghai: the next week.
    expect(isoWeekKey(new Date('2026-11-29T16:00:00Z'))).toBe('2026-W49');
  });

  it('uses ISO week years across the new year', () => {
    expect(isoWeekKey(new Date('2027-01-01T04:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2025-12-29T04:00:00Z'))).toBe('2026-W01');
  });

  it('gives week, month, quarter and year keys by local date', () => {
    // 2026-09-30 20:00 UTC is 2026-10-01 04:00 in Shanghai.
    expect(periodsOf(new Date('2026-09-30T20:00:00Z'))).toEqual([
      { kind: 'WEEK', key: '2026-W40' },
      { kind: 'MONTH', key: '2026-10' },
      { kind: 'QUARTER', key: '2026-Q4' },
      { kind: 'YEAR', key: '2026' },
    ]);
  });

  it.each([
    [{ kind: 'WEEK', key: '2026-W48' }, true],
    [{ kind: 'WEEK', key: '2026-W54' }, false],
    [{ kind: 'MONTH', key: '2026-13' }, false],
    [{ kind: 'QUARTER', key: '2026-Q4' }, true],
    [{ kind: 'YEAR', key: '26' }, false],
  ] as const)('validates %j as %s', (period, valid) => {
    expect(isValidPeriod(period)).toBe(valid);
  });
});
