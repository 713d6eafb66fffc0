import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import type { StoredFieldValue } from '../domain/category-fields';
import type { FeedbackRecord, TicketFacts } from '../domain/ticket-facts';
import { TICKET_LEVELS, TICKET_STATUSES, type TicketStatus, type TicketLevel } from '../domain/ticket-state-machine';
import type { Satisfaction } from '../domain/ticket-terms';

/** One step of the history; append-only ($push), it doubles as the audit trail. */
export interface TimelineEntry {
  at: Date;
  actorId: string | null;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  note: string | null;
  /** level, responsible unit and handler after the step */
  level?: TicketLevel;
  unitId?: string;
  handlerId?: string | null;
  automatic?: boolean;
  satisfaction?: Satisfaction;
  /** evidence (图文) attached to the step; absent when none */
  evidenceIds?: string[];
}

export interface TicketLocationDocument {
  /** the unit where the problem is (may lie below the responsible unit) */
  unitId: string;
  /** ids from the city down to the location unit */
  path: string[];
  address: string | null;
  geo: { lat: number; lng: number } | null;
}

export interface TicketReporterDocument {
  name: string | null;
  phone: string | null;
  householdId: string | null;
  anonymous: boolean;
}

export interface TicketDocument extends Omit<TicketFacts, 'id'> {
  _id: string;
  number: string;
  title: string;
  description: string;
  channel: string;
  /** the category version the report was checked against; absent on tickets reported before versions existed (version 1) */
  categoryVersion?: number;
  /** the category's typed values (类别专属字段) the report gave, typed by that version's fields */
  categoryFields?: StoredFieldValue[];
  location: TicketLocationDocument;
  reporter: TicketReporterDocument | null;
  /** member who entered the report, when known */
  reportedBy: string | null;
  /**
   * Who may read it, matched by read scopes: `orgPath` and, while there is a handler, their mark
   * (see ticket-access). Written with every change; absent only on tickets stored before it existed.
   */
  accessPath?: string[];
  timeline: TimelineEntry[];
  version: number;
  /** write revision: moved by every write of the ticket, re-paths included (see TicketRepository); what a write compares and sets */
  rev?: number;
  outbox: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
  createdAt: Date;
  updatedAt: Date;
}

const date = { type: Date, default: null };
const count = { type: Number, default: 0 };

export const ticketSchema: Schema<TicketDocument> = new Schema<TicketDocument>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    category: { type: String, required: true },
    categoryVersion: { type: Number, default: undefined },
    categoryFields: { type: Schema.Types.Mixed, default: undefined },
    channel: { type: String, required: true },
    priority: { type: String, required: true },
    status: { type: String, enum: TICKET_STATUSES, required: true },
    level: { type: String, enum: TICKET_LEVELS, required: true },
    unitId: { type: String, required: true },
    // not indexed: subtree reads (`within`, scopes) match `accessPath`, which holds this path and the location's
    orgPath: { type: [String] },
    // no default: a missing path must stay visible as missing (backfilled), not read as []
    accessPath: { type: [String], index: true, default: undefined },
    location: { type: Schema.Types.Mixed, required: true },
    reporter: { type: Schema.Types.Mixed, default: null },
    reportedBy: { type: String, default: null },
    handlerId: { type: String, default: null, index: true },
    handlerUnitId: { type: String, default: null },
    handlerDueAt: date,
    acceptDueAt: date,
    resolveDueAt: date,
    overdue: { type: Boolean, default: false },
    warnedDueAt: date,
    overdueCount: count,
    escalationCount: count,
    reopenCount: count,
    supervisionCount: count,
    acceptedAt: date,
    resolution: { type: String, default: null },
    resolvedAt: date,
    resolvedOnTime: { type: Boolean, default: null },
    autoCloseAt: date,
    closedAt: date,
    feedback: { type: Schema.Types.Mixed, default: () => [] },
    duplicateOf: { type: String, default: null, index: true },
    timeline: { type: Schema.Types.Mixed, default: () => [] },
    version: { type: Number, required: true },
    rev: { type: Number, default: 0 },
    outbox: { type: Schema.Types.Mixed, default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'tickets', timestamps: true, versionKey: false },
);
ticketSchema.index({ status: 1 });
ticketSchema.index({ createdAt: 1 });

/** Daily sequence behind human-readable ticket numbers. */
export interface TicketSequenceDocument {
  _id: string;
  seq: number;
}

export const ticketSequenceSchema: Schema<TicketSequenceDocument> = new Schema<TicketSequenceDocument>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'ticket_sequences', versionKey: false },
);

/**
 * The rule-facing view of a stored ticket. Tickets written before a field
 * existed (the walking skeleton) read with its neutral default.
 */
export function toFacts(doc: TicketDocument): TicketFacts {
  return {
    id: doc._id,
    status: doc.status,
    level: doc.level,
    unitId: doc.unitId,
    orgPath: doc.orgPath,
    category: doc.category,
    priority: doc.priority,
    handlerId: doc.handlerId ?? null,
    handlerUnitId: doc.handlerUnitId ?? (doc.handlerId ? doc.unitId : null),
    handlerDueAt: doc.handlerDueAt ?? null,
    acceptDueAt: doc.acceptDueAt ?? null,
    resolveDueAt: doc.resolveDueAt ?? null,
    overdue: doc.overdue ?? false,
    warnedDueAt: doc.warnedDueAt ?? null,
    overdueCount: doc.overdueCount ?? 0,
    escalationCount: doc.escalationCount ?? 0,
    reopenCount: doc.reopenCount ?? 0,
    supervisionCount: doc.supervisionCount ?? 0,
    acceptedAt: doc.acceptedAt ?? null,
    resolution: doc.resolution ?? null,
    resolvedAt: doc.resolvedAt ?? null,
    resolvedOnTime: doc.resolvedOnTime ?? null,
    autoCloseAt: doc.autoCloseAt ?? null,
    closedAt: doc.closedAt ?? null,
    feedback: (doc.feedback ?? []) as FeedbackRecord[],
    duplicateOf: doc.duplicateOf ?? null,
  };
}

/** The location of a stored ticket; skeleton-era tickets had only `address` and their unit. */
export function locationOf(doc: TicketDocument & { address?: string | null }): TicketLocationDocument {
  return doc.location ?? { unitId: doc.unitId, path: doc.orgPath, address: doc.address ?? null, geo: null };
}
