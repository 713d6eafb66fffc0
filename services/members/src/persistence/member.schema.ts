import type { OutboxEntry } from '@steward/events';
import { Schema } from 'mongoose';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberRole, type MemberStatus } from '../domain/member-rules';

export interface AssignmentDocument {
  id: string;
  unitId: string;
  /** Ids from the city down to and including the unit, as the org tree was when the role was assigned. */
  orgPath: string[];
  role: MemberRole;
  from: Date;
  to: Date | null;
}

/** A sign-in session ended by `signOut`, kept until its token would have expired anyway. */
export interface EndedSessionDocument {
  id: string;
  until: Date;
}

export interface MemberDocument {
  _id: string;
  name: string;
  /** PII: 11-digit mainland mobile, unique (the future login name). */
  phone: string;
  isPartyMember: boolean;
  skills: string[];
  status: MemberStatus;
  /** Every role the member holds or held, kept inside the member document. */
  assignments: AssignmentDocument[];
  /**
   * Every unit on any assignment's orgPath, open or ended (`unitPathsOf`), kept with
   * `assignments` on every write: one top-level indexed array that scoped and subtree
   * reads match, where FerretDB cannot use an index on `assignments.orgPath`. Written by
   * the repository only; absent on members stored before it existed until the start-up backfill.
   */
  unitPaths?: string[];
  /**
   * Raised whenever the member's existing tokens must stop working: a password set
   * or changed, deactivation, the end of a role, signOutEverywhere. Tokens carry the
   * version of their sign-in (stw_cv); absent counts as 0.
   */
  credentialsVersion?: number;
  /** Sessions ended one by one (signOut) whose tokens have not expired yet. */
  endedSessions?: EndedSessionDocument[];
  /** Who registered the member (principal id); absent for imported members. */
  createdBy?: string | null;
  /** Who made the latest change (principal id). */
  updatedBy?: string | null;
  version: number;
  outbox: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
  createdAt: Date;
  updatedAt: Date;
}

export const MEMBERS_COLLECTION = 'members';

const assignmentSchema: Schema<AssignmentDocument> = new Schema<AssignmentDocument>(
  {
    id: { type: String, required: true },
    unitId: { type: String, required: true },
    orgPath: { type: [String], required: true },
    role: { type: String, enum: MEMBER_ROLES, required: true },
    from: { type: Date, required: true },
    to: { type: Date, default: null },
  },
  { _id: false },
);

const endedSessionSchema: Schema<EndedSessionDocument> = new Schema<EndedSessionDocument>(
  { id: { type: String, required: true }, until: { type: Date, required: true } },
  { _id: false },
);

export const memberSchema: Schema<MemberDocument> = new Schema<MemberDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true, unique: true },
    isPartyMember: { type: Boolean, required: true },
    skills: { type: [String], default: [] },
    status: { type: String, enum: MEMBER_STATUSES, default: 'ACTIVE' },
    assignments: { type: [assignmentSchema], default: [] },
    unitPaths: { type: [String], default: undefined },
    credentialsVersion: { type: Number, default: undefined },
    endedSessions: { type: [endedSessionSchema], default: undefined },
    createdBy: { type: String, default: undefined },
    updatedBy: { type: String, default: undefined },
    version: { type: Number, required: true },
    outbox: { type: Schema.Types.Mixed, default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: MEMBERS_COLLECTION, timestamps: true, versionKey: false },
);
memberSchema.index({ 'assignments.id': 1 });
memberSchema.index({ 'assignments.unitId': 1 });
memberSchema.index({ unitPaths: 1 });
