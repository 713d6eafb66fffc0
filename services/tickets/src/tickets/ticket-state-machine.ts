import { ConflictError } from '@steward/errors';

/**
 * REPORTED ─accept─► ACCEPTED ─dispatch─► DISPATCHED ─start─► IN_PROGRESS ─resolve─► RESOLVED ─feedback/close─► CLOSED
 *    └─reject─► REJECTED; escalate (one level up) from ACCEPTED/DISPATCHED/IN_PROGRESS; reopen from RESOLVED.
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

export const TICKET_LEVELS = ['GRID', 'ADMIN_VILLAGE', 'TOWNSHIP'] as const;
export type TicketLevel = (typeof TICKET_LEVELS)[number];

export type TicketAction =
  | 'accept'
  | 'reject'
  | 'dispatch'
  | 'start'
  | 'progress'
  | 'resolve'
  | 'escalate'
  | 'transfer'
  | 'supervise'
  | 'feedback'
  | 'reopen'
  | 'close'
  | 'merge';

const OPEN: readonly TicketStatus[] = ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'];

/** The statuses each action may start from. */
export const ALLOWED_FROM: Record<TicketAction, readonly TicketStatus[]> = {
  accept: ['REPORTED'],
  reject: ['REPORTED'],
  // Re-dispatch to another handler is allowed until work starts.
  dispatch: ['ACCEPTED', 'DISPATCHED'],
  start: ['DISPATCHED'],
  progress: ['IN_PROGRESS'],
  resolve: ['IN_PROGRESS'],
  escalate: OPEN,
  transfer: OPEN,
  supervise: ['REPORTED', ...OPEN],
  feedback: ['RESOLVED'],
  reopen: ['RESOLVED'],
  close: ['RESOLVED'],
  merge: ['REPORTED', 'ACCEPTED'],
};

/** The status after the action (undefined: the status does not change). */
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

/** Returns the status after `action`, or throws CONFLICT when the ticket's status does not allow it. */
export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus {
  if (!ALLOWED_FROM[action].includes(current)) {
    throw new ConflictError(`Cannot ${action} a ticket that is ${current}`, {
      status: current,
      action,
      allowedFrom: [...ALLOWED_FROM[action]],
    });
  }
  return RESULT[action] ?? current;
}

/** The level a ticket starts at, from the level of its responsible unit. */
export function levelOfUnit(unitLevel: string): TicketLevel | undefined {
  return (TICKET_LEVELS as readonly string[]).includes(unitLevel) ? (unitLevel as TicketLevel) : undefined;
}
