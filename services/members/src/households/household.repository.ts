import { Injectable } from '@nestjs/common';
import { outboxPush, toOutboxEntries, type EventEnvelope } from '@steward/events';
import { ConflictError } from '@steward/errors';
import { DocumentLocks, findKeysetPage, InjectMongo, type PageRequest } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import type { HouseholdTag } from './household-rules';
import { householdSchema, type HouseholdDocument } from './household.schema';

export interface HouseholdQuery {
  gridId?: string;
  /** Inside this unit's subtree (by the orgPath snapshot). */
  within?: string;
  /** Carries any of these tags. */
  tags?: HouseholdTag[];
}

export type HouseholdState = Omit<HouseholdDocument, 'outbox' | 'createdAt' | 'updatedAt'>;
export type HouseholdChanges = Partial<Pick<HouseholdDocument, 'gridId' | 'orgPath' | 'address' | 'head' | 'size' | 'tags' | 'phone'>>;

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

  findById(id: string): Promise<HouseholdDocument | null> {
    return this.model.findById(id).lean<HouseholdDocument>().exec();
  }

  /** Inserts a household together with its pending state event (one document, one write). */
  async insert(household: HouseholdState, events: EventEnvelope[]): Promise<void> {
    await this.model.create({ ...household, outbox: toOutboxEntries(events) });
  }

  /** Sets the changed fields, bumps the version and queues the events, guarded by the version that was read. */
  async update(id: string, expectedVersion: number, changes: HouseholdChanges, events: EventEnvelope[]): Promise<void> {
    const result = await this.locks.run(id, () =>
      this.model
        .updateOne({ _id: id, version: expectedVersion }, { $set: { ...changes, version: expectedVersion + 1 }, ...outboxPush(events) })
        .exec(),
    );
    if (result.matchedCount === 0) {
      throw new ConflictError(`Household ${id} was changed by someone else; reload and try again`, { id, expectedVersion });
    }
  }

  page(query: HouseholdQuery, page: PageRequest): Promise<{ rows: HouseholdDocument[]; total: number }> {
    const filter: QueryFilter<HouseholdDocument> = {};
    if (query.gridId) filter.gridId = query.gridId;
    if (query.within) filter.orgPath = query.within;
    if (query.tags?.length) filter.tags = { $in: query.tags };
    return findKeysetPage(this.model, filter, page);
  }
}
