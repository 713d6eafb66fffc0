import { Schema } from 'mongoose';
import type { Counters, SubjectType } from './score-rules';
import type { PeriodKind } from './periods';

/** One subject in one period: `_id` = `<subjectId>|<kind>|<key>`. */
export interface ScoreDocument extends Counters {
  _id: string;
  subjectId: string;
  subjectType: SubjectType;
  periodKind: PeriodKind;
  periodKey: string;
  /** Per topic-partition high-watermarks that make each event count once (see shared/events idempotency). */
  wm?: Record<string, number>;
}

export function scoreId(subjectId: string, kind: PeriodKind, key: string): string {
  return `${subjectId}|${kind}|${key}`;
}

export const scoreSchema: Schema<ScoreDocument> = new Schema<ScoreDocument>(
  {
    _id: { type: String, required: true },
    subjectId: { type: String, required: true },
    subjectType: { type: String, required: true },
    periodKind: { type: String, required: true },
    periodKey: { type: String, required: true },
    received: { type: Number, default: 0 },
    resolved: { type: Number, default: 0 },
    onTime: { type: Number, default: 0 },
    escalated: { type: Number, default: 0 },
    reopened: { type: Number, default: 0 },
    feedbacks: { type: Number, default: 0 },
    satisfied: { type: Number, default: 0 },
    wm: { type: Schema.Types.Mixed },
  },
  { collection: 'scores', versionKey: false },
);
scoreSchema.index({ periodKind: 1, periodKey: 1, subjectType: 1 });
