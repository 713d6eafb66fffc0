/**
 * The counters kept per subject (member or org unit) and period (README.md of this service).
 * They only ever change by increments computed from events (counting rules in
 * ticket-rules.ts and visit-rules.ts).
 */
export const COUNTERS = [
  'received',
  'resolved',
  'onTime',
  'overdue',
  'escalated',
  'reopened',
  'feedbacks',
  'satisfied',
  'visits',
  'compliantWeeks',
  'weeks',
  'householdsCovered',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;
export type Increments = Partial<Counters>;

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Counters;
}

/** Reads the counters of a stored document; a counter never incremented is 0. */
export function countersOf(source: Partial<Record<Counter, unknown>>): Counters {
  const counters = zeroCounters();
  for (const name of COUNTERS) {
    const value = source[name];
    if (typeof value === 'number') counters[name] = value;
  }
  return counters;
}

/** a + b, leaving out counters that end up 0 (so an update never carries no-op fields). */
export function addIncrements(a: Increments, b: Increments): Increments {
  const sum: Increments = {};
  for (const name of COUNTERS) {
    const value = (a[name] ?? 0) + (b[name] ?? 0);
    if (value !== 0) sum[name] = value;
  }
  return sum;
}

export function isEmpty(increments: Increments): boolean {
  return COUNTERS.every((name) => (increments[name] ?? 0) === 0);
}

/** A member, or an org unit of any level (the level comes from the org tree when asked: it may move). */
export type SubjectKind = 'MEMBER' | 'UNIT';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
  /**
   * Org units the subject's counters belong under, used to find a unit's
   * subtree when a period is closed: for a unit its path (ancestors and
   * itself), for a member the path of the ticket or visit.
   */
  scope: string[];
}

/** One subject's share of one event: which counters change, in which periods. */
export interface Credit {
  subject: SubjectRef;
  increments: Increments;
}

export function memberSubject(id: string, orgPath: readonly string[]): SubjectRef {
  return { kind: 'MEMBER', id, scope: [...orgPath] };
}

/** Every unit on `orgPath`, each scoped by its own path prefix. */
export function unitSubjects(orgPath: readonly string[]): SubjectRef[] {
  return orgPath.map((id, index) => ({ kind: 'UNIT', id, scope: orgPath.slice(0, index + 1) }));
}
