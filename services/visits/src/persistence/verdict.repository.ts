import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OutboxEntry } from '@steward/events';
import { AggregateStore, REVISION_FIELD } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';
import { verdictId, type StoredVerdict, type VerdictData, type VerdictDuty } from '../domain/verdict-rules';

/** One member's verdict for one week; `_id` is the verdict's aggregate id, the pending events ride in `outbox`. */
export interface VerdictDocument {
  _id: string;
  memberId: string;
  week: string;
  weekStart: Date;
  weekEnd: Date;
  unitId: string;
  orgPath: string[];
  required: number;
  achieved: number;
  compliant: boolean;
  duties: VerdictDuty[];
  dutyRuleVersion: number;
  /** aggregateVersion of the latest event */
  version: number;
  evaluatedAt: Date;
  /** write revision, what a revision compares and sets (moved by the verdict's own writes only, like `version`) */
  rev: number;
  outbox?: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
}

const dutySchema = new Schema<VerdictDuty>(
  { unitId: String, role: String, measure: String, required: Number, achieved: Number, compliant: Boolean },
  { _id: false },
);

const verdictSchema = new Schema<VerdictDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    week: { type: String, required: true, index: true },
    weekStart: { type: Date, required: true },
    weekEnd: { type: Date, required: true },
    unitId: { type: String, required: true },
    orgPath: { type: [String], default: () => [] },
    required: { type: Number, required: true },
    achieved: { type: Number, required: true },
    compliant: { type: Boolean, required: true },
    duties: { type: [dutySchema], default: () => [] },
    dutyRuleVersion: { type: Number, required: true },
    version: { type: Number, required: true },
    evaluatedAt: { type: Date, required: true },
    rev: { type: Number, required: true, default: 0 },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'compliance_verdicts', versionKey: false },
);

export type VerdictWrite = 'written' | 'lost';

function fieldsOf(data: VerdictData, version: number): Omit<VerdictDocument, '_id' | 'rev' | 'outbox'> {
  return {
    memberId: data.memberId,
    week: data.week,
    weekStart: new Date(data.weekStart),
    weekEnd: new Date(data.weekEnd),
    unitId: data.unitId,
    orgPath: data.orgPath,
    required: data.required,
    achieved: data.achieved,
    compliant: data.compliant,
    duties: data.duties,
    dutyRuleVersion: data.dutyRuleVersion,
    version,
    evaluatedAt: new Date(data.evaluatedAt),
  };
}

/**
 * The only code that touches the compliance_verdicts collection. Several
 * service instances may evaluate the same week at once: a first verdict is an
 * insert of its `_id` (a second insert fails atomically, on FerretDB too), a
 * revision a compare-and-set on the write revision read (`rev`; `version` is
 * the aggregate version of the verdict's events), under the verdict's write
 * claim where the database needs one.
 */
@Injectable()
export class VerdictRepository {
  private readonly store: AggregateStore<VerdictDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<VerdictDocument>('ComplianceVerdict', verdictSchema), {
      versionField: REVISION_FIELD,
    });
  }

  /** The compliance_verdicts outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** The verdicts of a week by member (one scan instead of one lookup per member: FerretDB reads by _id scan too). */
  async ofWeek(week: string): Promise<Map<string, StoredVerdict & { rev: number }>> {
    const docs = await this.store.model.find({ week }, { outbox: 0 }).lean<VerdictDocument[]>().exec();
    return new Map(docs.map((doc) => [doc.memberId, { ...doc, rev: doc.rev ?? 0 }]));
  }

  findById(id: string): Promise<VerdictDocument | null> {
    return this.store.model.findById(id, { outbox: 0 }).lean<VerdictDocument>().exec();
  }

  /** Stores a first verdict with its event; 'lost' when the week's verdict exists already (another evaluator came first). */
  async issue(data: VerdictData, event: EventEnvelope): Promise<VerdictWrite> {
    const written = await this.store.tryInsert({ _id: verdictId(data.memberId, data.week), ...fieldsOf(data, 1), rev: 0 }, [event]);
    return written ? 'written' : 'lost';
  }

  /** Replaces the verdict read at write revision `rev` and appends its event; 'lost' when it moved on meanwhile. */
  async revise(rev: number, data: VerdictData, version: number, event: EventEnvelope): Promise<VerdictWrite> {
    const written = await this.store.trySave({ id: verdictId(data.memberId, data.week), expected: rev, set: fieldsOf(data, version), events: [event] });
    return written ? 'written' : 'lost';
  }
}
