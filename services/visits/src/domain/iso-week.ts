/**
 * ISO-8601 weeks (Monday to Sunday) and calendar days as seen in
 * Asia/Shanghai. China has no daylight saving time, so a fixed +08:00 offset
 * is exact for every date this system stores.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

export interface IsoWeek {
  /** e.g. 2026-W48 */
  key: string;
  /** Monday 00:00 Asia/Shanghai (inclusive) */
  start: Date;
  /** the next Monday 00:00 Asia/Shanghai (exclusive) */
  end: Date;
}

/** The Shanghai calendar date of `at` as a UTC-midnight Date (only its Y-M-D matter). */
function localDate(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** The calendar day of `at` in Asia/Shanghai, e.g. 2026-11-29. */
export function shanghaiDay(at: Date): string {
  return localDate(at).toISOString().slice(0, 10);
}

function weekOfLocalMonday(monday: Date): IsoWeek {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  const start = new Date(monday.getTime() - SHANGHAI_OFFSET_MS);
  return {
    key: `${weekYear}-W${String(week).padStart(2, '0')}`,
    start,
    end: new Date(start.getTime() + 7 * DAY_MS),
  };
}

/** The ISO week (Asia/Shanghai) that contains `at`. */
export function isoWeekOf(at: Date): IsoWeek {
  const date = localDate(at);
  const weekday = date.getUTCDay() || 7;
  return weekOfLocalMonday(new Date(date.getTime() - (weekday - 1) * DAY_MS));
}

/** The week named by `key` (e.g. 2026-W48), or undefined when no such ISO week exists (2026-W54, 2025-W53). */
export function parseIsoWeek(key: string): IsoWeek | undefined {
  const match = WEEK_KEY.exec(key);
  if (!match) return undefined;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (week < 1) return undefined;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1));
  const candidate = weekOfLocalMonday(new Date(mondayOfWeek1 + (week - 1) * 7 * DAY_MS));
  return candidate.key === key ? candidate : undefined;
}

/** `count` consecutive weeks ending with `last`, newest first. */
export function weeksEndingWith(last: IsoWeek, count: number): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let i = 0; i < count; i += 1) weeks.push(isoWeekOf(new Date(last.start.getTime() - i * 7 * DAY_MS)));
  return weeks;
}
