import type { StoredFieldValue } from './category-fields';
import type { SlaKey } from './sla-policy';
import type { TicketLevel, TicketStatus } from './ticket-state-machine';
import type { OverdueKind, Satisfaction, TicketPriority } from './ticket-terms';

/** One resident answer to 回访. */
export interface FeedbackRecord {
  at: Date;
  actorId: string | null;
  satisfaction: Satisfaction;
  comment: string | null;
}

/** What the transition rules know about a ticket (no framework, no storage). */
export interface TicketFacts {
  id: string;
  status: TicketStatus;
  level: TicketLevel;
  /** responsible unit (责任单位) */
  unitId: string;
  /** ids from the city down to the responsible unit */
  orgPath: string[];
  category: string;
  priority: TicketPriority;
  handlerId: string | null;
  /** the unit the handler acts for: the responsible unit or one inside it */
  handlerUnitId: string | null;
  /** a tighter deadline the dispatcher gave the handler */
  handlerDueAt: Date | null;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  /** the current deadline was missed (cleared when a new deadline starts: accept, escalate, transfer, reopen) */
  overdue: boolean;
  /** the deadline whose warning (临期预警) was sent; null again when a new deadline starts (accept, escalate, transfer, reopen) */
  warnedDueAt: Date | null;
  /** deadlines missed over the ticket's life */
  overdueCount: number;
  escalationCount: number;
  reopenCount: number;
  supervisionCount: number;
  acceptedAt: Date | null;
  resolution: string | null;
  resolvedAt: Date | null;
  resolvedOnTime: boolean | null;
  /** when a resolved ticket without feedback closes itself */
  autoCloseAt: Date | null;
  closedAt: Date | null;
  feedback: FeedbackRecord[];
  duplicateOf: string | null;
}

export type TicketChanges = Partial<Omit<TicketFacts, 'id'>>;

/** What each step tells the outside world; becomes one event on the tickets topic. */
export type TicketEventSpec =
  | { type: 'reported'; categoryVersion: number; categoryFields: StoredFieldValue[] }
  | { type: 'accepted' }
  | { type: 'rejected'; reason: string }
  | { type: 'dispatched'; previousHandlerId: string | null; note: string | null }
  | { type: 'started'; evidenceIds: string[] }
  | { type: 'progress-added'; note: string; evidenceIds: string[] }
  | { type: 'resolved'; resolution: string; onTime: boolean; evidenceIds: string[] }
  | {
      type: 'escalated';
      fromLevel: TicketLevel;
      toLevel: TicketLevel;
      fromUnitId: string;
      fromOrgPath: string[];
      reason: string;
      previousHandlerId: string | null;
      automatic: boolean;
    }
  | { type: 'transferred'; fromUnitId: string; fromOrgPath: string[]; reason: string; previousHandlerId: string | null }
  | { type: 'supervised'; note: string }
  | { type: 'feedback-recorded'; satisfaction: Satisfaction; comment: string | null }
  | {
      type: 'reopened';
      reason: string;
      automatic: boolean;
      /** handler and on-time flag of the resolution the reopening reverses */
      previousHandlerId: string | null;
      previousResolutionOnTime: boolean | null;
    }
  | { type: 'closed'; automatic: boolean }
  | { type: 'merged'; intoTicketId: string }
  | { type: 'overdue'; kind: OverdueKind; dueAt: Date }
  | { type: 'due-soon'; kind: OverdueKind; dueAt: Date; warnBeforeMinutes: number; slaPolicyVersion: string };

/** One transition: a timeline entry and an event, and the changes it makes. */
export interface TicketStep {
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  note: string | null;
  /** evidence (图文) attached to the step, already checked to belong to the ticket */
  evidenceIds: string[];
  /** done by the system (sweeper, feedback policy), not by the acting member */
  automatic: boolean;
  changes: TicketChanges;
  event: TicketEventSpec;
}

export function slaKeyOf(ticket: Pick<TicketFacts, 'category' | 'priority' | 'level'>): SlaKey {
  return { category: ticket.category, priority: ticket.priority, level: ticket.level };
}

/** The ticket after `steps`, in order. */
export function applySteps<T extends TicketFacts>(ticket: T, steps: readonly TicketStep[]): T {
  return steps.reduce((current, step) => ({ ...current, ...step.changes }), ticket);
}

/** The feedback given on the current resolution, if any. */
export function currentFeedback<F extends Pick<FeedbackRecord, 'at'>>(ticket: { feedback: readonly F[]; resolvedAt: Date | null }): F | undefined {
  const latest = ticket.feedback.at(-1);
  return latest && ticket.resolvedAt && latest.at.getTime() >= ticket.resolvedAt.getTime() ? latest : undefined;
}

/** Missed a deadline now: flagged, or past the deadline of its current status. */
export function isOverdueAt(
  ticket: Pick<TicketFacts, 'status' | 'overdue' | 'acceptDueAt' | 'resolveDueAt'>,
  now: Date,
): boolean {
  return ticket.overdue || pendingOverdueKind(ticket, now) !== undefined;
}

/** The deadline the ticket has passed without being marked yet. */
export function pendingOverdueKind(
  ticket: Pick<TicketFacts, 'status' | 'overdue' | 'acceptDueAt' | 'resolveDueAt'>,
  now: Date,
): OverdueKind | undefined {
  if (ticket.overdue) return undefined;
  if (ticket.status === 'REPORTED' && ticket.acceptDueAt && ticket.acceptDueAt < now) return 'ACCEPT';
  const open = ticket.status === 'ACCEPTED' || ticket.status === 'DISPATCHED' || ticket.status === 'IN_PROGRESS';
  if (open && ticket.resolveDueAt && ticket.resolveDueAt < now) return 'RESOLVE';
  return undefined;
}

/** The deadline the ticket is working towards now: acceptance while REPORTED, resolution while open. */
export function currentDeadline(
  ticket: Pick<TicketFacts, 'status' | 'acceptDueAt' | 'resolveDueAt'>,
): { kind: OverdueKind; dueAt: Date } | undefined {
  if (ticket.status === 'REPORTED' && ticket.acceptDueAt) return { kind: 'ACCEPT', dueAt: ticket.acceptDueAt };
  const open = ticket.status === 'ACCEPTED' || ticket.status === 'DISPATCHED' || ticket.status === 'IN_PROGRESS';
  if (open && ticket.resolveDueAt) return { kind: 'RESOLVE', dueAt: ticket.resolveDueAt };
  return undefined;
}

export interface DueSoonWarning {
  kind: OverdueKind;
  dueAt: Date;
  /** the lead time that applied */
  warnBeforeMinutes: number;
}

const MINUTE_MS = 60_000;

/**
 * The warning before a deadline (临期预警) that is due at `now` and not sent
 * yet: the current deadline lies ahead, `warnBeforeMinutes(kind)` minutes of
 * clock time or less away, is not missed already, and is not the deadline
 * warned last (`warnedDueAt`). Once per deadline: the warning records it.
 */
export function pendingDueSoon(
  ticket: Pick<TicketFacts, 'status' | 'overdue' | 'acceptDueAt' | 'resolveDueAt' | 'warnedDueAt'>,
  now: Date,
  warnBeforeMinutes: (kind: OverdueKind) => number,
): DueSoonWarning | undefined {
  if (ticket.overdue) return undefined;
  const deadline = currentDeadline(ticket);
  if (!deadline || deadline.dueAt <= now) return undefined;
  if (ticket.warnedDueAt && ticket.warnedDueAt.getTime() === deadline.dueAt.getTime()) return undefined;
  const lead = warnBeforeMinutes(deadline.kind);
  if (deadline.dueAt.getTime() - now.getTime() > lead * MINUTE_MS) return undefined;
  return { ...deadline, warnBeforeMinutes: lead };
}
