import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId } from './common';

export const ORG_SOURCE = 'steward/org';

export const orgUnitLevelSchema = z.enum(['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID']);

/** Latest state of one org unit on the compacted topic; key = unit id. */
export const orgUnitState = defineEvent({
  type: 'steward.org.unit.state.v1',
  topic: Topics.orgUnits,
  source: ORG_SOURCE,
  description: 'Latest state of an org unit (compacted, keyed by unit id).',
  schema: z.object({
    id: entityId,
    code: z.string().nullable().optional(),
    name: z.string().min(1),
    level: orgUnitLevelSchema,
    parentId: entityId.nullable(),
    ancestors: z.array(entityId).describe('ids from the city down to the parent'),
    status: z.enum(['ACTIVE', 'RETIRED']),
    households: z.number().int().nonnegative().optional(),
    population: z.number().int().nonnegative().optional(),
  }),
});

export const orgUnitEvents = [orgUnitState] as const;
