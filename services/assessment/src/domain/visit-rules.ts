import type { Credit, Increments } from './counters';
import { isEmpty, memberSubject, unitSubjects } from './counters';
import { periodsOf, periodsOfWeek, type Period } from './periods';

/** The fields of a visit event the rules read. */
export interface VisitEventData {
  memberId: string;
  orgPath: string[];
  householdIds?: string[];
  endedAt?: string | null;
  /** on every visit lifecycle event (verdicts carry `evaluatedAt` instead) */
  occurredAt?: string;
  /** weekly compliance verdicts: ISO week key and outcome */
  week?: string;
  compliant?: boolean;
  /** a revised verdict: the outcome it replaces (null or absent: the week's first verdict) */
  previousCompliant?: boolean | null;
}

/** Households a visit reached, counted once per period for the member and once for the units above them. */
export interface Coverage {
  memberId: string;
  orgPath: string[];
  householdIds: string[];
}

export interface VisitEffect {
  periods: Period[];
  credits: Credit[];
  coverage?: Coverage;
}

type VisitRule = (data: VisitEventData) => VisitEffect;

function credit(data: VisitEventData, increments: Increments): Credit[] {
  return [memberSubject(data.memberId, data.orgPath), ...unitSubjects(data.orgPath)].map((subject) => ({
    subject,
    increments,
  }));
}

/**
 * A weekly verdict: the first one counts the week (weeks +1, compliantWeeks +1
 * if compliant); a revision (visits logged late) only corrects the outcome it
 * replaces, so a week is never counted twice: compliantWeeks +1 or −1 when
 * the outcome flipped, nothing otherwise.
 */
export function complianceIncrements(compliant: boolean, previousCompliant: boolean | null | undefined): Increments {
  if (previousCompliant === null || previousCompliant === undefined) return compliant ? { weeks: 1, compliantWeeks: 1 } : { weeks: 1 };
  const flip = Number(compliant) - Number(previousCompliant);
  return flip === 0 ? {} : { compliantWeeks: flip };
}

/**
 * Counting rules for visit events, one entry per type. A completed visit
 * counts when it ended; a weekly compliance verdict in the periods of its
 * week (month/quarter/year of the week's Thursday), for the member and the
 * path the verdict names.
 */
export const VISIT_RULES: Readonly<Record<string, VisitRule>> = {
  'steward.visit.completed.v1': (data) => {
    const endedAt = data.endedAt ?? data.occurredAt;
    return {
      periods: endedAt ? periodsOf(new Date(endedAt)) : [],
      credits: credit(data, { visits: 1 }),
      coverage: { memberId: data.memberId, orgPath: data.orgPath, householdIds: data.householdIds ?? [] },
    };
  },
  'steward.visit.compliance-evaluated.v1': (data) => {
    const increments = complianceIncrements(data.compliant === true, data.previousCompliant);
    return {
      periods: data.week ? periodsOfWeek(data.week) : [],
      credits: isEmpty(increments) ? [] : credit(data, increments),
    };
  },
};

export function visitEffect(type: string, data: VisitEventData): VisitEffect | undefined {
  return VISIT_RULES[type]?.(data);
}
