// Weeks and local times for the duty rule specs (Asia/Shanghai, UTC+8).
import { parseIsoWeek, type IsoWeek } from '../src/domain/iso-week';

function week(key: string): IsoWeek {
  const parsed = parseIsoWeek(key);
  if (!parsed) throw new Error(`bad week ${key}`);
  return parsed;
}

/** 2026-W48 runs from Monday 2026-11-23 to Sunday 2026-11-29, local time. */
export const W48 = week('2026-W48');

/** A local (Asia/Shanghai) date-time, e.g. `2026-11-27T09:00:00`. */
export const local = (dayAndTime: string): Date => new Date(`${dayAndTime}+08:00`);
