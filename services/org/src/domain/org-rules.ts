import { BadUserInputError, ConflictError, type DomainError } from '@steward/errors';

/** 市 › 区县 › 乡镇(街道) › 行政村(社区) › 自然村 › 网格 */
export const ORG_LEVELS = ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** RETIRED (撤销): kept for history; nothing new may point at it. */
export const ORG_UNIT_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type OrgUnitStatus = (typeof ORG_UNIT_STATUSES)[number];

/** 党总支, 党支部, 网格党小组 */
export const PARTY_ORG_KINDS = ['GENERAL_BRANCH', 'BRANCH', 'GRID_GROUP'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

export interface PartyOrg {
  kind: PartyOrgKind;
  name: string;
  secretaryName: string | null;
}

/**
 * Stable reasons in `extensions.reason` beside the error code, so clients can
 * tell refusals with the same code apart.
 */
export type OrgRuleReason =
  | 'LEVEL_ORDER'
  | 'RETIRED_PARENT'
  | 'MOVE_CYCLE'
  | 'RETIRED_UNIT'
  | 'HAS_ACTIVE_CHILDREN'
  | 'DUPLICATE_CODE'
  | 'PARTY_ORG_LEVEL'
  | 'STALE_VERSION';

function withReason<E extends DomainError>(error: E, reason: OrgRuleReason): E {
  error.details.reason = reason;
  return error;
}

export function ruleViolation(reason: OrgRuleReason, message: string, path: string, problem: string): BadUserInputError {
  return withReason(new BadUserInputError(message, [{ path, message: problem }]), reason);
}

export function ruleConflict(reason: OrgRuleReason, message: string, details: Record<string, unknown> = {}): ConflictError {
  return withReason(new ConflictError(message, details), reason);
}

/** Which parent levels each level may sit under. A grid covers a natural village or hangs directly under an administrative village. */
const ALLOWED_PARENTS: Record<OrgLevel, readonly OrgLevel[]> = {
  CITY: [],
  DISTRICT: ['CITY'],
  TOWNSHIP: ['DISTRICT'],
  ADMIN_VILLAGE: ['TOWNSHIP'],
  NATURAL_VILLAGE: ['ADMIN_VILLAGE'],
  GRID: ['NATURAL_VILLAGE', 'ADMIN_VILLAGE'],
};

/** Which party organisation kinds a unit of each level may carry. */
const ALLOWED_PARTY_ORGS: Record<OrgLevel, readonly PartyOrgKind[]> = {
  CITY: [],
  DISTRICT: [],
  TOWNSHIP: [],
  ADMIN_VILLAGE: ['GENERAL_BRANCH', 'BRANCH'],
  NATURAL_VILLAGE: [],
  GRID: ['GRID_GROUP'],
};

export interface UnitFacts {
  id: string;
  level: OrgLevel;
  status: OrgUnitStatus;
  /** Ids from the city down to the parent. */
  ancestors: readonly string[];
}

export type ParentFacts = Pick<UnitFacts, 'id' | 'level' | 'status'>;

/**
 * Refuses a parent/child combination that breaks the level order or points at
 * a retired unit. `path` names the input field that chose the parent.
 */
export function checkPlacement(level: OrgLevel, parent: ParentFacts | undefined, path = 'input.parentId'): void {
  const allowed = ALLOWED_PARENTS[level];
  if (!parent) {
    if (allowed.length > 0) {
      throw ruleViolation('LEVEL_ORDER', `A ${level} needs a parent (${allowed.join(' or ')})`, path, 'required');
    }
    return;
  }
  if (!allowed.includes(parent.level)) {
    const expected = allowed.length ? allowed.join(' or ') : 'no parent';
    throw ruleViolation('LEVEL_ORDER', `A ${level} cannot sit under a ${parent.level}; expected ${expected}`, path, `must be ${expected}`);
  }
  if (parent.status === 'RETIRED') {
    throw ruleViolation('RETIRED_PARENT', `Parent ${parent.id} is retired`, path, 'retired');
  }
}

/** A retired unit is history: it is neither edited nor moved. */
export function checkChangeable(unit: Pick<UnitFacts, 'id' | 'status'>): void {
  if (unit.status === 'RETIRED') {
    throw ruleConflict('RETIRED_UNIT', `OrgUnit ${unit.id} is retired and can no longer change`, { id: unit.id });
  }
}

/** Refuses a move of `unit` under `newParent`: into its own subtree, of a retired unit, or breaking placement rules. */
export function checkMove(unit: UnitFacts, newParent: UnitFacts): void {
  if (newParent.id === unit.id || newParent.ancestors.includes(unit.id)) {
    throw ruleViolation('MOVE_CYCLE', `OrgUnit ${unit.id} cannot move under itself or its own subtree`, 'newParentId', 'inside the moved subtree');
  }
  checkChangeable(unit);
  checkPlacement(unit.level, newParent, 'newParentId');
}

/** Retiring keeps the unit as history; it is refused while active units still hang below it. */
export function checkRetire(unit: Pick<UnitFacts, 'id'>, activeChildren: number): void {
  if (activeChildren > 0) {
    throw ruleConflict(
      'HAS_ACTIVE_CHILDREN',
      `OrgUnit ${unit.id} still has ${activeChildren} active child unit(s); move or retire them first`,
      { id: unit.id, activeChildren },
    );
  }
}

/** A party organisation fits its level: 党总支/党支部 at an administrative village, 党小组 at a grid. */
export function checkPartyOrg(level: OrgLevel, partyOrg: Pick<PartyOrg, 'kind'> | null | undefined, path = 'input.partyOrg'): void {
  if (!partyOrg) return;
  const allowed = ALLOWED_PARTY_ORGS[level];
  if (!allowed.includes(partyOrg.kind)) {
    const expected = allowed.length ? allowed.join(' or ') : 'none';
    throw ruleViolation(
      'PARTY_ORG_LEVEL',
      `A ${level} cannot carry a ${partyOrg.kind} party organisation; expected ${expected}`,
      `${path}.kind`,
      `must be ${expected}`,
    );
  }
}

/** The client's `expectedVersion`, when given, must still be the unit's version. */
export function checkExpectedVersion(unit: { id: string; version: number }, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== unit.version) {
    throw ruleConflict(
      'STALE_VERSION',
      `OrgUnit ${unit.id} is at version ${unit.version}, not ${expectedVersion}; reload and retry`,
      { id: unit.id, version: unit.version, expectedVersion },
    );
  }
}

/** The ancestors a child of `parent` must carry: the parent's own path. */
export function ancestorsUnder(parent: Pick<UnitFacts, 'id' | 'ancestors'>): string[] {
  return [...parent.ancestors, parent.id];
}

/** True when the child's stored ancestors differ from those its parent implies (an ancestor moved). */
export function needsRebase(child: Pick<UnitFacts, 'ancestors'>, parent: Pick<UnitFacts, 'id' | 'ancestors'>): boolean {
  const expected = ancestorsUnder(parent);
  return child.ancestors.length !== expected.length || child.ancestors.some((id, index) => id !== expected[index]);
}

/** 12-digit administrative division code (统计用区划代码). */
export const DIVISION_CODE_PATTERN = /^\d{12}$/;

/** The key of the unique index on division codes: the code, or a per-unit placeholder when there is none. */
export function codeKeyOf(id: string, code: string | null): string {
  return code ?? `id:${id}`;
}
