import type { Lease } from '@steward/persistence';
import { registerLeaderTask, type BackgroundTasks, type Logger } from '@steward/service-kit/core';
import type { DutyRulesRepository } from '../persistence/duty-rules.repository';
import type { DutyWarningRepository } from '../persistence/duty-warning.repository';
import { dutiesAtRisk, dutyWarningId, earliestWarning } from '../domain/duty-warning-rules';
import { isoWeekOf } from '../domain/iso-week';
import { dutyAtRiskEvent } from '../events/duty-warning-events';
import type { ComplianceService } from './compliance.service';

export interface WarningSummary {
  week: string;
  /** warnings stored by this pass (each with its duty-at-risk event) */
  warned: number;
  /** duties at risk warned of by an earlier pass (or another instance meanwhile) */
  already: number;
}

/**
 * The weekly duty warning (周走访预警): measures the current ISO week so far
 * and, from the time each duty rule names (`warnFrom`), stores one warning
 * per member, duty unit, role and week whose duty is not met yet, with its
 * steward.visit.duty-at-risk.v1 in the same insert (the outbox relay
 * publishes it). The warning's `_id` makes it once-only across restarts and
 * instances; the lease makes one instance do the work. The weekly verdicts
 * (ComplianceEvaluator) are not touched.
 */
export class DutyWarner {
  constructor(
    private readonly compliance: Pick<ComplianceService, 'dutyWeek'>,
    private readonly rules: Pick<DutyRulesRepository, 'current'>,
    private readonly warnings: DutyWarningRepository,
    private readonly pathOf: (unitId: string) => readonly string[] | undefined,
    private readonly logger: Logger,
  ) {}

  /** One pass at `now`; `stillLeader` false ends it early (the lease went to another instance). */
  async warnOnce(now = new Date(), stillLeader: () => boolean = () => true): Promise<WarningSummary> {
    const week = isoWeekOf(now);
    const summary: WarningSummary = { week: week.key, warned: 0, already: 0 };
    // before the earliest warning time of the week there is nothing to measure
    const earliest = earliestWarning(week, (await this.rules.current()).rules);
    if (!earliest || now < earliest) return summary;

    const { results, rules, rulesVersion } = await this.compliance.dutyWeek(week);
    const sent = await this.warnings.idsOfWeek(week.key);
    for (const result of results) {
      for (const duty of dutiesAtRisk(result, rules, now)) {
        if (!stillLeader()) return summary;
        const id = dutyWarningId(duty, week.key);
        if (sent.has(id)) {
          summary.already += 1;
          continue;
        }
        const facts = { ...duty, id, orgPath: [...(this.pathOf(duty.unitId) ?? [duty.unitId])], week, dutyRuleVersion: rulesVersion };
        const inserted = await this.warnings.insertOnce(
          {
            _id: id,
            memberId: duty.memberId,
            unitId: duty.unitId,
            orgPath: facts.orgPath,
            role: duty.role,
            measure: duty.measure,
            week: week.key,
            required: duty.required,
            achieved: duty.achieved,
            dutyRuleVersion: rulesVersion,
            createdAt: now,
          },
          [dutyAtRiskEvent(facts, now)],
        );
        summary[inserted ? 'warned' : 'already'] += 1;
      }
    }
    if (summary.warned > 0) this.logger.info({ ...summary }, 'weekly duty warnings sent');
    return summary;
  }
}

/** The lease that picks the one instance whose warner runs. */
export const DUTY_WARNER_LEASE = 'visits:duty-warner';

/** Runs the warner every `intervalMs` on the instance that holds its lease; stops before the relays flush. */
export function registerDutyWarner(tasks: BackgroundTasks, warner: DutyWarner, options: { intervalMs: number; lease: Lease; logger: Logger }): void {
  registerLeaderTask(tasks, {
    name: DUTY_WARNER_LEASE,
    lease: options.lease,
    intervalMs: options.intervalMs,
    logger: options.logger,
    disabledMessage: 'weekly duty warnings disabled (VISITS_DUTY_WARNING_INTERVAL_MS=0)',
    run: (stillLeader) => warner.warnOnce(new Date(), stillLeader),
  });
}
