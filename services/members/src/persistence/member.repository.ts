import { Injectable } from '@nestjs/common';
import { ALL_UNITS, type OrgScope } from '@steward/auth';
import type { EventEnvelope } from '@steward/events';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { AggregateStore, type BatchResult, type TotalCount } from '@steward/persistence';
import { InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection, QueryFilter } from 'mongoose';
import { holdsAssignmentAt, unitPathsOf, type MemberRole, type MemberStatus } from '../domain/member-rules';
import { memberSchema, type MemberDocument } from './member.schema';
import { backfillUnitPaths } from './unit-paths-backfill';
import { memberStateEvent } from '../events/member-state';
import { republishStates } from './republish-states';

export interface MemberQuery {
  /** Holds a role at `activeAt` on this unit or inside its subtree. */
  within?: string;
  /** Holds this role at `activeAt` (together with `within`: in the same assignment). */
  role?: MemberRole;
  /** Holds any role at this instant (default now when `within` or `role` is given). */
  activeAt?: Date;
  isPartyMember?: boolean;
  status?: MemberStatus;
}

export type MemberChanges = Partial<
  Pick<MemberDocument, 'name' | 'phone' | 'isPartyMember' | 'skills' | 'status' | 'assignments' | 'credentialsVersion' | 'endedSessions' | 'updatedBy'>
>;

/**
 * The scope of reads that are no caller's: a write loading what it changes
 * (it checks members:manage itself), uniqueness checks, sign-in and `me`.
 */
export const SYSTEM_SCOPE: OrgScope = ALL_UNITS;

/** `changes` and, when the assignments change, the placement derived from them. */
function withPlacement(changes: MemberChanges): MemberChanges & Pick<MemberDocument, 'unitPaths'> {
  return changes.assignments ? { ...changes, unitPaths: unitPathsOf(changes.assignments) } : changes;
}

/** The only code that touches the members collection. */
@Injectable()
export class MemberRepository {
  private readonly store: AggregateStore<MemberDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<MemberDocument>('Member', memberSchema), {
      // lists by the units of every assignment, open or ended (none: only the ALL scope sees them) ...
      scopeField: 'unitPaths',
      // ... one member by the paths of those assignments
      pathsOf: (doc) => doc.assignments.flatMap((assignment) => assignment.orgPath),
      forbidden: (doc) => new ForbiddenError(`Member ${doc._id} serves outside your units (超出管辖范围)`),
      // MongoDB reports code 11000; FerretDB 1.24 (SQLite) does so for inserts but fails an update naming the index
      uniqueIndex: { index: 'phone', error: () => new ConflictError('This phone number already belongs to another member', { field: 'phone' }) },
    });
  }

  /** The members outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** One member; null when unknown, FORBIDDEN when none of their units lies inside `scope`. */
  findById(id: string, scope: OrgScope): Promise<MemberDocument | null> {
    return this.store.findById(id, scope);
  }

  /** Members by id in one query, in the ids' order: null when unknown, FORBIDDEN (returned) for one outside `scope`. */
  findByIds(ids: readonly string[], scope: OrgScope): Promise<BatchResult<MemberDocument>[]> {
    return this.store.findByIds(ids, scope);
  }

  findByPhone(phone: string, scope: OrgScope): Promise<MemberDocument | null> {
    return this.store.findOne({ phone }, scope);
  }

  /** (The system's read, for imports.) The members using any of these phones. */
  findByPhones(phones: readonly string[]): Promise<MemberDocument[]> {
    if (phones.length === 0) return Promise.resolve([]);
    return this.store.model.find({ phone: { $in: [...phones] } }).lean<MemberDocument[]>().exec();
  }

  /** Another member (not `exceptId`) already using `phone`, if any. */
  async phoneTaken(phone: string, exceptId: string, scope: OrgScope): Promise<boolean> {
    return (await this.store.model.exists(this.store.scoped({ phone, _id: { $ne: exceptId } }, scope)).exec()) !== null;
  }

  findByAssignmentId(assignmentId: string, scope: OrgScope): Promise<MemberDocument | null> {
    return this.store.findOne({ 'assignments.id': assignmentId }, scope);
  }

  /** Inserts a member together with its pending state event (one document, one write). */
  insert(member: Omit<MemberDocument, 'outbox' | 'createdAt' | 'updatedAt' | 'unitPaths'>, events: EventEnvelope[]): Promise<void> {
    return this.store.insert({ ...member, unitPaths: unitPathsOf(member.assignments) }, events);
  }

  /**
   * Sets the changed fields and bumps the version, appending the events to the
   * outbox, in one single-document update guarded by the version that was read.
   */
  update(id: string, expectedVersion: number, changes: MemberChanges, events: EventEnvelope[]): Promise<void> {
    return this.store.save({ id, expected: expectedVersion, set: withPlacement(changes), events });
  }

  /** Like `update`; false, changing nothing, when the member changed since it was read. */
  tryUpdate(id: string, expectedVersion: number, changes: MemberChanges, events: EventEnvelope[]): Promise<boolean> {
    return this.store.trySave({ id, expected: expectedVersion, set: withPlacement(changes), events });
  }

  /** Members `scope` may see with an assignment on exactly `unitId` (any period, any role). */
  findByAssignedUnit(unitId: string, scope: OrgScope, role?: MemberRole): Promise<MemberDocument[]> {
    // unitPaths narrows it to the unit's subtree from an index; the dotted condition keeps the unit itself
    const filter: QueryFilter<MemberDocument> = { unitPaths: unitId, 'assignments.unitId': unitId };
    if (role) filter['assignments.role'] = role;
    return this.store.find(filter, scope).sort({ _id: 1 }).lean<MemberDocument[]>().exec();
  }

  /** One page of the members `scope` may see; `total` counts only those. */
  async page(query: MemberQuery, page: PageRequest, now: Date, scope: OrgScope): Promise<{ rows: MemberDocument[]; total: TotalCount }> {
    const own: QueryFilter<MemberDocument> = {};
    if (query.isPartyMember !== undefined) own.isPartyMember = query.isPartyMember;
    if (query.status !== undefined) own.status = query.status;
    if (query.within || query.role || query.activeAt) return this.pageByAssignment(query, own, scope, page, query.activeAt ?? now);

    return this.store.page(own, scope, page);
  }

  /** Writes `unitPaths` on members stored before it existed; returns how many. */
  backfillUnitPaths(): Promise<number> {
    return backfillUnitPaths(this.store);
  }

  /**
   * Queues every member's current state again (version + 1), so the compacted
   * topic's records of older builds, which carried names, are superseded.
   * Returns how many.
   */
  republishStates(signal?: AbortSignal): Promise<number> {
    return republishStates(this.store.model, (doc) => this.update(doc._id, doc.version, {}, [memberStateEvent({ ...doc, version: doc.version + 1 })]), signal);
  }

  /**
   * Members with at least one assignment active at `at` that matches `within`
   * and `role`. The store narrows the candidates by the indexed `unitPaths`
   * (members who ever served in the subtree); the assignment test needs the
   * dates and roles of one assignment together, which FerretDB 1.24 cannot
   * match (no `$elemMatch` on arrays of documents), so it runs here.
   */
  private async pageByAssignment(
    query: MemberQuery,
    own: QueryFilter<MemberDocument>,
    scope: OrgScope,
    page: PageRequest,
    at: Date,
  ): Promise<{ rows: MemberDocument[]; total: TotalCount }> {
    const candidates: QueryFilter<MemberDocument> = { ...own };
    if (query.within) candidates.unitPaths = query.within;
    if (query.role) candidates['assignments.role'] = query.role;
    const placed = await this.store
      .find(candidates, scope, { assignments: 1 })
      .sort({ _id: 1 })
      .lean<Pick<MemberDocument, '_id' | 'assignments'>[]>()
      .exec();
    const matching = placed.filter((doc) => holdsAssignmentAt(doc.assignments, at, query)).map((doc) => doc._id);
    const afterId = page.afterId;
    // ids are ASCII (uuidv7 or imported codes), so JavaScript and the store order them alike
    const ids = (afterId ? matching.filter((id) => id > afterId) : matching).slice(0, page.limit + 1);
    const docs = ids.length ? await this.store.model.find({ _id: { $in: ids } }).lean<MemberDocument[]>().exec() : [];
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    const rows = ids.map((id) => byId.get(id)).filter((doc): doc is MemberDocument => doc !== undefined);
    return { rows, total: matching.length };
  }
}
