import { z } from 'zod';
import { shanghaiDay, type IsoWeek } from './iso-week';

/**
 * Weekly duty (驻村/下沉网格) rules as data, so a city can change them:
 * each rule names a role and what a holder of it must achieve in every unit
 * where they hold it, per ISO week (Asia/Shanghai). The defaults are the
 * Ma'anshan rules: instructors (网格指导员) and assistants (网格助理员) visit
 * each of their grids at least once a week; village staff (村工作人员) work in
 * the grids of their village on at least two distinct days. A rule with
 * `warnFrom` also warns a holder whose duty is not met yet from that time of
 * the week on (周走访预警, see duty-warning-rules.ts): instructors and
 * assistants from Friday 09:00 by default.
 */
export const DUTY_MEASURES = ['COMPLETED_VISITS', 'DISTINCT_DAYS'] as const;
export type DutyMeasure = (typeof DUTY_MEASURES)[number];

export interface DutyRule {
  role: string;
  measure: DutyMeasure;
  minimum: number;
  /** from when in the week (Asia/Shanghai) a duty not met yet is warned of, e.g. FRI 09:00; absent: never */
  warnFrom?: string;
}

/** A time of the ISO week in Asia/Shanghai: weekday and hour, e.g. FRI 09:00. */
export const WEEK_TIME = /^(MON|TUE|WED|THU|FRI|SAT|SUN) ([01]\d|2[0-3]):([0-5]\d)$/;

export interface DutyRuleTable {
  /** 0 for the built-in defaults, then 1, 2, … per change */
  version: number;
  rules: DutyRule[];
  updatedAt: Date | null;
}

export const DEFAULT_DUTY_RULES: readonly DutyRule[] = [
  { role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 1, warnFrom: 'FRI 09:00' },
  { role: 'GRID_ASSISTANT', measure: 'COMPLETED_VISITS', minimum: 1, warnFrom: 'FRI 09:00' },
  { role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', minimum: 2 },
];

export const DEFAULT_DUTY_RULE_TABLE: DutyRuleTable = { version: 0, rules: [...DEFAULT_DUTY_RULES], updatedAt: null };

/** Rules in the table: one per role. */
export const MAX_DUTY_RULES = 20;

export const dutyRulesSchema = z
  .array(
    z
      .object({
        role: z
          .string()
          .trim()
          .regex(/^[A-Z][A-Z_]{1,39}$/, 'a role code such as GRID_INSTRUCTOR'),
        measure: z.enum(DUTY_MEASURES),
        minimum: z.number().int().min(1).max(50),
        warnFrom: z
          .string()
          .trim()
          .regex(WEEK_TIME, 'a weekday and time such as FRI 09:00')
          .nullish()
          .transform((value) => value ?? undefined),
      })
      .refine((rule) => rule.measure !== 'DISTINCT_DAYS' || rule.minimum <= 7, {
        message: 'a week has 7 days',
        path: ['minimum'],
      }),
  )
  .max(MAX_DUTY_RULES)
  .refine((rules) => new Set(rules.map((rule) => rule.role)).size === rules.length, {
    message: 'one rule per role',
  });

/** An assignment as the members replica publishes it (ISO strings; `to` exclusive). */
export interface AssignmentFacts {
  orgUnitId: string;
  role: string;
  from: string;
  to?: string | null;
}

/** A completed visit as the compliance rules need it. */
export interface CompletedVisitFacts {
  gridId: string;
  orgPath: readonly string[];
  visitedAt: Date;
}

export interface DutyOutcome {
  unitId: string;
  role: string;
  measure: DutyMeasure;
  /** the rule's minimum, lowered for DISTINCT_DAYS to the days the role was held that week */
  required: number;
  achieved: number;
  compliant: boolean;
  /** the part of the week the role was held */
  heldFrom: Date;
  heldUntil: Date;
}

export interface WeekCompliance {
  memberId: string;
  week: IsoWeek;
  /** true when every duty is met (also when the member had no duty that week) */
  compliant: boolean;
  duties: DutyOutcome[];
}

interface Interval {
  start: number;
  end: number;
}

/** The parts of the week during which each (unit, role) with a rule was held. */
function heldDuties(
  assignments: readonly AssignmentFacts[],
  week: IsoWeek,
  rules: ReadonlyMap<string, DutyRule>,
  inScope: (unitId: string) => boolean,
): Map<string, { unitId: string; rule: DutyRule; intervals: Interval[] }> {
  const duties = new Map<string, { unitId: string; rule: DutyRule; intervals: Interval[] }>();
  for (const assignment of assignments) {
    const rule = rules.get(assignment.role);
    if (!rule || !inScope(assignment.orgUnitId)) continue;
    const start = Math.max(Date.parse(assignment.from), week.start.getTime());
    const end = Math.min(assignment.to ? Date.parse(assignment.to) : Infinity, week.end.getTime());
    if (!(start < end)) continue;
    const key = `${assignment.orgUnitId}|${assignment.role}`;
    const duty = duties.get(key) ?? { unitId: assignment.orgUnitId, rule, intervals: [] };
    duty.intervals.push({ start, end });
    duties.set(key, duty);
  }
  return duties;
}

/** Distinct Shanghai calendar days touched by the intervals. */
function daysTouched(intervals: readonly Interval[]): number {
  const days = new Set<string>();
  for (const { start, end } of intervals) {
    for (let at = start; at < end; at += 3_600_000) days.add(shanghaiDay(new Date(at)));
    days.add(shanghaiDay(new Date(end - 1)));
  }
  return days.size;
}

/**
 * One member's compliance in one week. A duty exists for every unit where the
 * member held a role with a rule at some time in the week; only completed
 * visits made while holding it, in that unit or inside it (a village's grids
 * for village staff), count. `inScope` limits the duties to units of interest
 * (a subtree).
 */
export function evaluateWeek(
  memberId: string,
  assignments: readonly AssignmentFacts[],
  week: IsoWeek,
  visits: readonly CompletedVisitFacts[],
  rules: readonly DutyRule[],
  inScope: (unitId: string) => boolean = () => true,
): WeekCompliance {
  const byRole = new Map(rules.map((rule) => [rule.role, rule]));
  const duties: DutyOutcome[] = [];
  for (const { unitId, rule, intervals } of heldDuties(assignments, week, byRole, inScope).values()) {
    const counted = visits.filter((visit) => {
      const at = visit.visitedAt.getTime();
      const inUnit = visit.gridId === unitId || visit.orgPath.includes(unitId);
      return inUnit && intervals.some((interval) => interval.start <= at && at < interval.end);
    });
    const achieved =
      rule.measure === 'COMPLETED_VISITS' ? counted.length : new Set(counted.map((visit) => shanghaiDay(visit.visitedAt))).size;
    const required = rule.measure === 'DISTINCT_DAYS' ? Math.min(rule.minimum, daysTouched(intervals)) : rule.minimum;
    duties.push({
      unitId,
      role: rule.role,
      measure: rule.measure,
      required,
      achieved,
      compliant: achieved >= required,
      heldFrom: new Date(Math.min(...intervals.map((interval) => interval.start))),
      heldUntil: new Date(Math.max(...intervals.map((interval) => interval.end))),
    });
  }
  duties.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.role.localeCompare(b.role));
  return { memberId, week, compliant: duties.every((duty) => duty.compliant), duties };
}

/** True when the member held a role with a rule on a unit in scope at some time in the week. */
export function hasDutyIn(
  assignments: readonly AssignmentFacts[],
  week: IsoWeek,
  rules: readonly DutyRule[],
  inScope: (unitId: string) => boolean,
): boolean {
  return heldDuties(assignments, week, new Map(rules.map((rule) => [rule.role, rule])), inScope).size > 0;
}
