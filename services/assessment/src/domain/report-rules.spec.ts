import { zeroCounters } from './counters';
import { DEFAULT_WEIGHTS } from './scoring';
import { adjustmentsOf, freezeEntries, fullChanges, reportId } from './report-rules';

const period = { kind: 'MONTH', key: '2026-11' } as const;
const policy = { version: 3, weights: DEFAULT_WEIGHTS };

describe('frozen reports', () => {
  it('names a report by unit and period', () => {
    expect(reportId('t1', period)).toBe('t1|MONTH|2026-11');
  });

  it('scores the subjects under one policy and ranks them within their peer group', () => {
    const entries = freezeEntries(
      [
        { subjectId: 'g1', subjectType: 'GRID', counters: { ...zeroCounters(), received: 4, resolved: 2 }, wm: { 'p:0': 7 }, peerGroup: 'GRID|v1' },
        { subjectId: 'g2', subjectType: 'GRID', counters: { ...zeroCounters(), received: 4, resolved: 4 }, wm: {}, peerGroup: 'GRID|v1' },
        { subjectId: 'g3', subjectType: 'GRID', counters: { ...zeroCounters(), received: 1, resolved: 0 }, wm: {}, peerGroup: 'GRID|v2' },
        { subjectId: 'v1', subjectType: 'ADMIN_VILLAGE', counters: zeroCounters(), wm: {}, peerGroup: 'ADMIN_VILLAGE|t1' },
      ],
      period,
      policy,
    );
    const byId = Object.fromEntries(entries.map((entry) => [entry.subjectId, entry]));
    // g1: completion 0.5, on time 0/2 → (30×0.5 + 25×0) / 55 = 27.27; g2: (30×1 + 25×0) / 55 = 54.55
    expect([byId.g1.score, byId.g1.rank]).toEqual([27.27, 2]);
    expect([byId.g2.score, byId.g2.rank]).toEqual([54.55, 1]);
    expect([byId.g3.score, byId.g3.rank]).toEqual([0, 1]);
    expect([byId.v1.score, byId.v1.rank]).toEqual([null, null]);
    expect(byId.g1).toMatchObject({ policyVersion: 3, wm: { 'p:0': 7 }, completionRate: 0.5 });
  });

  it('keeps only events that came after the frozen snapshot of their subject', () => {
    const frozen = new Map([['g1', { wm: { 'p:0': 10, 'p:1': 4 } }]]);
    const candidates = [
      { id: 'in the snapshot', subjectId: 'g1', wmKey: 'p:0', offset: 10, increments: { received: 1 } },
      { id: 'after it', subjectId: 'g1', wmKey: 'p:0', offset: 11, increments: { received: 1 } },
      { id: 'partition never seen', subjectId: 'g1', wmKey: 'p:2', offset: 0, increments: { resolved: 1 } },
      { id: 'subject not in the report', subjectId: 'g9', wmKey: 'p:1', offset: 1, increments: { visits: 1 } },
    ];
    expect(adjustmentsOf(candidates, frozen).map((candidate) => candidate.id)).toEqual(['after it', 'partition never seen', 'subject not in the report']);
  });

  it('lists every counter in a change, 0 when unchanged', () => {
    expect(fullChanges({ resolved: -1, reopened: 1 })).toEqual({ ...zeroCounters(), resolved: -1, reopened: 1 });
  });
});
