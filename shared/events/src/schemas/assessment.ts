import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime } from './common';

export const ASSESSMENT_SOURCE = 'steward/assessment';

export const periodKindSchema = z.enum(['WEEK', 'MONTH', 'QUARTER', 'YEAR']);

export const assessmentPeriodClosed = defineEvent({
  type: 'steward.assessment.period-closed.v1',
  topic: Topics.assessmentEvents,
  source: ASSESSMENT_SOURCE,
  description: 'An assessment period was closed for a unit and its report frozen.',
  schema: z.object({
    unitId: entityId,
    periodKind: periodKindSchema,
    periodKey: z.string().min(1).describe('e.g. 2026-W48, 2026-11, 2026-Q4, 2026'),
    policyVersion: z.number().int(),
    score: z.number().nullable(),
    occurredAt: isoDateTime,
  }),
});

export const assessmentEvents = [assessmentPeriodClosed] as const;
