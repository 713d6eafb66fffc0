import { isDuplicateKeyError } from '@steward/persistence';
import type { Collection, Db } from 'mongodb';
import { DEFAULT_CLOSING_GRACE_HOURS, DEFAULT_POLICY_VERSION, DEFAULT_WEIGHTS, type ScoringWeights } from '../domain/scoring';
import { POLICIES_COLLECTION } from './generation';

export interface ScoringPolicyRecord {
  version: number;
  weights: ScoringWeights;
  /** hours after a period's end before it may be closed */
  closingGraceHours: number;
  note: string | null;
  /** null for the built-in default (version 1) */
  createdAt: Date | null;
}

interface PolicyDocument {
  _id: number;
  weights: ScoringWeights;
  /** absent on versions stored before it existed: the default */
  closingGraceHours?: number;
  note: string | null;
  createdAt: Date;
  /** who stored the version (absent on versions stored before it was recorded) */
  createdBy?: string;
}

export const DEFAULT_POLICY: ScoringPolicyRecord = {
  version: DEFAULT_POLICY_VERSION,
  weights: { ...DEFAULT_WEIGHTS },
  closingGraceHours: DEFAULT_CLOSING_GRACE_HOURS,
  note: 'built-in default (README "Scoring policy")',
  createdAt: null,
};

/** Scoring policy versions: inserted, never updated. Version 1 is the built-in default. */
export class PolicyStore {
  private readonly policies: Collection<PolicyDocument>;

  constructor(db: Db) {
    this.policies = db.collection<PolicyDocument>(POLICIES_COLLECTION);
  }

  async current(): Promise<ScoringPolicyRecord> {
    const [latest] = await this.policies.find({}).sort({ _id: -1 }).limit(1).toArray();
    return latest ? toRecord(latest) : DEFAULT_POLICY;
  }

  async version(version: number): Promise<ScoringPolicyRecord | undefined> {
    if (version === DEFAULT_POLICY_VERSION) return DEFAULT_POLICY;
    const doc = await this.policies.findOne({ _id: version });
    return doc ? toRecord(doc) : undefined;
  }

  /** Stores `weights` as the version after `after`; undefined when another writer took that version first. */
  async insertAfter(
    after: number,
    content: { weights: ScoringWeights; closingGraceHours: number; note: string | null },
    createdBy: string,
  ): Promise<ScoringPolicyRecord | undefined> {
    const doc: PolicyDocument = { _id: after + 1, ...content, createdAt: new Date(), createdBy };
    try {
      await this.policies.insertOne(doc);
      return toRecord(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }
}

function toRecord(doc: PolicyDocument): ScoringPolicyRecord {
  return { version: doc._id, weights: doc.weights, closingGraceHours: doc.closingGraceHours ?? DEFAULT_CLOSING_GRACE_HOURS, note: doc.note, createdAt: doc.createdAt };
}
