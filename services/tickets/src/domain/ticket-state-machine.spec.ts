import { ConflictError } from '@steward/errors';
import { ALLOWED_FROM, levelAbove, nextStatus, TICKET_STATUSES, type TicketAction, type TicketStatus } from './ticket-state-machine';

const allowed: [TicketStatus, TicketAction, TicketStatus][] = [
  ['REPORTED', 'accept', 'ACCEPTED'],
  ['REPORTED', 'reject', 'REJECTED'],
  ['ACCEPTED', 'dispatch', 'DISPATCHED'],
  ['DISPATCHED', 'dispatch', 'DISPATCHED'],
  ['DISPATCHED', 'start', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'progress', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'resolve', 'RESOLVED'],
  ['ACCEPTED', 'escalate', 'ACCEPTED'],
  ['DISPATCHED', 'escalate', 'ACCEPTED'],
  ['IN_PROGRESS', 'escalate', 'ACCEPTED'],
  ['IN_PROGRESS', 'transfer', 'ACCEPTED'],
  ['REPORTED', 'supervise', 'REPORTED'],
  ['IN_PROGRESS', 'supervise', 'IN_PROGRESS'],
  ['RESOLVED', 'feedback', 'RESOLVED'],
  ['RESOLVED', 'reopen', 'ACCEPTED'],
  ['RESOLVED', 'close', 'CLOSED'],
  ['REPORTED', 'merge', 'MERGED'],
  ['ACCEPTED', 'merge', 'MERGED'],
  ['ACCEPTED', 'transfer', 'ACCEPTED'],
  ['DISPATCHED', 'transfer', 'ACCEPTED'],
  ['ACCEPTED', 'supervise', 'ACCEPTED'],
  ['DISPATCHED', 'supervise', 'DISPATCHED'],
  ['REPORTED', 'overdue', 'REPORTED'],
  ['ACCEPTED', 'overdue', 'ACCEPTED'],
  ['DISPATCHED', 'overdue', 'DISPATCHED'],
  ['IN_PROGRESS', 'overdue', 'IN_PROGRESS'],
  ['REPORTED', 'due-soon', 'REPORTED'],
  ['ACCEPTED', 'due-soon', 'ACCEPTED'],
  ['DISPATCHED', 'due-soon', 'DISPATCHED'],
  ['IN_PROGRESS', 'due-soon', 'IN_PROGRESS'],
];

describe('ticket state machine', () => {
  it('lists every allowed pair above', () => {
    expect(allowed).toHaveLength(Object.values(ALLOWED_FROM).flat().length);
  });

  it('climbs exactly one level: grid → village → township, and no further', () => {
    expect(levelAbove('GRID')).toBe('ADMIN_VILLAGE');
    expect(levelAbove('ADMIN_VILLAGE')).toBe('TOWNSHIP');
    expect(levelAbove('TOWNSHIP')).toBeUndefined();
  });

  it.each(allowed)('from %s, %s leads to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const forbidden = (Object.keys(ALLOWED_FROM) as TicketAction[]).flatMap((action) =>
    TICKET_STATUSES.filter((status) => !ALLOWED_FROM[action].includes(status)).map(
      (status) => [status, action] as [TicketStatus, TicketAction],
    ),
  );

  it('covers every forbidden pair', () => {
    expect(forbidden.length + Object.values(ALLOWED_FROM).flat().length).toBe(
      TICKET_STATUSES.length * Object.keys(ALLOWED_FROM).length,
    );
  });

  it.each(forbidden)('from %s, %s is refused with CONFLICT', (from, action) => {
    let thrown: unknown;
    try {
      nextStatus(from, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    expect(thrown).toMatchObject({ code: 'CONFLICT', details: { status: from, action } });
  });
});
