import { Args, Directive, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { accessOf, CurrentAccess, DEFAULT_PAGE_SIZE, listSize, MAX_PAGE_SIZE, type Page, type RequestContext } from '@steward/service-kit';
import type { ScoreView } from '../domain/score-view';
import { Member, OrgLevelEnum, OrgUnit, PeriodInput, RankingConnection, Score, type OrgLevelValue } from './score.model';
import { ScoresService } from '../application/scores.service';

const periodArg = () => Args('period', { type: () => PeriodInput });
const firstArg = () => Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` });
const afterArg = () => Args('after', { type: () => String, nullable: true, description: 'Cursor of the last edge already seen' });

@Resolver(() => Score)
export class ScoresResolver {
  constructor(private readonly service: ScoresService) {}

  @Query(() => Score, { nullable: true, description: 'Live score of a member or unit in a period (考核得分); null when nothing was counted; FORBIDDEN outside your units (超出管辖范围)' })
  score(@CurrentAccess() access: Access, @Args('subjectId', { type: () => ID }) subjectId: string, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(access, subjectId, period);
  }

  @Query(() => RankingConnection, { description: 'Ranking (排名) of the units of one level below a unit: grids of a village, villages of a township, …; the unit must lie inside your units' })
  @Directive(listSize.connection)
  ranking(
    @CurrentAccess() access: Access,
    @Args('parentId', { type: () => ID }) parentId: string,
    @Args('level', { type: () => OrgLevelEnum }) level: OrgLevelValue,
    @periodArg() period: PeriodInput,
    @firstArg() first?: number,
    @afterArg() after?: string,
  ): Promise<Page<ScoreView>> {
    return this.service.ranking(access, parentId, level, period, { first, after });
  }

  @ResolveField(() => Int, { nullable: true, description: 'Rank among peers (grids within their village, villages within their township, …); null for members, the city, or no score' })
  rank(@Parent() score: ScoreView): Promise<number | null> {
    return this.service.rankOf(score);
  }

  @ResolveField(() => OrgUnit, { nullable: true, description: 'The unit scored (null for a member)' })
  unit(@Parent() score: ScoreView): OrgUnit | null {
    return score.subjectType === 'MEMBER' ? null : { id: score.subjectId };
  }

  @ResolveField(() => Member, { nullable: true, description: 'The member scored (null for a unit)' })
  member(@Parent() score: ScoreView): Member | null {
    return score.subjectType === 'MEMBER' ? { id: score.subjectId } : null;
  }
}

@Resolver(() => Member)
export class MemberScoreResolver {
  constructor(private readonly service: ScoresService) {}

  @ResolveField(() => Score, { nullable: true, description: "The member's live score in a period (tickets handled, visits made)" })
  score(@CurrentAccess() access: Access, @Parent() member: Member, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(access, member.id, period);
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

  @ResolveField(() => Score, { nullable: true, description: "The unit's live score in a period, its whole subtree counted" })
  score(@CurrentAccess() access: Access, @Parent() unit: OrgUnit, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(access, unit.id, period);
  }

  @ResolveField(() => RankingConnection, {
    description: 'Ranking of the units below this one: by default the next assessed level (districts of a city, townships of a district, villages of a township, grids of a village)',
  })
  @Directive(listSize.connection)
  ranking(
    @CurrentAccess() access: Access,
    @Parent() unit: OrgUnit,
    @periodArg() period: PeriodInput,
    @Args('level', { type: () => OrgLevelEnum, nullable: true }) level?: OrgLevelValue | null,
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
