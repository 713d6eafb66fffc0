import { Args, ID, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Member, OrgUnit, PeriodInput, Score } from './score.model';
import { ScoresService } from './scores.service';

const periodArg = () => Args('period', { type: () => PeriodInput });

@Resolver(() => Score)
export class ScoresResolver {
  constructor(private readonly service: ScoresService) {}

  @Query(() => Score, { nullable: true, description: 'Score of a member or unit in a period (考核得分)' })
  score(@Args('subjectId', { type: () => ID }) subjectId: string, @periodArg() period: PeriodInput): Promise<Score | null> {
    return this.service.score(subjectId, period);
  }
}

@Resolver(() => Member)
export class MemberScoreResolver {
  constructor(private readonly service: ScoresService) {}

  @ResolveField(() => Score, { nullable: true, description: "The member's score in a period" })
  score(@Parent() member: Member, @periodArg() period: PeriodInput): Promise<Score | null> {
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

  @ResolveField(() => Score, { nullable: true, description: "The unit's score in a period, its whole subtree counted" })
  score(@Parent() unit: OrgUnit, @periodArg() period: PeriodInput): Promise<Score | null> {
    return this.service.score(unit.id, period);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): OrgUnit {
    return { id: reference.id };
  }
}
