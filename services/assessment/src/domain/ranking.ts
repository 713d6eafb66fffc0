/**
 * Rankings among peers (排名): units of one level under one parent, best
 * first. Pure; the caller finds the peers in the org tree and scores them.
 */
export const ORG_LEVELS = ['CITY', 'DISTRICT', 'TOWNSHIP', 'ADMIN_VILLAGE', 'NATURAL_VILLAGE', 'GRID'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export interface Rankable {
  id: string;
  score: number | null;
  completionRate: number | null;
}

export type Ranked<T> = T & { rank: number | null };

/** Higher first; null after every number. */
function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * Orders by score, then completion rate, then id (so equal scores always come
 * out in the same order), and numbers the positions from 1. A peer without a
 * score (nothing to judge yet) comes last, unranked.
 */
export function rankPeers<T extends Rankable>(peers: readonly T[]): Ranked<T>[] {
  const ordered = [...peers].sort(
    (a, b) =>
      descendingNullsLast(a.score, b.score) ||
      descendingNullsLast(a.completionRate, b.completionRate) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ordered.map((peer, index) => ({ ...peer, rank: peer.score === null ? null : index + 1 }));
}

/** The level whose units a unit is ranked among: grids within their administrative village, villages within their township, … */
export const PEER_PARENT_LEVEL: Readonly<Record<OrgLevel, OrgLevel | null>> = {
  CITY: null,
  DISTRICT: 'CITY',
  TOWNSHIP: 'DISTRICT',
  ADMIN_VILLAGE: 'TOWNSHIP',
  NATURAL_VILLAGE: 'ADMIN_VILLAGE',
  GRID: 'ADMIN_VILLAGE',
};

/** The level `OrgUnit.ranking` lists by default: the assessed level just below. */
export const RANKED_CHILD_LEVEL: Readonly<Record<OrgLevel, OrgLevel | null>> = {
  CITY: 'DISTRICT',
  DISTRICT: 'TOWNSHIP',
  TOWNSHIP: 'ADMIN_VILLAGE',
  ADMIN_VILLAGE: 'GRID',
  NATURAL_VILLAGE: 'GRID',
  GRID: null,
};

export function isBelow(level: OrgLevel, parentLevel: OrgLevel): boolean {
  return ORG_LEVELS.indexOf(level) > ORG_LEVELS.indexOf(parentLevel);
}
