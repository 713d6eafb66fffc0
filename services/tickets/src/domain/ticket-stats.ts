import { isOverdueAt, type TicketFacts } from './ticket-facts';
import { TICKET_STATUSES, type TicketStatus } from './ticket-state-machine';

export type StatsRow = Pick<
  TicketFacts,
  'status' | 'acceptedAt' | 'resolvedOnTime' | 'overdue' | 'overdueCount' | 'acceptDueAt' | 'resolveDueAt' | 'feedback'
>;

export interface TicketStats {
  received: number;
  accepted: number;
  takenIn: number;
  resolved: number;
  closed: number;
  overdue: number;
  feedbacks: number;
  satisfied: number;
  completionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  byStatus: { status: TicketStatus; count: number }[];
}

const rate = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/**
 * Figures for a set of tickets (those received in a period): 办结率 = resolved
 * (or closed) / taken in, where taken in (纳入办理) is received minus rejected
 * and merged — the one definition the assessment's Score uses too (a ticket
 * still awaiting acceptance counts as not yet resolved); 按时办结率 = resolved on time / resolved; 满意率 =
 * satisfied or basically satisfied / tickets with feedback (their latest
 * answer). A rate with nothing to divide is null, not 0.
 */
export function computeStats(rows: Iterable<StatsRow>, now: Date): TicketStats {
  const byStatus = new Map<TicketStatus, number>(TICKET_STATUSES.map((status) => [status, 0]));
  let received = 0;
  let accepted = 0;
  let resolved = 0;
  let onTime = 0;
  let overdue = 0;
  let feedbacks = 0;
  let satisfied = 0;
  for (const row of rows) {
    received += 1;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
    if (row.acceptedAt && row.status !== 'MERGED') accepted += 1;
    if (row.status === 'RESOLVED' || row.status === 'CLOSED') {
      resolved += 1;
      if (row.resolvedOnTime) onTime += 1;
    }
    if (row.overdueCount > 0 || isOverdueAt(row, now)) overdue += 1;
    const latest = row.feedback.at(-1);
    if (latest) {
      feedbacks += 1;
      if (latest.satisfaction !== 'UNSATISFIED') satisfied += 1;
    }
  }
  const takenIn = received - (byStatus.get('REJECTED') ?? 0) - (byStatus.get('MERGED') ?? 0);
  return {
    received,
    accepted,
    takenIn,
    resolved,
    closed: byStatus.get('CLOSED') ?? 0,
    overdue,
    feedbacks,
    satisfied,
    completionRate: rate(resolved, takenIn),
    onTimeRate: rate(onTime, resolved),
    satisfactionRate: rate(satisfied, feedbacks),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
  };
}
