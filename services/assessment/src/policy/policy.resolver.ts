import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ScoringPolicy, SetScoringPolicyInput } from './policy.model';
import { PolicyService } from './policy.service';

@Resolver(() => ScoringPolicy)
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Query(() => ScoringPolicy, { description: 'The scoring policy in force (考核评分办法), or an older version' })
  scoringPolicy(
    @Args('version', { type: () => Int, nullable: true, description: 'default: the current version' }) version?: number | null,
  ): Promise<ScoringPolicy> {
    return version === undefined || version === null ? this.policies.current() : this.policies.version(version);
  }

  @Mutation(() => ScoringPolicy, { description: 'Stores new weights as the next policy version; live scores use it at once, frozen reports keep theirs' })
  setScoringPolicy(@Args('input') input: SetScoringPolicyInput): Promise<ScoringPolicy> {
    return this.policies.set(input);
  }
}
