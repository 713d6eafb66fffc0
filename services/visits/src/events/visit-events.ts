import { createEvent, visitCancelled, visitCompleted, visitLogged, visitStarted, type EventEnvelope } from '@steward/events';
import type { GeoPoint, VisitKind, VisitStatus } from '../domain/visit-terms';

/** The visit as its events describe it: the state right after the change. */
export interface VisitSnapshot {
  id: string;
  memberId: string;
  gridId: string;
  orgPath: string[];
  kind: VisitKind;
  status: VisitStatus;
  ticketId: string | null;
  householdIds: string[];
  startedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  geo: GeoPoint | null;
  photos: string[];
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function data(visit: VisitSnapshot, occurredAt: Date) {
  return {
    visitId: visit.id,
    memberId: visit.memberId,
    gridId: visit.gridId,
    orgPath: visit.orgPath,
    kind: visit.kind,
    status: visit.status,
    ticketId: visit.ticketId,
    householdIds: visit.householdIds,
    startedAt: iso(visit.startedAt),
    endedAt: iso(visit.endedAt),
    occurredAt: occurredAt.toISOString(),
    geo: visit.geo,
    photoCount: visit.photos.length,
  };
}

/**
 * The events of one stored change from `before` (null: the visit is new) to
 * `after`: logged for a new visit, then started / completed / cancelled when
 * the status moved there. Events of one change get consecutive versions after
 * `revision` (the visit's revision before the change); `loggedAt` dates the
 * logged event, the others take the time of their transition.
 */
export function visitEventsFor(
  before: { status: VisitStatus } | null,
  after: VisitSnapshot,
  revision: number,
  loggedAt: Date,
  options: { startedBeforeEnd?: boolean } = {},
): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  const version = () => revision + events.length + 1;
  if (!before) {
    events.push(createEvent(visitLogged, { subject: after.id, aggregateVersion: version(), data: data(after, loggedAt) }));
  }
  if (before?.status === after.status) return events;
  const subject = after.id;
  // a ticket's visit reconciled from several ticket events at once (a batch) still publishes the start it went through
  const skippedStart = (before === null || before.status === 'PLANNED') && (after.status === 'COMPLETED' || after.status === 'CANCELLED') && after.startedAt;
  if (options.startedBeforeEnd && skippedStart && after.startedAt) {
    events.push(createEvent(visitStarted, { subject, aggregateVersion: version(), data: data({ ...after, status: 'IN_PROGRESS', endedAt: null, cancelledAt: null, cancelReason: null }, after.startedAt) }));
  }
  if (after.status === 'IN_PROGRESS') {
    const at = after.startedAt ?? loggedAt;
    events.push(createEvent(visitStarted, { subject, aggregateVersion: version(), data: data(after, at) }));
  } else if (after.status === 'COMPLETED') {
    const at = after.endedAt ?? loggedAt;
    events.push(createEvent(visitCompleted, { subject, aggregateVersion: version(), data: data(after, at) }));
  } else if (after.status === 'CANCELLED') {
    const at = after.cancelledAt ?? loggedAt;
    events.push(
      createEvent(visitCancelled, { subject, aggregateVersion: version(), data: { ...data(after, at), reason: after.cancelReason ?? '' } }),
    );
  }
  return events;
}

/** The revision after storing `events` (a change without events still moves the revision on). */
export function revisionAfter(revision: number, events: readonly EventEnvelope[]): number {
  return revision + Math.max(1, events.length);
}
