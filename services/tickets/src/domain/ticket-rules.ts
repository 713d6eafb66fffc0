import { BadUserInputError, ConflictError } from '@steward/errors';
import type { FeedbackPolicy } from './ticket-catalogue';
import type { SlaKey } from './sla-policy';
import {
  applySteps,
  currentFeedback,
  pendingDueSoon,
  pendingOverdueKind,
  slaKeyOf,
  type TicketChanges,
  type TicketEventSpec,
  type TicketFacts,
  type TicketStep,
} from './ticket-facts';
import { levelAbove, nextStatus, type TicketAction, type TicketLevel, type TicketStatus } from './ticket-state-machine';
import type { OverdueKind, Satisfaction } from './ticket-terms';

/** An org unit as the rules need it (from the org replica). */
export interface UnitFacts {
  id: string;
  name: string;
  level: string;
  ancestors: string[];
  status: 'ACTIVE' | 'RETIRED';
}

export interface TicketDeadlines {
  acceptDueAt(key: SlaKey, from: Date): Date;
  resolveDueAt(key: SlaKey, from: Date): Date;
  autoEscalates(key: SlaKey): boolean;
  autoCloseAt(resolvedAt: Date): Date;
  /** the lead time of the warning before a deadline (临期预警), minutes of clock time */
  warnBeforeMinutes(key: SlaKey, kind: OverdueKind): number;
  /** version of the SLA policy the deadlines and lead times come from */
  readonly slaPolicyVersion: string;
}

/** Everything outside the ticket that a decision may consult. */
export interface DecisionContext {
  now: Date;
  /** who acts (the signed-in principal's id); null for the system */
  actorId: string | null;
  unit(id: string): UnitFacts | undefined;
  rolesAt(memberId: string, unitId: string, at: Date): string[];
  deadlines: TicketDeadlines;
  feedbackPolicy: FeedbackPolicy;
}

export type TicketCommand =
  | { type: 'accept'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'dispatch'; handlerId: string; unitId?: string; note?: string; dueAt?: Date }
  | { type: 'start'; note?: string; evidenceIds?: string[] }
  | { type: 'progress'; note: string; evidenceIds?: string[] }
  | { type: 'resolve'; resolution: string; evidenceIds?: string[] }
  | { type: 'escalate'; reason: string }
  | { type: 'transfer'; unitId: string; reason: string }
  | { type: 'supervise'; note: string }
  | { type: 'feedback'; satisfaction: Satisfaction; comment?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close' }
  | { type: 'autoClose' }
  | { type: 'merge'; into: Pick<TicketFacts, 'id' | 'status'> }
  | { type: 'markOverdue'; kind: OverdueKind }
  | { type: 'warnDueSoon'; kind: OverdueKind };

function step(
  ticket: TicketFacts,
  action: TicketAction,
  changes: TicketChanges,
  event: TicketEventSpec,
  note: string | null,
  automatic = false,
  evidenceIds: string[] = [],
): TicketStep {
  const to = nextStatus(ticket.status, action);
  return { action, from: ticket.status, to, note, evidenceIds, automatic, changes: { ...changes, status: to }, event };
}

/** Throws CONFLICT unless the ticket's status allows `action` (checked before anything else). */
function requireStatus(ticket: TicketFacts, action: TicketAction): TicketStatus {
  return nextStatus(ticket.status, action);
}

/** The changes of starting over at `unit` and `level`: no handler, a fresh resolve deadline. */
function handOver(ticket: TicketFacts, unit: UnitFacts, level: TicketLevel, ctx: DecisionContext): TicketChanges {
  return {
    level,
    unitId: unit.id,
    orgPath: [...unit.ancestors, unit.id],
    handlerId: null,
    handlerUnitId: null,
    handlerDueAt: null,
    resolveDueAt: ctx.deadlines.resolveDueAt(slaKeyOf({ ...ticket, level }), ctx.now),
    overdue: false,
    warnedDueAt: null,
  };
}

/** The active unit of the next level up on the ticket's path; undefined at the township or when the tree lacks it. */
export function escalationTarget(ticket: TicketFacts, ctx: DecisionContext): { level: TicketLevel; unit: UnitFacts } | undefined {
  const level = levelAbove(ticket.level);
  if (!level) return undefined;
  const unit = ticket.orgPath
    .slice(0, -1)
    .map((id) => ctx.unit(id))
    .find((candidate) => candidate?.level === level);
  return unit && unit.status === 'ACTIVE' ? { level, unit } : undefined;
}

function escalateStep(ticket: TicketFacts, reason: string, ctx: DecisionContext, automatic: boolean): TicketStep {
  requireStatus(ticket, 'escalate');
  const target = escalationTarget(ticket, ctx);
  if (!target) {
    throw new ConflictError(
      ticket.level === 'TOWNSHIP'
        ? 'The township is the top dispatch level (大事不出镇): a township ticket cannot be escalated'
        : `No active ${levelAbove(ticket.level)} above the responsible unit to escalate to`,
      { level: ticket.level },
    );
  }
  return step(
    ticket,
    'escalate',
    { ...handOver(ticket, target.unit, target.level, ctx), escalationCount: ticket.escalationCount + 1 },
    {
      type: 'escalated',
      fromLevel: ticket.level,
      toLevel: target.level,
      fromUnitId: ticket.unitId,
      fromOrgPath: ticket.orgPath,
      reason,
      previousHandlerId: ticket.handlerId,
      automatic,
    },
    reason,
    automatic,
  );
}

function reopenStep(ticket: TicketFacts, reason: string, ctx: DecisionContext, automatic: boolean): TicketStep {
  return step(
    ticket,
    'reopen',
    {
      handlerId: null,
      handlerUnitId: null,
      handlerDueAt: null,
      resolution: null,
      resolvedAt: null,
      resolvedOnTime: null,
      autoCloseAt: null,
      resolveDueAt: ctx.deadlines.resolveDueAt(slaKeyOf(ticket), ctx.now),
      overdue: false,
      warnedDueAt: null,
      reopenCount: ticket.reopenCount + 1,
    },
    {
      type: 'reopened',
      reason,
      automatic,
      previousHandlerId: ticket.handlerId,
      previousResolutionOnTime: ticket.resolvedOnTime,
    },
    reason,
    automatic,
  );
}

function closeStep(ticket: TicketFacts, ctx: DecisionContext, automatic: boolean, note: string | null): TicketStep {
  return step(ticket, 'close', { closedAt: ctx.now, autoCloseAt: null }, { type: 'closed', automatic }, note, automatic);
}

/** A late acceptance or resolution counts as a missed deadline even if the sweeper has not marked it yet. */
function missedDeadline(ticket: TicketFacts, dueAt: Date | null, now: Date): TicketChanges {
  const late = dueAt !== null && now > dueAt;
  return late && !ticket.overdue ? { overdueCount: ticket.overdueCount + 1 } : {};
}

function dispatch(ticket: TicketFacts, command: Extract<TicketCommand, { type: 'dispatch' }>, ctx: DecisionContext): TicketStep[] {
  requireStatus(ticket, 'dispatch');
  const unitId = command.unitId ?? ticket.unitId;
  const unit = ctx.unit(unitId);
  if (!unit || unit.status !== 'ACTIVE') {
    throw new BadUserInputError(`Unit ${unitId} is unknown or retired`, [{ path: 'input.unitId', message: 'unknown or retired unit' }]);
  }
  if (unit.id !== ticket.unitId && !unit.ancestors.includes(ticket.unitId)) {
    throw new BadUserInputError(`Unit ${unit.name} is outside the responsible unit`, [
      { path: 'input.unitId', message: 'must be the responsible unit or a unit inside it' },
    ]);
  }
  if (ctx.rolesAt(command.handlerId, unit.id, ctx.now).length === 0) {
    throw new BadUserInputError(`Member ${command.handlerId} holds no role in ${unit.name}`, [
      { path: 'input.handlerId', message: 'holds no role in the unit' },
    ]);
  }
  if (ticket.status === 'DISPATCHED' && ticket.handlerId === command.handlerId && ticket.handlerUnitId === unit.id) {
    throw new ConflictError('The ticket is already dispatched to this handler', { handlerId: command.handlerId });
  }
  if (command.dueAt && command.dueAt <= ctx.now) {
    throw new BadUserInputError('dueAt must lie in the future', [{ path: 'input.dueAt', message: 'in the past' }]);
  }
  if (command.dueAt && ticket.resolveDueAt && command.dueAt > ticket.resolveDueAt) {
    throw new BadUserInputError(`dueAt must not be after the resolve deadline ${ticket.resolveDueAt.toISOString()}`, [
      { path: 'input.dueAt', message: 'after the resolve deadline' },
    ]);
  }
  return [
    step(
      ticket,
      'dispatch',
      { handlerId: command.handlerId, handlerUnitId: unit.id, handlerDueAt: command.dueAt ?? null },
      { type: 'dispatched', previousHandlerId: ticket.handlerId, note: command.note ?? null },
      command.note ?? null,
    ),
  ];
}

function transfer(ticket: TicketFacts, command: Extract<TicketCommand, { type: 'transfer' }>, ctx: DecisionContext): TicketStep[] {
  requireStatus(ticket, 'transfer');
  const unit = ctx.unit(command.unitId);
  if (!unit || unit.status !== 'ACTIVE') {
    throw new BadUserInputError(`Unit ${command.unitId} is unknown or retired`, [
      { path: 'input.unitId', message: 'unknown or retired unit' },
    ]);
  }
  if (unit.level !== ticket.level) {
    throw new BadUserInputError(`A transfer stays at the ${ticket.level} level; ${unit.name} is a ${unit.level} (escalate to go up)`, [
      { path: 'input.unitId', message: `must be a ${ticket.level}` },
    ]);
  }
  if (unit.id === ticket.unitId) {
    throw new BadUserInputError(`${unit.name} is already responsible`, [{ path: 'input.unitId', message: 'already responsible' }]);
  }
  return [
    step(
      ticket,
      'transfer',
      handOver(ticket, unit, ticket.level, ctx),
      {
        type: 'transferred',
        fromUnitId: ticket.unitId,
        fromOrgPath: ticket.orgPath,
        reason: command.reason,
        previousHandlerId: ticket.handlerId,
      },
      command.reason,
    ),
  ];
}

/** Who may supervise (a superior level) is the caller's permission, checked before (ticket-access). */
function supervise(ticket: TicketFacts, note: string): TicketStep[] {
  requireStatus(ticket, 'supervise');
  return [
    step(ticket, 'supervise', { supervisionCount: ticket.supervisionCount + 1 }, { type: 'supervised', note }, note),
  ];
}

function feedback(ticket: TicketFacts, command: Extract<TicketCommand, { type: 'feedback' }>, ctx: DecisionContext): TicketStep[] {
  requireStatus(ticket, 'feedback');
  if (currentFeedback(ticket)) {
    throw new ConflictError('Feedback (回访) on this resolution is already recorded', { resolvedAt: ticket.resolvedAt?.toISOString() });
  }
  const comment = command.comment ?? null;
  const record = { at: ctx.now, actorId: ctx.actorId, satisfaction: command.satisfaction, comment };
  const recorded = step(
    ticket,
    'feedback',
    { feedback: [...ticket.feedback, record] },
    { type: 'feedback-recorded', satisfaction: command.satisfaction, comment },
    comment,
  );
  const after = applySteps(ticket, [recorded]);
  const policy = ctx.feedbackPolicy;
  if (command.satisfaction === 'UNSATISFIED' && policy.reopenOnUnsatisfied && ticket.reopenCount < policy.maxReopens) {
    return [recorded, reopenStep(after, '回访不满意: the resident is not satisfied', ctx, true)];
  }
  if (command.satisfaction !== 'UNSATISFIED' && policy.closeOnSatisfied) {
    return [recorded, closeStep(after, ctx, true, null)];
  }
  return [recorded];
}

function markOverdue(ticket: TicketFacts, kind: OverdueKind, ctx: DecisionContext): TicketStep[] {
  requireStatus(ticket, 'overdue');
  if (pendingOverdueKind(ticket, ctx.now) !== kind) {
    throw new ConflictError(`The ticket has no unmarked missed ${kind} deadline`, { kind });
  }
  const dueAt = (kind === 'ACCEPT' ? ticket.acceptDueAt : ticket.resolveDueAt) as Date;
  const marked = step(
    ticket,
    'overdue',
    { overdue: true, overdueCount: ticket.overdueCount + 1 },
    { type: 'overdue', kind, dueAt },
    `${kind === 'ACCEPT' ? '受理超期' : '办结超期'}: due ${dueAt.toISOString()}`,
    true,
  );
  const after = applySteps(ticket, [marked]);
  if (kind === 'RESOLVE' && ctx.deadlines.autoEscalates(slaKeyOf(ticket)) && escalationTarget(after, ctx)) {
    return [marked, escalateStep(after, `超期自动升级: resolve deadline ${dueAt.toISOString()} missed`, ctx, true)];
  }
  return [marked];
}

/** The warning (临期预警) before the current deadline, once per deadline: the step records the deadline warned. */
function warnDueSoon(ticket: TicketFacts, kind: OverdueKind, ctx: DecisionContext): TicketStep[] {
  requireStatus(ticket, 'due-soon');
  const key = slaKeyOf(ticket);
  const warning = pendingDueSoon(ticket, ctx.now, (deadline) => ctx.deadlines.warnBeforeMinutes(key, deadline));
  if (warning?.kind !== kind) {
    throw new ConflictError(`The ticket has no ${kind} deadline within its warning lead time that was not warned of yet`, { kind });
  }
  return [
    step(
      ticket,
      'due-soon',
      { warnedDueAt: warning.dueAt },
      { type: 'due-soon', kind, dueAt: warning.dueAt, warnBeforeMinutes: warning.warnBeforeMinutes, slaPolicyVersion: ctx.deadlines.slaPolicyVersion },
      `${kind === 'ACCEPT' ? '受理临期' : '办结临期'}: due ${warning.dueAt.toISOString()}`,
      true,
    ),
  ];
}

/**
 * Decides what a command does to a ticket: the steps (each a timeline entry,
 * its changes and its event), or an error that changes nothing. The wrong
 * status is always a CONFLICT, checked before the command's own inputs.
 */
export function decide(ticket: TicketFacts, command: TicketCommand, ctx: DecisionContext): TicketStep[] {
  const { now } = ctx;
  switch (command.type) {
    case 'accept':
      requireStatus(ticket, 'accept');
      return [
        step(
          ticket,
          'accept',
          {
            acceptedAt: now,
            resolveDueAt: ctx.deadlines.resolveDueAt(slaKeyOf(ticket), now),
            overdue: false,
            warnedDueAt: null,
            ...missedDeadline(ticket, ticket.acceptDueAt, now),
          },
          { type: 'accepted' },
          command.note ?? null,
        ),
      ];
    case 'reject':
      return [step(ticket, 'reject', { closedAt: now }, { type: 'rejected', reason: command.reason }, command.reason)];
    case 'dispatch':
      return dispatch(ticket, command, ctx);
    case 'start': {
      const evidenceIds = command.evidenceIds ?? [];
      return [step(ticket, 'start', {}, { type: 'started', evidenceIds }, command.note ?? null, false, evidenceIds)];
    }
    case 'progress': {
      const evidenceIds = command.evidenceIds ?? [];
      return [step(ticket, 'progress', {}, { type: 'progress-added', note: command.note, evidenceIds }, command.note, false, evidenceIds)];
    }
    case 'resolve': {
      requireStatus(ticket, 'resolve');
      const onTime = ticket.resolveDueAt === null || now <= ticket.resolveDueAt;
      const evidenceIds = command.evidenceIds ?? [];
      return [
        step(
          ticket,
          'resolve',
          {
            resolution: command.resolution,
            resolvedAt: now,
            resolvedOnTime: onTime,
            autoCloseAt: ctx.deadlines.autoCloseAt(now),
            overdue: ticket.overdue || !onTime,
            ...missedDeadline(ticket, ticket.resolveDueAt, now),
          },
          { type: 'resolved', resolution: command.resolution, onTime, evidenceIds },
          command.resolution,
          false,
          evidenceIds,
        ),
      ];
    }
    case 'escalate':
      return [escalateStep(ticket, command.reason, ctx, false)];
    case 'transfer':
      return transfer(ticket, command, ctx);
    case 'supervise':
      return supervise(ticket, command.note);
    case 'feedback':
      return feedback(ticket, command, ctx);
    case 'reopen':
      requireStatus(ticket, 'reopen');
      return [reopenStep(ticket, command.reason, ctx, false)];
    case 'close':
      requireStatus(ticket, 'close');
      if (!currentFeedback(ticket)) {
        throw new ConflictError(
          `The ticket awaits feedback (回访); without it, it closes itself at ${ticket.autoCloseAt?.toISOString() ?? 'its auto-close time'}`,
          { autoCloseAt: ticket.autoCloseAt?.toISOString() },
        );
      }
      return [closeStep(ticket, ctx, false, null)];
    case 'autoClose':
      requireStatus(ticket, 'close');
      if (!ticket.autoCloseAt || ticket.autoCloseAt > now) {
        throw new ConflictError('The ticket is not due to close itself yet', { autoCloseAt: ticket.autoCloseAt?.toISOString() });
      }
      return [closeStep(ticket, ctx, true, '逾期未回访，自动办结 closed without feedback')];
    case 'merge':
      requireStatus(ticket, 'merge');
      if (command.into.id === ticket.id) {
        throw new BadUserInputError('A ticket cannot be merged into itself', [{ path: 'intoId', message: 'the same ticket' }]);
      }
      if (command.into.status === 'MERGED' || command.into.status === 'REJECTED') {
        throw new ConflictError(`Cannot merge into a ${command.into.status} ticket; merge into its original instead`, {
          intoStatus: command.into.status,
        });
      }
      return [
        step(ticket, 'merge', { duplicateOf: command.into.id, closedAt: now }, { type: 'merged', intoTicketId: command.into.id }, null),
      ];
    case 'markOverdue':
      return markOverdue(ticket, command.kind, ctx);
    case 'warnDueSoon':
      return warnDueSoon(ticket, command.kind, ctx);
  }
}
