import { DEFAULT_DUTY_RULES, dutyRulesSchema, evaluateWeek, hasDutyIn, type AssignmentFacts, type CompletedVisitFacts, type DutyRule } from './duty-rules';
import { local, W48 } from '../../test/week-fixtures';


const city = 'city';
const village = 'village-1';
const g1 = 'grid-1';
const g2 = 'grid-2';
const g3 = 'grid-3';
const pathOf: Record<string, string[]> = {
  [g1]: [city, village, g1],
  [g2]: [city, village, g2],
  [g3]: [city, 'village-2', g3],
};

const visitIn = (gridId: string, at: string): CompletedVisitFacts => ({ gridId, orgPath: pathOf[gridId], visitedAt: local(at) });
const held = (orgUnitId: string, role: string, from = '2026-01-01T00:00:00', to: string | null = null): AssignmentFacts => ({
  orgUnitId,
  role,
  from: local(from).toISOString(),
  to: to ? local(to).toISOString() : null,
});

const evaluate = (assignments: AssignmentFacts[], visits: CompletedVisitFacts[], rules: readonly DutyRule[] = DEFAULT_DUTY_RULES, inScope?: (unitId: string) => boolean) =>
  evaluateWeek('m-1', assignments, W48, visits, rules, inScope);

describe('weekly duty compliance', () => {
  describe('week boundaries (Asia/Shanghai)', () => {
    it.each<[string, string, boolean]>([
      ['a visit at 23:30 on Sunday local time counts for that week', '2026-11-29T23:30:00', true],
      ['a visit at 00:00 on Monday counts for that week', '2026-11-23T00:00:00', true],
      ['a visit at 00:00 on the next Monday does not', '2026-11-30T00:00:00', false],
      ['a visit at 23:30 on the Sunday before does not', '2026-11-22T23:30:00', false],
    ])('%s', (_case, at, compliant) => {
      const result = evaluate([held(g1, 'GRID_INSTRUCTOR')], [visitIn(g1, at)]);
      expect(result.compliant).toBe(compliant);
      expect(result.duties[0].achieved).toBe(compliant ? 1 : 0);
    });
  });

  describe('instructors and assistants with several grids', () => {
    const instructorOfTwo = [held(g1, 'GRID_INSTRUCTOR'), held(g2, 'GRID_INSTRUCTOR')];

    it('needs a completed visit in each assigned grid, not two in one', () => {
      const result = evaluate(instructorOfTwo, [visitIn(g1, '2026-11-24T09:00:00'), visitIn(g1, '2026-11-25T09:00:00')]);
      expect(result.compliant).toBe(false);
      expect(result.duties.map(({ unitId, achieved, compliant }) => ({ unitId, achieved, compliant }))).toEqual([
        { unitId: g1, achieved: 2, compliant: true },
        { unitId: g2, achieved: 0, compliant: false },
      ]);
    });

    it('is compliant with one visit in each', () => {
      const result = evaluate(instructorOfTwo, [visitIn(g1, '2026-11-24T09:00:00'), visitIn(g2, '2026-11-24T15:00:00')]);
      expect(result.compliant).toBe(true);
    });

    it('does not credit a visit in a grid the member holds no duty in', () => {
      const result = evaluate([held(g1, 'GRID_ASSISTANT')], [visitIn(g3, '2026-11-24T09:00:00')]);
      expect(result.duties).toEqual([expect.objectContaining({ unitId: g1, role: 'GRID_ASSISTANT', achieved: 0, compliant: false })]);
    });

    it('ignores roles without a rule (a grid member has no weekly duty)', () => {
      expect(evaluate([held(g1, 'GRID_MEMBER')], [])).toMatchObject({ compliant: true, duties: [] });
    });

    it('limits duties to a subtree when asked', () => {
      const result = evaluate([held(g1, 'GRID_INSTRUCTOR'), held(g3, 'GRID_INSTRUCTOR')], [], DEFAULT_DUTY_RULES, (unitId) =>
        pathOf[unitId].includes(village),
      );
      expect(result.duties.map((duty) => duty.unitId)).toEqual([g1]);
    });
  });

  describe('village staff: at least two distinct days in the grids of their village', () => {
    const staff = [held(village, 'VILLAGE_STAFF')];

    it.each<[string, string[], number, boolean]>([
      ['two visits on one day are one day', ['2026-11-24T09:00:00', '2026-11-24T15:00:00'], 1, false],
      ['visits on two days in different grids of the village', ['2026-11-24T09:00:00', '2026-11-26T10:00:00'], 2, true],
      ['Monday 00:30 and Sunday 23:30 local are two days; the Sunday before is another week', ['2026-11-22T23:30:00', '2026-11-23T00:30:00', '2026-11-29T23:30:00'], 2, true],
      ['two UTC days that are one local day', ['2026-11-24T07:00:00', '2026-11-24T09:00:00'], 1, false],
    ])('%s', (_case, times, days, compliant) => {
      const visits = times.map((at, index) => visitIn(index % 2 === 0 ? g1 : g2, at));
      const result = evaluate(staff, visits);
      expect(result.duties).toEqual([
        expect.objectContaining({ unitId: village, role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', required: 2, achieved: days, compliant }),
      ]);
    });

    it('does not count days in grids of another village', () => {
      const result = evaluate(staff, [visitIn(g1, '2026-11-24T09:00:00'), visitIn(g3, '2026-11-25T09:00:00')]);
      expect(result.duties[0]).toMatchObject({ achieved: 1, compliant: false });
    });
  });

  describe('assignment dates', () => {
    it('asks nothing of a member whose assignment ended before the week or starts after it', () => {
      const ended = held(g1, 'GRID_INSTRUCTOR', '2026-01-01T00:00:00', '2026-11-23T00:00:00');
      const future = held(g2, 'GRID_INSTRUCTOR', '2026-11-30T00:00:00');
      expect(evaluate([ended, future], [])).toMatchObject({ compliant: true, duties: [] });
      expect(hasDutyIn([ended, future], W48, DEFAULT_DUTY_RULES, () => true)).toBe(false);
    });

    it('holds a member assigned mid-week to the duty, counting only visits made while assigned', () => {
      const fromWednesday = held(g1, 'GRID_INSTRUCTOR', '2026-11-25T12:00:00');
      const before = evaluate([fromWednesday], [visitIn(g1, '2026-11-24T09:00:00')]);
      expect(before.duties[0]).toMatchObject({ achieved: 0, compliant: false, heldFrom: local('2026-11-25T12:00:00'), heldUntil: W48.end });
      expect(evaluate([fromWednesday], [visitIn(g1, '2026-11-26T09:00:00')]).compliant).toBe(true);
    });

    it('holds a member whose assignment ended mid-week to it, for visits before the end', () => {
      const untilTuesday = held(g1, 'GRID_ASSISTANT', '2026-01-01T00:00:00', '2026-11-24T18:00:00');
      expect(evaluate([untilTuesday], [visitIn(g1, '2026-11-24T10:00:00')]).compliant).toBe(true);
      expect(evaluate([untilTuesday], [visitIn(g1, '2026-11-25T10:00:00')]).compliant).toBe(false);
    });

    it('lowers the days asked of village staff to the days they held the role', () => {
      const fromSundayEvening = held(village, 'VILLAGE_STAFF', '2026-11-29T18:00:00');
      const result = evaluate([fromSundayEvening], [visitIn(g1, '2026-11-29T19:00:00')]);
      expect(result.duties[0]).toMatchObject({ required: 1, achieved: 1, compliant: true });
    });

    it('merges an assignment ended and renewed in the same week into one duty', () => {
      const first = held(g1, 'GRID_INSTRUCTOR', '2026-01-01T00:00:00', '2026-11-24T00:00:00');
      const renewed = held(g1, 'GRID_INSTRUCTOR', '2026-11-27T00:00:00');
      const result = evaluate([first, renewed], [visitIn(g1, '2026-11-25T10:00:00'), visitIn(g1, '2026-11-28T10:00:00')]);
      expect(result.duties).toHaveLength(1);
      expect(result.duties[0]).toMatchObject({ achieved: 1, compliant: true });
    });
  });

  it('follows a changed rule table (rules are data)', () => {
    const stricter: DutyRule[] = [{ role: 'GRID_INSTRUCTOR', measure: 'DISTINCT_DAYS', minimum: 3 }];
    const result = evaluate([held(g1, 'GRID_INSTRUCTOR')], [visitIn(g1, '2026-11-24T09:00:00'), visitIn(g1, '2026-11-25T09:00:00')], stricter);
    expect(result.duties[0]).toMatchObject({ measure: 'DISTINCT_DAYS', required: 3, achieved: 2, compliant: false });
  });

  describe('rule table validation', () => {
    it.each<[string, unknown, boolean]>([
      ['the defaults', DEFAULT_DUTY_RULES, true],
      ['two rules for one role', [DEFAULT_DUTY_RULES[0], { ...DEFAULT_DUTY_RULES[0], minimum: 2 }], false],
      ['more than 7 distinct days', [{ role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', minimum: 8 }], false],
      ['a minimum of 0', [{ role: 'VILLAGE_STAFF', measure: 'COMPLETED_VISITS', minimum: 0 }], false],
      ['a role that is not a code', [{ role: 'grid instructor', measure: 'COMPLETED_VISITS', minimum: 1 }], false],
    ])('%s', (_case, rules, ok) => {
      expect(dutyRulesSchema.safeParse(rules).success).toBe(ok);
    });
  });
});
