import { parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';

const complianceEnvSchema = z.object({
  /** how often the weekly verdicts are evaluated; 0 turns the background evaluation off */
  VISITS_COMPLIANCE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** each pass evaluates the last ended week and the ones before it, this many weeks in all (late visits revise them) */
  VISITS_COMPLIANCE_RECHECK_WEEKS: z.coerce.number().int().min(1).max(53).default(4),
  /** how often the weekly duty warnings (周走访预警) are checked; 0 turns them off (when in the week they start is the duty rules' warnFrom) */
  VISITS_DUTY_WARNING_INTERVAL_MS: z.coerce.number().int().min(0).default(900_000),
});

export interface ComplianceConfig {
  intervalMs: number;
  recheckWeeks: number;
  /** between two passes of the weekly duty warning; 0: off */
  warningIntervalMs: number;
}

export function loadComplianceConfig(env: NodeJS.ProcessEnv = process.env): ComplianceConfig {
  const parsed = parseEnv(complianceEnvSchema, env);
  return {
    intervalMs: parsed.VISITS_COMPLIANCE_INTERVAL_MS,
    recheckWeeks: parsed.VISITS_COMPLIANCE_RECHECK_WEEKS,
    warningIntervalMs: parsed.VISITS_DUTY_WARNING_INTERVAL_MS,
  };
}
