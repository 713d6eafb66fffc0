import { revisionAfter, visitEventsFor, type VisitSnapshot } from './visit-events';

const visit: VisitSnapshot = {
  id: 'v1',
  memberId: 'm1',
  gridId: 'g1',
  orgPath: ['city', 'g1'],
  kind: 'ROUTINE',
  status: 'COMPLETED',
  ticketId: null,
  householdIds: ['h1'],
  startedAt: new Date('2026-11-30T01:00:00Z'),
  endedAt: new Date('2026-11-30T02:00:00Z'),
  cancelledAt: null,
  cancelReason: null,
  geo: { lat: 31.7, lng: 118.5 },
  photos: ['att-1', 'att-2'],
};
const loggedAt = new Date('2026-11-30T03:00:00Z');

describe('visit events', () => {
  it('logs a new visit and completes it in one change, with consecutive versions', () => {
    const events = visitEventsFor(null, visit, 0, loggedAt);
    expect(events.map((event) => [event.type, event.aggregateversion, (event.data as { occurredAt: string }).occurredAt])).toEqual([
      ['steward.visit.logged.v1', 1, '2026-11-30T03:00:00.000Z'],
      ['steward.visit.completed.v1', 2, '2026-11-30T02:00:00.000Z'],
    ]);
    expect(events[1].data).toMatchObject({ memberId: 'm1', orgPath: ['city', 'g1'], householdIds: ['h1'], photoCount: 2, geo: visit.geo });
    expect(revisionAfter(0, events)).toBe(2);
  });

  it.each<[string, VisitSnapshot['status'], string[]]>([
    ['PLANNED', 'IN_PROGRESS', ['steward.visit.started.v1']],
    ['IN_PROGRESS', 'COMPLETED', ['steward.visit.completed.v1']],
    ['IN_PROGRESS', 'CANCELLED', ['steward.visit.cancelled.v1']],
    ['COMPLETED', 'COMPLETED', []],
  ])('from %s to %s publishes %j', (from, to, types) => {
    const after = { ...visit, status: to, cancelReason: to === 'CANCELLED' ? '下雨' : null };
    const events = visitEventsFor({ status: from as VisitSnapshot['status'] }, after, 4, loggedAt);
    expect(events.map((event) => event.type)).toEqual(types);
    expect(events.map((event) => event.aggregateversion)).toEqual(types.map((_, index) => 5 + index));
  });

  it('publishes the start a ticket visit went through when it is reconciled from several ticket events at once', () => {
    const fromNothing = visitEventsFor(null, visit, 0, loggedAt, { startedBeforeEnd: true });
    expect(fromNothing.map((event) => [event.type, event.aggregateversion])).toEqual([
      ['steward.visit.logged.v1', 1],
      ['steward.visit.started.v1', 2],
      ['steward.visit.completed.v1', 3],
    ]);
    expect(fromNothing[1].data).toMatchObject({ status: 'IN_PROGRESS', occurredAt: '2026-11-30T01:00:00.000Z' });
    const fromStarted = visitEventsFor({ status: 'IN_PROGRESS' }, visit, 4, loggedAt, { startedBeforeEnd: true });
    expect(fromStarted.map((event) => event.type)).toEqual(['steward.visit.completed.v1']);
    const neverStarted = visitEventsFor({ status: 'PLANNED' }, { ...visit, status: 'CANCELLED', startedAt: null, cancelReason: '已撤回' }, 1, loggedAt, { startedBeforeEnd: true });
    expect(neverStarted.map((event) => event.type)).toEqual(['steward.visit.cancelled.v1']);
  });

  it('carries the reason on cancellation and still moves the revision on a change without events', () => {
    const [cancelled] = visitEventsFor({ status: 'PLANNED' }, { ...visit, status: 'CANCELLED', cancelReason: '下雨' }, 1, loggedAt);
    expect(cancelled.data).toMatchObject({ reason: '下雨', status: 'CANCELLED' });
    expect(revisionAfter(3, [])).toBe(4);
  });
});
