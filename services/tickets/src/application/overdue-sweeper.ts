import { ConflictError } from '@steward/errors';
import type { Lease } from '@steward/persistence';
import { registerLeaderTask, type BackgroundTasks, type Logger } from '@steward/service-kit/core';
import { pendingOverdueKind } from '../domain/ticket-facts';
import type { TicketCommand } from '../domain/ticket-rules';
import type { TicketRepository } from '../persistence/ticket.repository';
import { toFacts, type TicketDocument } from '../persistence/ticket.schema';
import type { TicketWriter } from './ticket-writer';

export interface SweepResult {
  /** missed deadlines marked (each with its overdue event) */
  marked: number;
  /** of those, escalated one level by the SLA policy */
  escalated: number;
  /** resolved tickets closed for lack of feedback */
  closed: number;
  /** tickets another sweeper (or a person) changed first: left to them */
  lost: number;
}

/** The lease that picks the one instance whose sweeper runs. */
export const SWEEPER_LEASE = 'tickets:overdue-sweeper';

/** What the sweeper does to a ticket at `now`, if anything. */
export function sweepCommand(doc: TicketDocument, now: Date): TicketCommand | undefined {
  const facts = toFacts(doc);
  const kind = pendingOverdueKind(facts, now);
  if (kind) return { type: 'markOverdue', kind };
  if (facts.status === 'RESOLVED' && facts.autoCloseAt && facts.autoCloseAt <= now) return { type: 'autoClose' };
  return undefined;
}

/**
 * Marks tickets past their deadline overdue (escalating where the SLA policy
 * says so) and closes resolved tickets whose feedback never came. With
 * several service instances only the holder of the sweeper's lease sweeps
 * (`registerSweeper`); each change is still claimed with the version the
 * sweeper read, so should two sweepers overlap (a lease lost mid-sweep, a
 * person changing the ticket), exactly one applies it and the others get
 * CONFLICT and move on.
 */
export class OverdueSweeper {
  constructor(
    private readonly repository: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly logger?: Logger,
  ) {}

  /** `stillLeader`: asked before each ticket; false ends the sweep (the lease went to another instance). */
  async sweepOnce(now = new Date(), batchSize = 200, stillLeader: () => boolean = () => true): Promise<SweepResult> {
    const result: SweepResult = { marked: 0, escalated: 0, closed: 0, lost: 0 };
    for (const doc of await this.repository.sweepCandidates(now, batchSize)) {
      if (!stillLeader()) break;
      const command = sweepCommand(doc, now);
      if (!command) continue;
      try {
        const after = await this.writer.executeOn(doc, command, { actorId: null, now });
        if (command.type === 'autoClose') result.closed += 1;
        else {
          result.marked += 1;
          if (after.level !== doc.level) result.escalated += 1;
        }
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        result.lost += 1;
      }
    }
    if (result.marked + result.closed > 0) this.logger?.info({ ...result }, 'overdue sweep');
    return result;
  }
}

export interface SweeperSchedule {
  /** time between sweeps; 0 turns the sweeper off (TICKETS_SWEEP_INTERVAL_MS) */
  intervalMs: number;
  lease: Lease;
  logger: Logger;
  /** the clock the sweeps judge deadlines by; default the wall clock */
  now?: () => Date;
  /** after each sweep (tests) */
  onSweep?: (result: SweepResult) => void;
}

/** Runs the sweeper every `intervalMs` on the instance that holds its lease; stops before the relays flush. */
export function registerSweeper(tasks: BackgroundTasks, sweeper: OverdueSweeper, schedule: SweeperSchedule): void {
  registerLeaderTask(tasks, {
    name: SWEEPER_LEASE,
    lease: schedule.lease,
    intervalMs: schedule.intervalMs,
    logger: schedule.logger,
    disabledMessage: 'overdue sweeper disabled (TICKETS_SWEEP_INTERVAL_MS=0)',
    run: async (stillLeader) => {
      const result = await sweeper.sweepOnce(schedule.now?.() ?? new Date(), undefined, stillLeader);
      schedule.onSweep?.(result);
    },
  });
}
