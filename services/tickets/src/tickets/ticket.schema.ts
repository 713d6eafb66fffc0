import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import { TICKET_LEVELS, TICKET_STATUSES, type TicketLevel, type TicketStatus } from './ticket-state-machine';

export interface TimelineEntry {
  at: Date;
  actorId: string | null;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  note: string | null;
}

export interface TicketDocument {
  _id: string;
  number: string;
  title: string;
  description: string;
  category: string;
  channel: string;
  priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
  status: TicketStatus;
  level: TicketLevel;
  unitId: string;
  /** Ids from the city down to the responsible unit, snapshot at the last change of unit. */
  orgPath: string[];
  handlerId: string | null;
  address: string | null;
  resolveDueAt: Date | null;
  timeline: TimelineEntry[];
  version: number;
  outbox: OutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

export const ticketSchema: Schema<TicketDocument> = new Schema<TicketDocument>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    category: { type: String, required: true },
    channel: { type: String, required: true },
    priority: { type: String, required: true },
    status: { type: String, enum: TICKET_STATUSES, required: true },
    level: { type: String, enum: TICKET_LEVELS, required: true },
    unitId: { type: String, required: true },
    orgPath: { type: [String], index: true },
    handlerId: { type: String, default: null, index: true },
    address: { type: String, default: null },
    resolveDueAt: { type: Date, default: null },
    timeline: { type: Schema.Types.Mixed, default: () => [] },
    version: { type: Number, required: true },
    outbox: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: 'tickets', timestamps: true, versionKey: false },
);
ticketSchema.index({ status: 1 });

/** Daily sequence behind human-readable ticket numbers. */
export interface TicketSequenceDocument {
  _id: string;
  seq: number;
}

export const ticketSequenceSchema: Schema<TicketSequenceDocument> = new Schema<TicketSequenceDocument>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'ticket_sequences', versionKey: false },
);
