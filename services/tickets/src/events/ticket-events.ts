import {
  createEvent,
  ticketAccepted,
  ticketContact,
  ticketClosed,
  ticketDispatched,
  ticketEscalated,
  ticketFeedbackRecorded,
  ticketMerged,
  ticketDueSoon,
  ticketOverdue,
  ticketProgressAdded,
  ticketRejected,
  ticketReopened,
  ticketReported,
  ticketResolved,
  ticketStarted,
  ticketSupervised,
  ticketTransferred,
  type EventEnvelope,
} from '@steward/events';
import type { TicketEventSpec, TicketFacts } from '../domain/ticket-facts';

/** The ticket as an event describes it: its state right after the step. */
export interface EventSnapshot extends TicketFacts {
  number: string;
  title: string;
  channel: string;
  reportedAt: Date;
}

export interface EventContext {
  ticket: EventSnapshot;
  /** the ticket's version after the step */
  version: number;
  actorId: string | null;
  at: Date;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);
/** Left out when empty, as events before evidence existed had it. */
const evidence = (ids: string[]) => (ids.length > 0 ? { evidenceIds: ids } : {});

function baseData({ ticket, actorId, at }: EventContext) {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    level: ticket.level,
    unitId: ticket.unitId,
    orgPath: ticket.orgPath,
    category: ticket.category,
    priority: ticket.priority,
    handlerId: ticket.handlerId,
    actorId,
    occurredAt: at.toISOString(),
    reportedAt: ticket.reportedAt.toISOString(),
    resolveDueAt: iso(ticket.resolveDueAt),
    acceptDueAt: iso(ticket.acceptDueAt),
    overdue: ticket.overdue,
    channel: ticket.channel,
  };
}

/** What contact events read of a ticket: its id, number, intake channel and reporter. */
export interface ContactSource {
  _id: string;
  number: string;
  channel: string;
  reporter: { phone: string | null; anonymous: boolean } | null;
}

/** The resident's phone that may go on the restricted contacts topic: given, and the reporter did not ask to stay anonymous. */
export function publishablePhone(ticket: ContactSource): string | null {
  const phone = ticket.reporter?.phone?.trim();
  return ticket.reporter && !ticket.reporter.anonymous && phone ? phone : null;
}

/**
 * The contact record of a new report on the restricted topic (steward.ticket.contact.v1, key = ticket id), or none
 * when there is no phone to publish. `version` is the ticket's version (1 at the report).
 */
export function contactEnvelopes(ticket: ContactSource, version: number, at: Date): EventEnvelope[] {
  const phone = publishablePhone(ticket);
  if (phone === null) return [];
  return [
    createEvent(ticketContact, {
      subject: ticket._id,
      aggregateVersion: version,
      time: at,
      data: { ticketId: ticket._id, number: ticket.number, phone, channel: ticket.channel, erased: false, occurredAt: at.toISOString() },
    }),
  ];
}

/** The erasure record (no phone) that replaces a published contact when the ticket ended; none when nothing was published. */
export function contactErasureEnvelopes(ticket: ContactSource, version: number, at: Date): EventEnvelope[] {
  if (publishablePhone(ticket) === null) return [];
  return [
    createEvent(ticketContact, {
      subject: ticket._id,
      aggregateVersion: version,
      time: at,
      data: { ticketId: ticket._id, number: ticket.number, phone: null, channel: ticket.channel, erased: true, occurredAt: at.toISOString() },
    }),
  ];
}

/** The event of one step, carrying the ticket's version after it (events of one update get consecutive versions). */
export function toEnvelope(spec: TicketEventSpec, ctx: EventContext): EventEnvelope {
  const base = baseData(ctx);
  const envelope = <T>(data: T) => ({ subject: ctx.ticket.id, aggregateVersion: ctx.version, time: ctx.at, data });
  switch (spec.type) {
    case 'reported':
      return createEvent(
        ticketReported,
        envelope({ ...base, categoryVersion: spec.categoryVersion, ...(spec.categoryFields.length > 0 ? { categoryFields: spec.categoryFields } : {}) }),
      );
    case 'accepted':
      return createEvent(ticketAccepted, envelope(base));
    case 'rejected':
      return createEvent(ticketRejected, envelope({ ...base, reason: spec.reason }));
    case 'dispatched':
      return createEvent(
        ticketDispatched,
        envelope({
          ...base,
          previousHandlerId: spec.previousHandlerId,
          ...(spec.note !== null ? { note: spec.note } : {}),
          handlerUnitId: ctx.ticket.handlerUnitId,
          handlerDueAt: iso(ctx.ticket.handlerDueAt),
        }),
      );
    case 'started':
      return createEvent(ticketStarted, envelope({ ...base, ...evidence(spec.evidenceIds) }));
    case 'progress-added':
      return createEvent(ticketProgressAdded, envelope({ ...base, note: spec.note, ...evidence(spec.evidenceIds) }));
    case 'resolved':
      return createEvent(
        ticketResolved,
        envelope({ ...base, resolution: spec.resolution, onTime: spec.onTime, ...evidence(spec.evidenceIds) }),
      );
    case 'escalated':
      return createEvent(
        ticketEscalated,
        envelope({
          ...base,
          fromLevel: spec.fromLevel,
          toLevel: spec.toLevel,
          reason: spec.reason,
          previousHandlerId: spec.previousHandlerId,
          fromUnitId: spec.fromUnitId,
          fromOrgPath: spec.fromOrgPath,
          automatic: spec.automatic,
        }),
      );
    case 'transferred':
      return createEvent(
        ticketTransferred,
        envelope({
          ...base,
          fromUnitId: spec.fromUnitId,
          fromOrgPath: spec.fromOrgPath,
          reason: spec.reason,
          previousHandlerId: spec.previousHandlerId,
        }),
      );
    case 'supervised':
      return createEvent(ticketSupervised, envelope({ ...base, note: spec.note }));
    case 'feedback-recorded':
      return createEvent(
        ticketFeedbackRecorded,
        envelope({ ...base, satisfaction: spec.satisfaction, ...(spec.comment !== null ? { comment: spec.comment } : {}) }),
      );
    case 'reopened':
      return createEvent(
        ticketReopened,
        envelope({
          ...base,
          reason: spec.reason,
          automatic: spec.automatic,
          previousHandlerId: spec.previousHandlerId,
          previousResolutionOnTime: spec.previousResolutionOnTime,
        }),
      );
    case 'closed':
      return createEvent(ticketClosed, envelope({ ...base, automatic: spec.automatic }));
    case 'merged':
      return createEvent(ticketMerged, envelope({ ...base, intoTicketId: spec.intoTicketId }));
    case 'overdue':
      return createEvent(ticketOverdue, envelope({ ...base, kind: spec.kind, dueAt: spec.dueAt.toISOString() }));
    case 'due-soon':
      return createEvent(
        ticketDueSoon,
        envelope({
          ...base,
          kind: spec.kind,
          dueAt: spec.dueAt.toISOString(),
          warnBeforeMinutes: spec.warnBeforeMinutes,
          slaPolicyVersion: spec.slaPolicyVersion,
        }),
      );
  }
}
