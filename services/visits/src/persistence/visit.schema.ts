import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import type { TicketFact } from '../domain/ticket-visit-rules';
import { VISIT_KINDS, VISIT_STATUSES, type GeoPoint, type VisitKind, type VisitStatus } from '../domain/visit-terms';

export interface VisitDocument {
  _id: string;
  memberId: string;
  gridId: string;
  orgPath: string[];
  kind: VisitKind;
  status: VisitStatus;
  ticketId: string | null;
  householdIds: string[];
  startedAt: Date | null;
  endedAt: Date | null;
  /** When the visit counts for compliance and coverage: its start, else its end; null while only planned. */
  visitedAt: Date | null;
  notes: string | null;
  photos: string[];
  geo: GeoPoint | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** The visit's own version, + 1 per stored change; optimistic concurrency guard and events' aggregateVersion. */
  revision: number;
  /** Who logged or last changed it by hand (a principal id); absent on ticket-driven visits. */
  recordedBy?: string | null;
  /** Pending events, published by the outbox relay (never returned by the API). */
  outbox?: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
  createdAt: Date;
  updatedAt: Date;
}

const geoSchema = new Schema<GeoPoint>({ lat: { type: Number, required: true }, lng: { type: Number, required: true } }, { _id: false });

export const visitSchema: Schema<VisitDocument> = new Schema<VisitDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    gridId: { type: String, required: true },
    // subtree and scoped reads match orgPath; every ticket event reads the ticket's visits by ticketId
    orgPath: { type: [String], index: true },
    kind: { type: String, enum: VISIT_KINDS, required: true },
    status: { type: String, enum: VISIT_STATUSES, required: true },
    ticketId: { type: String, default: null, index: true },
    householdIds: { type: [String], default: () => [], index: true },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    visitedAt: { type: Date, default: null },
    notes: { type: String, default: null },
    photos: { type: [String], default: () => [] },
    geo: { type: geoSchema, default: null },
    cancelledAt: { type: Date, default: null },
    cancelReason: { type: String, default: null },
    revision: { type: Number, required: true, default: 0 },
    recordedBy: { type: String, default: undefined },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'visits', timestamps: true, versionKey: false },
);
visitSchema.index({ memberId: 1, visitedAt: 1 });
visitSchema.index({ gridId: 1, visitedAt: 1 });

/** One ticket event as the ticket-driven visits need it; _id `<ticketId>:<version>` keeps each once. */
export interface TicketFactDocument extends TicketFact {
  _id: string;
  eventId: string;
}

export const ticketFactSchema: Schema<TicketFactDocument> = new Schema<TicketFactDocument>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true, index: true },
    version: { type: Number, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    handlerId: { type: String, default: null },
    unitId: { type: String, required: true },
    orgPath: { type: [String], default: () => [] },
    occurredAt: { type: Date, required: true },
    resolution: { type: String, default: null },
    reason: { type: String, default: null },
    intoTicketId: { type: String, default: null },
    eventId: { type: String, required: true },
  },
  { collection: 'ticket_facts', versionKey: false },
);
