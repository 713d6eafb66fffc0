import { WEEK_TIME, type DutyMeasure, type DutyRule, type WeekCompliance } from './duty-rules';
import type { IsoWeek } from './iso-week';

/**
 * The weekly duty warning (周走访预警): late in the week, a member whose duty
 * is not met yet is told how far they are, once per member, duty unit, role
 * and ISO week. The duty rule says from when (`warnFrom`, a weekday and time
 * in Asia/Shanghai); a rule without it never warns.
 */
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A duty not met yet, to warn its holder of. */
export interface DutyAtRisk {
  memberId: string;
  unitId: string;
  role: string;
  measure: DutyMeasure;
  required: number;
  achieved: number;
  warnFrom: string;
}

/** When `warnFrom` (e.g. FRI 09:00) falls in `week`; undefined for a malformed value. */
export function warnStartOf(week: IsoWeek, warnFrom: string): Date | undefined {
  const match = WEEK_TIME.exec(warnFrom.trim());
  if (!match) return undefined;
  const day = WEEKDAYS.indexOf(match[1] as (typeof WEEKDAYS)[number]);
  return new Date(week.start.getTime() + day * DAY_MS + (Number(match[2]) * 60 + Number(match[3])) * MINUTE_MS);
}

/** The earliest warning time of the rules in `week` (undefined: no rule warns), so a pass before it can stop early. */
export function earliestWarning(week: IsoWeek, rules: readonly DutyRule[]): Date | undefined {
  const starts = rules.flatMap((rule) => (rule.warnFrom ? [warnStartOf(week, rule.warnFrom)] : [])).filter((at): at is Date => at !== undefined);
  return starts.length === 0 ? undefined : new Date(Math.min(...starts.map((at) => at.getTime())));
}

/**
 * The duties of one member's week-so-far (`result`, measured up to `now`)
 * to warn of at `now`: the rule warns and its time has come, the week has not
 * ended, the duty is not met, and the member holds the role now (one who gave
 * it up this week is not chased for it).
 */
export function dutiesAtRisk(result: WeekCompliance, rules: readonly DutyRule[], now: Date): DutyAtRisk[] {
  if (now >= result.week.end) return [];
  const byRole = new Map(rules.map((rule) => [rule.role, rule]));
  return result.duties.flatMap((duty) => {
    const warnFrom = byRole.get(duty.role)?.warnFrom;
    const start = warnFrom ? warnStartOf(result.week, warnFrom) : undefined;
    if (!warnFrom || !start || now < start || duty.compliant) return [];
    if (!(duty.heldFrom <= now && now < duty.heldUntil)) return [];
    return [{ memberId: result.memberId, unitId: duty.unitId, role: duty.role, measure: duty.measure, required: duty.required, achieved: duty.achieved, warnFrom }];
  });
}

/** The warning's id, its aggregate id and message key: one per member, duty unit, role and week. */
export function dutyWarningId(warning: Pick<DutyAtRisk, 'memberId' | 'unitId' | 'role'>, week: string): string {
  return `duty-at-risk:${warning.memberId}:${warning.unitId}:${warning.role}:${week}`;
}
