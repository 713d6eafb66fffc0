import { Injectable } from '@nestjs/common';
import { ConflictError } from '@steward/errors';
import { ALL_UNITS, type OrgScope } from '@steward/auth';
import type { EventEnvelope } from '@steward/events';
import { AggregateStore, type BatchResult, type TotalCount } from '@steward/persistence';
import { InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection, QueryFilter } from 'mongoose';
import type { HouseholdTag } from '../domain/household-rules';
import { householdSchema, type HouseholdDocument } from './household.schema';
import { householdStateEvent } from '../events/household-state';
import { republishStates } from './republish-states';

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
  private readonly store: AggregateStore<HouseholdDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<HouseholdDocument>('Household', householdSchema));
  }

  /** The households outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** One household; null when unknown, FORBIDDEN when its grid lies outside `scope`. */
  findById(id: string, scope: OrgScope): Promise<HouseholdDocument | null> {
    return this.store.findById(id, scope);
  }

  /** Households by id in one query, in the ids' order: null when unknown, FORBIDDEN (returned) for one outside `scope`. */
  findByIds(ids: readonly string[], scope: OrgScope): Promise<BatchResult<HouseholdDocument>[]> {
    return this.store.findByIds(ids, scope);
  }

  /** (The system's read, for re-pathing.) Every household of the grid, by the indexed `gridId`. */
  findByGrid(gridId: string): Promise<HouseholdDocument[]> {
    return this.store.model.find({ gridId }).sort({ _id: 1 }).lean<HouseholdDocument[]>().exec();
  }

  /** Inserts a household together with its pending state event (one document, one write). */
  insert(household: HouseholdState, events: EventEnvelope[]): Promise<void> {
    return this.store.insert(household, events);
  }

  /** (The system's read, for imports.) The households carrying any of these codes (户编号), by the indexed `code`. */
  findByCodes(codes: readonly string[]): Promise<HouseholdDocument[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.store.model.find({ code: { $in: [...codes] } }).lean<HouseholdDocument[]>().exec();
  }

  /** Inserts many households, each with its pending state event, in one write (imports); CONFLICT when a code was registered meanwhile. */
  async insertAll(items: readonly { household: HouseholdState; events: EventEnvelope[] }[]): Promise<void> {
    const refused = await this.store.tryInsertAll(items.map(({ household, events }) => ({ doc: household, events })));
    if (refused.size > 0) {
      throw new ConflictError(`${refused.size} households were registered by someone else meanwhile; import the file again (已导入的行不会重复写入)`);
    }
  }

  /** Many version-guarded updates in one write (imports); how many matched. */
  updateAll(changes: readonly { id: string; expected: number; set: HouseholdChanges; events: EventEnvelope[] }[]): Promise<number> {
    return this.store.trySaveAll(changes);
  }

  /** Sets the changed fields, bumps the version and queues the events, guarded by the version that was read. */
  update(id: string, expectedVersion: number, changes: HouseholdChanges, events: EventEnvelope[]): Promise<void> {
    return this.store.save({ id, expected: expectedVersion, set: changes, events });
  }

  /** Like `update`; false, changing nothing, when the household changed since it was read. */
  tryUpdate(id: string, expectedVersion: number, changes: HouseholdChanges, events: EventEnvelope[]): Promise<boolean> {
    return this.store.trySave({ id, expected: expectedVersion, set: changes, events });
  }

  /**
   * Queues every household's current state again (version + 1), so the
   * compacted topic's records of older builds, which carried heads and
   * addresses, are superseded. Returns how many.
   */
  republishStates(signal?: AbortSignal): Promise<number> {
    return republishStates(this.store.model, (doc) => this.update(doc._id, doc.version, {}, [householdStateEvent({ ...doc, version: doc.version + 1 })]), signal);
  }

  /** One page of the households inside `scope`; `total` counts only those. */
  page(query: HouseholdQuery, page: PageRequest, scope: OrgScope): Promise<{ rows: HouseholdDocument[]; total: TotalCount }> {
    const filter: QueryFilter<HouseholdDocument> = {};
    if (query.gridId) filter.gridId = query.gridId;
    if (query.within) filter.orgPath = query.within;
    if (query.tags?.length) filter.tags = { $in: query.tags };
    return this.store.page(filter, scope, page);
  }
}
