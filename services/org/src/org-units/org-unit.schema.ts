import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import { ORG_LEVELS, type OrgLevel } from './org-rules';

export interface OrgUnitDocument {
  _id: string;
  code: string | null;
  /**
   * `code` when given, otherwise `id:<_id>`: a unique index on it enforces unique
   * division codes without a partial index, which FerretDB lacks.
   */
  codeKey: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Ids from the city down to the parent. */
  ancestors: string[];
  households: number;
  population: number;
  status: 'ACTIVE' | 'RETIRED';
  version: number;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

export const ORG_UNITS_COLLECTION = 'org_units';

export const orgUnitSchema: Schema<OrgUnitDocument> = new Schema<OrgUnitDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, default: null },
    codeKey: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    level: { type: String, enum: ORG_LEVELS, required: true },
    parentId: { type: String, default: null, index: true },
    ancestors: { type: [String], default: [], index: true },
    households: { type: Number, default: 0 },
    population: { type: Number, default: 0 },
    status: { type: String, enum: ['ACTIVE', 'RETIRED'], default: 'ACTIVE' },
    version: { type: Number, required: true },
    outbox: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: ORG_UNITS_COLLECTION, timestamps: true, versionKey: false },
);
orgUnitSchema.index({ level: 1 });
