/**
 * How ticket events drive the handler's TICKET_HANDLING visit (DESIGN §4):
 * dispatched → PLANNED, started → IN_PROGRESS, resolved → COMPLETED.
 * Pure: the caller applies the result guarded by the ticket version, so
 * duplicates and out-of-order deliveries leave the same visit.
 */
export const VISIT_STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_KINDS = ['ROUTINE', 'TICKET_HANDLING', 'FOLLOW_UP', 'AID', 'PARTY_ACTIVITY'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export interface TicketEventFacts {
  type: string;
  ticketId: string;
  handlerId: string | null;
  unitId: string;
  orgPath: string[];
  occurredAt: string;
  resolution?: string;
}

export interface TicketVisitChange {
  visitId: string;
  memberId: string;
  gridId: string;
  orgPath: string[];
  ticketId: string;
  status: VisitStatus;
  startedAt?: Date;
  endedAt?: Date;
  notes?: string;
}

const STATUS_BY_EVENT: Record<string, VisitStatus> = {
  'steward.ticket.dispatched.v1': 'PLANNED',
  'steward.ticket.started.v1': 'IN_PROGRESS',
  'steward.ticket.resolved.v1': 'COMPLETED',
};

/** The visit of one handler for one ticket has a stable id, so redelivery finds the same record. */
export function ticketVisitId(ticketId: string, handlerId: string): string {
  return `ticket:${ticketId}:${handlerId}`;
}

export function ticketVisitChange(event: TicketEventFacts): TicketVisitChange | undefined {
  const status = STATUS_BY_EVENT[event.type];
  if (!status || !event.handlerId) return undefined;
  const at = new Date(event.occurredAt);
  return {
    visitId: ticketVisitId(event.ticketId, event.handlerId),
    memberId: event.handlerId,
    gridId: event.unitId,
    orgPath: event.orgPath,
    ticketId: event.ticketId,
    status,
    ...(status === 'IN_PROGRESS' ? { startedAt: at } : {}),
    ...(status === 'COMPLETED' ? { endedAt: at, notes: event.resolution } : {}),
  };
}
