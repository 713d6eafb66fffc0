import type { Counters } from './counters';

/**
 * Rates and the weighted score (README.md of this service, "Scoring policy"). Pure: no framework, no I/O.
 * A rate with a zero denominator is null ("nothing to judge"), never 0 %; the
 * score is the weighted mean of the rates that are not null, so a grid with no
 * feedback yet is scored on its other rates alone.
 */
export interface Rates {
  /** 办结率 = resolved / received */
  completionRate: number | null;
  /** 按时办结率 = onTime / resolved */
  onTimeRate: number | null;
  /** 满意率 = satisfied / feedbacks */
  satisfactionRate: number | null;
  /** 走访达标率 = compliantWeeks / weeks */
  complianceRate: number | null;
}

export interface ScoringWeights {
  completion: number;
  onTime: number;
  satisfaction: number;
  compliance: number;
}

export const WEIGHT_NAMES = ['completion', 'onTime', 'satisfaction', 'compliance'] as const satisfies readonly (keyof ScoringWeights)[];

/** Version 1, in force until `setScoringPolicy` stores another (README "Scoring policy"). */
export const DEFAULT_WEIGHTS: Readonly<ScoringWeights> = { completion: 30, onTime: 25, satisfaction: 30, compliance: 15 };
export const DEFAULT_POLICY_VERSION = 1;
/** Hours after a period's end before it may be closed (结算宽限期), for late events; version 1's value. */
export const DEFAULT_CLOSING_GRACE_HOURS = 24;
export const MAX_CLOSING_GRACE_HOURS = 31 * 24;

/** numerator / denominator, or null when there is nothing to divide (no tickets is not 0 %). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function ratesOf(counters: Counters): Rates {
  return {
    completionRate: rate(counters.resolved, counters.received),
    onTimeRate: rate(counters.onTime, counters.resolved),
    satisfactionRate: rate(counters.satisfied, counters.feedbacks),
    complianceRate: rate(counters.compliantWeeks, counters.weeks),
  };
}

const RATE_OF_WEIGHT: Record<keyof ScoringWeights, keyof Rates> = {
  completion: 'completionRate',
  onTime: 'onTimeRate',
  satisfaction: 'satisfactionRate',
  compliance: 'complianceRate',
};

/**
 * 100 × Σ wᵢ·rateᵢ / Σ wᵢ over the rates that are not null, rounded to two
 * decimals; each rate is capped to [0, 1] first (corrections can push a
 * period's counts past it). Null when no weighted rate is available.
 */
export function scoreOf(rates: Rates, weights: ScoringWeights): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const name of WEIGHT_NAMES) {
    const value = rates[RATE_OF_WEIGHT[name]];
    if (value === null || weights[name] === 0) continue;
    weighted += weights[name] * Math.min(1, Math.max(0, value));
    totalWeight += weights[name];
  }
  if (totalWeight === 0) return null;
  return Math.round((10_000 * weighted) / totalWeight) / 100;
}

/** Problems with a proposed set of weights (empty when acceptable): each finite and ≥ 0, their sum > 0. */
export function weightProblems(weights: ScoringWeights): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = WEIGHT_NAMES.filter((name) => !Number.isFinite(weights[name]) || weights[name] < 0).map((name) => ({
    path: name,
    message: 'must be a number ≥ 0',
  }));
  if (problems.length === 0 && WEIGHT_NAMES.reduce((sum, name) => sum + weights[name], 0) <= 0) {
    problems.push({ path: 'weights', message: 'at least one weight must be > 0' });
  }
  return problems;
}
