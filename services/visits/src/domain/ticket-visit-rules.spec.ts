import { ticketVisitId, ticketVisitsFrom, type TicketFact } from './ticket-visit-rules';

const gridPath = ['city', 'village', 'grid'];
const villagePath = ['city', 'village'];
/** A fact of ticket t1 at `version`; times follow the versions so every order of delivery has the same facts. */
function fact(version: number, type: string, status: string, handlerId: string | null, extra: Partial<TicketFact> = {}): TicketFact {
  return {
    ticketId: 't1',
    version,
    type: `steward.ticket.${type}.v1`,
    status,
    handlerId,
    unitId: 'grid',
    orgPath: gridPath,
    occurredAt: new Date(Date.UTC(2026, 10, 30, version)),
    resolution: null,
    reason: null,
    intoTicketId: null,
    ...extra,
  };
}
const hour = (h: number) => new Date(Date.UTC(2026, 10, 30, h));

const handled = [
  fact(1, 'reported', 'REPORTED', null),
  fact(2, 'accepted', 'ACCEPTED', null),
  fact(3, 'dispatched', 'DISPATCHED', 'm1'),
  fact(4, 'started', 'IN_PROGRESS', 'm1'),
  fact(5, 'resolved', 'RESOLVED', 'm1', { resolution: '已疏通' }),
  fact(6, 'closed', 'CLOSED', 'm1'),
];

const escalated = [
  fact(3, 'dispatched', 'DISPATCHED', 'm1'),
  fact(4, 'escalated', 'ACCEPTED', null, { unitId: 'village', orgPath: villagePath, reason: '村级协调' }),
  fact(5, 'dispatched', 'DISPATCHED', 'm2', { unitId: 'village', orgPath: villagePath }),
  fact(6, 'started', 'IN_PROGRESS', 'm2', { unitId: 'village', orgPath: villagePath }),
  fact(7, 'resolved', 'RESOLVED', 'm2', { unitId: 'village', orgPath: villagePath, resolution: '已协调' }),
];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('ticket-driven visits', () => {
  it('plans, starts and completes the handler visit with the resolution', () => {
    expect(ticketVisitsFrom(handled)).toEqual([
      {
        visitId: 'ticket:t1:m1',
        ticketId: 't1',
        memberId: 'm1',
        gridId: 'grid',
        orgPath: gridPath,
        status: 'COMPLETED',
        plannedAt: hour(3),
        startedAt: hour(4),
        endedAt: hour(5),
        notes: '已疏通',
        cancelledAt: null,
        cancelReason: null,
      },
    ]);
  });

  it.each<[string, string, TicketFact[]]>([
    ['dispatched', 'PLANNED', handled.slice(0, 3)],
    ['started', 'IN_PROGRESS', handled.slice(0, 4)],
    ['resolved', 'COMPLETED', handled.slice(0, 5)],
  ])('after %s the visit is %s', (_case, status, facts) => {
    expect(ticketVisitsFrom(facts).map((visit) => visit.status)).toEqual([status]);
  });

  it('cancels the old handler visit on escalation and plans one for the new handler at the new unit', () => {
    const visits = ticketVisitsFrom(escalated);
    expect(visits.map(({ visitId, status, gridId, cancelReason }) => ({ visitId, status, gridId, cancelReason }))).toEqual([
      { visitId: 'ticket:t1:m1', status: 'CANCELLED', gridId: 'grid', cancelReason: 'ticket escalated: 村级协调' },
      { visitId: 'ticket:t1:m2', status: 'COMPLETED', gridId: 'village', cancelReason: null },
    ]);
    expect(visits[0].cancelledAt).toEqual(hour(4));
  });

  it.each<[string, TicketFact[], string]>([
    ['transferred', [fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(4, 'transferred', 'ACCEPTED', null, { reason: '不属本网格' })], 'ticket transferred: 不属本网格'],
    ['re-dispatched to someone else', [fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(4, 'dispatched', 'DISPATCHED', 'm2')], 'ticket dispatched to another handler'],
    ['merged', [fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(4, 'merged', 'MERGED', 'm1', { intoTicketId: 't0' })], 'ticket merged into t0'],
    ['rejected', [fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(4, 'rejected', 'REJECTED', null, { reason: '重复' })], 'ticket rejected: 重复'],
  ])('cancels the handler visit when the ticket is %s', (_case, facts, reason) => {
    expect(ticketVisitsFrom(facts)[0]).toMatchObject({ visitId: 'ticket:t1:m1', status: 'CANCELLED', cancelReason: reason });
  });

  it('plans nothing for a ticket rejected before dispatch', () => {
    expect(ticketVisitsFrom([fact(1, 'reported', 'REPORTED', null), fact(2, 'rejected', 'REJECTED', null, { reason: '非本辖区' })])).toEqual([]);
  });

  it('keeps the visit when the same handler is re-dispatched to a unit inside, moving it there', () => {
    const visits = ticketVisitsFrom([
      fact(3, 'dispatched', 'DISPATCHED', 'm1', { unitId: 'village', orgPath: villagePath }),
      fact(4, 'dispatched', 'DISPATCHED', 'm1'),
      fact(5, 'supervised', 'DISPATCHED', 'm1', { unitId: 'village', orgPath: villagePath }),
    ]);
    expect(visits).toEqual([expect.objectContaining({ visitId: 'ticket:t1:m1', status: 'PLANNED', gridId: 'grid', orgPath: gridPath })]);
  });

  it('gives a handler dispatched again after a reopen a second visit, keeping the completed one', () => {
    const visits = ticketVisitsFrom([
      ...handled.slice(0, 5),
      fact(6, 'reopened', 'ACCEPTED', null, { reason: '不满意' }),
      fact(7, 'dispatched', 'DISPATCHED', 'm1'),
    ]);
    expect(visits.map(({ visitId, status }) => ({ visitId, status }))).toEqual([
      { visitId: 'ticket:t1:m1', status: 'COMPLETED' },
      { visitId: ticketVisitId('t1', 'm1', 2), status: 'PLANNED' },
    ]);
    expect(visits[1].visitId).toBe('ticket:t1:m1:2');
  });

  it('ends in the same visits whatever order the events arrive in, with duplicates', () => {
    const expected = ticketVisitsFrom(escalated);
    for (const order of permutations(escalated)) {
      expect(ticketVisitsFrom([...order, order[0], order[2]])).toEqual(expected);
    }
  });

  it('ends in the same visits after a reopen whatever the order', () => {
    const facts = [...handled.slice(2, 5), fact(6, 'reopened', 'ACCEPTED', null), fact(7, 'dispatched', 'DISPATCHED', 'm1')];
    const expected = ticketVisitsFrom(facts);
    for (const order of permutations(facts)) expect(ticketVisitsFrom(order)).toEqual(expected);
  });

  it('passes over a warning before the deadline (临期预警): the status it carries is the one the visit has', () => {
    const steps = [fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(5, 'started', 'IN_PROGRESS', 'm1'), fact(6, 'resolved', 'RESOLVED', 'm1', { resolution: '已疏通' })];
    const warned = [...steps, fact(4, 'due-soon', 'DISPATCHED', 'm1')];
    for (const order of permutations(warned)) expect(ticketVisitsFrom(order)).toEqual(ticketVisitsFrom(steps));
  });

  it('makes do with a gap: a start seen before its dispatch already gives the handler a running visit', () => {
    expect(ticketVisitsFrom([fact(4, 'started', 'IN_PROGRESS', 'm1')])).toEqual([
      expect.objectContaining({ visitId: 'ticket:t1:m1', status: 'IN_PROGRESS', startedAt: hour(4) }),
    ]);
  });

  it('cancels a visit whose handler a later snapshot no longer names, even before the event that removed them arrives', () => {
    const visits = ticketVisitsFrom([fact(3, 'dispatched', 'DISPATCHED', 'm1'), fact(5, 'dispatched', 'DISPATCHED', 'm2')]);
    expect(visits.map(({ memberId, status }) => ({ memberId, status }))).toEqual([
      { memberId: 'm1', status: 'CANCELLED' },
      { memberId: 'm2', status: 'PLANNED' },
    ]);
  });
});
