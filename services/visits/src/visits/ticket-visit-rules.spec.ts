import { ticketVisitChange } from './ticket-visit-rules';

const base = {
  ticketId: 't1',
  handlerId: 'm1',
  unitId: 'g1',
  orgPath: ['c', 'g1'],
  occurredAt: '2026-11-30T02:00:00.000Z',
};

describe('ticketVisitChange', () => {
  it('plans a visit for the handler on dispatch', () => {
    expect(ticketVisitChange({ ...base, type: 'steward.ticket.dispatched.v1' })).toEqual({
      visitId: 'ticket:t1:m1',
      memberId: 'm1',
      gridId: 'g1',
      orgPath: ['c', 'g1'],
      ticketId: 't1',
      status: 'PLANNED',
    });
  });

  it('marks the visit in progress on start and completed with the resolution on resolve', () => {
    expect(ticketVisitChange({ ...base, type: 'steward.ticket.started.v1' })).toMatchObject({
      status: 'IN_PROGRESS',
      startedAt: new Date(base.occurredAt),
    });
    expect(ticketVisitChange({ ...base, type: 'steward.ticket.resolved.v1', resolution: '已修复' })).toMatchObject({
      status: 'COMPLETED',
      endedAt: new Date(base.occurredAt),
      notes: '已修复',
    });
  });

  it('ignores events without a handler or without a visit effect', () => {
    expect(ticketVisitChange({ ...base, type: 'steward.ticket.dispatched.v1', handlerId: null })).toBeUndefined();
    expect(ticketVisitChange({ ...base, type: 'steward.ticket.accepted.v1' })).toBeUndefined();
  });
});
