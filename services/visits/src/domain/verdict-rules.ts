import { createEvent, visitComplianceEvaluated, type EventDataOf, type EventEnvelope } from '@steward/events';
import type { WeekCompliance } from './duty-rules';

/**
 * Weekly duty verdicts (周履职评定): once an ISO week has ended, each member
 * who held a duty in it gets one verdict, published as
 * `steward.visit.compliance-evaluated.v1` and counted by assessment (weeks,
 * compliantWeeks).
 *
 * Visits may be logged late (a visit's start can be any past time), so a
 * verdict can be revised: when a later evaluation of the week measures other
 * figures, the verdict is replaced by a revision with the next
 * aggregateVersion that names the outcome it replaces (`previousCompliant`).
 * A revision keeps the unit and path of the first verdict, so assessment can
 * count it as a correction of the same subjects: weeks unchanged,
 * compliantWeeks +1 / −1 when the outcome flipped. Evaluating again with the
 * same figures issues nothing.
 */
export type VerdictData = EventDataOf<typeof visitComplianceEvaluated>;
export type VerdictDuty = VerdictData['duties'][number];

/** A stored verdict, as far as deciding the next one needs it. */
export interface StoredVerdict {
  unitId: string;
  orgPath: string[];
  required: number;
  achieved: number;
  compliant: boolean;
  duties: VerdictDuty[];
  /** aggregateVersion of the verdict's latest event */
  version: number;
}

export type VerdictDecision =
  | { kind: 'issue' | 'revise'; version: number; data: VerdictData }
  | { kind: 'same' }
  | { kind: 'skip'; reason: string };

export interface VerdictContext {
  /** version of the duty rule table the week was measured against */
  rulesVersion: number;
  now: Date;
  /** a unit's path from the city down to the unit itself; undefined when unknown */
  pathOf: (unitId: string) => readonly string[] | undefined;
}

/** Aggregate id (and Kafka key) of a member's verdict for a week. */
export function verdictId(memberId: string, weekKey: string): string {
  return `compliance:${memberId}:${weekKey}`;
}

/**
 * Where a verdict is credited: the unit of the member's duty, or for duties in
 * several units (an instructor of two grids) the deepest unit on all their
 * paths, so one verdict per week is never counted twice in a unit above.
 * Undefined when a unit is unknown or the paths share no unit.
 */
export function creditedUnit(
  dutyUnitIds: readonly string[],
  pathOf: VerdictContext['pathOf'],
): { unitId: string; orgPath: string[] } | undefined {
  const paths = [...new Set(dutyUnitIds)].map(pathOf);
  if (paths.length === 0) return undefined;
  let common: readonly string[] | undefined = paths[0];
  for (const path of paths) {
    if (!path || !common) return undefined;
    let shared = 0;
    while (shared < common.length && shared < path.length && common[shared] === path[shared]) shared += 1;
    common = common.slice(0, shared);
  }
  if (!common || common.length === 0) return undefined;
  return { unitId: common[common.length - 1], orgPath: [...common] };
}

function dutiesOf(result: WeekCompliance): VerdictDuty[] {
  return result.duties.map((duty) => ({
    unitId: duty.unitId,
    role: duty.role,
    measure: duty.measure,
    required: duty.required,
    achieved: duty.achieved,
    compliant: duty.compliant,
  }));
}

const sum = (duties: readonly VerdictDuty[], field: 'required' | 'achieved') => duties.reduce((total, duty) => total + duty[field], 0);

function sameDuties(a: readonly VerdictDuty[], b: readonly VerdictDuty[]): boolean {
  const key = (duty: VerdictDuty) => [duty.unitId, duty.role, duty.measure, duty.required, duty.achieved, duty.compliant].join('|');
  return a.length === b.length && a.every((duty, index) => key(duty) === key(b[index]));
}

/**
 * What to do with a member's evaluated week given the verdict stored for it:
 * issue the first verdict, revise it (other figures), leave it (same
 * figures), or skip the member (no duty; a duty unit the org tree does not know).
 */
export function decideVerdict(result: WeekCompliance, stored: StoredVerdict | undefined, ctx: VerdictContext): VerdictDecision {
  if (result.duties.length === 0) return { kind: 'skip', reason: 'no duty in the week' };
  const duties = dutiesOf(result);
  if (stored && stored.compliant === result.compliant && sameDuties(stored.duties, duties)) return { kind: 'same' };
  const place = stored ? { unitId: stored.unitId, orgPath: stored.orgPath } : creditedUnit(duties.map((duty) => duty.unitId), ctx.pathOf);
  if (!place) return { kind: 'skip', reason: 'a duty unit is not in the org tree' };
  const data: VerdictData = {
    memberId: result.memberId,
    unitId: place.unitId,
    orgPath: place.orgPath,
    week: result.week.key,
    weekStart: result.week.start.toISOString(),
    weekEnd: result.week.end.toISOString(),
    required: sum(duties, 'required'),
    achieved: sum(duties, 'achieved'),
    compliant: result.compliant,
    duties,
    dutyRuleVersion: ctx.rulesVersion,
    previousCompliant: stored ? stored.compliant : null,
    evaluatedAt: ctx.now.toISOString(),
  };
  return stored ? { kind: 'revise', version: stored.version + 1, data } : { kind: 'issue', version: 1, data };
}

/** The event of an issued or revised verdict. */
export function verdictEvent(decision: { version: number; data: VerdictData }, now: Date): EventEnvelope {
  return createEvent(visitComplianceEvaluated, {
    subject: verdictId(decision.data.memberId, decision.data.week),
    aggregateVersion: decision.version,
    time: now,
    data: decision.data,
  });
}
