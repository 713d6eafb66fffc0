import type { Counters } from './counters';
import type { Period } from './periods';
import { ratesOf, scoreOf, type Rates, type ScoringWeights } from './scoring';

/** A subject's counters in a period with the rates and score derived under one policy version. */
export interface ScoreView extends Counters, Rates {
  subjectId: string;
  /** MEMBER, or the org level of the unit (UNIT when the org tree does not know it) */
  subjectType: string;
  period: Period;
  score: number | null;
  policyVersion: number;
  /** position among peers, when known; undefined: not computed yet */
  rank?: number | null;
}

export function scoreView(
  subjectId: string,
  subjectType: string,
  period: Period,
  counters: Counters,
  policy: { version: number; weights: ScoringWeights },
): ScoreView {
  const rates = ratesOf(counters);
  return { subjectId, subjectType, period, ...counters, ...rates, score: scoreOf(rates, policy.weights), policyVersion: policy.version };
}
