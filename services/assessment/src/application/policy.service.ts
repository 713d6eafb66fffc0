import { Inject, Injectable } from '@nestjs/common';
import type { Access } from '@steward/auth';
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from '@steward/errors';
import { z } from 'zod';
import { coversWholeTree } from '../domain/placement';
import { MAX_CLOSING_GRACE_HOURS, WEIGHT_NAMES, weightProblems } from '../domain/scoring';
import type { UnitDirectory } from './org-index';
import { ProjectionService } from './projection.service';
import type { SetScoringPolicyInput } from '../graphql/policy.model';
import { UNIT_DIRECTORY } from './scores.tokens';
import { PolicyStore, type ScoringPolicyRecord } from '../persistence/policy.store';

const weight = z.number().finite('must be a finite number').nonnegative('must be ≥ 0');
const setPolicySchema = z
  .object({
    completion: weight,
    onTime: weight,
    satisfaction: weight,
    compliance: weight,
    closingGraceHours: z.number().int('must be whole hours').min(0, 'must be ≥ 0').max(MAX_CLOSING_GRACE_HOURS, `at most ${MAX_CLOSING_GRACE_HOURS} hours`).nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .superRefine((input, ctx) => {
    for (const problem of weightProblems(input)) {
      ctx.addIssue({ code: 'custom', path: problem.path === 'weights' ? [] : [problem.path], message: problem.message });
    }
  });

@Injectable()
export class PolicyService {
  private policyStore: PolicyStore | null = null;

  constructor(
    private readonly projection: ProjectionService,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
  ) {}

  current(): Promise<ScoringPolicyRecord> {
    return this.store().current();
  }

  async version(version: number): Promise<ScoringPolicyRecord> {
    const policy = await this.store().version(version);
    if (!policy) throw new NotFoundError('ScoringPolicy', String(version));
    return policy;
  }

  /**
   * Stores the weights as the next version; the old versions stay as they were.
   * The policy applies to the whole city, so the caller needs assessment:manage
   * over the whole org tree (checked before the input, so a refused caller learns nothing).
   */
  async set(access: Access, input: SetScoringPolicyInput): Promise<ScoringPolicyRecord> {
    if (!coversWholeTree(access.scopeFor('assessment:manage'), this.units.rootIds())) {
      throw new ForbiddenError('The scoring policy applies city-wide: it needs assessment:manage over the whole city (全市)');
    }
    const parsed = parseInput(setPolicySchema, input);
    const weights = Object.fromEntries(WEIGHT_NAMES.map((name) => [name, parsed[name]])) as Record<(typeof WEIGHT_NAMES)[number], number>;
    const current = await this.current();
    const closingGraceHours = parsed.closingGraceHours ?? current.closingGraceHours;
    const stored = await this.store().insertAfter(current.version, { weights, closingGraceHours, note: parsed.note ?? null }, access.actorId());
    if (!stored) throw new ConflictError('Another scoring policy version was stored at the same time; read it and retry', { version: current.version + 1 });
    return stored;
  }

  private store(): PolicyStore {
    this.policyStore ??= new PolicyStore(this.projection.db);
    return this.policyStore;
  }
}
