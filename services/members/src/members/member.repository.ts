import { Injectable } from '@nestjs/common';
import { ALL_UNITS, inScope, scopeFilter, type OrgScope } from '@steward/auth';
import { outboxPush, toOutboxEntries, type EventEnvelope } from '@steward/events';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { DocumentLocks, InjectMongo, type PageRequest, findKeysetPage } from '@steward/service-kit';
import type { Connection, Model, PipelineStage, QueryFilter } from 'mongoose';
import type { MemberRole, MemberStatus } from './member-rules';
import { memberSchema, type MemberDocument } from './member.schema';

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

export type MemberChanges = Partial<Pick<MemberDocument, 'name' | 'phone' | 'isPartyMember' | 'skills' | 'status' | 'assignments' | 'updatedBy'>>;

/**
 * The scope of reads that are no caller's: a write loading what it changes
 * (it checks members:manage itself), uniqueness checks, sign-in and `me`.
 */
export const SYSTEM_SCOPE: OrgScope = ALL_UNITS;

/** Where a member lies: the units of every assignment, open or ended (none: only the ALL scope sees them). */
const MEMBER_SCOPE_FIELD = 'assignments.orgPath';

function isVisible(doc: MemberDocument, scope: OrgScope): boolean {
  return inScope(scope, doc.assignments.flatMap((assignment) => assignment.orgPath));
}

/** `filter` AND the members `scope` may see. */
function scoped(filter: QueryFilter<MemberDocument>, scope: OrgScope): QueryFilter<MemberDocument> {
  const visible = scopeFilter(scope, MEMBER_SCOPE_FIELD);
  return Object.keys(visible).length === 0 ? filter : ({ $and: [filter, visible] } as QueryFilter<MemberDocument>);
}

/**
 * A unique-index violation on the phone. MongoDB reports code 11000; FerretDB 1.24
 * (SQLite) does so for inserts but fails an update with its storage message.
 */
function duplicatePhoneOr(error: unknown): unknown {
  const { code, message } = error as { code?: number; message?: string };
  if (code === 11000 || /UNIQUE constraint failed: index '\w*phone/.test(message ?? '')) {
    return new ConflictError('This phone number already belongs to another member', { field: 'phone' });
  }
  return error;
}

/** The only code that touches the members collection. */
@Injectable()
export class MemberRepository {
  readonly model: Model<MemberDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.model = connection.model<MemberDocument>('Member', memberSchema);
  }

  /** Writes to one document run one at a time (see DocumentLocks); the outbox relay takes them too. */
  readonly locks = new DocumentLocks();

  /** The raw collection, for the outbox relay (registered with `locks`). */
  get collection() {
    return this.model.collection;
  }

  /** One member; null when unknown, FORBIDDEN when none of their units lies inside `scope`. */
  async findById(id: string, scope: OrgScope): Promise<MemberDocument | null> {
    const doc = await this.model.findById(id).lean<MemberDocument>().exec();
    return doc && this.checkVisible(doc, scope);
  }

  async findByPhone(phone: string, scope: OrgScope): Promise<MemberDocument | null> {
    const doc = await this.model.findOne({ phone }).lean<MemberDocument>().exec();
    return doc && this.checkVisible(doc, scope);
  }

  /** Another member (not `exceptId`) already using `phone`, if any. */
  async phoneTaken(phone: string, exceptId: string, scope: OrgScope): Promise<boolean> {
    return (await this.model.exists(scoped({ phone, _id: { $ne: exceptId } }, scope)).exec()) !== null;
  }

  async findByAssignmentId(assignmentId: string, scope: OrgScope): Promise<MemberDocument | null> {
    const doc = await this.model.findOne({ 'assignments.id': assignmentId }).lean<MemberDocument>().exec();
    return doc && this.checkVisible(doc, scope);
  }

  /** Inserts a member together with its pending state event (one document, one write). */
  async insert(member: Omit<MemberDocument, 'outbox' | 'createdAt' | 'updatedAt'>, events: EventEnvelope[]): Promise<void> {
    try {
      await this.model.create({ ...member, outbox: toOutboxEntries(events) });
    } catch (error) {
      throw duplicatePhoneOr(error);
    }
  }

  /**
   * Sets the changed fields and bumps the version, appending the events to the
   * outbox, in one single-document update guarded by the version that was read.
   */
  async update(id: string, expectedVersion: number, changes: MemberChanges, events: EventEnvelope[]): Promise<void> {
    let result;
    try {
      result = await this.locks.run(id, () =>
        this.model
          .updateOne({ _id: id, version: expectedVersion }, { $set: { ...changes, version: expectedVersion + 1 }, ...outboxPush(events) })
          .exec(),
      );
    } catch (error) {
      throw duplicatePhoneOr(error);
    }
    if (result.matchedCount === 0) {
      throw new ConflictError(`Member ${id} was changed by someone else; reload and try again`, {
        id,
        expectedVersion,
      });
    }
  }

  /** Members `scope` may see with an assignment on exactly `unitId` (any period, any role). */
  findByAssignedUnit(unitId: string, scope: OrgScope, role?: MemberRole): Promise<MemberDocument[]> {
    const filter: QueryFilter<MemberDocument> = { 'assignments.unitId': unitId };
    if (role) filter['assignments.role'] = role;
    return this.model.find(scoped(filter, scope)).sort({ _id: 1 }).lean<MemberDocument[]>().exec();
  }

  /** One page of the members `scope` may see; `total` counts only those. */
  async page(query: MemberQuery, page: PageRequest, now: Date, scope: OrgScope): Promise<{ rows: MemberDocument[]; total: number }> {
    const own: QueryFilter<MemberDocument> = {};
    if (query.isPartyMember !== undefined) own.isPartyMember = query.isPartyMember;
    if (query.status !== undefined) own.status = query.status;
    const filter = scoped(own, scope);
    if (query.within || query.role || query.activeAt) return this.pageByAssignment(query, filter, page, query.activeAt ?? now);

    return findKeysetPage(this.model, filter, page);
  }

  private checkVisible(doc: MemberDocument, scope: OrgScope): MemberDocument {
    if (!isVisible(doc, scope)) throw new ForbiddenError(`Member ${doc._id} serves outside your units (超出管辖范围)`);
    return doc;
  }

  /**
   * Members with at least one assignment active at `at` that matches `within`
   * and `role`. FerretDB 1.24 has no `$elemMatch` on array-of-document fields,
   * so the assignments are unwound and matched one by one, then grouped back
   * to member ids.
   */
  private async pageByAssignment(
    query: MemberQuery,
    filter: QueryFilter<MemberDocument>,
    page: PageRequest,
    at: Date,
  ): Promise<{ rows: MemberDocument[]; total: number }> {
    const prefilter: Record<string, unknown> = { ...filter };
    const perAssignment: Record<string, unknown> = {
      'assignments.from': { $lte: at },
      $or: [{ 'assignments.to': null }, { 'assignments.to': { $gt: at } }],
    };
    if (query.within) {
      prefilter['assignments.orgPath'] = query.within;
      perAssignment['assignments.orgPath'] = query.within;
    }
    if (query.role) {
      prefilter['assignments.role'] = query.role;
      perAssignment['assignments.role'] = query.role;
    }
    const matching = (extra: Record<string, unknown>): PipelineStage[] => [
      { $match: { ...prefilter, ...extra } },
      { $unwind: '$assignments' },
      { $match: perAssignment },
      { $group: { _id: '$_id' } },
    ];
    const [idRows, counted] = await Promise.all([
      this.model
        .aggregate<{ _id: string }>([
          ...matching(page.afterId ? { _id: { $gt: page.afterId } } : {}),
          { $sort: { _id: 1 } },
          { $limit: page.limit + 1 },
        ])
        .exec(),
      this.model.aggregate<{ total: number }>([...matching({}), { $count: 'total' }]).exec(),
    ]);
    const ids = idRows.map((row) => row._id);
    const docs = ids.length ? await this.model.find({ _id: { $in: ids } }).lean<MemberDocument[]>().exec() : [];
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    const rows = ids.map((id) => byId.get(id)).filter((doc): doc is MemberDocument => doc !== undefined);
    return { rows, total: counted[0]?.total ?? 0 };
  }
}
