import { DEFAULT_DUTY_RULES, dutyRulesSchema, evaluateWeek, type AssignmentFacts, type CompletedVisitFacts, type DutyRule } from './duty-rules';
import { dutiesAtRisk, dutyWarningId, earliestWarning, warnStartOf } from './duty-warning-rules';
import { local, W48 } from '../../test/week-fixtures';

const g1 = 'grid-1';
const g2 = 'grid-2';
const village = 'village-1';
const paths: Record<string, string[]> = { [g1]: ['city', village, g1], [g2]: ['city', village, g2] };
const held = (orgUnitId: string, role: string, from = '2026-01-01T00:00:00', to: string | null = null): AssignmentFacts => ({
  orgUnitId,
  role,
  from: local(from).toISOString(),
  to: to ? local(to).toISOString() : null,
});
const visitIn = (gridId: string, at: string): CompletedVisitFacts => ({ gridId, orgPath: paths[gridId], visitedAt: local(at) });

/** The member's week measured at `now` (visits up to then), and what to warn of. */
function atRisk(assignments: AssignmentFacts[], visits: CompletedVisitFacts[], now: string, rules: readonly DutyRule[] = DEFAULT_DUTY_RULES) {
  const at = local(now);
  const result = evaluateWeek('m-1', assignments, W48, visits.filter((visit) => visit.visitedAt <= at), rules);
  return dutiesAtRisk(result, rules, at).map(({ unitId, role, achieved, required }) => `${unitId}/${role}: ${achieved}/${required}`);
}

describe('weekly duty warning (周走访预警)', () => {
  it.each<[string, string, string[]]>([
    ['Thursday evening: not yet (the defaults warn from Friday 09:00)', '2026-11-26T20:00:00', []],
    ['Friday 08:59: not yet', '2026-11-27T08:59:00', []],
    ['Friday 09:00: the instructor without a visit', '2026-11-27T09:00:00', ['grid-1/GRID_INSTRUCTOR: 0/1']],
    ['Sunday 23:59: still', '2026-11-29T23:59:00', ['grid-1/GRID_INSTRUCTOR: 0/1']],
    ['the next Monday: the week is over (the verdict follows)', '2026-11-30T00:00:00', []],
  ])('%s', (_case, now, expected) => {
    expect(atRisk([held(g1, 'GRID_INSTRUCTOR')], [], now)).toEqual(expected);
  });

  it('warns of each grid not visited yet, with what is done and required', () => {
    const rules: DutyRule[] = [{ role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 2, warnFrom: 'FRI 09:00' }];
    const visits = [visitIn(g1, '2026-11-24T10:00:00'), visitIn(g1, '2026-11-25T10:00:00'), visitIn(g2, '2026-11-26T10:00:00')];
    expect(atRisk([held(g1, 'GRID_INSTRUCTOR'), held(g2, 'GRID_INSTRUCTOR')], visits, '2026-11-27T10:00:00', rules)).toEqual(['grid-2/GRID_INSTRUCTOR: 1/2']);
  });

  it('does not warn of a duty met, a rule without warnFrom, or a role given up this week', () => {
    expect(atRisk([held(g1, 'GRID_ASSISTANT')], [visitIn(g1, '2026-11-24T10:00:00')], '2026-11-28T10:00:00')).toEqual([]);
    // village staff: the defaults do not warn them
    expect(atRisk([held(village, 'VILLAGE_STAFF')], [], '2026-11-28T10:00:00')).toEqual([]);
    expect(atRisk([held(g1, 'GRID_INSTRUCTOR', '2026-01-01T00:00:00', '2026-11-26T12:00:00')], [], '2026-11-28T10:00:00')).toEqual([]);
    // a role taken up on Saturday is warned of from then on
    expect(atRisk([held(g2, 'GRID_INSTRUCTOR', '2026-11-28T08:00:00')], [], '2026-11-28T10:00:00')).toEqual(['grid-2/GRID_INSTRUCTOR: 0/1']);
  });

  it('follows the rule table: another time, or days worked', () => {
    const rules: DutyRule[] = [
      { role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 1, warnFrom: 'MON 00:00' },
      { role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', minimum: 2, warnFrom: 'SAT 18:30' },
    ];
    expect(atRisk([held(g1, 'GRID_INSTRUCTOR')], [], '2026-11-23T00:00:00', rules)).toEqual(['grid-1/GRID_INSTRUCTOR: 0/1']);
    const staff = [held(village, 'VILLAGE_STAFF')];
    expect(atRisk(staff, [visitIn(g1, '2026-11-24T10:00:00')], '2026-11-28T18:29:00', rules)).toEqual([]);
    expect(atRisk(staff, [visitIn(g1, '2026-11-24T10:00:00')], '2026-11-28T18:30:00', rules)).toEqual(['village-1/VILLAGE_STAFF: 1/2']);
  });

  it.each<[string, string, string | undefined]>([
    ['MON 00:00', 'Monday midnight', '2026-11-23T00:00:00'],
    ['FRI 09:00', 'Friday morning', '2026-11-27T09:00:00'],
    ['SUN 23:59', 'the last minute', '2026-11-29T23:59:00'],
    ['FRIDAY 9:00', 'malformed', undefined],
  ])('reads %s as %s (Asia/Shanghai)', (warnFrom, _name, expected) => {
    expect(warnStartOf(W48, warnFrom)).toEqual(expected ? local(expected) : undefined);
  });

  it('knows the earliest warning of a table, if any', () => {
    expect(earliestWarning(W48, DEFAULT_DUTY_RULES)).toEqual(local('2026-11-27T09:00:00'));
    expect(earliestWarning(W48, [{ role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', minimum: 2 }])).toBeUndefined();
  });

  it('checks warnFrom in a stored table', () => {
    const rule = { role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 1 };
    expect(dutyRulesSchema.safeParse([{ ...rule, warnFrom: 'THU 17:30' }]).success).toBe(true);
    expect(dutyRulesSchema.safeParse([rule]).success).toBe(true);
    for (const warnFrom of ['FRI 24:00', 'fri 09:00', 'FRIDAY', '']) expect(dutyRulesSchema.safeParse([{ ...rule, warnFrom }]).success).toBe(false);
  });

  it('names one warning per member, duty unit, role and week', () => {
    expect(dutyWarningId({ memberId: 'm-1', unitId: g1, role: 'GRID_INSTRUCTOR' }, '2026-W48')).toBe('duty-at-risk:m-1:grid-1:GRID_INSTRUCTOR:2026-W48');
  });
});
