import { Injectable } from '@nestjs/common';
import { ALL_UNITS, inScope, scopeFilter, type OrgScope } from '@steward/auth';
import { outboxFields, withOutbox, type EventEnvelope } from '@steward/events';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { DocumentLocks, findKeysetPage, InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import type { HouseholdTag } from './household-rules';
import { householdSchema, type HouseholdDocument } from './household.schema';
import { householdStateEvent } from './household-state';
import { republishStates } from '../common/republish-states';

export interface HouseholdQuery {
  gridId?: string;
  /** Inside this unit's subtree (by the orgPath snapshot). */
  within?: string;
  /** Carries any of these tags. */
  tags?: HouseholdTag[];
}

export type HouseholdState = Omit<HouseholdDocument, 'outbox' | 'createdAt' | 'updatedAt'>;
export type HouseholdChanges = Partial<
  Pick<HouseholdDocument, 'gridId' | 'orgPath' | 'address' | 'head' | 'size' | 'tags' | 'phone' | 'updatedBy'>
>;

/** The scope of reads that are no caller's: an update loading what it changes (it checks members:manage itself). */
export const SYSTEM_SCOPE: OrgScope = ALL_UNITS;

/** The only code that touches the households collection. */
@Injectable()
export class HouseholdRepository {
  readonly model: Model<HouseholdDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.model = connection.model<HouseholdDocument>('Household', householdSchema);
  }

  /** Writes to one document run one at a time (see DocumentLocks); the outbox relay takes them too. */
  readonly locks = new DocumentLocks();

  /** The raw collection, for the outbox relay (registered with `locks`). */
  get collection() {
    return this.model.collection;
  }

  /** One household; null when unknown, FORBIDDEN when its grid lies outside `scope`. */
  async findById(id: string, scope: OrgScope): Promise<HouseholdDocument | null> {
    const doc = await this.model.findById(id).lean<HouseholdDocument>().exec();
    if (doc && !inScope(scope, doc.orgPath)) throw new ForbiddenError(`Household ${id} lies outside your units (超出管辖范围)`);
    return doc;
  }

  /** (The system's read, for re-pathing.) Every household of the grid, by the indexed `gridId`. */
  findByGrid(gridId: string): Promise<HouseholdDocument[]> {
    return this.model.find({ gridId }).sort({ _id: 1 }).lean<HouseholdDocument[]>().exec();
  }

  /** Inserts a household together with its pending state event (one document, one write). */
  async insert(household: HouseholdState, events: EventEnvelope[]): Promise<void> {
    await this.model.create({ ...household, ...outboxFields(events) });
  }

  /** Sets the changed fields, bumps the version and queues the events, guarded by the version that was read. */
  async update(id: string, expectedVersion: number, changes: HouseholdChanges, events: EventEnvelope[]): Promise<void> {
    const result = await this.locks.run(id, () =>
      this.model
        .updateOne({ _id: id, version: expectedVersion }, withOutbox({ $set: { ...changes, version: expectedVersion + 1 } }, events))
        .exec(),
    );
    if (result.matchedCount === 0) {
      throw new ConflictError(`Household ${id} was changed by someone else; reload and try again`, { id, expectedVersion });
    }
  }

  /**
   * Queues every household's current state again (version + 1), so the
   * compacted topic's records of older builds, which carried heads and
   * addresses, are superseded. Returns how many.
   */
  republishStates(signal?: AbortSignal): Promise<number> {
    return republishStates(this.model, (doc) => this.update(doc._id, doc.version, {}, [householdStateEvent({ ...doc, version: doc.version + 1 })]), signal);
  }

  /** One page of the households inside `scope`; `total` counts only those. */
  page(query: HouseholdQuery, page: PageRequest, scope: OrgScope): Promise<{ rows: HouseholdDocument[]; total: number }> {
    const filter: QueryFilter<HouseholdDocument> = {};
    if (query.gridId) filter.gridId = query.gridId;
    if (query.within) filter.orgPath = query.within;
    if (query.tags?.length) filter.tags = { $in: query.tags };
    const visible = scopeFilter(scope);
    const scoped = Object.keys(visible).length === 0 ? filter : ({ $and: [filter, visible] } as QueryFilter<HouseholdDocument>);
    return findKeysetPage(this.model, scoped, page);
  }
}
