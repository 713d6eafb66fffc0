import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topics } from '../topic-catalogue';
import { entityId, isoDateTime } from './common';

export const MEMBERS_SOURCE = 'steward/members';

export const memberAssignmentSchema = z.object({
  id: entityId,
  orgUnitId: entityId,
  role: z.string().min(1),
  from: isoDateTime,
  to: isoDateTime.nullable().optional(),
});

/** Latest state of one member on the compacted topic; key = member id. No PII (phone) on purpose. */
export const memberState = defineEvent({
  type: 'steward.member.state.v1',
  topic: Topics.members,
  source: MEMBERS_SOURCE,
  description: 'Latest state of a member and their assignments (compacted, keyed by member id).',
  schema: z.object({
    id: entityId,
    name: z.string().min(1),
    isPartyMember: z.boolean(),
    status: z.enum(['ACTIVE', 'INACTIVE']),
    assignments: z.array(memberAssignmentSchema),
  }),
});

export const memberEvents = [memberState] as const;
