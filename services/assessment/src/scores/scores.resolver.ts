import { Args, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Page } from '@steward/service-kit';
import type { ScoreView } from '../domain/score-view';
import { Member, OrgLevelEnum, OrgUnit, PeriodInput, RankingConnection, Score, type OrgLevelValue } from './score.model';
import { ScoresService } from './scores.service';

const periodArg = () => Args('period', { type: () => PeriodInput });
const firstArg = () => Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–200 (default 20)' });
const afterArg = () => Args('after', { type: () => String, nullable: true, description: 'Cursor of the last edge already seen' });

@Resolver(() => Score)
export class ScoresResolver {
  constructor(private readonly service: ScoresService) {}

  @Query(() => Score, { nullable: true, description: 'Live score of a member or unit in a period (考核得分); null when nothing was counted' })
  score(@Args('subjectId', { type: () => ID }) subjectId: string, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(subjectId, period);
  }

  @Query(() => RankingConnection, { description: 'Ranking (排名) of the units of one level below a unit: grids of a village, villages of a township, …' })
  ranking(
    @Args('parentId', { type: () => ID }) parentId: string,
    @Args('level', { type: () => OrgLevelEnum }) level: OrgLevelValue,
    @periodArg() period: PeriodInput,
    @firstArg() first?: number,
    @afterArg() after?: string,
  ): Promise<Page<ScoreView>> {
    return this.service.ranking(parentId, level, period, { first, after });
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
  score(@Parent() member: Member, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(member.id, period);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Member {
    return { id: reference.id };
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitScoreResolver {
  constructor(private readonly service: ScoresService) {}

  @ResolveField(() => Score, { nullable: true, description: "The unit's live score in a period, its whole subtree counted" })
  score(@Parent() unit: OrgUnit, @periodArg() period: PeriodInput): Promise<ScoreView | null> {
    return this.service.score(unit.id, period);
  }

  @ResolveField(() => RankingConnection, {
    description: 'Ranking of the units below this one: by default the next assessed level (districts of a city, townships of a district, villages of a township, grids of a village)',
  })
  ranking(
    @Parent() unit: OrgUnit,
    @periodArg() period: PeriodInput,
    @Args('level', { type: () => OrgLevelEnum, nullable: true }) level?: OrgLevelValue | null,
    @firstArg() first?: number,
    @afterArg() after?: string,
  ): Promise<Page<ScoreView>> {
    return this.service.unitRanking(unit.id, level ?? null, period, { first, after });
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): OrgUnit {
    return { id: reference.id };
  }
}
