import { createEvent, memberState } from '@steward/events';
import type { MemberDocument } from '../persistence/member.schema';

export type MemberState = Omit<MemberDocument, 'outbox' | 'createdAt' | 'updatedAt'>;

/**
 * The member's full state for the compacted topic. No personal data: the name
 * and the phone stay home. The credentials version and the ended sessions let
 * the gateway refuse tokens that have been revoked.
 */
export function memberStateEvent(doc: MemberState) {
  return createEvent(memberState, {
    subject: doc._id,
    aggregateVersion: doc.version,
    data: {
      id: doc._id,
      isPartyMember: doc.isPartyMember,
      status: doc.status,
      assignments: doc.assignments.map((a) => ({
        id: a.id,
        orgUnitId: a.unitId,
        role: a.role,
        from: a.from.toISOString(),
        to: a.to ? a.to.toISOString() : null,
      })),
      credentialsVersion: doc.credentialsVersion ?? 0,
      endedSessions: (doc.endedSessions ?? []).map((session) => session.id),
    },
  });
}
