import { Access, type Principal } from '@steward/auth';
import { allowedCommands, type OfferedTicket } from './ticket-actions';
import type { TicketStatus } from './ticket-state-machine';

// city C › district D › township T › village V (and V2) › grid G1
const member = (id: string, role: string, unitId: string): Principal => ({ kind: 'MEMBER', id, grants: [{ role, unitId }] });
const PRINCIPALS: Record<string, Principal> = {
  handler: member('handler', 'GRID_MEMBER', 'G1'),
  secretary: member('secretary', 'VILLAGE_SECRETARY', 'V'),
  otherVillage: member('other', 'VILLAGE_SECRETARY', 'V2'),
  dispatcher: member('dispatcher', 'TOWNSHIP_DISPATCHER', 'T'),
  hotline: member('hotline', 'HOTLINE_OPERATOR', 'T'),
};

const RESOLVED_AT = new Date('2026-11-30T08:00:00Z');
const villageTicket = (status: TicketStatus, changes: Partial<OfferedTicket> = {}): OfferedTicket => ({
  orgPath: ['C', 'D', 'T', 'V'],
  handlerId: ['DISPATCHED', 'IN_PROGRESS', 'RESOLVED'].includes(status) ? 'handler' : null,
  handlerUnitId: 'G1',
  status,
  level: 'ADMIN_VILLAGE',
  feedback: [],
  resolvedAt: status === 'RESOLVED' ? RESOLVED_AT : null,
  ...changes,
});
const feedbackAfterResolution = [{ at: new Date('2026-11-30T09:00:00Z'), actorId: 'hotline', satisfaction: 'SATISFIED' as const, comment: null }];

describe('allowedCommands (可执行操作)', () => {
  it.each([
    ['secretary', villageTicket('REPORTED'), ['accept', 'reject', 'merge']],
    ['dispatcher', villageTicket('REPORTED'), ['accept', 'reject', 'supervise', 'merge']],
    ['hotline', villageTicket('REPORTED'), []],
    ['handler', villageTicket('REPORTED'), []],
    ['otherVillage', villageTicket('REPORTED'), []],
    ['secretary', villageTicket('ACCEPTED'), ['dispatch', 'escalate', 'transfer', 'merge']],
    ['handler', villageTicket('DISPATCHED'), ['start', 'escalate']],
    ['secretary', villageTicket('DISPATCHED'), ['dispatch', 'start', 'escalate', 'transfer']],
    ['handler', villageTicket('IN_PROGRESS'), ['progress', 'resolve', 'escalate']],
    ['handler', villageTicket('ACCEPTED', { level: 'TOWNSHIP', orgPath: ['C', 'D', 'T'] }), []],
    ['dispatcher', villageTicket('IN_PROGRESS', { level: 'TOWNSHIP', orgPath: ['C', 'D', 'T'], handlerId: 'dispatcher', handlerUnitId: 'T' }), ['progress', 'resolve', 'transfer']],
    ['hotline', villageTicket('RESOLVED'), ['feedback']],
    ['secretary', villageTicket('RESOLVED'), ['feedback', 'reopen']],
    ['secretary', villageTicket('RESOLVED', { feedback: feedbackAfterResolution }), ['reopen', 'close']],
    ['hotline', villageTicket('RESOLVED', { feedback: feedbackAfterResolution }), []],
    ['secretary', villageTicket('CLOSED'), []],
  ] as const)('%s on a ticket %o', (who, ticket, expected) => {
    expect(allowedCommands(Access.of(PRINCIPALS[who]), ticket)).toEqual(expected);
  });
});
