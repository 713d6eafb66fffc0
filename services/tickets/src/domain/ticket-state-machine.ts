import { ConflictError } from '@steward/errors';

/**
 * REPORTED ─accept─► ACCEPTED ─dispatch─► DISPATCHED ─start─► IN_PROGRESS ─resolve─► RESOLVED ─feedback/close─► CLOSED
 *    └─reject─► REJECTED; escalate (one level up) and transfer (same level) from ACCEPTED/DISPATCHED/IN_PROGRESS
 *    back to ACCEPTED; reopen from RESOLVED back to ACCEPTED; merge a duplicate (REPORTED/ACCEPTED) into its original.
 */
export const TICKET_STATUSES = [
  'REPORTED',
  'ACCEPTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
  'MERGED',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Dispatch levels, bottom-up: 网格 → 村党群服务中心 → 镇调度平台. */
export const TICKET_LEVELS = ['GRID', 'ADMIN_VILLAGE', 'TOWNSHIP'] as const;
export type TicketLevel = (typeof TICKET_LEVELS)[number];

export const TICKET_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'progress',
  'resolve',
  'escalate',
  'transfer',
  'supervise',
  'feedback',
  'reopen',
  'close',
  'merge',
  'overdue',
  'due-soon',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Statuses in which someone is (or should be) working on the ticket. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'];
/** Statuses nothing leads out of. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['CLOSED', 'REJECTED', 'MERGED'];

/** The statuses each action may start from. */
export const ALLOWED_FROM: Record<TicketAction, readonly TicketStatus[]> = {
  accept: ['REPORTED'],
  reject: ['REPORTED'],
  // Re-dispatch to another handler is allowed until work starts.
  dispatch: ['ACCEPTED', 'DISPATCHED'],
  start: ['DISPATCHED'],
  progress: ['IN_PROGRESS'],
  resolve: ['IN_PROGRESS'],
  escalate: OPEN_STATUSES,
  transfer: OPEN_STATUSES,
  supervise: ['REPORTED', ...OPEN_STATUSES],
  feedback: ['RESOLVED'],
  reopen: ['RESOLVED'],
  close: ['RESOLVED'],
  merge: ['REPORTED', 'ACCEPTED'],
  // A missed deadline: acceptance (REPORTED) or resolution (open statuses).
  overdue: ['REPORTED', ...OPEN_STATUSES],
  // A deadline near (临期预警): the same deadlines as overdue, before they pass.
  'due-soon': ['REPORTED', ...OPEN_STATUSES],
};

/** The status after the action (absent: the status does not change). */
const RESULT: Partial<Record<TicketAction, TicketStatus>> = {
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

export function isAllowed(current: TicketStatus, action: TicketAction): boolean {
  return ALLOWED_FROM[action].includes(current);
}

/** Returns the status after `action`, or throws CONFLICT when the ticket's status does not allow it. */
export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus {
  if (!isAllowed(current, action)) {
    throw new ConflictError(`Cannot ${action} a ticket that is ${current}`, {
      status: current,
      action,
      allowedFrom: [...ALLOWED_FROM[action]],
    });
  }
  return RESULT[action] ?? current;
}

/** The level one step up, or undefined at the top (小事不出村，大事不出镇: nothing leaves the township). */
export function levelAbove(level: TicketLevel): TicketLevel | undefined {
  return TICKET_LEVELS[TICKET_LEVELS.indexOf(level) + 1];
}

export function compareLevels(a: TicketLevel, b: TicketLevel): number {
  return TICKET_LEVELS.indexOf(a) - TICKET_LEVELS.indexOf(b);
}

export function isTicketLevel(level: string): level is TicketLevel {
  return (TICKET_LEVELS as readonly string[]).includes(level);
}
