import { loadShanghaiCalendar } from './calendar';
import { WorkingCalendar, type WorkDuration } from './working-calendar';

const calendar = loadShanghaiCalendar();
/** An instant written in Shanghai local time. */
const cst = (local: string) => new Date(`${local}+08:00`);
const local = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working calendar (Asia/Shanghai)', () => {
  it.each([
    ['2026-11-27', true, null, false], // Friday
    ['2026-11-28', false, null, false], // Saturday
    ['2026-10-01', false, '国庆节 National Day', false],
    ['2026-10-10', true, '国庆节 National Day', true], // 调休 working Saturday
    ['2026-09-20', true, '国庆节 National Day', true], // 调休 working Sunday
    ['2026-02-14', true, '春节 Spring Festival', true],
    ['2026-02-23', false, '春节 Spring Festival', false], // Monday off
    ['2026-01-04', true, "元旦 New Year's Day", true],
    ['2026-06-19', false, '端午节 Dragon Boat Festival', false],
  ])('%s is working=%s (%s, adjusted weekend %s)', (day, working, holiday, adjustedWorkday) => {
    expect(calendar.dayInfo(day)).toEqual({ day, working, holiday, adjustedWorkday, provisional: false });
  });

  it('marks 2027 (no official notice in the data yet) and uncovered years as provisional', () => {
    expect(calendar.dayInfo('2027-02-05')).toMatchObject({ working: false, holiday: '春节 Spring Festival', provisional: true });
    expect(calendar.dayInfo('2028-03-01')).toMatchObject({ working: true, holiday: null, provisional: true });
  });

  it('tells the local day of an instant', () => {
    expect(calendar.localDay(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-30');
  });

  const cases: [string, string, WorkDuration, string][] = [
    ['working hours inside one morning', '2026-11-30T09:00', { workingHours: 2 }, '2026-11-30 11:00'],
    ['working hours across lunch', '2026-11-30T11:30', { workingHours: 1 }, '2026-11-30 14:30'],
    ['working hours before opening', '2026-11-30T07:00', { workingHours: 1 }, '2026-11-30 09:30'],
    ['working hours over a weekend', '2026-11-27T16:30', { workingHours: 2 }, '2026-11-30 09:30'],
    ['working hours reported on a Sunday', '2026-11-29T15:00', { workingHours: 4 }, '2026-11-30 14:30'],
    ['working hours into a 调休 Saturday', '2026-02-13T17:00', { workingHours: 1 }, '2026-02-14 09:00'],
    ['working hours over Spring Festival', '2026-02-14T17:00', { workingHours: 1 }, '2026-02-24 09:00'],
    ['fractional working hours', '2026-11-30T09:00', { workingHours: 0.5 }, '2026-11-30 09:30'],
    ['working days over a weekend', '2026-11-27T10:00', { workingDays: 3 }, '2026-12-02 17:30'],
    ['working days: arriving before opening counts the day', '2026-11-30T08:00', { workingDays: 1 }, '2026-11-30 17:30'],
    ['working days: arriving after closing does not', '2026-11-30T18:00', { workingDays: 1 }, '2026-12-01 17:30'],
    ['working days onto a 调休 Saturday', '2026-02-13T10:00', { workingDays: 1 }, '2026-02-14 17:30'],
    ['working days over Spring Festival', '2026-02-13T10:00', { workingDays: 2 }, '2026-02-24 17:30'],
    ['working days over National Day', '2026-09-30T10:00', { workingDays: 1 }, '2026-10-08 17:30'],
    ['working days ending on the 调休 Saturday after National Day', '2026-09-30T10:00', { workingDays: 3 }, '2026-10-10 17:30'],
    ['working days onto a 调休 Sunday', '2026-09-19T12:00', { workingDays: 1 }, '2026-09-20 17:30'],
    ['working days over Qingming', '2026-04-03T10:00', { workingDays: 1 }, '2026-04-07 17:30'],
    ['working days over Labour Day', '2026-04-30T10:00', { workingDays: 2 }, '2026-05-07 17:30'],
    ['working days onto the 元旦 调休 Sunday', '2025-12-31T10:00', { workingDays: 1 }, '2026-01-04 17:30'],
    ['clock hours ignore the calendar', '2026-11-28T10:00', { hours: 24 }, '2026-11-29 10:00'],
  ];
  it.each(cases)('%s: %s + %j → %s', (_name, from, duration, due) => {
    expect(local(calendar.add(cst(from), duration))).toBe(due);
  });

  it('keeps seconds when the deadline falls within the same working period', () => {
    expect(calendar.add(cst('2026-11-30T09:00:42'), { workingHours: 1 })).toEqual(cst('2026-11-30T10:00:42'));
  });

  const base = { timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480 };
  it.each([
    ['overlapping working hours', { ...base, workingHours: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '17:00' }], years: [] }],
    ['a period that ends before it starts', { ...base, workingHours: [{ start: '12:00', end: '08:00' }], years: [] }],
    [
      'a day listed twice',
      {
        ...base,
        workingHours: [{ start: '08:00', end: '12:00' }],
        years: [
          { year: 2026, status: 'official', source: 'x', holidays: [{ name: 'a', off: [['2026-05-01', '2026-05-02']], work: ['2026-05-02'] }] },
        ],
      },
    ],
    [
      'a day filed under a distant year',
      {
        ...base,
        workingHours: [{ start: '08:00', end: '12:00' }],
        years: [{ year: 2026, status: 'official', source: 'x', holidays: [{ name: 'a', off: [['2029-05-01', '2029-05-02']], work: [] }] }],
      },
    ],
    ['a malformed date', { ...base, workingHours: [{ start: '08:00', end: '12:00' }], years: [{ year: 2026, status: 'official', source: 'x', holidays: [{ name: 'a', off: [['2026-5-1', '2026-05-02']], work: [] }] }] }],
  ])('refuses calendar data with %s', (_name, data) => {
    expect(() => new WorkingCalendar(data)).toThrow();
  });
});
