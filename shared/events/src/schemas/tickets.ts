import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime, nullableId, nullableIsoDateTime, orgPath } from './common';

export const TICKETS_SOURCE = 'steward/tickets';

export const ticketLevelSchema = z.enum(['GRID', 'ADMIN_VILLAGE', 'TOWNSHIP']);
export const ticketPrioritySchema = z.enum(['LOW', 'NORMAL', 'HIGH', 'URGENT']);
export const satisfactionSchema = z.enum(['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED']);

/** Fields every ticket event carries: a snapshot of the ticket after the change. */
export const ticketEventBaseSchema = z.object({
  ticketId: entityId,
  number: z.string().min(1).describe('human-facing ticket number'),
  title: z
    .string()
    .min(1)
    .optional()
    .describe('the title staff gave the ticket (free text: treat as personal data); added in v1, absent on older events'),
  status: z
    .string()
    .min(1)
    .describe('status after the change: REPORTED, ACCEPTED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED, …'),
  level: ticketLevelSchema,
  unitId: entityId.describe('responsible org unit'),
  orgPath,
  category: z.string().min(1),
  priority: ticketPrioritySchema,
  handlerId: nullableId,
  actorId: nullableId.describe('member who made the change; null for system actions'),
  occurredAt: isoDateTime,
  reportedAt: isoDateTime,
  resolveDueAt: nullableIsoDateTime,
  acceptDueAt: nullableIsoDateTime.describe('accept by (受理时限); added in v1, absent on older events'),
  overdue: z.boolean().optional().describe('the current deadline was missed; added in v1, absent on older events'),
  channel: z.string().min(1).optional().describe('intake channel: HOTLINE, WECHAT, GRID_REPORT, PETITION, APP, WALK_IN, API'),
});

const withTicketBase = <TShape extends z.ZodRawShape>(extra: TShape) => ticketEventBaseSchema.extend(extra);

const evidenceIds = z
  .array(entityId)
  .optional()
  .describe('evidence (图文: photos, documents) attached to this step, downloadable from the tickets service at /evidence/<id>; added in v1');
const fromOrgPath = orgPath.optional().describe('orgPath of the unit the ticket left; added in v1, absent on older events');

function ticketEvent<TType extends string, TSchema extends z.ZodType>(type: TType, schema: TSchema, description?: string) {
  return defineEvent({ type, topic: Topics.ticketEvents, source: TICKETS_SOURCE, schema, description });
}

export const ticketReported = ticketEvent(
  'steward.ticket.reported.v1',
  withTicketBase({
    categoryVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('version of the category definition the report was checked against (类别版本); added in v1, absent on older events'),
    categoryFields: z
      .array(
        z.object({
          key: z.string().min(1).describe('the field key of the category version, e.g. affectedArea'),
          value: z.union([z.string(), z.number(), z.boolean()]).describe('typed by the field: a number (INTEGER, DECIMAL), a boolean, the option value (CHOICE) or text (TEXT: free text, treat as personal data)'),
        }),
      )
      .optional()
      .describe("the category's typed fields the report gave (类别专属字段), in the version's order; added in v1, absent on older events and reports without fields"),
  }),
);
export const ticketAccepted = ticketEvent('steward.ticket.accepted.v1', ticketEventBaseSchema);
export const ticketDispatched = ticketEvent(
  'steward.ticket.dispatched.v1',
  withTicketBase({
    previousHandlerId: nullableId,
    note: z.string().optional(),
    handlerUnitId: nullableId.describe('unit the handler acts for: the responsible unit or one inside it'),
    handlerDueAt: nullableIsoDateTime.describe("the dispatcher's deadline for the handler, if tighter than resolveDueAt"),
  }),
);
export const ticketStarted = ticketEvent('steward.ticket.started.v1', withTicketBase({ evidenceIds }));
export const ticketResolved = ticketEvent(
  'steward.ticket.resolved.v1',
  withTicketBase({ resolution: z.string(), onTime: z.boolean(), evidenceIds }),
);
export const ticketEscalated = ticketEvent(
  'steward.ticket.escalated.v1',
  withTicketBase({
    fromLevel: ticketLevelSchema,
    toLevel: ticketLevelSchema,
    reason: z.string(),
    previousHandlerId: nullableId,
    fromUnitId: entityId.optional().describe('responsible unit before the escalation'),
    automatic: z.boolean().optional().describe('escalated by the overdue sweeper under the SLA policy'),
    fromOrgPath,
  }),
);
export const ticketTransferred = ticketEvent(
  'steward.ticket.transferred.v1',
  withTicketBase({ fromUnitId: entityId, reason: z.string(), previousHandlerId: nullableId, fromOrgPath }),
);
export const ticketRejected = ticketEvent('steward.ticket.rejected.v1', withTicketBase({ reason: z.string() }));
export const ticketClosed = ticketEvent(
  'steward.ticket.closed.v1',
  withTicketBase({ automatic: z.boolean().optional().describe('closed without feedback after the auto-close time') }),
);
export const ticketFeedbackRecorded = ticketEvent(
  'steward.ticket.feedback-recorded.v1',
  withTicketBase({ satisfaction: satisfactionSchema, comment: z.string().optional() }),
);
export const ticketReopened = ticketEvent(
  'steward.ticket.reopened.v1',
  withTicketBase({
    reason: z.string(),
    automatic: z.boolean().optional().describe('reopened by unsatisfied feedback under the policy'),
    previousHandlerId: nullableId.describe('handler of the resolution the reopening reverses; added in v1'),
    previousResolutionOnTime: z
      .boolean()
      .nullable()
      .optional()
      .describe('whether the resolution the reopening reverses was on time (按时办结); added in v1'),
  }),
);
export const ticketOverdue = ticketEvent(
  'steward.ticket.overdue.v1',
  withTicketBase({ dueAt: isoDateTime, kind: z.enum(['ACCEPT', 'RESOLVE']) }),
);
export const ticketDueSoon = ticketEvent(
  'steward.ticket.due-soon.v1',
  withTicketBase({
    kind: z.enum(['ACCEPT', 'RESOLVE']).describe('ACCEPT: 受理时限 (acceptDueAt); RESOLVE: 办结时限 (resolveDueAt)'),
    dueAt: isoDateTime.describe('the deadline warned about'),
    warnBeforeMinutes: z.number().positive().describe('the lead time of the SLA policy that applied, in minutes of clock time'),
    slaPolicyVersion: z.string().min(1).describe('version of the SLA policy the lead time came from'),
  }),
  'A deadline of the ticket is near (临期预警): published once per ticket and deadline by the overdue sweeper when the lead time of the SLA policy begins. The ticket records the deadline warned; a new deadline (after acceptance, escalation, transfer or reopening) is warned again.',
);
export const ticketMerged = ticketEvent('steward.ticket.merged.v1', withTicketBase({ intoTicketId: entityId }));
export const ticketSupervised = ticketEvent('steward.ticket.supervised.v1', withTicketBase({ note: z.string() }));
export const ticketProgressAdded = ticketEvent('steward.ticket.progress-added.v1', withTicketBase({ note: z.string(), evidenceIds }));

export const ticketEvents = [
  ticketReported,
  ticketAccepted,
  ticketDispatched,
  ticketStarted,
  ticketResolved,
  ticketEscalated,
  ticketTransferred,
  ticketRejected,
  ticketClosed,
  ticketFeedbackRecorded,
  ticketReopened,
  ticketOverdue,
  ticketDueSoon,
  ticketMerged,
  ticketSupervised,
  ticketProgressAdded,
] as const;
