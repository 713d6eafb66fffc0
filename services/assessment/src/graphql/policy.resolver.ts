import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { ScoringPolicy, SetScoringPolicyInput } from './policy.model';
import { PolicyService } from '../application/policy.service';

@Resolver(() => ScoringPolicy)
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Query(() => ScoringPolicy, { description: 'The scoring policy in force (考核评分办法), or an older version; readable by any signed-in caller' })
  scoringPolicy(
    @CurrentAccess() access: Access,
    @Args('version', { type: () => Int, nullable: true, description: 'default: the current version' }) version?: number | null,
  ): Promise<ScoringPolicy> {
    access.authenticated();
    return version === undefined || version === null ? this.policies.current() : this.policies.version(version);
  }

  @Mutation(() => ScoringPolicy, {
    description: 'Stores new weights as the next policy version; live scores use it at once, frozen reports keep theirs. Needs assessment:manage city-wide (全市考核管理权限).',
  })
  setScoringPolicy(@CurrentAccess() access: Access, @Args('input') input: SetScoringPolicyInput): Promise<ScoringPolicy> {
    return this.policies.set(access, input);
  }
}
