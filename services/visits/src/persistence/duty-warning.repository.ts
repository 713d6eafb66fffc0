import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OutboxEntry } from '@steward/events';
import { AggregateStore } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';

/**
 * One weekly duty warning (周走访预警): `_id` is `duty-at-risk:<memberId>:<unitId>:<role>:<week>`,
 * so a second insert of it (a restart, another instance's warner) fails atomically and sends nothing.
 */
export interface DutyWarningDocument {
  _id: string;
  memberId: string;
  unitId: string;
  orgPath: string[];
  role: string;
  measure: string;
  week: string;
  required: number;
  achieved: number;
  dutyRuleVersion: number;
  createdAt: Date;
  version: number;
  outbox?: OutboxEntry[];
  /** set while the outbox holds entries (see @steward/events withOutbox) */
  outboxPending?: true;
}

export type NewDutyWarning = Omit<DutyWarningDocument, 'version' | 'outbox' | 'outboxPending'>;

const dutyWarningSchema = new Schema<DutyWarningDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    unitId: { type: String, required: true },
    orgPath: { type: [String], default: () => [] },
    role: { type: String, required: true },
    measure: { type: String, required: true },
    week: { type: String, required: true, index: true },
    required: { type: Number, required: true },
    achieved: { type: Number, required: true },
    dutyRuleVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    version: { type: Number, required: true },
    outbox: { type: [Schema.Types.Mixed], default: undefined },
    outboxPending: { type: Boolean, select: false },
  },
  { collection: 'duty_warnings', versionKey: false },
);

@Injectable()
export class DutyWarningRepository {
  private readonly store: AggregateStore<DutyWarningDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<DutyWarningDocument>('DutyWarning', dutyWarningSchema), { name: 'DutyWarning' });
  }

  /** The warnings outbox, for the relay (see outboxRelayProvider). */
  get outbox() {
    return this.store.outbox;
  }

  /** The ids of the warnings of `week` sent already. */
  async idsOfWeek(week: string): Promise<Set<string>> {
    const rows = await this.store.model.find({ week }, { _id: 1 }).lean<{ _id: string }[]>().exec();
    return new Set(rows.map((row) => row._id));
  }

  /** Stores the warning with its event; false, writing nothing, when it was sent already. */
  insertOnce(warning: NewDutyWarning, events: readonly EventEnvelope[]): Promise<boolean> {
    return this.store.tryInsert({ ...warning, version: 1 }, events);
  }
}
