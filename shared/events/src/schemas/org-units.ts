import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime, nullableIsoDateTime } from './common';

export const ORG_SOURCE = 'steward/org';

export const orgUnitLevelSchema = z.enum(['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID']);

/** 党总支 / 党支部 (at an administrative village) / 网格党小组 (at a grid). */
export const partyOrgKindSchema = z.enum(['GENERAL_BRANCH', 'BRANCH', 'GRID_GROUP']);

export const partyOrgSchema = z.object({
  kind: partyOrgKindSchema,
  name: z.string().min(1),
  secretaryName: z.string().nullable().optional().describe('secretary (书记) or group leader (组长)'),
});

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
    partyOrg: partyOrgSchema.nullable().optional().describe('party organisation attached to the unit'),
    validFrom: isoDateTime.optional().describe('when the unit was created'),
    validTo: nullableIsoDateTime.describe('when the unit was retired (撤销); null while active'),
  }),
});

export const orgUnitEvents = [orgUnitState] as const;
