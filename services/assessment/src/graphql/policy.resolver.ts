import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Access } from '@steward/auth';
import { CurrentAccess } from '@steward/service-kit';
import { ScoringPolicy, SetScoringPolicyInput } from './policy.model';
import { PolicyService } from '../application/policy.service';

@Resolver(() => ScoringPolicy)
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Query(() => ScoringPolicy, { description: '现行（或旧版）考核评分办法；登录即可读取 / The scoring policy in force, or an older version; readable by any signed-in caller' })
  scoringPolicy(
    @CurrentAccess() access: Access,
    @Args('version', { type: () => Int, nullable: true, description: '版本，默认现行版本 / Version; default: the current version' }) version?: number | null,
  ): Promise<ScoringPolicy> {
    access.authenticated();
    return version === undefined || version === null ? this.policies.current() : this.policies.version(version);
  }

  @Mutation(() => ScoringPolicy, {
    description: '保存新的考核评分办法版本（需全市考核管理权限） / Stores new weights as the next scoring policy version (needs assessment:manage city-wide)\n' +
                 'Live scores use it at once, frozen reports keep theirs. Needs assessment:manage city-wide.',
  })
  setScoringPolicy(@CurrentAccess() access: Access, @Args('input', { description: '新版本的权重 / Weights of the new version' }) input: SetScoringPolicyInput): Promise<ScoringPolicy> {
    return this.policies.set(access, input);
  }
}
