import { Injectable } from '@nestjs/common';
import { outboxPush, toOutboxEntries, type EventEnvelope } from '@steward/events';
import { ConflictError } from '@steward/errors';
import { InjectMongo, type PageRequest, findKeysetPage } from '@steward/service-kit';
import type { Connection, Model, PipelineStage, QueryFilter } from 'mongoose';
import type { MemberRole } from './member-rules';
import { memberSchema, type AssignmentDocument, type MemberDocument } from './member.schema';

export interface MemberQuery {
  /** Holds a role now on this unit or inside its subtree. */
  within?: string;
  /** Holds this role now (together with `within`: in the same assignment). */
  role?: MemberRole;
  isPartyMember?: boolean;
}

/** The only code that touches the members collection. */
@Injectable()
export class MemberRepository {
  readonly model: Model<MemberDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.model = connection.model<MemberDocument>('Member', memberSchema);
  }

  get collection() {
    return this.model.collection;
  }

  findById(id: string): Promise<MemberDocument | null> {
    return this.model.findById(id).lean<MemberDocument>().exec();
  }

  findByAssignmentId(assignmentId: string): Promise<MemberDocument | null> {
    return this.model.findOne({ 'assignments.id': assignmentId }).lean<MemberDocument>().exec();
  }

  /** Inserts a member together with its pending state event (one document, one write). */
  async insert(member: Omit<MemberDocument, 'outbox' | 'createdAt' | 'updatedAt'>, events: EventEnvelope[]): Promise<void> {
    try {
      await this.model.create({ ...member, outbox: toOutboxEntries(events) });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError('This phone number already belongs to another member', { field: 'phone' });
      }
      throw error;
    }
  }

  /**
   * Replaces the assignments and bumps the version, appending the events to the
   * outbox, in one single-document update guarded by the version that was read.
   */
  async updateAssignments(
    id: string,
    expectedVersion: number,
    assignments: AssignmentDocument[],
    events: EventEnvelope[],
  ): Promise<void> {
    const result = await this.model
      .updateOne(
        { _id: id, version: expectedVersion },
        { $set: { assignments, version: expectedVersion + 1 }, ...outboxPush(events) },
      )
      .exec();
    if (result.matchedCount === 0) {
      throw new ConflictError(`Member ${id} was changed by someone else; reload and try again`, {
        id,
        expectedVersion,
      });
    }
  }

  async page(query: MemberQuery, page: PageRequest, now: Date): Promise<{ rows: MemberDocument[]; total: number }> {
    const filter: QueryFilter<MemberDocument> = {};
    if (query.isPartyMember !== undefined) filter.isPartyMember = query.isPartyMember;
    if (query.within || query.role) return this.pageByAssignment(query, filter, page, now);

    return findKeysetPage(this.model, filter, page);
  }

  /**
   * Members with at least one assignment active at `now` that matches `within`
   * and `role`. FerretDB 1.24 has no `$elemMatch` on array-of-document fields,
   * so the assignments are unwound and matched one by one, then grouped back
   * to member ids.
   */
  private async pageByAssignment(
    query: MemberQuery,
    filter: QueryFilter<MemberDocument>,
    page: PageRequest,
    now: Date,
  ): Promise<{ rows: MemberDocument[]; total: number }> {
    const prefilter: Record<string, unknown> = { ...filter };
    const perAssignment: Record<string, unknown> = {
      'assignments.from': { $lte: now },
      $or: [{ 'assignments.to': null }, { 'assignments.to': { $gt: now } }],
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
