import { Injectable } from '@nestjs/common';
import { samePath, type OrgScope } from '@steward/auth';
import type { EventEnvelope } from '@steward/events';
import { AggregateStore, claimKey, isDuplicateKeyError, refusedDuplicates, type BatchResult, type TotalCount } from '@steward/persistence';
import { outsideScope } from '../domain/visits-access';
import { InjectMongo, type PageRequest, repathEach } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import type { VisitKind, VisitStatus } from '../domain/visit-terms';
import { ticketFactSchema, visitSchema, type TicketFactDocument, type VisitDocument } from './visit.schema';

export interface VisitQuery {
  memberId?: string;
  gridId?: string;
  householdId?: string;
  ticketId?: string;
  kind?: VisitKind;
  status?: VisitStatus;
  /** inside this unit's subtree */
  within?: string;
  /** visited at or after */
  from?: Date;
  /** visited before */
  to?: Date;
}

export type VisitFields = Omit<VisitDocument, '_id' | 'outbox' | 'revision' | 'createdAt' | 'updatedAt'>;

/** The fields compliance and coverage read from a completed visit. */
export interface CompletedVisitRow {
  _id: string;
  memberId: string;
  gridId: string;
  orgPath: string[];
  householdIds: string[];
  visitedAt: Date;
}

/** Claims of the members whose hand-logged visits are being changed (see `oneChangeOfMember`). */
const MEMBER_VISITS_CLAIM = 'visit-members';

const COMPLETED_FIELDS = { memberId: 1, gridId: 1, orgPath: 1, householdIds: 1, visitedAt: 1 } as const;

function toFilter(query: VisitQuery): QueryFilter<VisitDocument> {
  const filter: QueryFilter<VisitDocument> = {};
  if (query.memberId) filter.memberId = query.memberId;
  if (query.gridId) filter.gridId = query.gridId;
  if (query.householdId) filter.householdIds = query.householdId;
  if (query.ticketId) filter.ticketId = query.ticketId;
  if (query.kind) filter.kind = query.kind;
  if (query.status) filter.status = query.status;
  if (query.within) filter.orgPath = query.within;
  if (query.from || query.to) {
    filter.visitedAt = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
  }
  return filter;
}

/**
 * The only code that touches the visits and ticket_facts collections. Every
 * read of visits takes the org scope it may see (ALL_UNITS for background work
 * and for rules that must see everything); by id, a visit outside it is
 * FORBIDDEN, lists leave such visits out.
 */
@Injectable()
export class VisitRepository {
  private readonly facts: Model<TicketFactDocument>;
  /** `revision` is the visit's aggregate version (its events' aggregateVersion), moved on by changes without events too */
  private readonly store: AggregateStore<VisitDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.facts = connection.model<TicketFactDocument>('TicketFact', ticketFactSchema);
    this.store = new AggregateStore(connection.model<VisitDocument>('Visit', visitSchema), {
      versionField: 'revision',
      forbidden: outsideScope,
    });
  }

  /** The visits outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** The visit, null when unknown; FORBIDDEN when it lies outside `scope`. */
  findById(id: string, scope: OrgScope): Promise<VisitDocument | null> {
    return this.store.findById(id, scope, { outbox: 0 });
  }

  /** Visits by id in one query, in the ids' order: null when unknown, FORBIDDEN (returned) for one outside `scope`. */
  findByIds(ids: readonly string[], scope: OrgScope): Promise<BatchResult<VisitDocument>[]> {
    return this.store.findByIds(ids, scope, { outbox: 0 });
  }

  /** The visits of any of `ticketIds` that `scope` may read, oldest first, in one read. */
  findByTickets(ticketIds: readonly string[], scope: OrgScope): Promise<VisitDocument[]> {
    const ticketId = ticketIds.length === 1 ? ticketIds[0] : { $in: [...ticketIds] };
    return this.store.find({ ticketId }, scope, { outbox: 0 }).sort({ createdAt: 1, _id: 1 }).lean<VisitDocument[]>().exec();
  }

  page(query: VisitQuery, scope: OrgScope, page: PageRequest): Promise<{ rows: VisitDocument[]; total: TotalCount }> {
    return this.store.page(toFilter(query), scope, page);
  }

  /**
   * Stores a new visit with its events in one insert. Returns false when a
   * visit with that id exists already.
   */
  insert(id: string, fields: VisitFields, events: EventEnvelope[], revision: number): Promise<boolean> {
    return this.store.tryInsert({ _id: id, ...fields, revision }, events);
  }

  /**
   * Stores new visits, each with its events, in one unordered insert. Returns
   * the ids of those refused because a visit with that id exists already.
   */
  insertAll(visits: readonly { id: string; fields: VisitFields; events: EventEnvelope[]; revision: number }[]): Promise<Set<string>> {
    return this.store.tryInsertAll(visits.map(({ id, fields, events, revision }) => ({ doc: { _id: id, ...fields, revision }, events })));
  }

  /**
   * Applies several changes, each with its events and guarded by the revision
   * read, in one bulk write; false when one of them lost a race (the others are written).
   */
  async updateAll(changes: readonly { id: string; expectedRevision: number; revision: number; set: Partial<VisitFields>; events: EventEnvelope[] }[]): Promise<boolean> {
    const matched = await this.store.trySaveAll(changes.map(({ id, expectedRevision, revision, set, events }) => ({ id, expected: expectedRevision, next: revision, set, events })));
    return matched === changes.length;
  }

  /**
   * Applies a change and appends its events in ONE single-document update,
   * guarded by the revision the caller read: returns false, changing nothing,
   * when someone else changed the visit since.
   */
  update(id: string, expectedRevision: number, revision: number, set: Partial<VisitFields>, events: EventEnvelope[]): Promise<boolean> {
    return this.store.trySave({ id, expected: expectedRevision, next: revision, set, events });
  }

  /** Like `update`, but a lost race is a CONFLICT for the caller to retry. */
  updateOrConflict(id: string, expectedRevision: number, revision: number, set: Partial<VisitFields>, events: EventEnvelope[]): Promise<void> {
    return this.store.save({ id, expected: expectedRevision, next: revision, set, events });
  }

  /**
   * Re-paths the visits of the unit `gridId` (the grid visited, or for a
   * ticket-handling visit the unit the handler acts for) to its path `path`
   * after a move (see `OrgPathRepather`): one update per visit that differs,
   * guarded by the revision read, which it moves on without an event (the
   * visit's events tell what happened where, and assessment counts them).
   * Returns how many it changed.
   */
  async repathGrid(gridId: string, path: readonly string[]): Promise<number> {
    type Placed = Pick<VisitDocument, '_id' | 'orgPath' | 'revision'>;
    const read = (filter: QueryFilter<VisitDocument>) => this.store.model.find(filter, { orgPath: 1, revision: 1 }).lean<Placed[]>().exec();
    return repathEach({
      candidates: await read({ gridId }),
      plan: (visit) => (samePath(visit.orgPath, path) ? null : { orgPath: [...path] }),
      write: (visit, set) => {
        const revision = visit.revision ?? 0;
        return this.update(visit._id, revision, revision + 1, set, []);
      },
      reread: async (visit) => (await read({ _id: visit._id }))[0] ?? null,
      describe: (visit) => `Visit ${visit._id}`,
    });
  }

  /**
   * Runs `work` as the only hand-logged change of `memberId`'s visits in any
   * instance, on any database (the claim `visit-members:<memberId>`): the
   * overlap rule reads the member's other visits, and what it decided must
   * still hold when the write lands. CONFLICT when another change of the
   * member's visits holds the claim beyond the wait.
   */
  oneChangeOfMember<T>(memberId: string, work: () => Promise<T>): Promise<T> {
    return this.store.claims.hold([claimKey(MEMBER_VISITS_CLAIM, memberId)], work);
  }

  /**
   * The member's hand-logged visits in progress or completed that may overlap
   * [from, to) (to = null: open-ended); the rules decide exactly.
   */
  overlapCandidates(memberId: string, from: Date, to: Date | null, scope: OrgScope): Promise<VisitDocument[]> {
    return this.store
      .find(
        {
          memberId,
          ticketId: null,
          status: { $in: ['IN_PROGRESS', 'COMPLETED'] },
          ...(to ? { startedAt: { $lte: to } } : {}),
          $or: [{ endedAt: null }, { endedAt: { $gte: from } }],
        },
        scope,
      )
      .select({ outbox: 0 })
      .lean<VisitDocument[]>()
      .exec();
  }

  /** Completed visits visited in [from, to) of these members (any grid), for compliance. */
  async completedOfMembers(memberIds: readonly string[], from: Date, to: Date, scope: OrgScope): Promise<CompletedVisitRow[]> {
    const rows: CompletedVisitRow[] = [];
    for (let i = 0; i < memberIds.length; i += 500) {
      const chunk = memberIds.slice(i, i + 500);
      rows.push(
        ...(await this.store
          .find({ memberId: chunk.length === 1 ? chunk[0] : { $in: chunk }, status: 'COMPLETED', visitedAt: { $gte: from, $lt: to } }, scope, COMPLETED_FIELDS)
          .lean<CompletedVisitRow[]>()
          .exec()),
      );
    }
    return rows;
  }

  /** Completed visits of a grid visited in [from, to). */
  completedInGrid(gridId: string, from: Date, to: Date, scope: OrgScope): Promise<CompletedVisitRow[]> {
    return this.store
      .find({ gridId, status: 'COMPLETED', visitedAt: { $gte: from, $lt: to } }, scope, COMPLETED_FIELDS)
      .lean<CompletedVisitRow[]>()
      .exec();
  }

  /** The latest completed visit (inside `scope`) of each household that has one. */
  async lastVisitedAt(householdIds: readonly string[], scope: OrgScope): Promise<Map<string, Date>> {
    const wanted = new Set(householdIds);
    const last = new Map<string, Date>();
    if (wanted.size === 0) return last;
    for (let i = 0; i < householdIds.length; i += 500) {
      const chunk = householdIds.slice(i, i + 500);
      const cursor = this.store
        .find({ householdIds: { $in: chunk }, status: 'COMPLETED' }, scope, { householdIds: 1, visitedAt: 1 })
        .lean<CompletedVisitRow[]>()
        .cursor();
      for await (const row of cursor) {
        const visit = row as CompletedVisitRow;
        for (const householdId of visit.householdIds) {
          if (!wanted.has(householdId) || !visit.visitedAt) continue;
          const seen = last.get(householdId);
          if (!seen || seen < visit.visitedAt) last.set(householdId, visit.visitedAt);
        }
      }
    }
    return last;
  }

  /**
   * Keeps each ticket event once, in one unordered insert (plain inserts:
   * FerretDB answers an upsert in tens of milliseconds); a redelivered one is
   * refused by its `_id` and changes nothing.
   */
  async saveFacts(facts: readonly Omit<TicketFactDocument, '_id'>[]): Promise<void> {
    if (facts.length === 0) return;
    await this.facts
      .insertMany(
        facts.map((fact) => ({ _id: `${fact.ticketId}:${fact.version}`, ...fact })),
        { ordered: false },
      )
      .catch((error: unknown) => {
        if (!refusedDuplicates(error) && !isDuplicateKeyError(error)) throw error;
      });
  }

  /** The facts of these tickets, each ticket's in version order, in one read. */
  factsOf(ticketIds: readonly string[]): Promise<TicketFactDocument[]> {
    const ticketId = ticketIds.length === 1 ? ticketIds[0] : { $in: [...ticketIds] };
    return this.facts.find({ ticketId }).sort({ ticketId: 1, version: 1 }).lean<TicketFactDocument[]>().exec();
  }
}
