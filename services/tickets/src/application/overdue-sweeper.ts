import { ConflictError } from '@steward/errors';
import type { BackgroundTasks, Logger } from '@steward/service-kit';
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
 * says so) and closes resolved tickets whose feedback never came. Each change
 * is claimed with the version the sweeper read: when several sweepers run
 * (several service instances), exactly one of them applies it; the others
 * get CONFLICT and move on.
 */
export class OverdueSweeper {
  constructor(
    private readonly repository: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly logger?: Logger,
  ) {}

  async sweepOnce(now = new Date(), batchSize = 200): Promise<SweepResult> {
    const result: SweepResult = { marked: 0, escalated: 0, closed: 0, lost: 0 };
    for (const doc of await this.repository.sweepCandidates(now, batchSize)) {
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

/** Runs the sweeper every `intervalMs` while the service runs; stops before the relays flush. */
export function registerSweeper(tasks: BackgroundTasks, sweeper: OverdueSweeper, intervalMs: number, logger: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = sweeper
      .sweepOnce()
      .catch((error: unknown) => logger.error({ err: error }, 'overdue sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tasks.register({
    name: 'tickets:overdue-sweeper',
    phase: 'consumers',
    start: async () => {
      if (intervalMs <= 0) {
        logger.warn('overdue sweeper disabled (TICKETS_SWEEP_INTERVAL_MS=0)');
        return;
      }
      timer = setTimeout(tick, intervalMs);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  });
}
