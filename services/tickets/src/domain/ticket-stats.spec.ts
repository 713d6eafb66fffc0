import { computeStats } from './ticket-stats';
import { hoursAfter, NOW, ticketIn } from '../../test/ticket-test-fixtures';

const feedback = (satisfaction: 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED') => [{ at: NOW, actorId: null, satisfaction, comment: null }];

describe('ticket stats', () => {
  it('has null rates, not zero, when there is nothing to divide', () => {
    const stats = computeStats([], NOW);
    expect(stats).toMatchObject({ received: 0, accepted: 0, completionRate: null, onTimeRate: null, satisfactionRate: null });
    expect(stats.byStatus).toHaveLength(8);
  });

  it('computes 办结率, 按时办结率 and 满意率', () => {
    const rows = [
      ticketIn('REPORTED'),
      ticketIn('REJECTED'),
      ticketIn('MERGED', { acceptedAt: NOW }),
      ticketIn('IN_PROGRESS', { resolveDueAt: hoursAfter(NOW, -1) }), // past due, not marked yet
      ticketIn('RESOLVED', { resolvedOnTime: false, overdue: true, overdueCount: 1, feedback: feedback('UNSATISFIED') }),
      ticketIn('CLOSED', { feedback: feedback('SATISFIED') }),
      ticketIn('CLOSED', { feedback: [...feedback('UNSATISFIED'), ...feedback('BASICALLY_SATISFIED')] }),
      ticketIn('CLOSED', { overdueCount: 1 }), // escalated after a missed deadline, then on time
    ];
    const stats = computeStats(rows, NOW);
    expect(stats).toMatchObject({ received: 8, accepted: 5, takenIn: 6, resolved: 4, closed: 3, overdue: 3, feedbacks: 3, satisfied: 2 });
    expect(stats.completionRate).toBeCloseTo(4 / 6); // awaiting acceptance counts as not resolved; rejected and merged do not count
    expect(stats.onTimeRate).toBeCloseTo(3 / 4);
    expect(stats.satisfactionRate).toBeCloseTo(2 / 3);
    expect(stats.byStatus).toContainEqual({ status: 'CLOSED', count: 3 });
    expect(stats.byStatus).toContainEqual({ status: 'DISPATCHED', count: 0 });
  });
});
