import { Schema } from 'mongoose';
import { VISIT_KINDS, VISIT_STATUSES, type VisitKind, type VisitStatus } from './ticket-visit-rules';

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
  notes: string | null;
  /** Version of the ticket whose event last changed this visit (ticket-driven visits only). */
  aggregateVersion?: number;
  createdAt: Date;
  updatedAt: Date;
}

export const visitSchema: Schema<VisitDocument> = new Schema<VisitDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true, index: true },
    gridId: { type: String, required: true },
    orgPath: { type: [String], index: true },
    kind: { type: String, enum: VISIT_KINDS, required: true },
    status: { type: String, enum: VISIT_STATUSES, required: true },
    ticketId: { type: String, default: null, index: true },
    householdIds: { type: [String], default: () => [] },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    notes: { type: String, default: null },
    aggregateVersion: { type: Number },
  },
  { collection: 'visits', timestamps: true, versionKey: false },
);
