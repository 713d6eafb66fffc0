import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, orgPath } from './common';
import { MEMBERS_SOURCE } from './members';

/** 贫困户, 独居老人, 留守儿童, 残疾人, 军属, 低保户, other. */
export const HOUSEHOLD_TAGS = [
  'POOR',
  'ELDERLY_ALONE',
  'LEFT_BEHIND_CHILD',
  'DISABLED',
  'MILITARY_FAMILY',
  'LOW_INCOME',
  'OTHER',
] as const;

export const householdTagSchema = z.enum(HOUSEHOLD_TAGS);

/**
 * Latest state of one household (户) on the compacted topic; key = household id.
 * Owned by the members service. No personal data in clear: the head's name,
 * the address and the phone stay in the members service (`head` and `address`
 * are accepted from records of older builds, never written now). `tags` are
 * sensitive personal data (贫困户, 独居老人): readers must protect them.
 */
export const householdState = defineEvent({
  type: 'steward.household.state.v1',
  topic: Topics.households,
  source: MEMBERS_SOURCE,
  description: 'Latest state of a household under a grid (compacted, keyed by household id).',
  schema: z.object({
    id: entityId,
    gridId: entityId,
    orgPath: orgPath.describe('org unit ids from the city down to the grid, as the tree was when written'),
    head: z.string().min(1).optional().describe('personal data: no longer written; present only on records of older builds'),
    address: z.string().min(1).optional().describe('personal data: no longer written; present only on records of older builds'),
    size: z.number().int().positive().describe('people in the household'),
    tags: z.array(householdTagSchema).describe('sensitive personal data (贫困户, 独居老人 …): readers must protect it like a name'),
  }),
});

export const householdEvents = [householdState] as const;
