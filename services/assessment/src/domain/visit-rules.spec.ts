import { visitEffect, type VisitEventData } from './visit-rules';

const path = ['c', 'd', 't', 'v', 'g'];
const visit = (extra: Partial<VisitEventData> = {}): VisitEventData => ({
  memberId: 'm1',
  orgPath: path,
  householdIds: ['h1', 'h2'],
  endedAt: '2026-11-29T15:00:00Z',
  occurredAt: '2026-11-29T17:00:00Z',
  ...extra,
});

describe('visit counting rules', () => {
  it('counts a completed visit for the member and every unit, in the periods it ended in', () => {
    const effect = visitEffect('steward.visit.completed.v1', visit());
    expect(effect?.credits.map(({ subject, increments }) => [subject.kind, subject.id, increments])).toEqual([
      ['MEMBER', 'm1', { visits: 1 }],
      ['UNIT', 'c', { visits: 1 }],
      ['UNIT', 'd', { visits: 1 }],
      ['UNIT', 't', { visits: 1 }],
      ['UNIT', 'v', { visits: 1 }],
      ['UNIT', 'g', { visits: 1 }],
    ]);
    // ended Sunday 23:00 in Shanghai (recorded after midnight): week 48
    expect(effect?.periods.map((period) => period.key)).toEqual(['2026-W48', '2026-11', '2026-Q4', '2026']);
    expect(effect?.coverage).toEqual({ memberId: 'm1', orgPath: path, householdIds: ['h1', 'h2'] });
  });

  it('counts a weekly duty warning (周走访预警) for nothing: only the verdict after the week counts', () => {
    expect(visitEffect('steward.visit.duty-at-risk.v1', { memberId: 'm1', orgPath: path, week: '2026-W48' })).toBeUndefined();
  });

  describe('weekly compliance verdicts', () => {
    const TYPE = 'steward.visit.compliance-evaluated.v1';
    const verdict = (extra: Partial<VisitEventData>): VisitEventData => ({
      memberId: 'm1',
      orgPath: ['c', 'd', 't', 'v'],
      week: '2026-W48',
      compliant: true,
      previousCompliant: null,
      ...extra,
    });
    const credited = (data: VisitEventData) =>
      visitEffect(TYPE, data)?.credits.map(({ subject, increments }) => [subject.kind, subject.id, increments]);

    it('counts a first compliant verdict as a week and a compliant week, for the member and every unit of its path', () => {
      expect(credited(verdict({}))).toEqual([
        ['MEMBER', 'm1', { weeks: 1, compliantWeeks: 1 }],
        ['UNIT', 'c', { weeks: 1, compliantWeeks: 1 }],
        ['UNIT', 'd', { weeks: 1, compliantWeeks: 1 }],
        ['UNIT', 't', { weeks: 1, compliantWeeks: 1 }],
        ['UNIT', 'v', { weeks: 1, compliantWeeks: 1 }],
      ]);
    });

    it('counts a first non-compliant verdict as a week only (also without previousCompliant)', () => {
      expect(credited(verdict({ compliant: false }))?.[0]).toEqual(['MEMBER', 'm1', { weeks: 1 }]);
      expect(credited(verdict({ compliant: false, previousCompliant: undefined }))?.[0]).toEqual(['MEMBER', 'm1', { weeks: 1 }]);
    });

    it('corrects the outcome on a revision and never counts the week again', () => {
      expect(credited(verdict({ compliant: true, previousCompliant: false }))?.[0]).toEqual(['MEMBER', 'm1', { compliantWeeks: 1 }]);
      expect(credited(verdict({ compliant: false, previousCompliant: true }))?.[0]).toEqual(['MEMBER', 'm1', { compliantWeeks: -1 }]);
      expect(credited(verdict({ compliant: true, previousCompliant: true }))).toEqual([]);
      expect(credited(verdict({ compliant: false, previousCompliant: false }))).toEqual([]);
    });

    it('sums a first verdict and its revisions to one week with the last outcome', () => {
      // missed (weeks 1), then a late visit makes it (+1 compliant), then the visit is moved out again (−1)
      const steps = [verdict({ compliant: false }), verdict({ compliant: true, previousCompliant: false }), verdict({ compliant: false, previousCompliant: true })];
      const totals = { weeks: 0, compliantWeeks: 0 };
      for (const [index, step] of steps.entries()) {
        const increments = visitEffect(TYPE, step)?.credits[0]?.increments ?? {};
        totals.weeks += increments.weeks ?? 0;
        totals.compliantWeeks += increments.compliantWeeks ?? 0;
        expect(totals).toEqual([{ weeks: 1, compliantWeeks: 0 }, { weeks: 1, compliantWeeks: 1 }, { weeks: 1, compliantWeeks: 0 }][index]);
      }
    });

    it.each([
      // Monday 2026-11-23 … Sunday 2026-11-29: Thursday 26 November
      ['2026-W48', ['2026-W48', '2026-11', '2026-Q4', '2026']],
      // Monday 2025-12-29 … Sunday 2026-01-04: Thursday 1 January 2026
      ['2026-W01', ['2026-W01', '2026-01', '2026-Q1', '2026']],
      // Monday 2026-12-28 … Sunday 2027-01-03: Thursday 31 December 2026
      ['2026-W53', ['2026-W53', '2026-12', '2026-Q4', '2026']],
      // Monday 2026-03-30 … Sunday 2026-04-05: Thursday 2 April, so April and Q2
      ['2026-W14', ['2026-W14', '2026-04', '2026-Q2', '2026']],
    ])('counts %s in the month, quarter and year of its Thursday', (week, keys) => {
      expect(visitEffect(TYPE, verdict({ week }))?.periods.map((period) => period.key)).toEqual(keys);
    });
  });

  it('ignores planned, started and cancelled visits', () => {
    for (const type of ['steward.visit.logged.v1', 'steward.visit.started.v1', 'steward.visit.cancelled.v1']) {
      expect(visitEffect(type, visit())).toBeUndefined();
    }
  });
});
