/**
 * Household coverage (入户覆盖): which households of a grid were reached by
 * completed visits, and who is waiting longest, the poor (贫困户) and elderly
 * living alone (独居老人) first.
 */
export const PRIORITY_TAGS: readonly string[] = ['POOR', 'ELDERLY_ALONE'];

export interface CoverageFigures {
  households: number;
  visitedHouseholds: number;
  /** visitedHouseholds / households; null for a grid without households */
  rate: number | null;
}

/** Distinct households of the grid reached by the visits (households since moved to another grid do not count). */
export function coverageOf(gridHouseholdIds: readonly string[], visitedHouseholdIds: Iterable<string>): CoverageFigures {
  const inGrid = new Set(gridHouseholdIds);
  const visited = new Set([...visitedHouseholdIds].filter((id) => inGrid.has(id)));
  return {
    households: inGrid.size,
    visitedHouseholds: visited.size,
    rate: inGrid.size === 0 ? null : visited.size / inGrid.size,
  };
}

export interface HouseholdFacts {
  id: string;
  tags: readonly string[];
}

export interface UnvisitedHousehold {
  id: string;
  tags: string[];
  lastVisitedAt: Date | null;
  /** carries POOR or ELDERLY_ALONE */
  priority: boolean;
}

/**
 * Households with no completed visit since `cutoff`, optionally only those
 * carrying one of `tags`: priority households first, then never visited,
 * then the longest waiting, then by id.
 */
export function unvisitedSince(
  households: readonly HouseholdFacts[],
  lastVisitedAt: ReadonlyMap<string, Date>,
  cutoff: Date,
  tags: readonly string[] = [],
): UnvisitedHousehold[] {
  return households
    .filter((household) => tags.length === 0 || household.tags.some((tag) => tags.includes(tag)))
    .map((household) => ({
      id: household.id,
      tags: [...household.tags],
      lastVisitedAt: lastVisitedAt.get(household.id) ?? null,
      priority: household.tags.some((tag) => PRIORITY_TAGS.includes(tag)),
    }))
    .filter((household) => household.lastVisitedAt === null || household.lastVisitedAt < cutoff)
    .sort(
      (a, b) =>
        Number(b.priority) - Number(a.priority) ||
        (a.lastVisitedAt?.getTime() ?? -Infinity) - (b.lastVisitedAt?.getTime() ?? -Infinity) ||
        a.id.localeCompare(b.id),
    );
}
