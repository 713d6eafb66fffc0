import { Injectable } from '@nestjs/common';
import { ALL_UNITS, type OrgScope } from '@steward/auth';
import { ForbiddenError } from '@steward/errors';
import type { EventEnvelope } from '@steward/events';
import { AggregateStore, findKeysetPage, inKeyOrder, restrict, type BatchResult, type TotalCount } from '@steward/persistence';
import { InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import { orgUnitSchema, type NewOrgUnit, type OrgUnitChange, type OrgUnitDocument, type PendingMove } from './org-unit.schema';
import { ruleConflict, type OrgLevel, type OrgUnitStatus } from '../domain/org-rules';
import { isVisible, visibilityFilter, visibilityOf, type OrgVisibility } from '../domain/org-visibility';

/**
 * The scope of reads that are no caller's: a write loading what it changes
 * (it checks `org:manage` itself), uniqueness checks and background repair.
 */
export const SYSTEM_SCOPE: OrgScope = ALL_UNITS;

export interface OrgUnitQuery {
  parentId?: string;
  within?: string;
  level?: OrgLevel;
  nameContains?: string;
  status?: OrgUnitStatus;
}

/** Fields a guarded update may set (version is set by the repository). */
export type OrgUnitChanges = Partial<
  Pick<
    OrgUnitDocument,
    'code' | 'codeKey' | 'name' | 'parentId' | 'ancestors' | 'households' | 'population' | 'partyOrg' | 'status' | 'validTo' | 'pendingMove'
  >
>;

/** One descendant whose ancestors are rewritten after a move, with its state event. */
export interface Rebase {
  id: string;
  expectedVersion: number;
  ancestors: string[];
  change: OrgUnitChange;
  event: EventEnvelope;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function duplicateCode(code: string | null | undefined): Error {
  return ruleConflict('DUPLICATE_CODE', `Division code ${code} is already used by another unit`, { divisionCode: code });
}

function staleVersion(id: string, expectedVersion: number): Error {
  return ruleConflict('STALE_VERSION', `OrgUnit ${id} was changed by someone else (expected version ${expectedVersion}); reload and retry`, {
    id,
    expectedVersion,
  });
}

/** The only code that touches the org_units collection. */
@Injectable()
export class OrgUnitRepository {
  private readonly model: Model<OrgUnitDocument>;
  /** Every write of a unit is a compare-and-set on its version, under its write claim where the database needs one. */
  private readonly store: AggregateStore<OrgUnitDocument>;
  private readonly visibilities = new WeakMap<OrgScope, Promise<OrgVisibility>>();

  constructor(@InjectMongo() connection: Connection) {
    this.model = connection.model<OrgUnitDocument>('OrgUnit', orgUnitSchema);
    this.store = new AggregateStore(this.model, {
      uniqueIndex: { error: (fields) => duplicateCode(fields.code as string | null | undefined) },
      conflict: staleVersion,
    });
  }

  /** The org_units outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** One unit; null when unknown, FORBIDDEN when it lies outside what `scope` may see. */
  async findById(id: string, scope: OrgScope): Promise<OrgUnitDocument | null> {
    const doc = await this.model.findById(id).lean<OrgUnitDocument>().exec();
    return doc && this.checkVisible(doc, await this.visibility(scope));
  }

  /** The visible ones among `ids` (in no particular order). */
  async findByIds(ids: readonly string[], scope: OrgScope): Promise<OrgUnitDocument[]> {
    return this.find({ _id: { $in: [...ids] } }, scope);
  }

  /** Units by id in one query, each as `findById` answers it, in the ids' order: null when unknown, FORBIDDEN (returned) for one outside `scope`. */
  async findEachById(ids: readonly string[], scope: OrgScope): Promise<BatchResult<OrgUnitDocument>[]> {
    const [docs, visibility] = await Promise.all([this.model.find({ _id: { $in: [...ids] } }).lean<OrgUnitDocument[]>().exec(), this.visibility(scope)]);
    return inKeyOrder(ids, docs, (doc) => this.checkVisible(doc, visibility));
  }

  /** The unit with this division code; null when unknown, FORBIDDEN when outside `scope`. */
  async findByCode(code: string, scope: OrgScope): Promise<OrgUnitDocument | null> {
    const doc = await this.model.findOne({ codeKey: code }).lean<OrgUnitDocument>().exec();
    return doc && this.checkVisible(doc, await this.visibility(scope));
  }

  /** Visible direct children of any of `parentIds`, in id order. */
  findChildren(
    parentIds: readonly string[],
    scope: OrgScope,
    query: { level?: OrgLevel; status?: OrgUnitStatus; limit?: number } = {},
  ): Promise<OrgUnitDocument[]> {
    const filter: QueryFilter<OrgUnitDocument> = { parentId: { $in: [...parentIds] } };
    if (query.level) filter.level = query.level;
    if (query.status) filter.status = query.status;
    return this.find(filter, scope, { _id: 1 }, query.limit);
  }

  async countActiveChildren(parentId: string, scope: OrgScope): Promise<number> {
    return this.model.countDocuments(await this.scoped({ parentId, status: 'ACTIVE' }, scope)).exec();
  }

  /** Units whose move has not yet reached every descendant (see PendingMove). */
  findPendingMoves(scope: OrgScope): Promise<OrgUnitDocument[]> {
    return this.find({ pendingMove: { $exists: true } }, scope);
  }

  /** Inserts a unit together with its pending state event (one document, one write); CONFLICT for a division code in use. */
  insert(unit: NewOrgUnit, events: EventEnvelope[]): Promise<void> {
    return this.store.insert(unit, events);
  }

  /**
   * Changes one unit in a single-document update guarded by its version: new
   * state, version + 1, a history entry and the pending state event. CONFLICT
   * when someone changed the unit since `expectedVersion` was read.
   */
  applyChange(id: string, expectedVersion: number, changes: OrgUnitChanges, change: OrgUnitChange, events: EventEnvelope[]): Promise<void> {
    return this.store.save({ id, expected: expectedVersion, set: changes, push: { history: change }, events });
  }

  /**
   * Rewrites the ancestors of several units, each in its own single-document
   * update guarded by its version and carrying its own state event, under the
   * claims of all of them. Returns how many guards matched (none when another
   * writer held one of the units too long); the caller re-reads the others.
   */
  rebase(rebases: readonly Rebase[]): Promise<number> {
    return this.store.trySaveAll(
      rebases.map((r) => ({ id: r.id, expected: r.expectedVersion, set: { ancestors: r.ancestors }, push: { history: r.change }, events: [r.event] })),
    );
  }

  /** Marks the move as propagated, unless a newer move of the same unit replaced the marker. */
  async clearPendingMove(id: string, moveId: PendingMove['id']): Promise<void> {
    await this.store.claimedRun(id, () => this.model.updateOne({ _id: id, 'pendingMove.id': moveId }, { $unset: { pendingMove: '' } }).exec());
  }

  /** One page of the visible units matching `query`; `total` counts only visible ones. */
  async page(query: OrgUnitQuery, page: PageRequest, scope: OrgScope): Promise<{ rows: OrgUnitDocument[]; total: TotalCount }> {
    const filter: QueryFilter<OrgUnitDocument> = {};
    if (query.parentId) filter.parentId = query.parentId;
    if (query.within) filter.ancestors = query.within;
    if (query.level) filter.level = query.level;
    if (query.status) filter.status = query.status;
    if (query.nameContains) filter.name = { $regex: escapeRegex(query.nameContains) };
    return findKeysetPage(this.model, await this.scoped(filter, scope), page);
  }

  private async find(filter: QueryFilter<OrgUnitDocument>, scope: OrgScope, sort?: Record<string, 1>, limit?: number): Promise<OrgUnitDocument[]> {
    const query = this.model.find(await this.scoped(filter, scope));
    if (sort) query.sort(sort);
    if (limit !== undefined) query.limit(limit);
    return query.lean<OrgUnitDocument[]>().exec();
  }

  /** `filter` AND what `scope` may see (org's own rule: the scope's subtrees and their ancestors). */
  private async scoped(filter: QueryFilter<OrgUnitDocument>, scope: OrgScope): Promise<QueryFilter<OrgUnitDocument>> {
    return restrict(filter, visibilityFilter(await this.visibility(scope)));
  }

  private checkVisible(doc: OrgUnitDocument, visibility: OrgVisibility): OrgUnitDocument {
    if (!isVisible(visibility, { id: doc._id, ancestors: doc.ancestors })) {
      throw new ForbiddenError(`OrgUnit ${doc._id} lies outside your units (超出管辖范围)`);
    }
    return doc;
  }

  /**
   * The units `scope` may see: its units' subtrees and their ancestors, read
   * from the store once per scope object (a request asks with the same one).
   */
  private visibility(scope: OrgScope): Promise<OrgVisibility> {
    if (scope.kind === 'ALL') return Promise.resolve({ kind: 'ALL' });
    let cached = this.visibilities.get(scope);
    if (!cached) {
      cached = this.model
        .find({ _id: { $in: [...scope.unitIds] } }, { _id: 1, ancestors: 1 })
        .lean<Pick<OrgUnitDocument, '_id' | 'ancestors'>[]>()
        .exec()
        .then((units) => visibilityOf(scope, units.map((unit) => ({ id: unit._id, ancestors: unit.ancestors }))));
      this.visibilities.set(scope, cached);
    }
    return cached;
  }
}
