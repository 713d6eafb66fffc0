import { ALL_UNITS } from '@steward/auth';
import type { EventDataOf, EventEnvelope, EventOf, ticketEvents, ticketReported } from '@steward/events';
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

/** What one visit needs to match its facts. */
type PlannedWrite =
  | { kind: 'insert'; id: string; fields: VisitFields; events: EventEnvelope[]; revision: number }
  | { kind: 'update'; id: string; expectedRevision: number; revision: number; set: VisitFields; events: EventEnvelope[] };

/**
 * Keeps the TICKET_HANDLING visits in step with the ticket events: each event
 * is kept once as a fact, then the ticket's visits are refolded from all its
 * facts and whatever differs is written, each visit in one single-document
 * update with its events (see ticket-visit-rules). Redelivered and late
 * events therefore leave the same visits as an in-order delivery.
 *
 * A chunk of events (one partition's, in offset order) costs a fixed number of
 * store calls, not a few per event: one insert of all its facts, one read of
 * the facts and one of the visits of all its tickets, one insert of the new
 * visits and one bulk update of the changed ones. A ticket whose write lost a
 * race (another instance, a redelivery) is reconciled again on its own.
 */
export class TicketVisitSync {
  constructor(
    private readonly repository: VisitRepository,
    private readonly orgTree: Pick<OrgTree, 'pathOf'>,
    private readonly logger: Logger,
  ) {}

  /** Applies the events of one chunk (any tickets, any order): facts kept once, each ticket's visits refolded once. */
  async onTicketEvents(events: readonly TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.repository.saveFacts(events.map((event) => this.toFact(event)));
    const written = await this.reconcileAll([...new Set(events.map((event) => event.data.ticketId))]);
    this.logger.debug({ events: events.length, first: events[0].id, written }, 'ticket events applied to visits');
  }

  /** Brings the stored visits of the ticket to what its facts say; returns how many visits were written. */
  reconcile(ticketId: string): Promise<number> {
    return this.reconcileAll([ticketId]);
  }

  /**
   * Brings the stored visits of these tickets to what their facts say, in one
   * pass of bulk reads and writes; the tickets of a lost race are retried on
   * their own (CONCURRENT_WRITE). Returns how many visits were written.
   */
  async reconcileAll(ticketIds: readonly string[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    if (ticketIds.length === 1) return this.reconcileOne(ticketIds[0]);
    const { written, lost } = await this.pass(ticketIds);
    let again = 0;
    for (const ticketId of lost) again += await this.reconcileOne(ticketId);
    return written + again;
  }

  private async reconcileOne(ticketId: string): Promise<number> {
    const policy = RetryPolicies.CONCURRENT_WRITE;
    const result = await retry(policy, () => this.pass([ticketId]), { retryIf: (pass) => pass.lost.length > 0 });
    if (result.lost.length > 0) throw new Error(`Visits of ticket ${ticketId} kept changing under ${policy.attempts} attempts`);
    return result.written;
  }

  /** One read of the tickets' facts and visits, one write of what differs; the tickets whose write lost a race. */
  private async pass(ticketIds: readonly string[]): Promise<{ written: number; lost: string[] }> {
    const factsByTicket = groupBy(await this.repository.factsOf(ticketIds), (fact) => fact.ticketId);
    // background work: it sees every visit
    const stored = new Map((await this.repository.findByTickets(ticketIds, ALL_UNITS)).map((visit) => [visit._id, visit]));
    const writes: { ticketId: string; write: PlannedWrite }[] = [];
    for (const ticketId of ticketIds) {
      for (const visit of ticketVisitsFrom((factsByTicket.get(ticketId) ?? []).map(fromDocument))) {
        const write = this.plan(visit, stored.get(visit.visitId));
        if (write) writes.push({ ticketId, write });
      }
    }
    const lost = new Set<string>();
    const inserts = writes.flatMap(({ write }) => (write.kind === 'insert' ? [write] : []));
    const refused = await this.repository.insertAll(inserts);
    for (const { ticketId, write } of writes) if (refused.has(write.id)) lost.add(ticketId);
    const updates = writes.filter(({ write }) => write.kind === 'update');
    if (updates.length > 0 && !(await this.repository.updateAll(updates.map(({ write }) => write as Extract<PlannedWrite, { kind: 'update' }>)))) {
      // which ones lost is read again: the tickets of all of them go round once more (what was written is then the same)
      for (const { ticketId } of updates) lost.add(ticketId);
    }
    return { written: writes.length - refused.size, lost: [...lost] };
  }

  /** The write that brings `stored` to `visit`; null when it says that already. */
  private plan(visit: TicketVisitState, stored: VisitDocument | undefined): PlannedWrite | null {
    // where the unit lies now: the facts keep the path of their event, which a later move of the unit made stale
    const fields = toFields({ ...visit, orgPath: this.orgTree.pathOf(visit.gridId) ?? visit.orgPath });
    if (stored && unchanged(stored, fields)) return null;
    const snapshot: VisitSnapshot = { id: visit.visitId, ...fields };
    const revision = stored?.revision ?? 0;
    const events = visitEventsFor(stored ?? null, snapshot, revision, visit.plannedAt, { startedBeforeEnd: true });
    return stored
      ? { kind: 'update', id: visit.visitId, expectedRevision: revision, revision: revisionAfter(revision, events), set: fields, events }
      : { kind: 'insert', id: visit.visitId, fields, events, revision: revisionAfter(revision, events) };
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
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
