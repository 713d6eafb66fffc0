import { Access, ANONYMOUS, inScope, SERVICE_PERMISSIONS, type Principal } from '@steward/auth';
import { DomainError } from '@steward/errors';
import {
  accessPathOf,
  assertMayCommand,
  assertMayDefineCategories,
  assertMayHandle,
  handlerMark,
  ticketReadScope,
  type CallerCommand,
  type GuardedTicket,
  type ReadableTicket,
} from './ticket-access';

// city C › district D › township T › village V (and V2) › grid G1 (and G2)
const GRID_TICKET: GuardedTicket = { orgPath: ['C', 'D', 'T', 'V', 'G1'], handlerId: 'handler' };
const VILLAGE_TICKET: GuardedTicket = { orgPath: ['C', 'D', 'T', 'V'], handlerId: null };

const member = (id: string, role: string, unitId: string): Principal => ({ kind: 'MEMBER', id, grants: [{ role, unitId }] });
const PRINCIPALS: Record<string, Principal> = {
  handler: member('handler', 'GRID_MEMBER', 'G1'),
  gridMember: member('grid-member', 'GRID_MEMBER', 'G1'),
  gridLeader: member('grid-leader', 'GRID_LEADER', 'G1'),
  g2Leader: member('g2-leader', 'GRID_LEADER', 'G2'),
  villageSecretary: member('secretary', 'VILLAGE_SECRETARY', 'V'),
  otherVillage: member('other', 'VILLAGE_SECRETARY', 'V2'),
  dispatcher: member('dispatcher', 'TOWNSHIP_DISPATCHER', 'T'),
  hotline: member('hotline', 'HOTLINE_OPERATOR', 'T'),
  admin: { kind: 'ADMIN', id: 'admin' },
  wechat: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
  anonymous: ANONYMOUS,
};

/** The code the check throws, or 'OK'. */
function outcome(run: () => void): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const check = (who: string, command: CallerCommand, ticket: GuardedTicket, targetPath?: string[]) =>
  outcome(() => assertMayCommand(Access.of(PRINCIPALS[who]), command, ticket, targetPath));

describe('ticket access: who may give which command', () => {
  it.each([
    // dispatch-level commands: tickets:dispatch on the ticket's unit
    ['gridLeader', 'accept', GRID_TICKET, 'OK'],
    ['gridMember', 'accept', GRID_TICKET, 'FORBIDDEN'],
    ['g2Leader', 'accept', GRID_TICKET, 'FORBIDDEN'],
    ['villageSecretary', 'dispatch', GRID_TICKET, 'OK'],
    ['otherVillage', 'dispatch', GRID_TICKET, 'FORBIDDEN'],
    ['dispatcher', 'close', VILLAGE_TICKET, 'OK'],
    ['gridLeader', 'reject', VILLAGE_TICKET, 'FORBIDDEN'],
    ['hotline', 'merge', GRID_TICKET, 'FORBIDDEN'],
    ['villageSecretary', 'reopen', GRID_TICKET, 'OK'],
    ['admin', 'merge', VILLAGE_TICKET, 'OK'],
    ['wechat', 'accept', GRID_TICKET, 'FORBIDDEN'],
    ['anonymous', 'accept', GRID_TICKET, 'UNAUTHENTICATED'],
    // handling: tickets:handle, and the handler or a dispatcher
    ['handler', 'start', GRID_TICKET, 'OK'],
    ['gridMember', 'resolve', GRID_TICKET, 'FORBIDDEN'],
    ['gridLeader', 'progress', GRID_TICKET, 'OK'],
    ['villageSecretary', 'escalate', GRID_TICKET, 'OK'],
    ['hotline', 'start', GRID_TICKET, 'FORBIDDEN'],
    ['g2Leader', 'start', GRID_TICKET, 'FORBIDDEN'],
    ['anonymous', 'start', GRID_TICKET, 'UNAUTHENTICATED'],
    // feedback (回访): tickets:feedback
    ['hotline', 'feedback', GRID_TICKET, 'OK'],
    ['gridLeader', 'feedback', GRID_TICKET, 'FORBIDDEN'],
    ['villageSecretary', 'feedback', GRID_TICKET, 'OK'],
    // supervision comes from a unit above the responsible one
    ['villageSecretary', 'supervise', GRID_TICKET, 'OK'],
    ['dispatcher', 'supervise', VILLAGE_TICKET, 'OK'],
    ['villageSecretary', 'supervise', VILLAGE_TICKET, 'FORBIDDEN'],
    ['gridLeader', 'supervise', GRID_TICKET, 'FORBIDDEN'],
    ['admin', 'supervise', VILLAGE_TICKET, 'OK'],
  ] as const)('%s → %s on %j: %s', (who, command, ticket, expected) => {
    expect(check(who, command, ticket)).toBe(expected);
  });

  it('needs tickets:dispatch on the unit a transfer goes to as well', () => {
    const village = { orgPath: ['C', 'D', 'T', 'V'], handlerId: null };
    expect(check('villageSecretary', 'transfer', village, ['C', 'D', 'T', 'V2'])).toBe('FORBIDDEN');
    expect(check('dispatcher', 'transfer', village, ['C', 'D', 'T', 'V2'])).toBe('OK');
    expect(check('villageSecretary', 'transfer', village)).toBe('OK'); // unknown target: the rules refuse it
  });

  it('lets the handler, or who may dispatch the ticket, upload evidence', () => {
    const upload = (who: string) => outcome(() => assertMayHandle(Access.of(PRINCIPALS[who]), GRID_TICKET));
    expect(['handler', 'gridMember', 'gridLeader', 'dispatcher', 'admin', 'wechat', 'anonymous'].map(upload)).toEqual([
      'OK',
      'FORBIDDEN',
      'OK',
      'OK',
      'OK',
      'FORBIDDEN',
      'UNAUTHENTICATED',
    ]);
  });
});

describe('ticket access: the handler acting for a unit inside the responsible unit', () => {
  // a village ticket dispatched to a grid member of G1 (dispatch allows a handler on a unit inside)
  const HANDLED_IN_GRID: GuardedTicket = { orgPath: ['C', 'D', 'T', 'V'], handlerId: 'handler', handlerUnitId: 'G1' };
  const REDISPATCHED: GuardedTicket = { ...HANDLED_IN_GRID, handlerId: 'secretary', handlerUnitId: 'V' };
  const reads = (who: string, ticket: GuardedTicket) => inScope(ticketReadScope(Access.of(PRINCIPALS[who])), accessPathOf(ticket));

  it('adds the handler mark to the access path only while there is a handler', () => {
    expect(accessPathOf(HANDLED_IN_GRID)).toEqual(['C', 'D', 'T', 'V', handlerMark('G1', 'handler')]);
    expect(accessPathOf(VILLAGE_TICKET)).toEqual(['C', 'D', 'T', 'V']);
    // stored before handlerUnitId existed: handled at the responsible unit
    expect(accessPathOf({ orgPath: ['C', 'D', 'T', 'V'], handlerId: 'secretary' })).toEqual(['C', 'D', 'T', 'V', handlerMark('V', 'secretary')]);
  });

  it('lets the handler read it, not their grid colleagues, and no longer once someone else handles it', () => {
    expect(['handler', 'gridMember', 'gridLeader', 'villageSecretary', 'otherVillage', 'admin'].map((who) => reads(who, HANDLED_IN_GRID))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(reads('handler', REDISPATCHED)).toBe(false);
    expect(() => ticketReadScope(Access.of(PRINCIPALS.anonymous))).toThrow('Sign in');
  });

  it('lets the handler do the handling, and only the handler among the grid', () => {
    const handles = (who: string, ticket: GuardedTicket) => outcome(() => assertMayCommand(Access.of(PRINCIPALS[who]), 'resolve', ticket));
    expect(['handler', 'gridMember', 'gridLeader', 'villageSecretary', 'anonymous'].map((who) => handles(who, HANDLED_IN_GRID))).toEqual([
      'OK',
      'FORBIDDEN',
      'FORBIDDEN',
      'OK',
      'UNAUTHENTICATED',
    ]);
    expect(handles('handler', REDISPATCHED)).toBe('FORBIDDEN');
    // a handler is not a dispatcher: dispatch-level commands stay with the responsible unit
    expect(check('handler', 'reopen', HANDLED_IN_GRID)).toBe('FORBIDDEN');
  });
});

describe('ticket access: the grid where the problem is', () => {
  // located at grid G1, escalated to the village V and then to the township T
  const AT_VILLAGE: ReadableTicket = { orgPath: ['C', 'D', 'T', 'V'], handlerId: null, locationPath: ['C', 'D', 'T', 'V', 'G1'] };
  const AT_TOWNSHIP: ReadableTicket = { orgPath: ['C', 'D', 'T'], handlerId: 'dispatcher', handlerUnitId: 'T', locationPath: ['C', 'D', 'T', 'V', 'G1'] };
  const reads = (who: string, ticket: ReadableTicket) => inScope(ticketReadScope(Access.of(PRINCIPALS[who])), accessPathOf(ticket));

  it('puts the location path into the access path, each unit once', () => {
    expect(accessPathOf(AT_VILLAGE)).toEqual(['C', 'D', 'T', 'V', 'G1']);
    expect(accessPathOf(AT_TOWNSHIP)).toEqual(['C', 'D', 'T', 'V', 'G1', handlerMark('T', 'dispatcher')]);
    // located where it is handled: nothing added
    expect(accessPathOf({ ...GRID_TICKET, locationPath: GRID_TICKET.orgPath })).toEqual(accessPathOf(GRID_TICKET));
  });

  it.each([
    ['gridMember', true],
    ['gridLeader', true],
    ['handler', true],
    ['g2Leader', false],
    ['otherVillage', false],
    ['villageSecretary', true],
    ['dispatcher', true],
  ])('lets %s read a ticket escalated away from the grid: %s', (who, expected) => {
    expect([reads(who, AT_VILLAGE), reads(who, AT_TOWNSHIP)]).toEqual([expected, expected]);
  });

  it.each([
    ['gridLeader', 'progress'],
    ['gridLeader', 'resolve'],
    ['gridLeader', 'escalate'],
    ['gridLeader', 'accept'],
    ['gridLeader', 'dispatch'],
    ['gridMember', 'start'],
    ['villageSecretary', 'resolve'],
  ] as const)('keeps commands with the responsible unit: %s → %s on the township ticket is FORBIDDEN', (who, command) => {
    expect(check(who, command, AT_TOWNSHIP)).toBe('FORBIDDEN');
  });

  it('still lets the village work the ticket while it is the village\'s', () => {
    expect(check('villageSecretary', 'escalate', AT_VILLAGE)).toBe('OK');
    expect(check('gridLeader', 'escalate', AT_VILLAGE)).toBe('FORBIDDEN');
  });
});

describe('who may define ticket categories (类别管理): a city-wide administrator only', () => {
  const isTopUnit = (unitId: string) => unitId === 'C';
  it.each([
    ['the bootstrap administrator', { kind: 'ADMIN', id: 'admin' }, true],
    ['a member holding ADMIN on the city', { kind: 'MEMBER', id: 'm', grants: [{ role: 'ADMIN', unitId: 'C' }] }, true],
    ['a member holding ADMIN on a township only', { kind: 'MEMBER', id: 'm', grants: [{ role: 'ADMIN', unitId: 'T' }] }, false],
    ['a township dispatcher', { kind: 'MEMBER', id: 'm', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: 'T' }] }, false],
    ['a dispatcher role on the city', { kind: 'MEMBER', id: 'm', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: 'C' }] }, false],
    ['a service account with every permission', { kind: 'SERVICE', id: 'wechat', permissions: [...SERVICE_PERMISSIONS] }, false],
  ] as const)('%s: %s', (_name, principal, allowed) => {
    const run = () => assertMayDefineCategories(Access.of(principal as Principal), isTopUnit);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
  });
});
