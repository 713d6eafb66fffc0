import { parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';

const complianceEnvSchema = z.object({
  /** how often the weekly verdicts are evaluated; 0 turns the background evaluation off */
  VISITS_COMPLIANCE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** each pass evaluates the last ended week and the ones before it, this many weeks in all (late visits revise them) */
  VISITS_COMPLIANCE_RECHECK_WEEKS: z.coerce.number().int().min(1).max(53).default(4),
});

export interface ComplianceConfig {
  intervalMs: number;
  recheckWeeks: number;
}

export function loadComplianceConfig(env: NodeJS.ProcessEnv = process.env): ComplianceConfig {
  const parsed = parseEnv(complianceEnvSchema, env);
  return { intervalMs: parsed.VISITS_COMPLIANCE_INTERVAL_MS, recheckWeeks: parsed.VISITS_COMPLIANCE_RECHECK_WEEKS };
}
