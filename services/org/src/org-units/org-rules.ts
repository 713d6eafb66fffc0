import { BadUserInputError } from '@steward/errors';

/** 市 › 区县 › 乡镇(街道) › 行政村(社区) › 自然村 › 网格 */
export const ORG_LEVELS = ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** RETIRED (撤销): kept for history; nothing new may point at it. */
export const ORG_UNIT_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type OrgUnitStatus = (typeof ORG_UNIT_STATUSES)[number];

/** Which parent levels each level may sit under. A grid covers a natural village or hangs directly under an administrative village. */
const ALLOWED_PARENTS: Record<OrgLevel, readonly OrgLevel[]> = {
  CITY: [],
  DISTRICT: ['CITY'],
  TOWNSHIP: ['DISTRICT'],
  ADMIN_VILLAGE: ['TOWNSHIP'],
  NATURAL_VILLAGE: ['ADMIN_VILLAGE'],
  GRID: ['NATURAL_VILLAGE', 'ADMIN_VILLAGE'],
};

export interface ParentFacts {
  id: string;
  level: OrgLevel;
  status: OrgUnitStatus;
}

/** Refuses a parent/child combination that breaks the level order or points at a retired unit. */
export function checkPlacement(level: OrgLevel, parent: ParentFacts | undefined): void {
  const allowed = ALLOWED_PARENTS[level];
  if (!parent) {
    if (allowed.length > 0) {
      throw new BadUserInputError(`A ${level} needs a parent (${allowed.join(' or ')})`, [
        { path: 'input.parentId', message: 'required' },
      ]);
    }
    return;
  }
  if (!allowed.includes(parent.level)) {
    const expected = allowed.length ? allowed.join(' or ') : 'no parent';
    throw new BadUserInputError(`A ${level} cannot sit under a ${parent.level}; expected ${expected}`, [
      { path: 'input.parentId', message: `must be ${expected}` },
    ]);
  }
  if (parent.status === 'RETIRED') {
    throw new BadUserInputError(`Parent ${parent.id} is retired`, [{ path: 'input.parentId', message: 'retired' }]);
  }
}

/** 12-digit administrative division code (统计用区划代码). */
export const DIVISION_CODE_PATTERN = /^\d{12}$/;
