/**
 * Counters kept per subject and period, and the rates derived from them.
 * Counting rules (DESIGN §4): a dispatched ticket is `received` by its handler
 * and by every unit on its path; a resolution counts as `resolved` (and
 * `onTime` when within the deadline) for the same subjects.
 */
export const COUNTERS = ['received', 'resolved', 'onTime', 'escalated', 'reopened', 'feedbacks', 'satisfied'] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export type SubjectType = 'MEMBER' | 'GRID' | 'NATURAL_VILLAGE' | 'ADMIN_VILLAGE' | 'TOWNSHIP' | 'DISTRICT' | 'CITY';

export interface Subject {
  id: string;
  type: SubjectType;
}

export interface TicketEventFacts {
  type: string;
  handlerId: string | null;
  orgPath: string[];
  onTime?: boolean;
}

/** Which counters one ticket event increments, or undefined when it counts for nothing. */
export function incrementsFor(event: TicketEventFacts): Partial<Counters> | undefined {
  switch (event.type) {
    case 'steward.ticket.dispatched.v1':
      return { received: 1 };
    case 'steward.ticket.resolved.v1':
      return event.onTime ? { resolved: 1, onTime: 1 } : { resolved: 1 };
    default:
      return undefined;
  }
}

/** The handler and every unit on the ticket's path, each typed by its level. */
export function subjectsOf(event: TicketEventFacts, levelOf: (unitId: string) => SubjectType | undefined): Subject[] {
  const units = event.orgPath.map((id) => ({ id, type: levelOf(id) ?? 'GRID' }));
  return event.handlerId ? [{ id: event.handlerId, type: 'MEMBER' }, ...units] : units;
}

/** numerator / denominator, or null when there is nothing to divide (no tickets is not 0 %). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
