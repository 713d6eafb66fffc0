import type { Credit, Increments } from './counters';
import { memberSubject, unitSubjects } from './counters';
import { periodsOf, periodsOfWeek, type Period } from './periods';

/** The fields of a visit event the rules read. */
export interface VisitEventData {
  memberId: string;
  orgPath: string[];
  householdIds?: string[];
  endedAt?: string | null;
  occurredAt: string;
  /** weekly compliance events: ISO week key and outcome */
  week?: string;
  compliant?: boolean;
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
 * Counting rules for visit events, one entry per type. A completed visit
 * counts when it ended; a weekly compliance verdict counts in the periods of
 * its week. `steward.visit.compliance-evaluated.v1` is not in the catalogue
 * yet: the entry is written against the shape the visits service is expected
 * to publish (memberId, orgPath, week, compliant), one verdict per member and
 * week.
 */
export const VISIT_RULES: Readonly<Record<string, VisitRule>> = {
  'steward.visit.completed.v1': (data) => ({
    periods: periodsOf(new Date(data.endedAt ?? data.occurredAt)),
    credits: credit(data, { visits: 1 }),
    coverage: { memberId: data.memberId, orgPath: data.orgPath, householdIds: data.householdIds ?? [] },
  }),
  'steward.visit.compliance-evaluated.v1': (data) => ({
    periods: data.week ? periodsOfWeek(data.week) : periodsOf(new Date(data.occurredAt)),
    credits: credit(data, data.compliant ? { weeks: 1, compliantWeeks: 1 } : { weeks: 1 }),
  }),
};

export function visitEffect(type: string, data: VisitEventData): VisitEffect | undefined {
  return VISIT_RULES[type]?.(data);
}
