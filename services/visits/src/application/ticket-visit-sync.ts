import { ALL_UNITS } from '@steward/auth';
import type { EventDataOf, EventOf, ticketEvents, ticketReported } from '@steward/events';
import { retry, RetryPolicies } from '@steward/persistence';
import type { OrgTree } from '@steward/replicas';
import type { Logger } from '@steward/service-kit';
import { ticketVisitsFrom, type TicketFact, type TicketVisitState } from '../domain/ticket-visit-rules';
import { revisionAfter, visitEventsFor, type VisitSnapshot } from '../events/visit-events';
import type { VisitFields, VisitRepository } from '../persistence/visit.repository';
import type { TicketFactDocument, VisitDocument } from '../persistence/visit.schema';

/** Any ticket event of the catalogue, typed by its schema. */
export type TicketEvent = EventOf<(typeof ticketEvents)[number]>;

/**
 * What the visits read of a ticket event: the snapshot every ticket event
 * carries, and the fields of the few that say more. Every ticket event's data
 * is one (the compiler checks it where `toFact` takes `event.data`).
 */
type TicketEventFields = EventDataOf<typeof ticketReported> & {
  handlerUnitId?: string | null;
  resolution?: string;
  reason?: string;
  intoTicketId?: string;
};

function toFields(visit: TicketVisitState): VisitFields {
  return {
    memberId: visit.memberId,
    gridId: visit.gridId,
    orgPath: visit.orgPath,
    kind: 'TICKET_HANDLING',
    status: visit.status,
    ticketId: visit.ticketId,
    householdIds: [],
    startedAt: visit.startedAt,
    endedAt: visit.endedAt,
    visitedAt: visit.startedAt ?? visit.endedAt,
    notes: visit.notes,
    photos: [],
    geo: null,
    cancelledAt: visit.cancelledAt,
    cancelReason: visit.cancelReason,
  };
}

const sameTime = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** True when the stored visit already says what the facts say. */
function unchanged(stored: VisitDocument, wanted: VisitFields): boolean {
  return (
    stored.status === wanted.status &&
    stored.gridId === wanted.gridId &&
    stored.orgPath.join('/') === wanted.orgPath.join('/') &&
    sameTime(stored.startedAt, wanted.startedAt) &&
    sameTime(stored.endedAt, wanted.endedAt) &&
    sameTime(stored.cancelledAt, wanted.cancelledAt) &&
    (stored.notes ?? null) === wanted.notes &&
    (stored.cancelReason ?? null) === wanted.cancelReason
  );
}

/**
 * Keeps the TICKET_HANDLING visits in step with the ticket events: each event
 * is kept once as a fact, then the ticket's visits are refolded from all its
 * facts and whatever differs is written, each visit in one single-document
 * update with its events (see ticket-visit-rules). Redelivered and late
 * events therefore leave the same visits as an in-order delivery.
 */
export class TicketVisitSync {
  constructor(
    private readonly repository: VisitRepository,
    private readonly orgTree: Pick<OrgTree, 'pathOf'>,
    private readonly logger: Logger,
  ) {}

  async onTicketEvent(event: TicketEvent): Promise<void> {
    await this.repository.saveFact(this.toFact(event));
    const written = await this.reconcile(event.data.ticketId);
    this.logger.debug({ eventId: event.id, type: event.type, written }, 'ticket event applied to visits');
  }

  /** Brings the stored visits of the ticket to what its facts say; returns how many visits were written. */
  async reconcile(ticketId: string): Promise<number> {
    const policy = RetryPolicies.CONCURRENT_WRITE;
    const pass = await retry(
      policy,
      async () => {
        const facts = (await this.repository.factsOf(ticketId)).map(fromDocument);
        // background work: it sees every visit
        const stored = new Map((await this.repository.findByTicket(ticketId, ALL_UNITS)).map((visit) => [visit._id, visit]));
        let written = 0;
        let lostRace = false;
        for (const visit of ticketVisitsFrom(facts)) {
          const result = await this.write(visit, stored.get(visit.visitId));
          if (result === 'written') written += 1;
          if (result === 'lost') lostRace = true;
        }
        return { written, lostRace };
      },
      { retryIf: (result) => result.lostRace },
    );
    if (pass.lostRace) throw new Error(`Visits of ticket ${ticketId} kept changing under ${policy.attempts} attempts`);
    return pass.written;
  }

  private async write(visit: TicketVisitState, stored: VisitDocument | undefined): Promise<'written' | 'same' | 'lost'> {
    // where the unit lies now: the facts keep the path of their event, which a later move of the unit made stale
    const fields = toFields({ ...visit, orgPath: this.orgTree.pathOf(visit.gridId) ?? visit.orgPath });
    if (stored && unchanged(stored, fields)) return 'same';
    const snapshot: VisitSnapshot = { id: visit.visitId, ...fields };
    const revision = stored?.revision ?? 0;
    const events = visitEventsFor(stored ?? null, snapshot, revision, visit.plannedAt);
    const ok = stored
      ? await this.repository.update(visit.visitId, revision, revisionAfter(revision, events), fields, events)
      : await this.repository.insert(visit.visitId, fields, events, revisionAfter(revision, events));
    return ok ? 'written' : 'lost';
  }

  private toFact(event: TicketEvent): Omit<TicketFactDocument, '_id'> {
    const data: TicketEventFields = event.data;
    const handlerUnitId = data.handlerUnitId ?? null;
    const unitId = handlerUnitId ?? data.unitId;
    const orgPath =
      unitId === data.unitId ? data.orgPath : (this.orgTree.pathOf(unitId) ?? [...data.orgPath, unitId]);
    return {
      ticketId: data.ticketId,
      version: event.aggregateversion,
      type: event.type,
      status: data.status,
      handlerId: data.handlerId ?? null,
      unitId,
      orgPath,
      occurredAt: new Date(data.occurredAt),
      resolution: data.resolution ?? null,
      reason: data.reason ?? null,
      intoTicketId: data.intoTicketId ?? null,
      eventId: event.id,
    };
  }
}

function fromDocument(doc: TicketFactDocument): TicketFact {
  return {
    ticketId: doc.ticketId,
    version: doc.version,
    type: doc.type,
    status: doc.status,
    handlerId: doc.handlerId ?? null,
    unitId: doc.unitId,
    orgPath: doc.orgPath,
    occurredAt: doc.occurredAt,
    resolution: doc.resolution ?? null,
    reason: doc.reason ?? null,
    intoTicketId: doc.intoTicketId ?? null,
  };
}
