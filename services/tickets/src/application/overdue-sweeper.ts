import { ConflictError } from '@steward/errors';
import type { Lease } from '@steward/persistence';
import { registerLeaderTask, type BackgroundTasks, type Logger } from '@steward/service-kit/core';
import type { Deadlines } from '../domain/sla-policy';
import { pendingDueSoon, pendingOverdueKind, slaKeyOf } from '../domain/ticket-facts';
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
  /** deadlines warned of before they pass (临期预警), each with its due-soon event */
  warned: number;
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

/** The warning (临期预警) the sweeper sends on a ticket at `now`, if its current deadline is that near and not warned of yet. */
export function warnCommand(doc: TicketDocument, now: Date, deadlines: Pick<Deadlines, 'warnBeforeMinutes'>): TicketCommand | undefined {
  const facts = toFacts(doc);
  const warning = pendingDueSoon(facts, now, (kind) => deadlines.warnBeforeMinutes(slaKeyOf(facts), kind));
  return warning ? { type: 'warnDueSoon', kind: warning.kind } : undefined;
}

const MINUTE_MS = 60_000;

/**
 * Marks tickets past their deadline overdue (escalating where the SLA policy
 * says so), closes resolved tickets whose feedback never came, and warns of
 * deadlines whose lead time (SLA policy) has begun, once per deadline: the
 * warning is a step of the ticket that records the deadline warned. With
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
    const result: SweepResult = { marked: 0, escalated: 0, closed: 0, warned: 0, lost: 0 };
    for (const doc of await this.repository.sweepCandidates(now, batchSize)) {
      if (!stillLeader()) break;
      const command = sweepCommand(doc, now);
      if (!command) continue;
      const after = await this.apply(doc, command, now, result);
      if (!after) continue;
      if (command.type === 'autoClose') result.closed += 1;
      else {
        result.marked += 1;
        if (after.level !== doc.level) result.escalated += 1;
      }
    }
    if (stillLeader()) await this.warnDueSoon(now, stillLeader, result);
    if (result.marked + result.closed + result.warned > 0) this.logger?.info({ ...result }, 'overdue sweep');
    return result;
  }

  /** The warnings before deadlines whose lead time has begun (every one: a warning that waits is late). */
  private async warnDueSoon(now: Date, stillLeader: () => boolean, result: SweepResult): Promise<void> {
    const deadlines = this.writer.deadlines;
    const withinMs = {
      ACCEPT: deadlines.policy.maxWarnMinutes('ACCEPT') * MINUTE_MS,
      RESOLVE: deadlines.policy.maxWarnMinutes('RESOLVE') * MINUTE_MS,
    };
    for await (const doc of this.repository.dueSoonCandidates(now, withinMs)) {
      if (!stillLeader()) break;
      const command = warnCommand(doc, now, deadlines);
      if (command && (await this.apply(doc, command, now, result))) result.warned += 1;
    }
  }

  /** The ticket after the command, or undefined when another writer changed it first (counted as lost). */
  private async apply(doc: TicketDocument, command: TicketCommand, now: Date, result: SweepResult): Promise<TicketDocument | undefined> {
    try {
      return await this.writer.executeOn(doc, command, { actorId: null, now });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      result.lost += 1;
      return undefined;
    }
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
