import { COUNTERS, type Counters, type Increments } from './counters';
import type { Period } from './periods';
import { rankPeers } from './ranking';
import { scoreView, type ScoreView } from './score-view';
import type { ScoringWeights } from './scoring';

/*
 * Frozen period reports (考核报告), pure: which subjects a report holds, their
 * frozen scores and ranks, and which later events are adjustments to it.
 */

export function reportId(unitId: string, period: Period): string {
  return `${unitId}|${period.kind}|${period.key}`;
}

export interface ReportSubject {
  subjectId: string;
  subjectType: string;
  counters: Counters;
  /** the counter document's watermarks when it was frozen */
  wm: Record<string, number>;
  /** units: the peer group (same level under the same parent); members: one group */
  peerGroup: string;
}

export interface FrozenEntry extends ScoreView {
  rank: number | null;
  wm: Record<string, number>;
}

/** Scores every subject under one policy and ranks it within its peer group (members among the report's members). */
export function freezeEntries(subjects: ReportSubject[], period: Period, policy: { version: number; weights: ScoringWeights }): FrozenEntry[] {
  const groups = new Map<string, (ScoreView & { id: string; wm: Record<string, number> })[]>();
  for (const subject of subjects) {
    const view = scoreView(subject.subjectId, subject.subjectType, period, subject.counters, policy);
    const group = groups.get(subject.peerGroup) ?? [];
    group.push({ ...view, id: subject.subjectId, wm: subject.wm });
    groups.set(subject.peerGroup, group);
  }
  return [...groups.values()].flatMap((group) => rankPeers(group).map(({ id: _id, ...entry }) => entry));
}

export interface CandidateFacts {
  subjectId: string;
  wmKey: string;
  offset: number;
  increments: Increments;
}

/**
 * The candidates that really are adjustments: events applied to a subject
 * after its snapshot (offset above the frozen watermark of its partition), or
 * to a subject the report does not hold. Anything at or below the watermark
 * was already in the frozen counters.
 */
export function adjustmentsOf<T extends CandidateFacts>(candidates: readonly T[], frozen: ReadonlyMap<string, { wm: Record<string, number> }>): T[] {
  return candidates.filter((candidate) => {
    const seen = frozen.get(candidate.subjectId)?.wm[candidate.wmKey];
    return seen === undefined || candidate.offset > seen;
  });
}

/** Every counter, 0 when unchanged. */
export function fullChanges(increments: Increments): Counters {
  return Object.fromEntries(COUNTERS.map((name) => [name, increments[name] ?? 0])) as Counters;
}
