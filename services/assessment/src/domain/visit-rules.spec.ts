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

  it('counts a weekly compliance verdict in the periods of its week', () => {
    const compliant = visitEffect('steward.visit.compliance-evaluated.v1', visit({ week: '2026-W01', compliant: true }));
    expect(compliant?.credits[0].increments).toEqual({ weeks: 1, compliantWeeks: 1 });
    expect(compliant?.periods.map((period) => period.key)).toEqual(['2026-W01', '2026-01', '2026-Q1', '2026']);
    expect(visitEffect('steward.visit.compliance-evaluated.v1', visit({ week: '2026-W01', compliant: false }))?.credits[0].increments).toEqual({ weeks: 1 });
  });

  it('ignores planned, started and cancelled visits', () => {
    for (const type of ['steward.visit.logged.v1', 'steward.visit.started.v1', 'steward.visit.cancelled.v1']) {
      expect(visitEffect(type, visit())).toBeUndefined();
    }
  });
});
