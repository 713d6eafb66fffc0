// The module itself, not the package index (that loads NestJS): this stays framework-free.
import { samePath } from '@steward/auth';

/** An assignment as far as its placement goes: its unit and that unit's path as stored. */
export interface PathedAssignment {
  unitId: string;
  orgPath: string[];
}

/**
 * The member's assignments after `unitId` came to lie at `path` (ids from the
 * city down to the unit, after a move): every assignment on that unit, held
 * now or ended, takes the new path, the others stay as they are. Null when
 * none needs a change (a rename, a state seen before). The member's
 * `unitPaths` follow from the result (`unitPathsOf`).
 */
export function repathAssignments<A extends PathedAssignment>(assignments: readonly A[], unitId: string, path: readonly string[]): A[] | null {
  const stale = assignments.some((assignment) => assignment.unitId === unitId && !samePath(assignment.orgPath, path));
  if (!stale) return null;
  return assignments.map((assignment) => (assignment.unitId === unitId ? { ...assignment, orgPath: [...path] } : assignment));
}
