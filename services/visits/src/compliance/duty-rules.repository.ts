import { Injectable } from '@nestjs/common';
import { ConflictError } from '@steward/errors';
import { isDuplicateKeyError } from '@steward/events';
import { DocumentLocks, InjectMongo } from '@steward/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import { DEFAULT_DUTY_RULE_TABLE, type DutyRule, type DutyRuleTable } from './duty-rules';

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
    rules: { type: [{ role: String, measure: String, minimum: Number, _id: false }], default: () => [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, default: null },
  },
  { collection: 'settings', versionKey: false },
);

const DOCUMENT_ID = 'duty-rules';

/** The city's duty rule table: one settings document, the built-in defaults until someone stores one. */
@Injectable()
export class DutyRulesRepository {
  private readonly settings: Model<DutyRulesDocument>;
  /** the version guard alone does not serialise writers on FerretDB (see DocumentLocks) */
  private readonly locks = new DocumentLocks();

  constructor(@InjectMongo() connection: Connection) {
    this.settings = connection.model<DutyRulesDocument>('DutyRules', dutyRulesSchema);
  }

  async current(): Promise<DutyRuleTable> {
    const doc = await this.settings.findById(DOCUMENT_ID).lean<DutyRulesDocument>().exec();
    if (!doc) return DEFAULT_DUTY_RULE_TABLE;
    return {
      version: doc.version,
      rules: doc.rules.map(({ role, measure, minimum }) => ({ role, measure, minimum })),
      updatedAt: doc.updatedAt,
    };
  }

  /** Replaces the table; CONFLICT when it is no longer at `expectedVersion`. */
  replace(rules: DutyRule[], expectedVersion: number, updatedBy: string | null, now: Date): Promise<DutyRuleTable> {
    return this.locks.run(DOCUMENT_ID, () => this.replaceNow(rules, expectedVersion, updatedBy, now));
  }

  private async replaceNow(rules: DutyRule[], expectedVersion: number, updatedBy: string | null, now: Date): Promise<DutyRuleTable> {
    const next = { version: expectedVersion + 1, rules, updatedAt: now, updatedBy };
    const conflict = () =>
      new ConflictError(`The duty rules are no longer at version ${expectedVersion}; reload and retry`, { expectedVersion });
    if (expectedVersion === 0) {
      await this.settings.create({ _id: DOCUMENT_ID, ...next }).catch((error: unknown) => {
        throw isDuplicateKeyError(error) ? conflict() : error;
      });
    } else {
      const result = await this.settings.updateOne({ _id: DOCUMENT_ID, version: expectedVersion }, { $set: next }).exec();
      if (result.matchedCount === 0) throw conflict();
    }
    return { version: next.version, rules, updatedAt: now };
  }
}
