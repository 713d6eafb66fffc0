import { Args, Context, Directive, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, DEFAULT_PAGE_SIZE, listSize, loadInBatch, MAX_PAGE_SIZE, type Page, type RequestContext } from '@steward/service-kit';
import type { ScoreView } from '../domain/score-view';
import { Member, OrgLevelEnum, OrgUnit, PeriodInput, RankingConnection, Score, type OrgLevelValue } from './score.model';
import { ScoresService } from '../application/scores.service';

const periodArg = () => Args('period', { type: () => PeriodInput, description: '考核周期 / The assessment period' });
const firstArg = () => Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `每页条数，1–${MAX_PAGE_SIZE}（默认 ${DEFAULT_PAGE_SIZE}） / Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` });
const afterArg = () => Args('after', { type: () => String, nullable: true, description: '已看到的最后一项的游标 / Cursor of the last edge already seen' });

@Resolver(() => Score)
export class ScoresResolver {
  constructor(private readonly service: ScoresService) {}

  @Query(() => Score, { nullable: true, description: '人员或单位在某周期的实时考核得分；未计入数据时为 null；超出管辖范围为 FORBIDDEN / Live score of a member or unit in a period; null when nothing was counted; FORBIDDEN outside your units' })
  score(@CurrentAccess() access: Access, @Args('subjectId', { type: () => ID, description: '被考核人员或单位的 ID / Id of the member or unit assessed' }) subjectId: string, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(access, subjectId, period);
  }

  @Query(() => RankingConnection, { description: '某单位下一层级各单位的排名（村的网格、乡镇的村……）；该单位须在管辖范围内 / Ranking of the units of one level below a unit: grids of a village, villages of a township, …; the unit must lie inside your units' })
  @Directive(listSize.connection)
  ranking(
    @CurrentAccess() access: Access,
    @Args('parentId', { type: () => ID, description: '上级单位 ID / Id of the parent unit' }) parentId: string,
    @Args('level', { type: () => OrgLevelEnum, description: '参与排名的层级 / Level of the units ranked' }) level: OrgLevelValue,
    @periodArg() period: PeriodInput,
    @firstArg() first?: number,
    @afterArg() after?: string,
  ): Promise<Page<ScoreView>> {
    return this.service.ranking(access, parentId, level, period, { first, after });
  }

  @ResolveField(() => Int, { nullable: true, description: '同类排名（村内网格、乡镇内村……）；人员、市或无得分时为 null / Rank among peers (grids within their village, villages within their township, …); null for members, the city, or no score' })
  rank(@Parent() score: ScoreView): Promise<number | null> {
    return this.service.rankOf(score);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: '被考核单位（人员为 null） / The unit scored (null for a member)' })
  unit(@Parent() score: ScoreView): OrgUnit | null {
    return score.subjectType === 'MEMBER' ? null : { id: score.subjectId };
  }

  @ResolveField(() => Member, { nullable: true, description: '被考核人员（单位为 null） / The member scored (null for a unit)' })
  member(@Parent() score: ScoreView): Member | null {
    return score.subjectType === 'MEMBER' ? { id: score.subjectId } : null;
  }
}

/** The scores of one period that a request asks for (members' and units' alike) are read together, one read per sheet. */
function scoreInBatch(service: ScoresService, context: RequestContext, subjectId: string, period: PeriodInput): Promise<ScoreView | null> {
  const access = accessOf(context);
  return loadInBatch(context, `score:${period.kind}:${period.key}`, subjectId, (ids) => service.scores(access, ids, period));
}

@Resolver(() => Member)
export class MemberScoreResolver {
  constructor(private readonly service: ScoresService) {}

  @ResolveField(() => Score, { nullable: true, description: '人员在某周期的实时考核得分（办理工单、走访） / The member\'s live score in a period (tickets handled, visits made)' })
  score(@Context() context: RequestContext, @Parent() member: Member, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return scoreInBatch(this.service, context, member.id, period);
  }

  /** Who a member worked for depends on the period: the `score` field decides. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): Member {
    accessOf(context).readScope();
    return { id: reference.id };
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitScoreResolver {
  constructor(private readonly service: ScoresService) {}

  @ResolveField(() => Score, { nullable: true, description: '单位在某周期的实时考核得分，计入整个下辖范围 / The unit\'s live score in a period, its whole subtree counted' })
  score(@Context() context: RequestContext, @Parent() unit: OrgUnit, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return scoreInBatch(this.service, context, unit.id, period);
  }

  @ResolveField(() => RankingConnection, {
    description: '下级单位排名：默认为下一考核层级（市的区县、区县的乡镇、乡镇的村、村的网格） / Ranking of the units below this one: by default the next assessed level (districts of a city, townships of a district, villages of a township, grids of a village)',
  })
  @Directive(listSize.connection)
  ranking(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @periodArg() period: PeriodInput,
    @Args('level', { type: () => OrgLevelEnum, nullable: true, description: '参与排名的层级，默认下一考核层级 / Level of the units ranked; default the next assessed level' }) level?: OrgLevelValue | null,
    @firstArg() first?: number,
    @afterArg() after?: string,
  ): Promise<Page<ScoreView>> {
    return this.service.unitRanking(access, unit.id, level ?? null, period, { first, after });
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: RequestContext): OrgUnit {
    this.service.assertUnitReadable(accessOf(context), reference.id);
    return { id: reference.id };
  }
}
