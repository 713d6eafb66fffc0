import { Injectable } from '@nestjs/common';
import { ConflictError } from '@steward/errors';
import { AggregateStore } from '@steward/persistence';
import { InjectMongo } from '@steward/service-kit';
import { Schema, type Connection } from 'mongoose';
import { DEFAULT_DUTY_RULE_TABLE, type DutyRule, type DutyRuleTable } from '../domain/duty-rules';

interface DutyRulesDocument {
  _id: string;
  version: number;
  rules: DutyRule[];
  updatedAt: Date;
  updatedBy: string | null;
}

const dutyRulesSchema = new Schema<DutyRulesDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    rules: { type: [{ role: String, measure: String, minimum: Number, warnFrom: String, _id: false }], default: () => [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, default: null },
  },
  { collection: 'settings', versionKey: false },
);

const DOCUMENT_ID = 'duty-rules';

function conflict(expectedVersion: number): ConflictError {
  return new ConflictError(`The duty rules are no longer at version ${expectedVersion}; reload and retry`, { expectedVersion });
}

/** The city's duty rule table: one settings document, the built-in defaults until someone stores one. */
@Injectable()
export class DutyRulesRepository {
  private readonly store: AggregateStore<DutyRulesDocument>;

  constructor(@InjectMongo() connection: Connection) {
    this.store = new AggregateStore(connection.model<DutyRulesDocument>('DutyRules', dutyRulesSchema), {
      conflict: (_id, expectedVersion) => conflict(expectedVersion),
    });
  }

  async current(): Promise<DutyRuleTable> {
    const doc = await this.store.model.findById(DOCUMENT_ID).lean<DutyRulesDocument>().exec();
    if (!doc) return DEFAULT_DUTY_RULE_TABLE;
    return {
      version: doc.version,
      // tables stored before warnFrom existed (or without it) warn of nothing
      rules: doc.rules.map(({ role, measure, minimum, warnFrom }) => ({ role, measure, minimum, ...(warnFrom ? { warnFrom } : {}) })),
      updatedAt: doc.updatedAt,
    };
  }

  /** Replaces the table; CONFLICT when it is no longer at `expectedVersion` (0: the built-in defaults, nothing stored yet). */
  async replace(rules: DutyRule[], expectedVersion: number, updatedBy: string | null, now: Date): Promise<DutyRuleTable> {
    const fields = { rules, updatedAt: now, updatedBy };
    if (expectedVersion === 0) {
      if (!(await this.store.tryInsert({ _id: DOCUMENT_ID, version: 1, ...fields }))) throw conflict(expectedVersion);
    } else {
      await this.store.save({ id: DOCUMENT_ID, expected: expectedVersion, set: fields });
    }
    return { version: expectedVersion + 1, rules, updatedAt: now };
  }
}
