import { lastEndedWeek } from '../application/compliance-evaluator';
import type { WeekCompliance } from './duty-rules';
import { parseIsoWeek, type IsoWeek } from './iso-week';
import { creditedUnit, decideVerdict, verdictEvent, verdictId, type StoredVerdict, type VerdictContext } from './verdict-rules';

function week(key: string): IsoWeek {
  const parsed = parseIsoWeek(key);
  if (!parsed) throw new Error(`bad week ${key}`);
  return parsed;
}

const W47 = week('2026-W47');
const paths: Record<string, string[]> = {
  g1: ['city', 'village', 'g1'],
  g2: ['city', 'village', 'g2'],
  g3: ['city', 'village-2', 'g3'],
  village: ['city', 'village'],
};
const ctx: VerdictContext = { rulesVersion: 3, now: new Date('2026-11-30T01:00:00Z'), pathOf: (id) => paths[id] };

const duty = (unitId: string, required: number, achieved: number) => ({
  unitId,
  role: 'GRID_INSTRUCTOR',
  measure: 'COMPLETED_VISITS' as const,
  required,
  achieved,
  compliant: achieved >= required,
  heldFrom: W47.start,
  heldUntil: W47.end,
});

function result(duties: ReturnType<typeof duty>[]): WeekCompliance {
  return { memberId: 'm1', week: W47, compliant: duties.every((d) => d.compliant), duties };
}

describe('weekly verdicts', () => {
  it('keys a verdict by member and week', () => {
    expect(verdictId('m1', '2026-W47')).toBe('compliance:m1:2026-W47');
  });

  it('takes the last ended week: the one before the current week, Asia/Shanghai', () => {
    // Monday 2026-11-30 00:30 local is still Sunday in UTC: 2026-W48 has just ended
    expect(lastEndedWeek(new Date('2026-11-29T16:30:00Z')).key).toBe('2026-W48');
    // Sunday 2026-11-29 23:30 local: 2026-W48 is running, W47 is the last ended
    expect(lastEndedWeek(new Date('2026-11-29T15:30:00Z')).key).toBe('2026-W47');
  });

  describe('credited unit', () => {
    it("is the duty's unit with its path", () => {
      expect(creditedUnit(['g1'], ctx.pathOf)).toEqual({ unitId: 'g1', orgPath: ['city', 'village', 'g1'] });
      expect(creditedUnit(['g1', 'g1'], ctx.pathOf)).toEqual({ unitId: 'g1', orgPath: ['city', 'village', 'g1'] });
    });

    it('is the deepest unit above all duty units when there are several', () => {
      expect(creditedUnit(['g1', 'g2'], ctx.pathOf)).toEqual({ unitId: 'village', orgPath: ['city', 'village'] });
      expect(creditedUnit(['g1', 'g3'], ctx.pathOf)).toEqual({ unitId: 'city', orgPath: ['city'] });
      expect(creditedUnit(['g1', 'village'], ctx.pathOf)).toEqual({ unitId: 'village', orgPath: ['city', 'village'] });
    });

    it('is undefined for an unknown unit or no unit', () => {
      expect(creditedUnit(['g1', 'nowhere'], ctx.pathOf)).toBeUndefined();
      expect(creditedUnit([], ctx.pathOf)).toBeUndefined();
    });
  });

  describe('deciding', () => {
    it('issues a first verdict with totals, version 1 and no previous outcome', () => {
      // g1: 2 of 1 (met), g2: 0 of 1 (missed) → required 1 + 1 = 2, achieved 2 + 0 = 2, not compliant
      const decision = decideVerdict(result([duty('g1', 1, 2), duty('g2', 1, 0)]), undefined, ctx);
      expect(decision).toMatchObject({
        kind: 'issue',
        version: 1,
        data: {
          memberId: 'm1',
          unitId: 'village',
          orgPath: ['city', 'village'],
          week: '2026-W47',
          weekStart: '2026-11-15T16:00:00.000Z',
          weekEnd: '2026-11-22T16:00:00.000Z',
          required: 2,
          achieved: 2,
          compliant: false,
          dutyRuleVersion: 3,
          previousCompliant: null,
          evaluatedAt: '2026-11-30T01:00:00.000Z',
        },
      });
    });

    const stored = (over: Partial<StoredVerdict> = {}): StoredVerdict => ({
      unitId: 'g1',
      orgPath: paths.g1,
      required: 1,
      achieved: 0,
      compliant: false,
      duties: [{ unitId: 'g1', role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', required: 1, achieved: 0, compliant: false }],
      version: 1,
      ...over,
    });

    it('issues nothing when the stored verdict says the same', () => {
      expect(decideVerdict(result([duty('g1', 1, 0)]), stored(), ctx)).toEqual({ kind: 'same' });
    });

    it('revises with the next version, the first verdict’s unit and the outcome it replaces', () => {
      const decision = decideVerdict(result([duty('g1', 1, 1)]), stored({ version: 2, unitId: 'village', orgPath: paths.village }), ctx);
      expect(decision).toMatchObject({
        kind: 'revise',
        version: 3,
        data: { unitId: 'village', orgPath: ['city', 'village'], required: 1, achieved: 1, compliant: true, previousCompliant: false },
      });
    });

    it('revises when only a count changed, the outcome staying the same', () => {
      const decision = decideVerdict(result([duty('g1', 1, 3)]), stored({ achieved: 2, compliant: true, duties: [{ ...stored().duties[0], achieved: 2, compliant: true }] }), ctx);
      expect(decision).toMatchObject({ kind: 'revise', version: 2, data: { achieved: 3, compliant: true, previousCompliant: true } });
    });

    it('skips a week without duty and a duty on a unit the org tree does not know', () => {
      expect(decideVerdict(result([]), undefined, ctx).kind).toBe('skip');
      expect(decideVerdict(result([duty('nowhere', 1, 1)]), undefined, ctx).kind).toBe('skip');
    });

    it('makes a catalogue event keyed by the verdict id', () => {
      const decision = decideVerdict(result([duty('g1', 1, 1)]), undefined, ctx);
      if (decision.kind !== 'issue') throw new Error(decision.kind);
      const event = verdictEvent(decision, ctx.now);
      expect(event).toMatchObject({
        type: 'steward.visit.compliance-evaluated.v1',
        source: 'steward/visits',
        subject: 'compliance:m1:2026-W47',
        aggregateversion: 1,
        time: '2026-11-30T01:00:00.000Z',
      });
    });
  });
});
