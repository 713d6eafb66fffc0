import {
  createEvent,
  ticketAccepted,
  ticketDispatched,
  ticketReported,
  ticketResolved,
  ticketStarted,
  type EventEnvelope,
} from '@steward/events';
import type { TicketDocument } from './ticket.schema';

type TicketSnapshot = Omit<TicketDocument, 'outbox' | 'timeline' | 'createdAt' | 'updatedAt'> & { createdAt?: Date };

/** The fields every ticket event carries: the ticket after the change. */
function baseData(ticket: TicketSnapshot, actorId: string | null, occurredAt: Date, reportedAt: Date) {
  return {
    ticketId: ticket._id,
    number: ticket.number,
    status: ticket.status,
    level: ticket.level,
    unitId: ticket.unitId,
    orgPath: ticket.orgPath,
    category: ticket.category,
    priority: ticket.priority,
    handlerId: ticket.handlerId,
    actorId,
    occurredAt: occurredAt.toISOString(),
    reportedAt: reportedAt.toISOString(),
    resolveDueAt: ticket.resolveDueAt ? ticket.resolveDueAt.toISOString() : null,
  };
}

export interface EventContext {
  ticket: TicketSnapshot;
  actorId: string | null;
  at: Date;
  reportedAt: Date;
}

const common = ({ ticket, actorId, at, reportedAt }: EventContext) => ({
  subject: ticket._id,
  aggregateVersion: ticket.version,
  time: at,
  data: baseData(ticket, actorId, at, reportedAt),
});

export const ticketEvents = {
  reported: (ctx: EventContext): EventEnvelope => createEvent(ticketReported, common(ctx)),
  accepted: (ctx: EventContext): EventEnvelope => createEvent(ticketAccepted, common(ctx)),
  dispatched: (ctx: EventContext, previousHandlerId: string | null, note: string | undefined): EventEnvelope => {
    const base = common(ctx);
    return createEvent(ticketDispatched, { ...base, data: { ...base.data, previousHandlerId, note } });
  },
  started: (ctx: EventContext): EventEnvelope => createEvent(ticketStarted, common(ctx)),
  resolved: (ctx: EventContext, resolution: string, onTime: boolean): EventEnvelope => {
    const base = common(ctx);
    return createEvent(ticketResolved, { ...base, data: { ...base.data, resolution, onTime } });
  },
};
