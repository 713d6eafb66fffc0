import { isoWeekOf, parseIsoWeek, shanghaiDay, weeksEndingWith } from './iso-week';

describe('ISO weeks in Asia/Shanghai', () => {
  it.each<[string, string, string]>([
    ['Sunday 23:30 local is still the week that began on Monday', '2026-11-29T15:30:00.000Z', '2026-W48'],
    ['Monday 00:00 local starts the next week', '2026-11-29T16:00:00.000Z', '2026-W49'],
    ['Sunday 23:59:59.999 local is the last instant of the week', '2026-11-29T15:59:59.999Z', '2026-W48'],
    ['Monday 07:59 local is Sunday 23:59 in UTC, yet Monday here', '2026-11-29T23:59:00.000Z', '2026-W49'],
    ['1 January 2027 (a Friday) belongs to the last week of 2026', '2027-01-01T04:00:00.000Z', '2026-W53'],
    ['29 December 2025 (a Monday) opens week 1 of 2026', '2025-12-28T16:00:00.000Z', '2026-W01'],
  ])('%s', (_case, at, key) => {
    expect(isoWeekOf(new Date(at)).key).toBe(key);
  });

  it('bounds a week by Monday 00:00 local (16:00 UTC the day before), end exclusive', () => {
    expect(parseIsoWeek('2026-W48')).toEqual({
      key: '2026-W48',
      start: new Date('2026-11-22T16:00:00.000Z'),
      end: new Date('2026-11-29T16:00:00.000Z'),
    });
  });

  it.each(['2026-W54', '2025-W53', '2026-W00', '2026-48', 'W48', '2026-W4'])('refuses %s', (key) => {
    expect(parseIsoWeek(key)).toBeUndefined();
  });

  it('accepts week 53 where the year has one', () => {
    expect(parseIsoWeek('2026-W53')?.start).toEqual(new Date('2026-12-27T16:00:00.000Z'));
  });

  it('names the local calendar day, not the UTC one', () => {
    expect(shanghaiDay(new Date('2026-11-29T15:30:00.000Z'))).toBe('2026-11-29');
    expect(shanghaiDay(new Date('2026-11-29T16:30:00.000Z'))).toBe('2026-11-30');
  });

  it('lists consecutive weeks newest first, across a year end', () => {
    const last = parseIsoWeek('2027-W01');
    if (!last) throw new Error('2027-W01 must parse');
    expect(weeksEndingWith(last, 3).map((week) => week.key)).toEqual(['2027-W01', '2026-W53', '2026-W52']);
  });
});
