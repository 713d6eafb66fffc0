import type { OrgScope } from '@steward/auth';

/**
 * Which org units a caller may read (可见范围): the units inside their read
 * scope, plus the ancestors of their scope units, so a grid member sees the
 * breadcrumb of their grid (village, township, city) but not sibling villages
 * or their subtrees.
 */
export type OrgVisibility = { kind: 'ALL' } | { kind: 'UNITS'; scopeIds: readonly string[]; ancestorIds: readonly string[] };

/** A unit as far as visibility is concerned. */
export interface PlacedUnit {
  id: string;
  ancestors: readonly string[];
}

/** The visibility of `scope`, given the stored scope units (units unknown to the store add nothing beyond themselves). */
export function visibilityOf(scope: OrgScope, scopeUnits: readonly PlacedUnit[]): OrgVisibility {
  if (scope.kind === 'ALL') return { kind: 'ALL' };
  const scopeIds = [...scope.unitIds];
  const ancestorIds = [...new Set(scopeUnits.filter((unit) => scopeIds.includes(unit.id)).flatMap((unit) => unit.ancestors))];
  return { kind: 'UNITS', scopeIds, ancestorIds: ancestorIds.filter((id) => !scopeIds.includes(id)) };
}

export function isVisible(visibility: OrgVisibility, unit: PlacedUnit): boolean {
  if (visibility.kind === 'ALL') return true;
  const { scopeIds, ancestorIds } = visibility;
  return scopeIds.includes(unit.id) || ancestorIds.includes(unit.id) || unit.ancestors.some((id) => scopeIds.includes(id));
}

/** The Mongo filter for `isVisible` on org_units documents (`_id`, `ancestors`), to AND into every read. */
export function visibilityFilter(visibility: OrgVisibility): Record<string, unknown> {
  if (visibility.kind === 'ALL') return {};
  const { scopeIds, ancestorIds } = visibility;
  return { $or: [{ _id: { $in: [...scopeIds, ...ancestorIds] } }, { ancestors: { $in: [...scopeIds] } }] };
}

/** The org path a permission on `unit` is checked against: its ancestors and itself. */
export function pathOf(unit: PlacedUnit): string[] {
  return [...unit.ancestors, unit.id];
}
