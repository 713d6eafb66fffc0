import { closableFrom, isoWeekKey, isValidPeriod, periodEnd, periodsOf, periodsOfWeek, periodStart, weekStart } from './periods';

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

describe('weeks as a whole', () => {
  it('starts a week on Monday 00:00 in Shanghai', () => {
    expect(weekStart('2026-W48').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(isoWeekKey(weekStart('2026-W48'))).toBe('2026-W48');
    expect(isoWeekKey(new Date(weekStart('2026-W48').getTime() - 1))).toBe('2026-W47');
  });

  it('counts a week that straddles two months in the month of its Thursday', () => {
    // 2026-W01 runs Mon 2025-12-29 … Sun 2026-01-04; its Thursday is 2026-01-01.
    expect(periodsOfWeek('2026-W01')).toEqual([
      { kind: 'WEEK', key: '2026-W01' },
      { kind: 'MONTH', key: '2026-01' },
      { kind: 'QUARTER', key: '2026-Q1' },
      { kind: 'YEAR', key: '2026' },
    ]);
    // 2026-W53 runs Mon 2026-12-28 … Sun 2027-01-03; its Thursday is 2026-12-31.
    expect(periodsOfWeek('2026-W53').map((period) => period.key)).toEqual(['2026-W53', '2026-12', '2026-Q4', '2026']);
  });
});

describe('period bounds and closing (结算)', () => {
  it.each([
    [{ kind: 'WEEK' as const, key: '2026-W48' }, '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z'],
    [{ kind: 'MONTH' as const, key: '2026-11' }, '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    [{ kind: 'MONTH' as const, key: '2026-12' }, '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    [{ kind: 'QUARTER' as const, key: '2026-Q4' }, '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    [{ kind: 'YEAR' as const, key: '2027' }, '2026-12-31T16:00:00.000Z', '2027-12-31T16:00:00.000Z'],
  ])('%o runs from %s to %s (midnight in Shanghai)', (period, start, end) => {
    expect(periodStart(period).toISOString()).toBe(start);
    expect(periodEnd(period).toISOString()).toBe(end);
  });

  it('may be closed only once the period and the grace are over', () => {
    const month = { kind: 'MONTH' as const, key: '2026-11' };
    expect(closableFrom(month, 0).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(closableFrom(month, 24).toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });
});
