import { samePath, type OrgScope } from '@steward/auth';
import type { EventEnvelope } from '@steward/events';
import { ForbiddenError } from '@steward/errors';
import { AggregateStore, isDuplicateKeyError, REVISION_FIELD, retry, RetryPolicies, type BatchResult, type KeysetPageRequest, type TotalCount } from '@steward/persistence';
// The kit's core, not its package index: that loads NestJS, and TicketRepository stays framework-free
// (a second sweeper instance, or a jest test, builds one on its own connection).
import { repathEach } from '@steward/service-kit/core';
import type { Connection, Model, QueryFilter } from 'mongoose';
import { accessPathOfStored, repathTicket, type PlacedTicket, type TicketRepath } from '../domain/ticket-placement';
import type { StatsRow } from '../domain/ticket-stats';
import type { OverdueKind } from '../domain/ticket-terms';
import { OPEN_STATUSES, type TicketLevel, type TicketStatus } from '../domain/ticket-state-machine';
import { ticketSchema, ticketSequenceSchema, type TicketDocument, type TicketSequenceDocument, type TimelineEntry } from './ticket.schema';

export interface TicketQuery {
  within?: string;
  status?: TicketStatus;
  level?: TicketLevel;
  category?: string;
  channel?: string;
  overdue?: boolean;
  handlerId?: string;
  /** reported at or after */
  from?: Date;
  /** reported before */
  to?: Date;
}

export type TicketSet = Partial<Omit<TicketDocument, '_id' | 'timeline' | 'outbox' | 'version' | 'createdAt' | 'updatedAt'>>;

const STATS_FIELDS = {
  status: 1,
  acceptedAt: 1,
  resolvedOnTime: 1,
  overdue: 1,
  overdueCount: 1,
  acceptDueAt: 1,
  resolveDueAt: 1,
  feedback: 1,
} as const;

/** Past a deadline without being marked: what the sweeper looks for, and part of the `overdue` filter. */
function pastDue(now: Date): QueryFilter<TicketDocument>[] {
  return [
    { status: 'REPORTED', acceptDueAt: { $lt: now } },
    { status: { $in: [...OPEN_STATUSES] }, resolveDueAt: { $lt: now } },
  ];
}

export function toFilter(query: TicketQuery, now: Date): QueryFilter<TicketDocument> {
  const and: QueryFilter<TicketDocument>[] = [];
  // "inside this unit's subtree": where the problem is, or who is responsible for it; `accessPath`
  // holds both paths (accessPathOf), one indexed array the database can search (a dotted
  // `location.path` condition in an $or made FerretDB decode every ticket)
  if (query.within) and.push({ accessPath: query.within });
  if (query.status) and.push({ status: query.status });
  if (query.level) and.push({ level: query.level });
  if (query.category) and.push({ category: query.category });
  if (query.channel) and.push({ channel: query.channel });
  if (query.handlerId) and.push({ handlerId: query.handlerId });
  if (query.from) and.push({ createdAt: { $gte: query.from } });
  if (query.to) and.push({ createdAt: { $lt: query.to } });
  if (query.overdue === true) and.push({ $or: [{ overdue: true }, ...pastDue(now)] });
  if (query.overdue === false) and.push({ overdue: { $ne: true }, $nor: pastDue(now) });
  return and.length === 0 ? {} : { $and: and };
}

/** The stored `accessPath`; a ticket not yet backfilled reads as if it were (the same rule). */
function readersOf(doc: TicketDocument): readonly string[] {
  return doc.accessPath ?? accessPathOfStored(doc);
}

/** What the backfill and the re-path read of a ticket. */
type StoredPlacement = PlacedTicket & Pick<TicketDocument, '_id' | 'rev'>;
const PLACEMENT_FIELDS = { unitId: 1, orgPath: 1, location: 1, handlerId: 1, handlerUnitId: 1, accessPath: 1, rev: 1 } as const;

/**
 * The only code that touches the tickets collections. Framework-free, so a
 * second sweeper instance (or a test) can run on its own connection. Every
 * read made for a caller takes the caller's `OrgScope` (the system passes
 * `ALL_UNITS`): lists see only tickets inside it (its responsible unit lies
 * inside the scope, or the scope carries the handler's mark, see
 * `ticketReadScope`: one `$in` on `accessPath`), a single ticket outside it is
 * FORBIDDEN.
 *
 * Two counters: `version` is the aggregate version (one per transition step,
 * the events' aggregateVersion); `rev` is the write revision that every write
 * of the ticket moves, re-paths and the accessPath backfill too (they change
 * stored fields but are no step of the ticket, so they move no `version`).
 * Every write is a compare-and-set on `rev` (a transition checks `version`
 * too), under the ticket's write claim where the database needs one: several
 * instances (commands, overdue sweepers) may write one ticket at once.
 */
export class TicketRepository {
  private readonly tickets: Model<TicketDocument>;
  private readonly sequences: Model<TicketSequenceDocument>;
  private readonly store: AggregateStore<TicketDocument>;

  constructor(connection: Connection) {
    this.tickets = connection.model<TicketDocument>('Ticket', ticketSchema);
    this.sequences = connection.model<TicketSequenceDocument>('TicketSequence', ticketSequenceSchema);
    this.store = new AggregateStore(this.tickets, {
      versionField: REVISION_FIELD,
      scopeField: 'accessPath',
      pathsOf: readersOf,
      forbidden: () => new ForbiddenError('This ticket lies outside your units (超出管辖范围)'),
    });
  }

  /** The tickets outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** Next number of the day, e.g. 20261130-000042 (unique per city). */
  async nextNumber(day: string): Promise<string> {
    const row = await this.sequences
      .findOneAndUpdate({ _id: day }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean()
      .exec();
    return `${day}-${String(row?.seq ?? 0).padStart(6, '0')}`;
  }

  findById(id: string, scope: OrgScope): Promise<TicketDocument | null> {
    return this.store.findById(id, scope);
  }

  /** Tickets by id in one query, in the ids' order: null when unknown, FORBIDDEN (returned) for one outside `scope`. */
  findByIds(ids: readonly string[], scope: OrgScope): Promise<BatchResult<TicketDocument>[]> {
    return this.store.findByIds(ids, scope);
  }

  findByNumber(number: string, scope: OrgScope): Promise<TicketDocument | null> {
    return this.store.findOne({ number }, scope);
  }

  findDuplicatesOf(id: string, scope: OrgScope): Promise<TicketDocument[]> {
    return this.store.find({ duplicateOf: id }, scope).sort({ _id: 1 }).lean<TicketDocument[]>().exec();
  }

  /** One page of the tickets inside `scope` matching `query`; the total counts only those too. */
  page(query: TicketQuery, scope: OrgScope, page: KeysetPageRequest, now: Date): Promise<{ rows: TicketDocument[]; total: TotalCount }> {
    return this.store.page(toFilter(query, now), scope, page);
  }

  /**
   * Inserts a new ticket under the next free number of `day`. On FerretDB two
   * concurrent `$inc`s on the sequence can hand out the same number; the
   * unique index refuses the second insert and it takes the next number.
   */
  insertNumbered(
    day: string,
    build: (number: string) => { ticket: Omit<TicketDocument, 'outbox'>; events: EventEnvelope[] },
  ): Promise<Omit<TicketDocument, 'outbox'>> {
    return retry(
      RetryPolicies.UNIQUE_NUMBER,
      async () => {
        const { ticket, events } = build(await this.nextNumber(day));
        await this.store.insert(ticket, events);
        return ticket;
      },
      { retryOn: (error) => isDuplicateKeyError(error) },
    );
  }

  /**
   * Applies transition steps as ONE single-document update: new state, the
   * steps' timeline entries, version + steps and their pending events. Fails
   * with CONFLICT, changing nothing, when someone else changed the ticket
   * since it was read (this also makes two sweepers racing on one ticket apply
   * their change once). The store's write claim makes the guard hold on FerretDB too.
   */
  applySteps(id: string, read: { version: number; rev?: number }, set: TicketSet, entries: TimelineEntry[], events: EventEnvelope[]): Promise<void> {
    return this.store.save({
      id,
      expected: read.rev ?? 0,
      where: { version: read.version },
      set: { ...set, version: read.version + entries.length },
      push: { timeline: { $each: entries } },
      events,
    });
  }

  /**
   * Writes `accessPath` where it is missing (tickets stored before it existed) or
   * follows an older rule (before the location's path was part of it), so that
   * lists (which match only the stored field) see them; every command write sets it
   * too. Run at start, idempotent. A ticket another writer changed or held
   * meanwhile (a command, a re-path) is read again and retried. Returns how
   * many it wrote.
   */
  async backfillAccessPaths(): Promise<number> {
    const outdated: string[] = [];
    for await (const row of this.tickets.find({}, PLACEMENT_FIELDS).lean<StoredPlacement[]>().cursor()) {
      const doc = row as StoredPlacement;
      if (!samePath(doc.accessPath, accessPathOfStored(doc))) outdated.push(doc._id);
    }
    let written = 0;
    for (const id of outdated) {
      if (await this.backfillAccessPath(id)) written += 1;
    }
    return written;
  }

  private async backfillAccessPath(id: string): Promise<boolean> {
    const outcome = await retry(
      RetryPolicies.BACKFILL,
      async () => {
        const doc = await this.placementOf(id);
        if (!doc) return 'unchanged';
        const accessPath = accessPathOfStored(doc);
        if (samePath(doc.accessPath, accessPath)) return 'unchanged';
        return (await this.writePlacement(doc, { accessPath })) ? 'written' : 'lost';
      },
      { retryIf: (result) => result === 'lost' },
    );
    return outcome === 'written';
  }

  /**
   * Re-paths the tickets whose responsible unit or location is `unitId` to its
   * path `path` (after a move, see `OrgPathRepather`): `orgPath`, `location.path`
   * and the access path derived from them, one claimed write per ticket that
   * differs, moving only the write revision (no version, no timeline entry, no
   * event: the ticket's history stays as it happened). Candidates come from the
   * indexed `accessPath`, which holds both paths. Returns how many it changed.
   */
  async repathUnit(unitId: string, path: readonly string[]): Promise<number> {
    const candidates = await this.tickets.find({ accessPath: unitId }, PLACEMENT_FIELDS).lean<StoredPlacement[]>().exec();
    return repathEach({
      candidates,
      plan: (doc) => repathTicket(doc, unitId, path),
      write: (doc, change) => this.writePlacement(doc, change),
      reread: (doc) => this.placementOf(doc._id),
      describe: (doc) => `Ticket ${doc._id}`,
    });
  }

  private placementOf(id: string): Promise<StoredPlacement | null> {
    return this.tickets.findOne({ _id: id }, PLACEMENT_FIELDS).lean<StoredPlacement>().exec();
  }

  /** One claimed write of placement fields at the revision read; false when another writer moved the ticket on. */
  private writePlacement(doc: StoredPlacement, set: Partial<TicketRepath>): Promise<boolean> {
    return this.store.trySave({ id: doc._id, expected: doc.rev ?? 0, set });
  }

  /** Work waiting on a member: dispatched to them, or waiting for acceptance or dispatch in their units. */
  workQueue(memberId: string, unitIds: readonly string[], scope: OrgScope, limit: number): Promise<TicketDocument[]> {
    const waiting: QueryFilter<TicketDocument> = {
      $or: [
        { handlerId: memberId, status: { $in: ['DISPATCHED', 'IN_PROGRESS'] } },
        { unitId: { $in: [...unitIds] }, status: { $in: ['REPORTED', 'ACCEPTED'] } },
      ],
    };
    return this.store
      .find(waiting, scope)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<TicketDocument[]>()
      .exec();
  }

  /** Status, overdue mark and path of every open ticket (reported, accepted, dispatched, in progress), streamed; for the metrics. */
  async *openTicketRows(): AsyncGenerator<{ status: TicketStatus; overdue: boolean; orgPath: string[] }> {
    const filter = { status: { $in: ['REPORTED', ...OPEN_STATUSES] as TicketStatus[] } };
    for await (const row of this.tickets.find(filter, { status: 1, overdue: 1, orgPath: 1 }).lean<TicketDocument[]>().cursor()) {
      yield { status: row.status, overdue: row.overdue === true, orgPath: row.orgPath ?? [] };
    }
  }

  /** Just the fields the stats need, streamed (FerretDB has no $avg/$cond: the figures are computed in code). */
  async *statsRows(query: TicketQuery, scope: OrgScope, now: Date): AsyncGenerator<StatsRow> {
    const cursor = this.store.find(toFilter(query, now), scope, STATS_FIELDS).lean<StatsRow[]>().cursor();
    for await (const row of cursor) {
      const doc = row as Partial<StatsRow>;
      yield {
        status: doc.status as TicketStatus,
        acceptedAt: doc.acceptedAt ?? null,
        resolvedOnTime: doc.resolvedOnTime ?? null,
        overdue: doc.overdue ?? false,
        overdueCount: doc.overdueCount ?? 0,
        acceptDueAt: doc.acceptDueAt ?? null,
        resolveDueAt: doc.resolveDueAt ?? null,
        feedback: doc.feedback ?? [],
      };
    }
  }

  /**
   * (The system's read, for the sweeper only.) Tickets whose current deadline lies ahead of `now` by at most
   * the longest lead time of its kind (`withinMs`) and whose deadline was not warned of (临期预警), in pages of
   * `pageSize` by id, so that tickets still outside their own, shorter lead time never hide the others;
   * whether a ticket's own lead time has begun is the rule's to say (pendingDueSoon).
   */
  async *dueSoonCandidates(now: Date, withinMs: Record<OverdueKind, number>, pageSize = 200): AsyncGenerator<TicketDocument> {
    const until = (kind: OverdueKind) => new Date(now.getTime() + withinMs[kind]);
    const filter: QueryFilter<TicketDocument> = {
      overdue: { $ne: true },
      warnedDueAt: null,
      $or: [
        { status: 'REPORTED', acceptDueAt: { $gt: now, $lte: until('ACCEPT') } },
        { status: { $in: [...OPEN_STATUSES] }, resolveDueAt: { $gt: now, $lte: until('RESOLVE') } },
      ],
    };
    let after: string | undefined;
    for (;;) {
      const page = await this.tickets
        .find(after === undefined ? filter : { ...filter, _id: { $gt: after } })
        .sort({ _id: 1 })
        .limit(pageSize)
        .lean<TicketDocument[]>()
        .exec();
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]?._id;
    }
  }

  /** (The system's read, for the sweeper only.) Tickets the sweeper has something to do on at `now`: an unmarked missed deadline, or an auto-close time passed. */
  sweepCandidates(now: Date, limit: number): Promise<TicketDocument[]> {
    return this.tickets
      .find({
        $or: [
          ...pastDue(now).map((filter) => ({ ...filter, overdue: { $ne: true } })),
          { status: 'RESOLVED', autoCloseAt: { $lt: now } },
        ],
      })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<TicketDocument[]>()
      .exec();
  }
}
