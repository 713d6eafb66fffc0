import type { OrgScope } from '@steward/auth';
import type { SubjectKind } from './counters';

/** The path (ancestors and itself, city first) of an org unit in the current org tree; undefined when the tree does not know it. */
export type UnitPathOf = (unitId: string) => readonly string[] | undefined;

/** Without an org tree (tools, tests of the projection): the paths the events recorded. */
export const EVENT_PATHS_ONLY: UnitPathOf = () => undefined;

export interface PlacedSubject {
  subjectId: string;
  subjectKind: SubjectKind;
  /** the units the events credited the subject under (counters' `scope`) */
  scope: readonly string[];
}

/**
 * The org units a subject's counters lie under, which decides who may read
 * them (读取范围): a unit is where the org tree puts it now (the paths its
 * events recorded if the tree does not know it); a member is wherever the
 * events of the period credited them, each unit taken with its current
 * ancestors so that a moved grid's members move with it.
 */
export function placementOf(subject: PlacedSubject, unitPath: UnitPathOf): string[] {
  if (subject.subjectKind === 'UNIT') return [...(unitPath(subject.subjectId) ?? subject.scope)];
  return [...new Set(subject.scope.flatMap((unitId) => unitPath(unitId) ?? [unitId]))];
}

/**
 * Whether `scope` reaches every root of the org tree (城市级): ALL, or grants on
 * each root unit. Without a known root only ALL does, so an empty replica
 * never lets a unit-scoped caller act city-wide.
 */
export function coversWholeTree(scope: OrgScope, rootIds: readonly string[]): boolean {
  if (scope.kind === 'ALL') return true;
  return rootIds.length > 0 && rootIds.every((rootId) => scope.unitIds.includes(rootId));
}
