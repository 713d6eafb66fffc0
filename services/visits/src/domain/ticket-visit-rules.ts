import { FINAL_VISIT_STATUSES, type VisitStatus } from './visit-terms';

/**
 * How ticket events drive the handlers' TICKET_HANDLING visits (docs/architecture.md §4):
 * dispatched → a PLANNED visit for the handler; started → IN_PROGRESS;
 * resolved → COMPLETED with the resolution; escalated, transferred or
 * re-dispatched → the old handler's visit CANCELLED (a new PLANNED one comes
 * with the dispatch to the new handler); rejected or merged → CANCELLED.
 *
 * Every ticket event carries a snapshot of the ticket and its version, so the
 * visits are a fold over the ticket's facts in version order. The caller
 * keeps every fact once (keyed by ticket and version) and refolds them all on
 * each delivery: duplicates add nothing and a late, older event lands in its
 * place, so any delivery order ends in the same visits.
 */
export interface TicketFact {
  ticketId: string;
  /** the ticket's version after the event */
  version: number;
  type: string;
  /** the ticket's status after the event */
  status: string;
  handlerId: string | null;
  /** where the handler works the ticket: on a dispatch the handler's unit, else the responsible unit */
  unitId: string;
  /** path from the city down to `unitId` */
  orgPath: string[];
  occurredAt: Date;
  resolution: string | null;
  reason: string | null;
  intoTicketId: string | null;
}

export interface TicketVisitState {
  visitId: string;
  ticketId: string;
  memberId: string;
  gridId: string;
  orgPath: string[];
  status: VisitStatus;
  plannedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  notes: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

const DISPATCHED = 'steward.ticket.dispatched.v1';

/** The visit status the handler's visit takes from the ticket's status (undefined: leave it as it is). */
const VISIT_STATUS_BY_TICKET_STATUS: Readonly<Record<string, VisitStatus>> = {
  DISPATCHED: 'PLANNED',
  IN_PROGRESS: 'IN_PROGRESS',
  RESOLVED: 'COMPLETED',
  CLOSED: 'COMPLETED',
  REJECTED: 'CANCELLED',
  MERGED: 'CANCELLED',
};

/**
 * Episode 1 of a handler on a ticket keeps the id visits have always had;
 * a handler dispatched again after their visit ended (reopened, escalated and
 * sent back) gets a new visit, episode 2, 3, …
 */
export function ticketVisitId(ticketId: string, handlerId: string, episode = 1): string {
  return episode === 1 ? `ticket:${ticketId}:${handlerId}` : `ticket:${ticketId}:${handlerId}:${episode}`;
}

function cancelReason(fact: TicketFact): string {
  const detail = fact.reason ? `: ${fact.reason}` : '';
  switch (fact.type) {
    case 'steward.ticket.escalated.v1':
      return `ticket escalated${detail}`;
    case 'steward.ticket.transferred.v1':
      return `ticket transferred${detail}`;
    case DISPATCHED:
      return 'ticket dispatched to another handler';
    case 'steward.ticket.rejected.v1':
      return `ticket rejected${detail}`;
    case 'steward.ticket.merged.v1':
      return `ticket merged into ${fact.intoTicketId ?? 'another ticket'}`;
    default:
      return `ticket is ${fact.status} without this handler`;
  }
}

const isOpen = (visit: TicketVisitState) => !FINAL_VISIT_STATUSES.includes(visit.status);

/** The visits of one ticket after all `facts` (any order, duplicates allowed), in the order they were planned. */
export function ticketVisitsFrom(facts: readonly TicketFact[]): TicketVisitState[] {
  const ordered = [...new Map(facts.map((fact) => [fact.version, fact])).values()].sort((a, b) => a.version - b.version);
  const visits: TicketVisitState[] = [];
  const current = new Map<string, TicketVisitState>();
  const episodes = new Map<string, number>();

  for (const fact of ordered) {
    const at = fact.occurredAt;
    // Whoever is no longer the handler stops working the ticket.
    for (const visit of current.values()) {
      if (isOpen(visit) && visit.memberId !== fact.handlerId) {
        Object.assign(visit, { status: 'CANCELLED', cancelledAt: at, cancelReason: cancelReason(fact) });
      }
    }
    const target = fact.handlerId ? VISIT_STATUS_BY_TICKET_STATUS[fact.status] : undefined;
    if (!fact.handlerId || !target) continue;

    let visit = current.get(fact.handlerId);
    if (!visit || (!isOpen(visit) && (target === 'PLANNED' || target === 'IN_PROGRESS'))) {
      if (target === 'CANCELLED') continue;
      const episode = (episodes.get(fact.handlerId) ?? 0) + 1;
      episodes.set(fact.handlerId, episode);
      visit = {
        visitId: ticketVisitId(fact.ticketId, fact.handlerId, episode),
        ticketId: fact.ticketId,
        memberId: fact.handlerId,
        gridId: fact.unitId,
        orgPath: [...fact.orgPath],
        status: 'PLANNED',
        plannedAt: at,
        startedAt: null,
        endedAt: null,
        notes: null,
        cancelledAt: null,
        cancelReason: null,
      };
      current.set(fact.handlerId, visit);
      visits.push(visit);
    }
    if (!isOpen(visit)) continue;
    if (fact.type === DISPATCHED) {
      // a re-dispatch to the same handler may name another unit
      visit.gridId = fact.unitId;
      visit.orgPath = [...fact.orgPath];
    }
    visit.status = target;
    if (target === 'IN_PROGRESS' || target === 'COMPLETED') visit.startedAt ??= at;
    if (target === 'COMPLETED') {
      visit.endedAt = at;
      visit.notes = fact.resolution;
    }
    if (target === 'CANCELLED') Object.assign(visit, { cancelledAt: at, cancelReason: cancelReason(fact) });
  }
  return visits;
}
