import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime, nullableId, nullableIsoDateTime, orgPath } from './common';

export const VISITS_SOURCE = 'steward/visits';

export const visitKindSchema = z.enum(['ROUTINE', 'TICKET_HANDLING', 'FOLLOW_UP', 'AID', 'PARTY_ACTIVITY']);

/** Fields every visit event carries: a snapshot of the visit log after the change. */
export const visitEventBaseSchema = z.object({
  visitId: entityId,
  memberId: entityId,
  gridId: entityId,
  orgPath,
  kind: visitKindSchema,
  status: z.string().min(1).describe('status after the change: PLANNED, IN_PROGRESS, COMPLETED, CANCELLED, …'),
  ticketId: nullableId,
  householdIds: z.array(entityId),
  startedAt: nullableIsoDateTime,
  endedAt: nullableIsoDateTime,
  occurredAt: isoDateTime,
  geo: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .optional()
    .describe('where the visit was logged (WGS-84); added in v1, absent on older events'),
  photoCount: z.number().int().min(0).optional().describe('photos attached to the visit; added in v1, absent on older events'),
});

function visitEvent<TType extends string, TSchema extends z.ZodType>(type: TType, schema: TSchema) {
  return defineEvent({ type, topic: Topics.visitEvents, source: VISITS_SOURCE, schema });
}

export const visitLogged = visitEvent('steward.visit.logged.v1', visitEventBaseSchema);
export const visitStarted = visitEvent('steward.visit.started.v1', visitEventBaseSchema);
export const visitCompleted = visitEvent('steward.visit.completed.v1', visitEventBaseSchema);
export const visitCancelled = visitEvent(
  'steward.visit.cancelled.v1',
  visitEventBaseSchema.extend({ reason: z.string() }),
);

export const visitEvents = [visitLogged, visitStarted, visitCompleted, visitCancelled] as const;
