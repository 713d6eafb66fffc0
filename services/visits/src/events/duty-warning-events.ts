import { createEvent, visitDutyAtRisk, type EventEnvelope } from '@steward/events';
import type { DutyAtRisk } from '../domain/duty-warning-rules';
import type { IsoWeek } from '../domain/iso-week';

/** What a stored warning says, and its event's fields. */
export interface DutyWarningFacts extends DutyAtRisk {
  id: string;
  orgPath: string[];
  week: IsoWeek;
  dutyRuleVersion: number;
}

/** steward.visit.duty-at-risk.v1 of a new warning (its only event: version 1). */
export function dutyAtRiskEvent(warning: DutyWarningFacts, now: Date): EventEnvelope {
  return createEvent(visitDutyAtRisk, {
    subject: warning.id,
    aggregateVersion: 1,
    time: now,
    data: {
      memberId: warning.memberId,
      unitId: warning.unitId,
      orgPath: warning.orgPath,
      role: warning.role,
      measure: warning.measure,
      week: warning.week.key,
      weekStart: warning.week.start.toISOString(),
      weekEnd: warning.week.end.toISOString(),
      required: warning.required,
      achieved: warning.achieved,
      warnFrom: warning.warnFrom,
      dutyRuleVersion: warning.dutyRuleVersion,
      occurredAt: now.toISOString(),
    },
  });
}
