/** Assessment periods (考核周期), always in Asia/Shanghai time. */
export const PERIOD_KINDS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  key: string;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // China has no daylight saving time.

function shanghaiParts(at: Date): { year: number; month: number; day: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** ISO-8601 week key, e.g. 2026-W48 (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(at: Date): string {
  const { year, month, day } = shanghaiParts(at);
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The four periods an instant belongs to. */
export function periodsOf(at: Date): Period[] {
  const { year, month } = shanghaiParts(at);
  return [
    { kind: 'WEEK', key: isoWeekKey(at) },
    { kind: 'MONTH', key: `${year}-${String(month).padStart(2, '0')}` },
    { kind: 'QUARTER', key: `${year}-Q${Math.ceil(month / 3)}` },
    { kind: 'YEAR', key: String(year) },
  ];
}

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  WEEK: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  MONTH: /^\d{4}-(0[1-9]|1[0-2])$/,
  QUARTER: /^\d{4}-Q[1-4]$/,
  YEAR: /^\d{4}$/,
};

export function isValidPeriod(period: Period): boolean {
  return KEY_PATTERNS[period.kind].test(period.key);
}

/** The Monday (00:00 Asia/Shanghai) that starts ISO week `weekKey`, e.g. 2026-W48 → 2026-11-23T00:00+08:00. */
export function weekStart(weekKey: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) throw new Error(`Not an ISO week key: ${weekKey}`);
  const [year, week] = [Number(match[1]), Number(match[2])];
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1));
  return new Date(mondayOfWeek1 + (week - 1) * 7 * 86_400_000 - SHANGHAI_OFFSET_MS);
}

/**
 * The periods a whole ISO week counts in: the week itself, and the month,
 * quarter and year of its Thursday (the ISO rule for weeks that straddle two).
 */
export function periodsOfWeek(weekKey: string): Period[] {
  const thursdayNoon = new Date(weekStart(weekKey).getTime() + 3 * 86_400_000 + 12 * 3_600_000);
  return periodsOf(thursdayNoon);
}

export function periodId(period: Period): string {
  return `${period.kind}:${period.key}`;
}

/** The instant a period starts: 00:00 Asia/Shanghai of its first day (the Monday of a week). */
export function periodStart(period: Period): Date {
  const year = Number(period.key.slice(0, 4));
  switch (period.kind) {
    case 'WEEK':
      return weekStart(period.key);
    case 'MONTH':
      return new Date(Date.UTC(year, Number(period.key.slice(5, 7)) - 1, 1) - SHANGHAI_OFFSET_MS);
    case 'QUARTER':
      return new Date(Date.UTC(year, (Number(period.key.slice(6)) - 1) * 3, 1) - SHANGHAI_OFFSET_MS);
    case 'YEAR':
      return new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS);
  }
}

/** The instant a period ends (exclusive): the start of the next one, Asia/Shanghai. */
export function periodEnd(period: Period): Date {
  const start = periodStart(period);
  if (period.kind === 'WEEK') return new Date(start.getTime() + 7 * 86_400_000);
  const local = new Date(start.getTime() + SHANGHAI_OFFSET_MS);
  const months = period.kind === 'MONTH' ? 1 : period.kind === 'QUARTER' ? 3 : 12;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1) - SHANGHAI_OFFSET_MS);
}

/**
 * The first instant a period may be closed (结算): its end plus the grace the
 * scoring policy gives late events (a visit logged on Sunday night, a weekly
 * duty verdict issued the next hour). A report frozen earlier would miss them,
 * or freeze a period that has not happened yet.
 */
export function closableFrom(period: Period, graceHours: number): Date {
  return new Date(periodEnd(period).getTime() + graceHours * 3_600_000);
}
