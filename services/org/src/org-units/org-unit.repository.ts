import { Injectable } from '@nestjs/common';
import { toOutboxEntries, type EventEnvelope } from '@steward/events';
import { ConflictError } from '@steward/errors';
import { InjectMongo, type PageRequest, findKeysetPage } from '@steward/service-kit';
import type { Connection, Model, QueryFilter } from 'mongoose';
import { orgUnitSchema, type OrgUnitDocument } from './org-unit.schema';
import type { OrgLevel } from './org-rules';

export interface OrgUnitQuery {
  parentId?: string;
  within?: string;
  level?: OrgLevel;
  nameContains?: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The only code that touches the org_units collection. */
@Injectable()
export class OrgUnitRepository {
  readonly model: Model<OrgUnitDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.model = connection.model<OrgUnitDocument>('OrgUnit', orgUnitSchema);
  }

  get collection() {
    return this.model.collection;
  }

  findById(id: string): Promise<OrgUnitDocument | null> {
    return this.model.findById(id).lean<OrgUnitDocument>().exec();
  }

  findByIds(ids: readonly string[]): Promise<OrgUnitDocument[]> {
    return this.model.find({ _id: { $in: ids } }).lean<OrgUnitDocument[]>().exec();
  }

  findByCode(code: string): Promise<OrgUnitDocument | null> {
    return this.model.findOne({ codeKey: code }).lean<OrgUnitDocument>().exec();
  }

  /** Inserts a unit together with its pending state event (one document, one write). */
  async insert(unit: Omit<OrgUnitDocument, 'outbox' | 'createdAt' | 'updatedAt'>, events: EventEnvelope[]): Promise<void> {
    try {
      await this.model.create({ ...unit, outbox: toOutboxEntries(events) });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError(`Division code ${unit.code} is already used by another unit`, { code: unit.code });
      }
      throw error;
    }
  }

  async page(query: OrgUnitQuery, page: PageRequest): Promise<{ rows: OrgUnitDocument[]; total: number }> {
    const filter: QueryFilter<OrgUnitDocument> = {};
    if (query.parentId) filter.parentId = query.parentId;
    if (query.within) filter.ancestors = query.within;
    if (query.level) filter.level = query.level;
    if (query.nameContains) filter.name = { $regex: escapeRegex(query.nameContains) };
    return findKeysetPage(this.model, filter, page);
  }
}
