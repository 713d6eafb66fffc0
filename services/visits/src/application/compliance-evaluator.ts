import type { Access } from '@steward/auth';
import { BadUserInputError, NotFoundError } from '@steward/errors';
import { retry, RetryPolicies, type Lease } from '@steward/persistence';
import { assertCanEverywhere } from '../domain/visits-access';
import { registerLeaderTask, type BackgroundTasks, type Logger } from '@steward/service-kit/core';
import type { ComplianceConfig } from './compliance.config';
import type { ComplianceService } from './compliance.service';
import { isoWeekOf, parseIsoWeek, weeksEndingWith, type IsoWeek } from '../domain/iso-week';
import type { WeekCompliance } from '../domain/duty-rules';
import { decideVerdict, verdictEvent, verdictId, type StoredVerdict, type VerdictContext } from '../domain/verdict-rules';
import type { VerdictRepository } from '../persistence/verdict.repository';

export interface EvaluationSummary {
  week: string;
  /** members who held a duty in the week */
  members: number;
  /** first verdicts stored by this evaluation */
  issued: number;
  /** verdicts revised because the figures changed (late visits, changed rules) */
  revised: number;
  /** verdicts already saying the same */
  unchanged: number;
  /** members left without a verdict this time (a duty unit unknown to the org tree, or too much contention) */
  skipped: number;
}

/** What evaluating one member's week came to. */
type SettledVerdict = { kind: 'issued' | 'revised' | 'unchanged' } | { kind: 'skip'; reason: string };

/** The week before the one `now` is in: the latest week that has ended. */
export function lastEndedWeek(now: Date): IsoWeek {
  return isoWeekOf(new Date(isoWeekOf(now).start.getTime() - 1));
}

/**
 * Issues the weekly verdicts (see verdict-rules.ts) from the weekly
 * compliance computation, one verdict document per member and week with its
 * events inside it; the outbox relay publishes them.
 */
export class ComplianceEvaluator {
  constructor(
    private readonly compliance: Pick<ComplianceService, 'dutyWeek'>,
    private readonly verdicts: VerdictRepository,
    private readonly pathOf: VerdictContext['pathOf'],
    private readonly logger: Logger,
  ) {}

  /**
   * The `evaluateCompliance` mutation: `week` must name an ISO week that has
   * ended; needs visits:manage on `within`, or everywhere without it.
   */
  evaluate(access: Access, week: string, within: string | undefined, now = new Date()): Promise<EvaluationSummary> {
    access.authenticated();
    if (within === undefined) assertCanEverywhere(access, 'visits:manage');
    else access.assertCan('visits:manage', this.requirePath(within));
    const parsed = parseIsoWeek(week.trim());
    if (!parsed) throw new BadUserInputError(`${week} is not an ISO week such as 2026-W48`, [{ path: 'week', message: 'not an ISO week' }]);
    if (parsed.end > now) {
      throw new BadUserInputError(`Week ${parsed.key} has not ended yet (it ends ${parsed.end.toISOString()})`, [
        { path: 'week', message: 'not ended yet' },
      ]);
    }
    return this.evaluateWeek(parsed, within, now);
  }

  private requirePath(unitId: string): readonly string[] {
    const path = this.pathOf(unitId);
    if (!path) throw new NotFoundError('OrgUnit', unitId);
    return path;
  }

  /** The periodic pass: the last `weeks` ended weeks, oldest first; `stillLeader` false ends it early (the lease went to another instance). */
  async evaluateRecent(weeks: number, now = new Date(), stillLeader: () => boolean = () => true): Promise<EvaluationSummary[]> {
    const summaries: EvaluationSummary[] = [];
    for (const week of weeksEndingWith(lastEndedWeek(now), weeks).reverse()) {
      if (!stillLeader()) break;
      summaries.push(await this.evaluateWeek(week, undefined, now, stillLeader));
    }
    return summaries;
  }

  async evaluateWeek(week: IsoWeek, within: string | undefined, now: Date, stillLeader: () => boolean = () => true): Promise<EvaluationSummary> {
    const { results, rulesVersion } = await this.compliance.dutyWeek(week, within);
    const storedByMember = await this.verdicts.ofWeek(week.key);
    const ctx: VerdictContext = { rulesVersion, now, pathOf: this.pathOf };
    const summary: EvaluationSummary = { week: week.key, members: results.length, issued: 0, revised: 0, unchanged: 0, skipped: 0 };

    for (const result of results) {
      if (!stillLeader()) break;
      const outcome = await this.settleVerdict(result, storedByMember.get(result.memberId), ctx, week.key, now);
      if (outcome.kind === 'skip') {
        summary.skipped += 1;
        this.logger.warn({ memberId: result.memberId, week: week.key, reason: outcome.reason }, 'no weekly verdict for the member');
      } else summary[outcome.kind] += 1;
    }
    if (summary.issued + summary.revised > 0) {
      this.logger.info({ ...summary }, 'weekly verdicts evaluated');
    }
    return summary;
  }

  /**
   * Stores the member's verdict for the week if it differs from `stored`.
   * Another evaluator (another instance, or the relay moving the document) may
   * get in between: then it reads the verdict again and decides again.
   */
  private async settleVerdict(
    result: WeekCompliance,
    stored: (StoredVerdict & { rev: number }) | undefined,
    ctx: VerdictContext,
    week: string,
    now: Date,
  ): Promise<SettledVerdict> {
    let current = stored;
    const outcome = await retry(
      RetryPolicies.CONCURRENT_WRITE,
      async (attempt): Promise<SettledVerdict | { kind: 'lost' }> => {
        if (attempt > 1) {
          const reread = await this.verdicts.findById(verdictId(result.memberId, week));
          current = reread ? { ...reread, rev: reread.rev ?? 0 } : undefined;
        }
        const decision = decideVerdict(result, current, ctx);
        if (decision.kind === 'same') return { kind: 'unchanged' };
        if (decision.kind === 'skip') return decision;
        const event = verdictEvent(decision, now);
        const written = current
          ? await this.verdicts.revise(current.rev, decision.data, decision.version, event)
          : await this.verdicts.issue(decision.data, event);
        if (written === 'lost') return { kind: 'lost' };
        return { kind: current ? 'revised' : 'issued' };
      },
      { retryIf: (attempted) => attempted.kind === 'lost' },
    );
    return outcome.kind === 'lost' ? { kind: 'skip', reason: 'the verdict kept changing under other writers; left for the next pass' } : outcome;
  }
}

/** The lease that picks the one instance whose evaluator runs. */
export const COMPLIANCE_EVALUATOR_LEASE = 'visits:compliance-evaluator';

/**
 * Runs the evaluator every `intervalMs` (first one interval after start, when the replicas are loaded) on the
 * instance that holds its lease; stops before the relays flush. The verdicts' write claims stay the second line of defence.
 */
export function registerComplianceEvaluator(
  tasks: BackgroundTasks,
  evaluator: ComplianceEvaluator,
  config: ComplianceConfig,
  options: { lease: Lease; logger: Logger },
): void {
  registerLeaderTask(tasks, {
    name: COMPLIANCE_EVALUATOR_LEASE,
    lease: options.lease,
    intervalMs: config.intervalMs,
    logger: options.logger,
    disabledMessage: 'weekly compliance evaluation disabled (VISITS_COMPLIANCE_INTERVAL_MS=0)',
    run: (stillLeader) => evaluator.evaluateRecent(config.recheckWeeks, new Date(), stillLeader),
  });
}
