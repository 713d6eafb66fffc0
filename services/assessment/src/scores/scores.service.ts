import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from '@steward/errors';
import { cursorOf, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { countersOf, zeroCounters } from '../domain/counters';
import type { Period } from '../domain/periods';
import { isBelow, PEER_PARENT_LEVEL, RANKED_CHILD_LEVEL, rankPeers, type OrgLevel } from '../domain/ranking';
import { scoreView, type ScoreView } from '../domain/score-view';
import { levelOf, type UnitDirectory } from '../org/org-index';
import { PolicyService } from '../policy/policy.service';
import type { CounterRow } from '../projection/documents';
import { ProjectionService } from '../projection/projection.service';
import { checkPeriod } from './period-check';
import { UNIT_DIRECTORY } from './tokens';

@Injectable()
export class ScoresService {
  constructor(
    private readonly projection: ProjectionService,
    private readonly policies: PolicyService,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
  ) {}

  /** The live score of a member or unit; null when nothing was counted for it in the period. */
  async score(subjectId: string, period: Period): Promise<ScoreView | null> {
    const checked = checkPeriod(period);
    const row = await this.projection.store().findRow(checked, subjectId);
    if (!row) return null;
    return scoreView(subjectId, this.subjectTypeOf(row), checked, countersOf(row.counters), await this.policies.current());
  }

  /**
   * Units of `level` below `parentId`, best first (score, then completion rate,
   * then id), numbered from 1; units with nothing to score come last, unranked.
   */
  async ranking(parentId: string, level: OrgLevel, period: Period, page: PageArgs): Promise<Page<ScoreView>> {
    const checked = checkPeriod(period);
    const request = toPageRequest(page);
    const parent = this.units.unit(parentId);
    const parentLevel = levelOf(parent);
    if (!parent || !parentLevel) throw new NotFoundError('OrgUnit', parentId);
    if (!isBelow(level, parentLevel)) {
      throw new BadUserInputError(`${level} is not below ${parentLevel}`, [{ path: 'level', message: `must be a level below ${parentLevel}` }]);
    }
    const ranked = await this.rankedPeers(parentId, level, checked);
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
  unitRanking(unitId: string, level: OrgLevel | null, period: Period, page: PageArgs): Promise<Page<ScoreView>> {
    const unitLevel = levelOf(this.units.unit(unitId));
    if (!unitLevel) throw new NotFoundError('OrgUnit', unitId);
    const target = level ?? RANKED_CHILD_LEVEL[unitLevel];
    if (!target) throw new BadUserInputError(`Nothing is ranked below a ${unitLevel}`, [{ path: 'level', message: 'no level below' }]);
    return this.ranking(unitId, target, period, page);
  }

  /** The rank of a unit among its peers (grids within their administrative village, …); null for members and the city. */
  async rankOf(score: ScoreView): Promise<number | null> {
    if (score.rank !== undefined) return score.rank;
    const level = levelOf(this.units.unit(score.subjectId));
    const parentLevel = level ? PEER_PARENT_LEVEL[level] : null;
    if (!level || !parentLevel) return null;
    const parentId = this.ancestorAt(score.subjectId, parentLevel);
    if (!parentId) return null;
    const ranked = await this.rankedPeers(parentId, level, score.period);
    return ranked.find((peer) => peer.subjectId === score.subjectId)?.rank ?? null;
  }

  private async rankedPeers(parentId: string, level: OrgLevel, period: Period): Promise<(ScoreView & { rank: number | null })[]> {
    const peers = this.units.descendantsAt(parentId, level);
    const rows = await this.projection.store().findRows(period, peers);
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
