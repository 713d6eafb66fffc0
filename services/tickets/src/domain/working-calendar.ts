import { z } from 'zod';

/**
 * Working time on a calendar of public holidays and adjusted working weekends
 * (调休), read from data (calendar-cn.json). Deadlines like "accept within 2
 * working hours" or "resolve within 3 working days" are counted here.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const day = z.string().regex(DAY, 'must be YYYY-MM-DD');

const calendarDataSchema = z.object({
  timeZone: z.string().min(1),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  workingHours: z
    .array(z.object({ start: z.string().regex(TIME), end: z.string().regex(TIME) }))
    .min(1),
  years: z.array(
    z.object({
      year: z.number().int().min(2000).max(2100),
      status: z.enum(['official', 'provisional']),
      source: z.string().min(1),
      holidays: z.array(
        z.object({
          name: z.string().min(1),
          off: z.array(z.tuple([day, day])),
          work: z.array(day),
        }),
      ),
    }),
  ),
});
export type CalendarData = z.input<typeof calendarDataSchema>;

/** A span of time counted on the calendar: working hours, working days, or plain clock hours. */
export type WorkDuration = { workingHours: number } | { workingDays: number } | { hours: number };

export const workDurationSchema: z.ZodType<WorkDuration> = z.union([
  z.strictObject({ workingHours: z.number().positive() }),
  z.strictObject({ workingDays: z.number().int().positive() }),
  z.strictObject({ hours: z.number().positive() }),
]);

export interface DayInfo {
  day: string;
  working: boolean;
  /** the holiday that gives the day off or the adjusted working weekend (调休上班) */
  holiday: string | null;
  /** a weekend day that is worked (调休) */
  adjustedWorkday: boolean;
  /** the day's year has no official holiday notice in the data (provisional or missing): weekends only or statutory days only */
  provisional: boolean;
}

const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;
/** Deadlines further out than this mean broken data (e.g. no working day at all). */
const MAX_DAYS_SCANNED = 3660;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function dayNumber(dayText: string): number {
  const [y, m, d] = dayText.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dayText(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly offsetMs: number;
  private readonly periods: { start: number; end: number }[];
  private readonly offDays = new Map<string, string>();
  private readonly workDays = new Map<string, string>();
  private readonly officialYears = new Set<number>();
  readonly years: readonly number[];
  readonly timeZone: string;

  /** `data` is validated here: a broken calendar file stops the service at start. */
  constructor(data: unknown) {
    const parsed = calendarDataSchema.parse(data);
    this.timeZone = parsed.timeZone;
    this.offsetMs = parsed.utcOffsetMinutes * MINUTE;
    this.periods = parsed.workingHours.map(({ start, end }) => ({ start: minutesOf(start), end: minutesOf(end) }));
    this.periods.forEach((period, index) => {
      const previous = this.periods[index - 1];
      if (period.end <= period.start || (previous && period.start < previous.end)) {
        throw new Error(`working hours must be ordered, non-overlapping periods (period ${index + 1})`);
      }
    });
    for (const year of parsed.years) {
      if (year.status === 'official') this.officialYears.add(year.year);
      for (const holiday of year.holidays) {
        for (const [from, to] of holiday.off) {
          for (let n = dayNumber(from); n <= dayNumber(to); n += 1) this.mark(this.offDays, dayText(n), holiday.name, year.year);
        }
        for (const workday of holiday.work) this.mark(this.workDays, workday, holiday.name, year.year);
      }
    }
    this.years = parsed.years.map((year) => year.year);
  }

  private mark(target: Map<string, string>, dayValue: string, name: string, year: number): void {
    // 元旦 and 春节 may borrow a day from a neighbouring year; anything further off is a typo.
    if (Math.abs(Number(dayValue.slice(0, 4)) - year) > 1) throw new Error(`${dayValue} (${name}) is listed under ${year}`);
    if (this.offDays.has(dayValue) || this.workDays.has(dayValue)) throw new Error(`${dayValue} is listed twice`);
    target.set(dayValue, name);
  }

  /** The local calendar day (YYYY-MM-DD) of an instant. */
  localDay(at: Date): string {
    return new Date(at.getTime() + this.offsetMs).toISOString().slice(0, 10);
  }

  dayInfo(dayValue: string): DayInfo {
    const weekday = new Date(dayNumber(dayValue) * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const provisional = !this.officialYears.has(Number(dayValue.slice(0, 4)));
    const off = this.offDays.get(dayValue);
    if (off) return { day: dayValue, working: false, holiday: off, adjustedWorkday: false, provisional };
    const work = this.workDays.get(dayValue);
    if (work) return { day: dayValue, working: true, holiday: work, adjustedWorkday: weekend, provisional };
    return { day: dayValue, working: !weekend, holiday: null, adjustedWorkday: false, provisional };
  }

  isWorkingDay(dayValue: string): boolean {
    return this.dayInfo(dayValue).working;
  }

  /** The instant `from` plus `duration` of working time (or clock time for `hours`). */
  add(from: Date, duration: WorkDuration): Date {
    if ('hours' in duration) return new Date(from.getTime() + Math.round(duration.hours * 60 * MINUTE));
    if ('workingHours' in duration) return this.addWorkingTime(from, Math.round(duration.workingHours * 60 * MINUTE));
    return this.addWorkingDays(from, duration.workingDays);
  }

  /**
   * Counts `ms` of working time forward from `from`, skipping evenings, lunch
   * breaks, weekends and holidays, and counting adjusted working weekends.
   */
  addWorkingTime(from: Date, ms: number): Date {
    if (ms <= 0) return from;
    let remaining = ms;
    const firstDay = dayNumber(this.localDay(from));
    const fromInDay = from.getTime() + this.offsetMs - firstDay * DAY_MS;
    for (let n = firstDay; n < firstDay + MAX_DAYS_SCANNED; n += 1) {
      if (!this.isWorkingDay(dayText(n))) continue;
      for (const period of this.periods) {
        const end = period.end * MINUTE;
        const start = n === firstDay ? Math.max(period.start * MINUTE, fromInDay) : period.start * MINUTE;
        if (start >= end) continue;
        if (remaining <= end - start) return this.instant(n, start + remaining);
        remaining -= end - start;
      }
    }
    throw new Error(`no working time within ${MAX_DAYS_SCANNED} days of ${from.toISOString()}`);
  }

  /**
   * "Within N working days": the day the request arrives is not counted
   * unless it arrives before that working day begins; the deadline is the end
   * of the working hours of the Nth counted working day.
   */
  addWorkingDays(from: Date, days: number): Date {
    if (days <= 0) return from;
    const firstDay = dayNumber(this.localDay(from));
    const fromInDay = from.getTime() + this.offsetMs - firstDay * DAY_MS;
    const countsToday = this.isWorkingDay(dayText(firstDay)) && fromInDay < this.periods[0].start * MINUTE;
    let counted = 0;
    for (let n = countsToday ? firstDay : firstDay + 1; n < firstDay + MAX_DAYS_SCANNED; n += 1) {
      if (!this.isWorkingDay(dayText(n))) continue;
      counted += 1;
      if (counted === days) return this.instant(n, this.periods[this.periods.length - 1].end * MINUTE);
    }
    throw new Error(`no ${days} working days within ${MAX_DAYS_SCANNED} days of ${from.toISOString()}`);
  }

  /** The instant `msInDay` after local midnight of day number `n`. */
  private instant(n: number, msInDay: number): Date {
    return new Date(n * DAY_MS + msInDay - this.offsetMs);
  }
}
