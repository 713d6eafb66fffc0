import { DomainError } from '@steward/errors';
import { applySteps, isOverdueAt, pendingDueSoon, type TicketFacts } from './ticket-facts';
import { decide, type DecisionContext, type TicketCommand } from './ticket-rules';
import { ALLOWED_FROM, TICKET_ACTIONS, TICKET_STATUSES, type TicketAction, type TicketStatus } from './ticket-state-machine';
import { context, fakeDeadlines, hoursAfter, NOW, RESOLVE_HOURS, ticketIn } from '../../test/ticket-test-fixtures';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a domain error, nothing was thrown');
}

/** A command for `action` that succeeds whenever the status allows it, and the ticket prepared for it. */
function scenario(action: TicketAction, status: TicketStatus): { ticket: TicketFacts; command: TicketCommand; ctx: DecisionContext } {
  const ticket = ticketIn(status);
  const ctx = context();
  switch (action) {
    case 'accept':
      return { ticket, ctx, command: { type: 'accept', note: '受理' } };
    case 'reject':
      return { ticket, ctx, command: { type: 'reject', reason: '不属于受理范围' } };
    case 'dispatch':
      return { ticket, ctx, command: { type: 'dispatch', handlerId: 'grid-member' } };
    case 'start':
      return { ticket, ctx, command: { type: 'start', note: '到达现场' } };
    case 'progress':
      return { ticket, ctx, command: { type: 'progress', note: '已联系挖机' } };
    case 'resolve':
      return { ticket, ctx, command: { type: 'resolve', resolution: '已清淤' } };
    case 'escalate':
      return { ticket, ctx, command: { type: 'escalate', reason: '需要村里协调' } };
    case 'transfer':
      return { ticket, ctx, command: { type: 'transfer', unitId: 'G2', reason: '位置在第二网格' } };
    case 'supervise':
      return { ticket, ctx: context({ actorId: 'village-staff' }), command: { type: 'supervise', note: '请加快' } };
    case 'feedback':
      return { ticket, ctx, command: { type: 'feedback', satisfaction: 'SATISFIED' } };
    case 'reopen':
      return { ticket, ctx, command: { type: 'reopen', reason: '问题复发' } };
    case 'close': {
      const withFeedback = { ...ticket, feedback: [{ at: NOW, actorId: null, satisfaction: 'SATISFIED' as const, comment: null }] };
      return { ticket: withFeedback, ctx, command: { type: 'close' } };
    }
    case 'merge':
      return { ticket, ctx, command: { type: 'merge', into: { id: 'original', status: 'ACCEPTED' } } };
    case 'overdue': {
      const past = hoursAfter(NOW, -0.1);
      return {
        ticket: { ...ticket, acceptDueAt: past, resolveDueAt: status === 'REPORTED' ? null : past },
        ctx: context({ deadlines: fakeDeadlines(() => false) }),
        command: { type: 'markOverdue', kind: status === 'REPORTED' ? 'ACCEPT' : 'RESOLVE' },
      };
    }
    case 'due-soon': {
      const soon = hoursAfter(NOW, 0.25);
      return {
        ticket: { ...ticket, acceptDueAt: soon, resolveDueAt: status === 'REPORTED' ? null : soon },
        ctx,
        command: { type: 'warnDueSoon', kind: status === 'REPORTED' ? 'ACCEPT' : 'RESOLVE' },
      };
    }
  }
}

const EXPECTED_TO: Partial<Record<TicketAction, TicketStatus>> = {
  accept: 'ACCEPTED',
  reject: 'REJECTED',
  dispatch: 'DISPATCHED',
  start: 'IN_PROGRESS',
  resolve: 'RESOLVED',
  escalate: 'ACCEPTED',
  transfer: 'ACCEPTED',
  reopen: 'ACCEPTED',
  close: 'CLOSED',
  merge: 'MERGED',
};

describe('every transition, decided on a ticket', () => {
  const pairs = TICKET_ACTIONS.flatMap((action) => TICKET_STATUSES.map((status) => [action, status] as const));
  const allowed = pairs.filter(([action, status]) => ALLOWED_FROM[action].includes(status));
  const forbidden = pairs.filter(([action, status]) => !ALLOWED_FROM[action].includes(status));

  it('covers all 15 actions × 8 statuses', () => {
    expect(allowed.length + forbidden.length).toBe(15 * 8);
    expect(allowed.length).toBe(30);
  });

  it.each(allowed)('%s from %s is allowed', (action, status) => {
    const { ticket, command, ctx } = scenario(action, status);
    const [first] = decide(ticket, command, ctx);
    expect(first).toMatchObject({ action, from: status, to: EXPECTED_TO[action] ?? status });
    expect(first.changes.status).toBe(first.to);
  });

  it.each(forbidden)('%s from %s is refused with CONFLICT', (action, status) => {
    const { ticket, command, ctx } = scenario(action, status);
    expect(errorOf(() => decide(ticket, command, ctx))).toMatchObject({ code: 'CONFLICT', details: { status, action } });
  });
});

describe('accept', () => {
  it('starts the resolve deadline of the level', () => {
    const [accepted] = decide(ticketIn('REPORTED'), { type: 'accept' }, context());
    expect(accepted.changes).toMatchObject({ acceptedAt: NOW, resolveDueAt: hoursAfter(NOW, RESOLVE_HOURS.GRID), overdue: false });
    expect(accepted.changes.overdueCount).toBeUndefined();
    expect(accepted.event).toEqual({ type: 'accepted' });
  });

  it('counts a late acceptance as a missed deadline once', () => {
    const late = ticketIn('REPORTED', { acceptDueAt: hoursAfter(NOW, -1) });
    expect(decide(late, { type: 'accept' }, context())[0].changes.overdueCount).toBe(1);
    const marked = { ...late, overdue: true, overdueCount: 1 };
    const [accepted] = decide(marked, { type: 'accept' }, context());
    expect(accepted.changes.overdueCount).toBeUndefined();
    expect(accepted.changes.overdue).toBe(false);
  });
});

describe('reject', () => {
  it('records the reason', () => {
    const [rejected] = decide(ticketIn('REPORTED'), { type: 'reject', reason: '重复反映' }, context());
    expect(rejected).toMatchObject({ to: 'REJECTED', note: '重复反映', event: { type: 'rejected', reason: '重复反映' } });
  });
});

describe('dispatch', () => {
  it('assigns a handler who holds a role in the responsible unit', () => {
    const [dispatched] = decide(ticketIn('ACCEPTED'), { type: 'dispatch', handlerId: 'grid-member', note: '请今天处理' }, context());
    expect(dispatched.changes).toMatchObject({ handlerId: 'grid-member', handlerUnitId: 'G1', handlerDueAt: null });
    expect(dispatched.event).toEqual({ type: 'dispatched', previousHandlerId: null, note: '请今天处理' });
  });

  it('lets a village dispatch to a member of a grid inside it', () => {
    const villageTicket = ticketIn('ACCEPTED', { level: 'ADMIN_VILLAGE', unitId: 'V', orgPath: ['C', 'D', 'T', 'V'] });
    const [dispatched] = decide(villageTicket, { type: 'dispatch', handlerId: 'grid-member', unitId: 'G1' }, context());
    expect(dispatched.changes).toMatchObject({ handlerId: 'grid-member', handlerUnitId: 'G1' });
  });

  it('re-dispatches to another handler before work starts, naming the previous one', () => {
    const [dispatched] = decide(ticketIn('DISPATCHED'), { type: 'dispatch', handlerId: 'grid-member' }, context());
    expect(dispatched.event).toMatchObject({ previousHandlerId: 'grid-member-2' });
  });

  it('keeps a tighter handler deadline', () => {
    const dueAt = hoursAfter(NOW, 5);
    const [dispatched] = decide(ticketIn('ACCEPTED'), { type: 'dispatch', handlerId: 'grid-member', dueAt }, context());
    expect(dispatched.changes.handlerDueAt).toEqual(dueAt);
  });

  it.each([
    ['a handler without a role there', { handlerId: 'g2-member' }, 'BAD_USER_INPUT', 'input.handlerId'],
    ['a unit outside the responsible unit', { handlerId: 'g2-member', unitId: 'G2' }, 'BAD_USER_INPUT', 'input.unitId'],
    ['a unit above the responsible unit', { handlerId: 'village-staff', unitId: 'V' }, 'BAD_USER_INPUT', 'input.unitId'],
    ['an unknown unit', { handlerId: 'grid-member', unitId: 'nowhere' }, 'BAD_USER_INPUT', 'input.unitId'],
    ['a retired unit', { handlerId: 'grid-member', unitId: 'GX' }, 'BAD_USER_INPUT', 'input.unitId'],
    ['a due date in the past', { handlerId: 'grid-member', dueAt: hoursAfter(NOW, -1) }, 'BAD_USER_INPUT', 'input.dueAt'],
    ['a due date after the resolve deadline', { handlerId: 'grid-member', dueAt: hoursAfter(NOW, 48) }, 'BAD_USER_INPUT', 'input.dueAt'],
  ])('refuses %s', (_name, input, code, path) => {
    const error = errorOf(() => decide(ticketIn('ACCEPTED'), { type: 'dispatch', ...input }, context()));
    expect(error.code).toBe(code);
    expect(error.details.problems?.[0].path).toBe(path);
  });

  it('refuses to dispatch again to the same handler', () => {
    const error = errorOf(() => decide(ticketIn('DISPATCHED'), { type: 'dispatch', handlerId: 'grid-member-2' }, context()));
    expect(error.code).toBe('CONFLICT');
  });
});

describe('resolve', () => {
  it('on time: sets the resolution and the auto-close time', () => {
    const [resolved] = decide(ticketIn('IN_PROGRESS'), { type: 'resolve', resolution: '已清淤' }, context());
    expect(resolved.changes).toMatchObject({
      resolution: '已清淤',
      resolvedAt: NOW,
      resolvedOnTime: true,
      autoCloseAt: hoursAfter(NOW, 120),
      overdue: false,
    });
    expect(resolved.event).toEqual({ type: 'resolved', resolution: '已清淤', onTime: true, evidenceIds: [] });
  });

  it('carries the evidence it references on its timeline entry and its event', () => {
    const [resolved] = decide(ticketIn('IN_PROGRESS'), { type: 'resolve', resolution: '已清淤', evidenceIds: ['after-photo'] }, context());
    expect(resolved.evidenceIds).toEqual(['after-photo']);
    expect(resolved.event).toMatchObject({ type: 'resolved', evidenceIds: ['after-photo'] });
    const [progress] = decide(ticketIn('IN_PROGRESS'), { type: 'progress', note: '已联系挖机', evidenceIds: ['digger'] }, context());
    expect([progress.evidenceIds, progress.event]).toEqual([['digger'], { type: 'progress-added', note: '已联系挖机', evidenceIds: ['digger'] }]);
    const [started] = decide(ticketIn('DISPATCHED'), { type: 'start', evidenceIds: ['on-site'] }, context());
    expect([started.evidenceIds, started.event]).toEqual([['on-site'], { type: 'started', evidenceIds: ['on-site'] }]);
  });

  it('late: flags the ticket overdue and counts the missed deadline', () => {
    const late = ticketIn('IN_PROGRESS', { resolveDueAt: hoursAfter(NOW, -1) });
    const [resolved] = decide(late, { type: 'resolve', resolution: '已清淤' }, context());
    expect(resolved.changes).toMatchObject({ resolvedOnTime: false, overdue: true, overdueCount: 1 });
    expect(resolved.event).toMatchObject({ onTime: false });
  });
});

describe('escalate: exactly one level up', () => {
  it('takes a grid ticket to its administrative village (past the natural village), without a handler', () => {
    const steps = decide(ticketIn('IN_PROGRESS'), { type: 'escalate', reason: '需要村里协调' }, context());
    expect(steps).toHaveLength(1);
    expect(steps[0].changes).toMatchObject({
      status: 'ACCEPTED',
      level: 'ADMIN_VILLAGE',
      unitId: 'V',
      orgPath: ['C', 'D', 'T', 'V'],
      handlerId: null,
      handlerUnitId: null,
      resolveDueAt: hoursAfter(NOW, RESOLVE_HOURS.ADMIN_VILLAGE),
      overdue: false,
      escalationCount: 1,
    });
    expect(steps[0].event).toEqual({
      type: 'escalated',
      fromLevel: 'GRID',
      toLevel: 'ADMIN_VILLAGE',
      fromUnitId: 'G1',
      fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G1'],
      reason: '需要村里协调',
      previousHandlerId: 'grid-member-2',
      automatic: false,
    });
  });

  it('takes a village ticket to its township', () => {
    const village = ticketIn('ACCEPTED', { level: 'ADMIN_VILLAGE', unitId: 'V', orgPath: ['C', 'D', 'T', 'V'] });
    const [escalated] = decide(village, { type: 'escalate', reason: '村里解决不了' }, context());
    expect(escalated.changes).toMatchObject({ level: 'TOWNSHIP', unitId: 'T', orgPath: ['C', 'D', 'T'] });
    expect(escalated.event).toMatchObject({ fromUnitId: 'V', fromOrgPath: ['C', 'D', 'T', 'V'] });
  });

  it('refuses at the township (大事不出镇)', () => {
    const township = ticketIn('ACCEPTED', { level: 'TOWNSHIP', unitId: 'T', orgPath: ['C', 'D', 'T'] });
    expect(errorOf(() => decide(township, { type: 'escalate', reason: 'x' }, context())).code).toBe('CONFLICT');
  });

  it('refuses when the unit above is retired', () => {
    const ctx = context({ unit: (id) => (id === 'V' ? { id: 'V', name: 'V', level: 'ADMIN_VILLAGE', ancestors: ['C', 'D', 'T'], status: 'RETIRED' } : context().unit(id)) });
    expect(errorOf(() => decide(ticketIn('ACCEPTED'), { type: 'escalate', reason: 'x' }, ctx)).code).toBe('CONFLICT');
  });
});

describe('transfer: same level, another unit', () => {
  it('hands the ticket to another grid with a fresh deadline', () => {
    const [transferred] = decide(ticketIn('DISPATCHED'), { type: 'transfer', unitId: 'G2', reason: '在第二网格' }, context());
    expect(transferred.changes).toMatchObject({ status: 'ACCEPTED', level: 'GRID', unitId: 'G2', handlerId: null, resolveDueAt: hoursAfter(NOW, 24) });
    expect(transferred.event).toEqual({
      type: 'transferred',
      fromUnitId: 'G1',
      fromOrgPath: ['C', 'D', 'T', 'V', 'N', 'G1'],
      reason: '在第二网格',
      previousHandlerId: 'grid-member-2',
    });
  });

  it.each([
    ['a unit of another level', 'V'],
    ['the responsible unit itself', 'G1'],
    ['an unknown unit', 'nowhere'],
    ['a retired unit', 'GX'],
  ])('refuses %s with BAD_USER_INPUT', (_name, unitId) => {
    const error = errorOf(() => decide(ticketIn('ACCEPTED'), { type: 'transfer', unitId, reason: 'x' }, context()));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { problems: [{ path: 'input.unitId' }] } });
  });
});

describe('supervise (督办)', () => {
  it.each([
    ['a grid ticket in progress', ticketIn('IN_PROGRESS')],
    ['an accepted township ticket', ticketIn('ACCEPTED', { level: 'TOWNSHIP', unitId: 'T', orgPath: ['C', 'D', 'T'] })],
  ])('counts a push on %s, keeping its status (who may supervise: ticket-access)', (_name, ticket) => {
    const [supervised] = decide(ticket, { type: 'supervise', note: '请三日内办结' }, context({ actorId: 'village-staff' }));
    expect(supervised).toMatchObject({ to: ticket.status, changes: { supervisionCount: 1 }, event: { type: 'supervised', note: '请三日内办结' } });
  });
});

describe('feedback (回访)', () => {
  it('unsatisfied reopens the ticket (per policy) as a second step', () => {
    const steps = decide(ticketIn('RESOLVED'), { type: 'feedback', satisfaction: 'UNSATISFIED', comment: '还是堵' }, context({ actorId: 'hotline' }));
    expect(steps.map((s) => [s.action, s.from, s.to, s.automatic])).toEqual([
      ['feedback', 'RESOLVED', 'RESOLVED', false],
      ['reopen', 'RESOLVED', 'ACCEPTED', true],
    ]);
    const after = applySteps(ticketIn('RESOLVED'), steps);
    expect(after).toMatchObject({ status: 'ACCEPTED', reopenCount: 1, handlerId: null, resolvedAt: null, resolution: null, autoCloseAt: null });
    expect(after.feedback).toEqual([{ at: NOW, actorId: 'hotline', satisfaction: 'UNSATISFIED', comment: '还是堵' }]);
    expect(steps[1].event).toMatchObject({ type: 'reopened', automatic: true, previousHandlerId: 'grid-member-2', previousResolutionOnTime: true });
  });

  it('unsatisfied past the reopen limit leaves the ticket resolved for a person to decide', () => {
    const steps = decide(ticketIn('RESOLVED', { reopenCount: 2 }), { type: 'feedback', satisfaction: 'UNSATISFIED' }, context());
    expect(steps.map((s) => s.action)).toEqual(['feedback']);
  });

  it('unsatisfied does not reopen when the policy says so', () => {
    const ctx = context({ feedbackPolicy: { reopenOnUnsatisfied: false, maxReopens: 2, closeOnSatisfied: false } });
    expect(decide(ticketIn('RESOLVED'), { type: 'feedback', satisfaction: 'UNSATISFIED' }, ctx)).toHaveLength(1);
  });

  it.each(['SATISFIED', 'BASICALLY_SATISFIED'] as const)('%s keeps it resolved, or closes it when the policy says so', (satisfaction) => {
    expect(decide(ticketIn('RESOLVED'), { type: 'feedback', satisfaction }, context()).map((s) => s.to)).toEqual(['RESOLVED']);
    const ctx = context({ feedbackPolicy: { reopenOnUnsatisfied: true, maxReopens: 2, closeOnSatisfied: true } });
    const steps = decide(ticketIn('RESOLVED'), { type: 'feedback', satisfaction }, ctx);
    expect(steps.map((s) => [s.action, s.to, s.automatic])).toEqual([
      ['feedback', 'RESOLVED', false],
      ['close', 'CLOSED', true],
    ]);
  });

  it('is taken once per resolution', () => {
    const answered = applySteps(ticketIn('RESOLVED'), decide(ticketIn('RESOLVED'), { type: 'feedback', satisfaction: 'SATISFIED' }, context()));
    expect(errorOf(() => decide(answered, { type: 'feedback', satisfaction: 'SATISFIED' }, context())).code).toBe('CONFLICT');
    // a new resolution asks again
    const resolvedAgain = { ...answered, resolvedAt: hoursAfter(NOW, 1) };
    expect(decide(resolvedAgain, { type: 'feedback', satisfaction: 'SATISFIED' }, context({ now: hoursAfter(NOW, 2) }))).toHaveLength(1);
  });
});

describe('reopen', () => {
  it('sends the ticket back to ACCEPTED at its level with a fresh deadline', () => {
    const [reopened] = decide(ticketIn('RESOLVED'), { type: 'reopen', reason: '问题复发' }, context());
    expect(reopened.changes).toMatchObject({ status: 'ACCEPTED', handlerId: null, reopenCount: 1, resolveDueAt: hoursAfter(NOW, 24), overdue: false });
    expect(reopened.event).toEqual({
      type: 'reopened',
      reason: '问题复发',
      automatic: false,
      previousHandlerId: 'grid-member-2',
      previousResolutionOnTime: true,
    });
  });

  it('tells which handler and on-time flag the reversed resolution had (a late one reverses no on-time credit)', () => {
    const late = ticketIn('RESOLVED', { handlerId: 'late-handler', resolvedOnTime: false });
    const [reopened] = decide(late, { type: 'reopen', reason: '问题复发' }, context());
    expect(reopened.event).toMatchObject({ previousHandlerId: 'late-handler', previousResolutionOnTime: false });
    expect(reopened.changes).toMatchObject({ handlerId: null, resolvedOnTime: null });
  });
});

describe('close', () => {
  it('after feedback', () => {
    const { ticket, command, ctx } = scenario('close', 'RESOLVED');
    expect(decide(ticket, command, ctx)[0]).toMatchObject({ to: 'CLOSED', changes: { closedAt: NOW }, event: { type: 'closed', automatic: false } });
  });

  it('is refused while the ticket awaits feedback', () => {
    expect(errorOf(() => decide(ticketIn('RESOLVED'), { type: 'close' }, context())).code).toBe('CONFLICT');
  });

  it('happens by itself once the auto-close time has passed, and not before', () => {
    const due = ticketIn('RESOLVED', { autoCloseAt: hoursAfter(NOW, -1) });
    expect(decide(due, { type: 'autoClose' }, context())[0]).toMatchObject({ to: 'CLOSED', automatic: true, event: { automatic: true } });
    expect(errorOf(() => decide(ticketIn('RESOLVED'), { type: 'autoClose' }, context())).code).toBe('CONFLICT');
    expect(errorOf(() => decide(ticketIn('IN_PROGRESS'), { type: 'autoClose' }, context())).code).toBe('CONFLICT');
  });
});

describe('merge a duplicate into its original', () => {
  it('points the duplicate at the original', () => {
    const [merged] = decide(ticketIn('REPORTED'), { type: 'merge', into: { id: 'original', status: 'IN_PROGRESS' } }, context());
    expect(merged).toMatchObject({ to: 'MERGED', changes: { duplicateOf: 'original' }, event: { type: 'merged', intoTicketId: 'original' } });
  });

  it('refuses itself (BAD_USER_INPUT) and merged or rejected originals (CONFLICT)', () => {
    const ticket = ticketIn('REPORTED');
    expect(errorOf(() => decide(ticket, { type: 'merge', into: { id: ticket.id, status: 'REPORTED' } }, context())).code).toBe('BAD_USER_INPUT');
    for (const status of ['MERGED', 'REJECTED'] as const) {
      expect(errorOf(() => decide(ticket, { type: 'merge', into: { id: 'original', status } }, context())).code).toBe('CONFLICT');
    }
  });
});

describe('overdue', () => {
  const pastResolve = (overrides: Partial<TicketFacts> = {}) => ticketIn('IN_PROGRESS', { resolveDueAt: hoursAfter(NOW, -1), ...overrides });

  it('marks a missed acceptance without escalating (a reported ticket cannot climb)', () => {
    const steps = decide(ticketIn('REPORTED', { acceptDueAt: hoursAfter(NOW, -1) }), { type: 'markOverdue', kind: 'ACCEPT' }, context());
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ action: 'overdue', automatic: true, changes: { overdue: true, overdueCount: 1 }, event: { type: 'overdue', kind: 'ACCEPT' } });
  });

  it('marks a missed resolution and escalates one level when the policy says so', () => {
    const steps = decide(pastResolve(), { type: 'markOverdue', kind: 'RESOLVE' }, context());
    expect(steps.map((s) => [s.action, s.to, s.automatic])).toEqual([
      ['overdue', 'IN_PROGRESS', true],
      ['escalate', 'ACCEPTED', true],
    ]);
    const after = applySteps(pastResolve(), steps);
    expect(after).toMatchObject({ level: 'ADMIN_VILLAGE', unitId: 'V', overdue: false, overdueCount: 1, escalationCount: 1, handlerId: null });
    expect(steps[1].event).toMatchObject({ type: 'escalated', automatic: true, fromLevel: 'GRID', toLevel: 'ADMIN_VILLAGE' });
  });

  it('only marks when the policy does not escalate, or at the township', () => {
    expect(decide(pastResolve(), { type: 'markOverdue', kind: 'RESOLVE' }, context({ deadlines: fakeDeadlines(() => false) }))).toHaveLength(1);
    const township = pastResolve({ level: 'TOWNSHIP', unitId: 'T', orgPath: ['C', 'D', 'T'] });
    expect(decide(township, { type: 'markOverdue', kind: 'RESOLVE' }, context({ deadlines: fakeDeadlines(() => true) }))).toHaveLength(1);
  });

  it.each([
    ['not due yet', ticketIn('IN_PROGRESS'), 'RESOLVE'],
    ['already marked', pastResolve({ overdue: true, overdueCount: 1 }), 'RESOLVE'],
    ['the other deadline', pastResolve(), 'ACCEPT'],
  ] as const)('refuses a ticket whose deadline is %s', (_name, ticket, kind) => {
    expect(errorOf(() => decide(ticket, { type: 'markOverdue', kind }, context())).code).toBe('CONFLICT');
  });

  it('counts a ticket past its deadline as overdue before the sweeper marks it', () => {
    expect(isOverdueAt(pastResolve(), NOW)).toBe(true);
    expect(isOverdueAt(ticketIn('IN_PROGRESS'), NOW)).toBe(false);
    expect(isOverdueAt(ticketIn('RESOLVED', { overdue: true }), NOW)).toBe(true);
    expect(isOverdueAt(ticketIn('RESOLVED', { resolveDueAt: hoursAfter(NOW, -5) }), NOW)).toBe(false);
  });
});

describe('due soon (临期预警)', () => {
  // the fixtures warn 30 minutes before the accept deadline and 4 hours before the resolve deadline
  const resolveIn = (hours: number, overrides: Partial<TicketFacts> = {}) =>
    ticketIn('DISPATCHED', { resolveDueAt: hoursAfter(NOW, hours), ...overrides });
  const lead = (kind: 'ACCEPT' | 'RESOLVE') => (kind === 'ACCEPT' ? 30 : 240);

  it.each([
    ['resolve deadline 5 h ahead: before the lead time', resolveIn(5), undefined],
    ['resolve deadline exactly 4 h ahead: the lead time begins', resolveIn(4), { kind: 'RESOLVE', dueAt: hoursAfter(NOW, 4), warnBeforeMinutes: 240 }],
    ['resolve deadline 1 h ahead', resolveIn(1), { kind: 'RESOLVE', dueAt: hoursAfter(NOW, 1), warnBeforeMinutes: 240 }],
    ['resolve deadline passed: overdue, not due soon', resolveIn(-0.1), undefined],
    ['resolve deadline now: overdue, not due soon', resolveIn(0), undefined],
    ['marked overdue', resolveIn(1, { overdue: true }), undefined],
    ['this deadline warned of already', resolveIn(1, { warnedDueAt: hoursAfter(NOW, 1) }), undefined],
    ['an earlier deadline warned of', resolveIn(1, { warnedDueAt: hoursAfter(NOW, -20) }), { kind: 'RESOLVE', dueAt: hoursAfter(NOW, 1), warnBeforeMinutes: 240 }],
    ['accept deadline 20 min ahead', ticketIn('REPORTED', { acceptDueAt: hoursAfter(NOW, 1 / 3) }), { kind: 'ACCEPT', dueAt: hoursAfter(NOW, 1 / 3), warnBeforeMinutes: 30 }],
    ['accept deadline 1 h ahead: before its shorter lead time', ticketIn('REPORTED', { acceptDueAt: hoursAfter(NOW, 1) }), undefined],
    ['resolved: no deadline runs', ticketIn('RESOLVED', { resolveDueAt: hoursAfter(NOW, 1) }), undefined],
    ['closed', ticketIn('CLOSED', { resolveDueAt: hoursAfter(NOW, 1) }), undefined],
    ['accepted without a resolve deadline', ticketIn('ACCEPTED', { resolveDueAt: null }), undefined],
  ] as const)('%s', (_name, ticket, expected) => {
    expect(pendingDueSoon(ticket, NOW, lead)).toEqual(expected);
  });

  it('warns once: the step records the deadline, a second warning of it is a CONFLICT', () => {
    const ticket = resolveIn(2);
    const steps = decide(ticket, { type: 'warnDueSoon', kind: 'RESOLVE' }, context());
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      action: 'due-soon',
      from: 'DISPATCHED',
      to: 'DISPATCHED',
      automatic: true,
      changes: { warnedDueAt: hoursAfter(NOW, 2) },
      event: { type: 'due-soon', kind: 'RESOLVE', dueAt: hoursAfter(NOW, 2), warnBeforeMinutes: 240, slaPolicyVersion: 'test.1' },
    });
    const warned = applySteps(ticket, steps);
    expect(errorOf(() => decide(warned, { type: 'warnDueSoon', kind: 'RESOLVE' }, context())).code).toBe('CONFLICT');
    expect(errorOf(() => decide(ticket, { type: 'warnDueSoon', kind: 'ACCEPT' }, context())).code).toBe('CONFLICT');
    expect(errorOf(() => decide(resolveIn(6), { type: 'warnDueSoon', kind: 'RESOLVE' }, context())).code).toBe('CONFLICT');
  });

  it.each([
    ['accept', ticketIn('REPORTED', { warnedDueAt: hoursAfter(NOW, 0.2) }), { type: 'accept' }],
    ['escalate', resolveIn(1, { warnedDueAt: hoursAfter(NOW, 1) }), { type: 'escalate', reason: '需要村里协调' }],
    ['transfer', resolveIn(1, { warnedDueAt: hoursAfter(NOW, 1) }), { type: 'transfer', unitId: 'G2', reason: '位置在第二网格' }],
    ['reopen', ticketIn('RESOLVED', { warnedDueAt: hoursAfter(NOW, -3) }), { type: 'reopen', reason: '问题复发' }],
  ] as const)('a new deadline (%s) may be warned of again', (_name, ticket, command) => {
    const [first] = decide(ticket, command, context());
    expect(first.changes.warnedDueAt).toBeNull();
  });

  it('leaves the warning mark alone where the deadline stays (dispatch, supervision)', () => {
    const warned = resolveIn(1, { status: 'ACCEPTED', handlerId: null, handlerUnitId: null, warnedDueAt: hoursAfter(NOW, 1) });
    expect(decide(warned, { type: 'dispatch', handlerId: 'grid-member' }, context())[0].changes).not.toHaveProperty('warnedDueAt');
    expect(decide(warned, { type: 'supervise', note: '请加快' }, context({ actorId: 'village-staff' }))[0].changes).not.toHaveProperty('warnedDueAt');
  });
});

describe('a whole loop, step by step', () => {
  it('report → … → unsatisfied → reopen → escalate → resolve at the township → satisfied → close', () => {
    let ticket = ticketIn('REPORTED', { level: 'ADMIN_VILLAGE', unitId: 'V', orgPath: ['C', 'D', 'T', 'V'], category: 'ROADS' });
    let minutes = 0;
    const run = (command: TicketCommand, actorId: string | null = null) => {
      minutes += 10;
      const steps = decide(ticket, command, context({ now: new Date(NOW.getTime() + minutes * 60_000), actorId }));
      ticket = applySteps(ticket, steps);
      return steps.map((s) => s.action);
    };
    run({ type: 'accept' });
    run({ type: 'dispatch', handlerId: 'village-staff' });
    run({ type: 'start' });
    run({ type: 'resolve', resolution: '已修补' });
    expect(run({ type: 'feedback', satisfaction: 'UNSATISFIED' })).toEqual(['feedback', 'reopen']);
    run({ type: 'escalate', reason: '需要镇里统筹' });
    expect(ticket).toMatchObject({ status: 'ACCEPTED', level: 'TOWNSHIP', unitId: 'T' });
    run({ type: 'dispatch', handlerId: 'township-dispatcher' });
    run({ type: 'start' });
    run({ type: 'resolve', resolution: '镇里安排施工队修复' });
    run({ type: 'feedback', satisfaction: 'SATISFIED' });
    run({ type: 'close' });
    expect(ticket).toMatchObject({ status: 'CLOSED', level: 'TOWNSHIP', reopenCount: 1, escalationCount: 1 });
  });
});
