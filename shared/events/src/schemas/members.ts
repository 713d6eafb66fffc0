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

/**
 * Latest state of one member on the compacted topic; key = member id. No
 * personal data: the name and phone stay in the members service (`name` is
 * accepted from records written by older builds, never written now).
 */
export const memberState = defineEvent({
  type: 'steward.member.state.v1',
  topic: Topics.members,
  source: MEMBERS_SOURCE,
  description: 'Latest state of a member and their assignments (compacted, keyed by member id).',
  schema: z.object({
    id: entityId,
    name: z.string().min(1).optional().describe('personal data: no longer written; present only on records of older builds'),
    isPartyMember: z.boolean(),
    status: z.enum(['ACTIVE', 'INACTIVE']),
    assignments: z.array(memberAssignmentSchema),
    credentialsVersion: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('raised by a password change, deactivation, the end of a role and signOutEverywhere: older tokens stop working'),
    endedSessions: z
      .array(z.string().min(1))
      .optional()
      .describe('sign-in sessions ended by signOut whose tokens have not expired yet'),
  }),
});

export const memberEvents = [memberState] as const;
