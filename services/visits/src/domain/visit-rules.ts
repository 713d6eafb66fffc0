import { BadUserInputError, ConflictError } from '@steward/errors';
import type { VisitKind, VisitStatus } from './visit-terms';

/**
 * Rules for visits members log by hand (走访记录). Pure: the caller gathers
 * what they consult (org tree, assignments, households, the member's other
 * visits) and stores nothing when one throws.
 */
export const VISIT_RULE_CODES = [
  'VISIT_END_BEFORE_START',
  'VISIT_IN_FUTURE',
  'VISIT_UNIT_NOT_GRID',
  'VISIT_MEMBER_NOT_ASSIGNED',
  'VISIT_HOUSEHOLD_UNKNOWN',
  'VISIT_HOUSEHOLD_OTHER_GRID',
  'VISIT_OVERLAP',
  'VISIT_STATUS',
  'VISIT_FOLLOWS_TICKET',
] as const;
export type VisitRuleCode = (typeof VISIT_RULE_CODES)[number];

/** A BAD_USER_INPUT naming the rule broken (`extensions.rule`) and the offending field. */
export class VisitRuleViolation extends BadUserInputError {
  constructor(
    readonly rule: VisitRuleCode,
    message: string,
    problem: { path: string; message: string },
  ) {
    super(message, [problem]);
    this.details.rule = rule;
  }
}

/** A CONFLICT with the visit's current state, naming the rule (`extensions.rule`). */
export class VisitStateConflict extends ConflictError {
  constructor(rule: VisitRuleCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { rule, ...details });
  }
}

/** Clocks of phones differ a little; a visit up to this far ahead of the server is not "in the future". */
export const CLOCK_SKEW_MS = 60_000;

export interface UnitFacts {
  id: string;
  name: string;
  level: string;
  status: string;
  ancestors: readonly string[];
}

export interface VisitRuleContext {
  now: Date;
  unit(id: string): UnitFacts | undefined;
  rolesAt(memberId: string, unitId: string, at: Date): string[];
  /** the household's grid, undefined when unknown */
  householdGrid(id: string): string | undefined;
  /** roles that may visit the grids below the unit they are held on (e.g. VILLAGE_STAFF on the village) */
  rolesFromAbove: ReadonlySet<string>;
}

/** A visit as it would be stored after the change being checked. */
export interface VisitDraft {
  id: string | null;
  memberId: string;
  gridId: string;
  kind: VisitKind;
  status: VisitStatus;
  householdIds: readonly string[];
  startedAt: Date | null;
  endedAt: Date | null;
}

/** Another visit of the same member, as far as overlap matters. */
export interface TimedVisit {
  id: string;
  status: VisitStatus;
  startedAt: Date | null;
  endedAt: Date | null;
}

/**
 * The time a visit holds the member, [start, end): open-ended while in
 * progress; a visit logged with start = end still occupies that instant.
 */
function span(visit: { status: VisitStatus; startedAt: Date | null; endedAt: Date | null }): [number, number] | undefined {
  if (!visit.startedAt || (visit.status !== 'IN_PROGRESS' && visit.status !== 'COMPLETED')) return undefined;
  const start = visit.startedAt.getTime();
  const end = visit.endedAt ? Math.max(visit.endedAt.getTime(), start + 1) : Infinity;
  return [start, end];
}

/** The first of `others` whose time overlaps the draft's (touching ends do not overlap). */
export function findOverlap(draft: VisitDraft, others: readonly TimedVisit[]): TimedVisit | undefined {
  const mine = span(draft);
  if (!mine) return undefined;
  return others.find((other) => {
    if (other.id === draft.id) return false;
    const theirs = span(other);
    return theirs !== undefined && theirs[0] < mine[1] && mine[0] < theirs[1];
  });
}

function checkTimes(draft: VisitDraft, now: Date): void {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (draft.startedAt && draft.startedAt.getTime() > latest) {
    throw new VisitRuleViolation('VISIT_IN_FUTURE', `The visit cannot start in the future (${draft.startedAt.toISOString()})`, {
      path: 'input.startedAt',
      message: 'in the future',
    });
  }
  if (draft.endedAt && draft.endedAt.getTime() > latest) {
    throw new VisitRuleViolation('VISIT_IN_FUTURE', `The visit cannot end in the future (${draft.endedAt.toISOString()})`, {
      path: 'input.endedAt',
      message: 'in the future',
    });
  }
  if (draft.startedAt && draft.endedAt && draft.endedAt < draft.startedAt) {
    throw new VisitRuleViolation(
      'VISIT_END_BEFORE_START',
      `The visit ends (${draft.endedAt.toISOString()}) before it starts (${draft.startedAt.toISOString()})`,
      { path: 'input.endedAt', message: 'before startedAt' },
    );
  }
}

function checkGrid(draft: VisitDraft, ctx: VisitRuleContext): UnitFacts {
  const grid = ctx.unit(draft.gridId);
  if (!grid || grid.level !== 'GRID' || grid.status !== 'ACTIVE') {
    const what = !grid ? 'is unknown' : grid.level !== 'GRID' ? `is a ${grid.level}, not a GRID` : 'is retired';
    throw new VisitRuleViolation('VISIT_UNIT_NOT_GRID', `Unit ${draft.gridId} ${what}: visits are logged on an active grid (网格)`, {
      path: 'input.gridId',
      message: 'not an active grid',
    });
  }
  return grid;
}

/** The member must hold a role on the grid (or a role that visits from above on a unit containing it) at `at`. */
function checkAssigned(draft: VisitDraft, grid: UnitFacts, at: Date, ctx: VisitRuleContext, path: string): void {
  if (ctx.rolesAt(draft.memberId, grid.id, at).length > 0) return;
  const fromAbove = grid.ancestors.some((unitId) => ctx.rolesAt(draft.memberId, unitId, at).some((role) => ctx.rolesFromAbove.has(role)));
  if (fromAbove) return;
  throw new VisitRuleViolation(
    'VISIT_MEMBER_NOT_ASSIGNED',
    `Member ${draft.memberId} held no assignment on grid ${grid.name} at ${at.toISOString()}`,
    { path, message: 'not assigned to the grid at that time' },
  );
}

function checkHouseholds(draft: VisitDraft, grid: UnitFacts, ctx: VisitRuleContext): void {
  draft.householdIds.forEach((householdId, index) => {
    const gridId = ctx.householdGrid(householdId);
    if (gridId === undefined) {
      throw new VisitRuleViolation('VISIT_HOUSEHOLD_UNKNOWN', `Household ${householdId} is unknown`, {
        path: `input.householdIds.${index}`,
        message: 'unknown household',
      });
    }
    if (gridId !== grid.id) {
      throw new VisitRuleViolation('VISIT_HOUSEHOLD_OTHER_GRID', `Household ${householdId} belongs to another grid, not ${grid.name}`, {
        path: `input.householdIds.${index}`,
        message: 'belongs to another grid',
      });
    }
  });
}

/**
 * Checks a manual visit as it would be stored: times (end ≥ start, nothing
 * in the future), an active grid, the member assigned there while the visit
 * ran, households of that grid, and no overlap with the member's other
 * visits in progress or completed.
 */
export function checkVisit(draft: VisitDraft, ctx: VisitRuleContext, others: readonly TimedVisit[]): void {
  checkTimes(draft, ctx.now);
  const grid = checkGrid(draft, ctx);
  checkAssigned(draft, grid, draft.startedAt ?? ctx.now, ctx, draft.startedAt ? 'input.startedAt' : 'input.memberId');
  if (draft.startedAt && draft.endedAt && draft.endedAt > draft.startedAt) {
    checkAssigned(draft, grid, new Date(draft.endedAt.getTime() - 1), ctx, 'input.endedAt');
  }
  checkHouseholds(draft, grid, ctx);
  const overlap = findOverlap(draft, others);
  if (overlap) {
    const when = overlap.endedAt
      ? `${overlap.startedAt?.toISOString()}–${overlap.endedAt.toISOString()}`
      : `since ${overlap.startedAt?.toISOString()}, still in progress`;
    throw new VisitRuleViolation('VISIT_OVERLAP', `The visit overlaps visit ${overlap.id} of the same member (${when})`, {
      path: draft.endedAt ? 'input.endedAt' : 'input.startedAt',
      message: `overlaps visit ${overlap.id}`,
    });
  }
}

export type VisitAction = 'start' | 'complete' | 'cancel';

const ALLOWED_FROM: Record<VisitAction, readonly VisitStatus[]> = {
  start: ['PLANNED'],
  complete: ['PLANNED', 'IN_PROGRESS'],
  cancel: ['PLANNED', 'IN_PROGRESS'],
};

/** Throws CONFLICT unless a manual visit in `status` allows `action`. */
export function requireTransition(visit: { id: string; kind: VisitKind; status: VisitStatus; ticketId: string | null }, action: VisitAction): void {
  if (visit.kind === 'TICKET_HANDLING' || visit.ticketId) {
    throw new VisitStateConflict(
      'VISIT_FOLLOWS_TICKET',
      `Visit ${visit.id} follows ticket ${visit.ticketId ?? '?'}: start, resolve or reassign the ticket instead`,
      { ticketId: visit.ticketId },
    );
  }
  if (!ALLOWED_FROM[action].includes(visit.status)) {
    throw new VisitStateConflict('VISIT_STATUS', `Visit ${visit.id} is ${visit.status}; cannot ${action} it`, {
      status: visit.status,
      action,
    });
  }
}

/** The status a newly logged visit gets from the times given. */
export function initialStatus(startedAt: Date | null, endedAt: Date | null): VisitStatus {
  if (endedAt) return 'COMPLETED';
  return startedAt ? 'IN_PROGRESS' : 'PLANNED';
}
