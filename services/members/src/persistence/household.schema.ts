import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import { HOUSEHOLD_TAGS, type HouseholdTag } from '../domain/household-rules';

export interface HouseholdDocument {
  _id: string;
  /** Household code (户编号): the natural key of spreadsheet imports; absent for households registered one by one. */
  code?: string | null;
  gridId: string;
  /** Ids from the city down to and including the grid, as the org tree was when the household was written. */
  orgPath: string[];
  address: string;
  head: string;
  size: number;
  tags: HouseholdTag[];
  /** PII: mobile or landline; never published. */
  phone: string | null;
  /** Who registered the household and who changed it last (principal ids); absent for imported households. */
  createdBy?: string | null;
  updatedBy?: string | null;
  version: number;
  outbox: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
  createdAt: Date;
  updatedAt: Date;
}

export const HOUSEHOLDS_COLLECTION = 'households';

export const householdSchema: Schema<HouseholdDocument> = new Schema<HouseholdDocument>(
  {
    _id: { type: String, required: true },
    code: { type: String, default: undefined },
    gridId: { type: String, required: true },
    orgPath: { type: [String], required: true },
    address: { type: String, required: true },
    head: { type: String, required: true },
    size: { type: Number, required: true },
    tags: { type: [String], enum: HOUSEHOLD_TAGS, default: [] },
    phone: { type: String, default: null },
    createdBy: { type: String, default: undefined },
    updatedBy: { type: String, default: undefined },
    version: { type: Number, required: true },
    outbox: { type: Schema.Types.Mixed, default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: HOUSEHOLDS_COLLECTION, timestamps: true, versionKey: false },
);
householdSchema.index({ gridId: 1 });
householdSchema.index({ code: 1 });
householdSchema.index({ orgPath: 1 });
householdSchema.index({ tags: 1 });
