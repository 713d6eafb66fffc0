import { Inject, Injectable } from '@nestjs/common';
import { ALL_UNITS, type Access, type OrgScope } from '@steward/auth';
import { BadUserInputError, NotFoundError } from '@steward/errors';
import { settle, type BatchResult } from '@steward/persistence';
import { cursorOf, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { countersOf, zeroCounters } from '../domain/counters';
import type { Period } from '../domain/periods';
import { isBelow, PEER_PARENT_LEVEL, RANKED_CHILD_LEVEL, rankPeers, type OrgLevel } from '../domain/ranking';
import { scoreView, type ScoreView } from '../domain/score-view';
import { levelOf, type UnitDirectory } from './org-index';
import { PolicyService } from './policy.service';
import type { CounterRow } from '../persistence/projection-documents';
import { ProjectionService } from './projection.service';
import { checkPeriod } from '../domain/period-check';
import { UNIT_DIRECTORY } from './scores.tokens';

@Injectable()
export class ScoresService {
  constructor(
    private readonly projection: ProjectionService,
    private readonly policies: PolicyService,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
  ) {}

  /**
   * The live score of a member or unit; null when nothing was counted for it in
   * the period. FORBIDDEN for a unit outside the caller's units (counted or not)
   * and for a member credited only outside them.
   */
  async score(access: Access, subjectId: string, period: Period): Promise<ScoreView | null> {
    const [score] = await this.scores(access, [subjectId], period);
    if (score instanceof Error) throw score;
    return score;
  }

  /** `score` of each subject at once (one read per sheet), in the order of `subjectIds`; an error (FORBIDDEN) is that subject's alone. */
  async scores(access: Access, subjectIds: readonly string[], period: Period): Promise<BatchResult<ScoreView>[]> {
    const scope = access.readScope();
    const checked = checkPeriod(period);
    const readable = subjectIds.map((subjectId) =>
      settle(() => {
        const unitPath = this.units.pathOf(subjectId);
        if (unitPath) access.assertCanRead(unitPath);
        return subjectId;
      }),
    );
    const ids = readable.filter((id): id is string => typeof id === 'string');
    const rows = new Map((await this.projection.store().findEachRow(checked, ids, scope)).map((row, index) => [ids[index], row]));
    const policy = await this.policies.current();
    return readable.map((id) => {
      if (id instanceof Error) return id;
      const row = rows.get(id) ?? null;
      return row === null || row instanceof Error ? row : scoreView(id, this.subjectTypeOf(row), checked, countersOf(row.counters), policy);
    });
  }

  /**
   * Units of `level` below `parentId`, best first (score, then completion rate,
   * then id), numbered from 1; units with nothing to score come last, unranked.
   * The parent must lie inside the caller's units (a ranking shows every peer's score).
   */
  async ranking(access: Access, parentId: string, level: OrgLevel, period: Period, page: PageArgs): Promise<Page<ScoreView>> {
    const scope = access.readScope();
    const checked = checkPeriod(period);
    const request = toPageRequest(page);
    const parentLevel = this.readableUnitLevel(access, parentId);
    if (!isBelow(level, parentLevel)) {
      throw new BadUserInputError(`${level} is not below ${parentLevel}`, [{ path: 'level', message: `must be a level below ${parentLevel}` }]);
    }
    const ranked = await this.rankedPeers(parentId, level, checked, scope);
    const start = request.afterId === undefined ? 0 : ranked.findIndex((score) => score.subjectId === request.afterId) + 1;
    if (request.afterId !== undefined && start === 0) {
      throw new BadUserInputError('after is not in this ranking', [{ path: 'after', message: 'unknown cursor' }]);
    }
    const nodes = ranked.slice(start, start + request.limit);
    return {
      edges: nodes.map((node) => ({ cursor: cursorOf(node.subjectId), node })),
      pageInfo: { hasNextPage: start + request.limit < ranked.length, endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1].subjectId) : null },
      totalCount: ranked.length,
    };
  }

  /** `ranking` below a unit, at the next assessed level unless told otherwise. */
  unitRanking(access: Access, unitId: string, level: OrgLevel | null, period: Period, page: PageArgs): Promise<Page<ScoreView>> {
    access.readScope();
    const unitLevel = this.readableUnitLevel(access, unitId);
    const target = level ?? RANKED_CHILD_LEVEL[unitLevel];
    if (!target) throw new BadUserInputError(`Nothing is ranked below a ${unitLevel}`, [{ path: 'level', message: 'no level below' }]);
    return this.ranking(access, unitId, target, period, page);
  }

  /**
   * The rank of a unit among its peers (grids within their administrative
   * village, …); null for members and the city. Asked only of a score the
   * caller may read; the peers are ranked over all their counters (ALL) since
   * a rank among the visible peers only would be wrong, and only the position
   * leaves this method, never a peer's counters.
   */
  async rankOf(score: ScoreView): Promise<number | null> {
    if (score.rank !== undefined) return score.rank;
    const level = levelOf(this.units.unit(score.subjectId));
    const parentLevel = level ? PEER_PARENT_LEVEL[level] : null;
    if (!level || !parentLevel) return null;
    const parentId = this.ancestorAt(score.subjectId, parentLevel);
    if (!parentId) return null;
    const ranked = await this.rankedPeers(parentId, level, score.period, ALL_UNITS);
    return ranked.find((peer) => peer.subjectId === score.subjectId)?.rank ?? null;
  }

  /**
   * An OrgUnit entity reference: UNAUTHENTICATED for anonymous callers,
   * FORBIDDEN for a unit the tree places outside their units; a unit the tree
   * does not know is left to the fields (null score, NOT_FOUND ranking).
   */
  assertUnitReadable(access: Access, unitId: string): void {
    access.readScope();
    const path = this.units.pathOf(unitId);
    if (path) access.assertCanRead(path);
  }

  /** Does the org tree know the unit (NOT_FOUND) and may the caller read it (FORBIDDEN)? Its level when both. */
  private readableUnitLevel(access: Access, unitId: string): OrgLevel {
    const level = levelOf(this.units.unit(unitId));
    const path = this.units.pathOf(unitId);
    if (!level || !path) throw new NotFoundError('OrgUnit', unitId);
    access.assertCanRead(path);
    return level;
  }

  private async rankedPeers(parentId: string, level: OrgLevel, period: Period, scope: OrgScope): Promise<(ScoreView & { rank: number | null })[]> {
    const peers = this.units.descendantsAt(parentId, level);
    const rows = await this.projection.store().findRows(period, peers, scope);
    const bySubject = new Map(rows.map((row) => [row.subjectId, row]));
    const policy = await this.policies.current();
    const scores = peers.map((id) => {
      const row = bySubject.get(id);
      return { ...scoreView(id, level, period, row ? countersOf(row.counters) : zeroCounters(), policy), id };
    });
    return rankPeers(scores).map(({ id: _id, ...score }) => score);
  }

  private ancestorAt(unitId: string, level: OrgLevel): string | undefined {
    const unit = this.units.unit(unitId);
    return unit?.ancestors.find((id) => this.units.unit(id)?.level === level);
  }

  subjectTypeOf(row: Pick<CounterRow, 'subjectId' | 'subjectKind'>): string {
    if (row.subjectKind === 'MEMBER') return 'MEMBER';
    return this.units.unit(row.subjectId)?.level ?? 'UNIT';
  }
}
