import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import { ORG_LEVELS, ORG_UNIT_STATUSES, PARTY_ORG_KINDS, type OrgLevel, type OrgUnitStatus, type PartyOrg } from '../domain/org-rules';

export const ORG_UNIT_CHANGE_ACTIONS = ['CREATED', 'UPDATED', 'MOVED', 'ANCESTOR_MOVED', 'RETIRED'] as const;
export type OrgUnitChangeAction = (typeof ORG_UNIT_CHANGE_ACTIONS)[number];

/** One entry per version of the unit: what changed, so moves and retirements keep their history. */
export interface OrgUnitChange {
  version: number;
  at: Date;
  action: OrgUnitChangeAction;
  /** UPDATED: the fields that changed */
  fields?: string[];
  /** MOVED: the parent before and after */
  fromParentId?: string | null;
  toParentId?: string | null;
  /** ANCESTOR_MOVED: the ancestor whose move changed this unit's ancestors */
  movedUnitId?: string;
  /** Who made the change (the principal's id); absent for background steps and imported units */
  actorId?: string;
}

/**
 * Set on a unit by the update that moves it and removed once every descendant
 * carries the new ancestors; while set, a retry of the same move or the
 * start-up repair finishes the propagation.
 */
export interface PendingMove {
  id: string;
  at: Date;
}

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
  partyOrg: PartyOrg | null;
  status: OrgUnitStatus;
  validFrom: Date;
  validTo: Date | null;
  version: number;
  history: OrgUnitChange[];
  pendingMove?: PendingMove;
  outbox: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
  createdAt: Date;
  updatedAt: Date;
}

export type NewOrgUnit = Omit<OrgUnitDocument, 'outbox' | 'createdAt' | 'updatedAt' | 'pendingMove'>;

export const ORG_UNITS_COLLECTION = 'org_units';

const partyOrgSchema = new Schema<PartyOrg>(
  {
    kind: { type: String, enum: PARTY_ORG_KINDS, required: true },
    name: { type: String, required: true },
    secretaryName: { type: String, default: null },
  },
  { _id: false },
);

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
    partyOrg: { type: partyOrgSchema, default: null },
    status: { type: String, enum: ORG_UNIT_STATUSES, default: 'ACTIVE' },
    validFrom: { type: Date, default: () => new Date() },
    validTo: { type: Date, default: null },
    version: { type: Number, required: true },
    history: { type: Schema.Types.Mixed, default: () => [] },
    pendingMove: { type: Schema.Types.Mixed, default: undefined },
    outbox: { type: Schema.Types.Mixed, default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: ORG_UNITS_COLLECTION, timestamps: true, versionKey: false },
);
orgUnitSchema.index({ level: 1 });
