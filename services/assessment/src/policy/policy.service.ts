import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, parseInput } from '@steward/errors';
import { z } from 'zod';
import { WEIGHT_NAMES, weightProblems } from '../domain/scoring';
import { ProjectionService } from '../projection/projection.service';
import type { SetScoringPolicyInput } from './policy.model';
import { PolicyStore, type ScoringPolicyRecord } from './policy.store';

const weight = z.number().finite('must be a finite number').nonnegative('must be ≥ 0');
const setPolicySchema = z
  .object({
    completion: weight,
    onTime: weight,
    satisfaction: weight,
    compliance: weight,
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

  constructor(private readonly projection: ProjectionService) {}

  current(): Promise<ScoringPolicyRecord> {
    return this.store().current();
  }

  async version(version: number): Promise<ScoringPolicyRecord> {
    const policy = await this.store().version(version);
    if (!policy) throw new NotFoundError('ScoringPolicy', String(version));
    return policy;
  }

  /** Stores the weights as the next version; the old versions stay as they were. */
  async set(input: SetScoringPolicyInput): Promise<ScoringPolicyRecord> {
    const parsed = parseInput(setPolicySchema, input);
    const weights = Object.fromEntries(WEIGHT_NAMES.map((name) => [name, parsed[name]])) as Record<(typeof WEIGHT_NAMES)[number], number>;
    const current = await this.current();
    const stored = await this.store().insertAfter(current.version, weights, parsed.note ?? null);
    if (!stored) throw new ConflictError('Another scoring policy version was stored at the same time; read it and retry', { version: current.version + 1 });
    return stored;
  }

  private store(): PolicyStore {
    this.policyStore ??= new PolicyStore(this.projection.db);
    return this.policyStore;
  }
}
