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

const count = z.number().int().min(0);

/** One duty of the member in the week, as measured (see the visits service's duty rules). */
export const complianceDutySchema = z.object({
  unitId: entityId.describe('where the role is held: a grid, or the village for village staff'),
  role: z.string().min(1).describe('role code, e.g. GRID_INSTRUCTOR'),
  measure: z.string().min(1).describe('COMPLETED_VISITS or DISTINCT_DAYS (Asia/Shanghai)'),
  required: count,
  achieved: count,
  compliant: z.boolean(),
});

/**
 * A member's weekly duty verdict (周履职评定), issued once the ISO week
 * (Asia/Shanghai) has ended, keyed `compliance:<memberId>:<week>`. The first
 * verdict has aggregateVersion 1 and `previousCompliant: null`; when visits
 * logged late change the figures, a revision follows with the next version,
 * the same unit and path, and the `compliant` of the verdict it replaces.
 */
export const complianceEvaluatedSchema = z.object({
  memberId: entityId,
  unitId: entityId.describe("the unit credited: the duty's unit, or the deepest unit holding all of the member's duty units"),
  orgPath,
  week: z
    .string()
    .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W48')
    .describe('ISO week in Asia/Shanghai'),
  weekStart: isoDateTime.describe('Monday 00:00 Asia/Shanghai'),
  weekEnd: isoDateTime.describe('the next Monday 00:00 Asia/Shanghai (exclusive)'),
  required: count.describe('sum of the duties\' required counts'),
  achieved: count.describe('sum of the duties\' achieved counts'),
  compliant: z.boolean().describe('every duty met (not achieved >= required: the measures differ per duty)'),
  duties: z.array(complianceDutySchema).min(1),
  dutyRuleVersion: z.number().int().min(0).describe('version of the duty rule table measured against (0: built-in defaults)'),
  previousCompliant: z.boolean().nullable().describe('null on the first verdict; on a revision, the outcome it replaces'),
  evaluatedAt: isoDateTime,
});

export const visitComplianceEvaluated = visitEvent('steward.visit.compliance-evaluated.v1', complianceEvaluatedSchema);

const isoWeekKey = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W48')
  .describe('ISO week in Asia/Shanghai');

/**
 * A weekly duty that is not yet met late in the week (周走访预警), keyed
 * `duty-at-risk:<memberId>:<unitId>:<role>:<week>`: published once per
 * member, duty unit, role and week, from the time of the week the duty rule
 * names (`warnFrom`), while the member still holds the role.
 */
export const dutyAtRiskSchema = z.object({
  memberId: entityId.describe('the member who holds the duty and is warned'),
  unitId: entityId.describe('where the role is held: a grid, or the village for village staff'),
  orgPath,
  role: z.string().min(1).describe('role code, e.g. GRID_INSTRUCTOR (网格指导员), GRID_ASSISTANT (网格助理员)'),
  measure: z.string().min(1).describe('COMPLETED_VISITS or DISTINCT_DAYS (Asia/Shanghai)'),
  week: isoWeekKey,
  weekStart: isoDateTime.describe('Monday 00:00 Asia/Shanghai'),
  weekEnd: isoDateTime.describe('the next Monday 00:00 Asia/Shanghai (exclusive): the duty must be met before it'),
  required: count.describe('what the duty requires this week'),
  achieved: count.describe('what was achieved so far this week (done)'),
  warnFrom: z.string().min(1).describe("the duty rule's warning time in the week, e.g. FRI 09:00 (Asia/Shanghai)"),
  dutyRuleVersion: z.number().int().min(0).describe('version of the duty rule table measured against (0: built-in defaults)'),
  occurredAt: isoDateTime,
});

export const visitDutyAtRisk = defineEvent({
  type: 'steward.visit.duty-at-risk.v1',
  topic: Topics.visitEvents,
  source: VISITS_SOURCE,
  schema: dutyAtRiskSchema,
  description: "A member's weekly duty is not yet met late in the week (周走访预警); once per member, duty unit, role and ISO week.",
});

export const visitEvents = [visitLogged, visitStarted, visitCompleted, visitCancelled, visitComplianceEvaluated, visitDutyAtRisk] as const;
