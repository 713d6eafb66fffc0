import { readFileSync } from 'node:fs';
import { parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';

const ticketsEnvSchema = z.object({
  /** how often the overdue sweeper runs (it also sends the warnings before deadlines); 0 turns it off */
  TICKETS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** a JSON file with the city's own SLA policy (the format of src/domain/sla-policy.json) in place of the built-in one; empty: built-in */
  TICKETS_SLA_POLICY_FILE: z.string().trim().default(''),
  /** largest evidence file accepted, in bytes (decoded); the gateway's body limit must take its base64 */
  TICKETS_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** failed progress lookups (进度查询) of one ticket number within the window before it is locked */
  TICKETS_PROGRESS_LOOKUP_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** how long a failed progress lookup counts against its ticket number */
  TICKETS_PROGRESS_LOOKUP_WINDOW_MS: z.coerce.number().int().min(1000).default(3_600_000),
});

export interface TicketsConfig {
  sweepIntervalMs: number;
  /** the SLA policy file in place of the built-in policy, if any */
  slaPolicyFile: string | undefined;
  evidenceMaxBytes: number;
  progressLookup: { maxFailures: number; windowMs: number };
}

export function loadTicketsConfig(env: NodeJS.ProcessEnv = process.env): TicketsConfig {
  const parsed = parseEnv(ticketsEnvSchema, env);
  return {
    sweepIntervalMs: parsed.TICKETS_SWEEP_INTERVAL_MS,
    slaPolicyFile: parsed.TICKETS_SLA_POLICY_FILE || undefined,
    evidenceMaxBytes: parsed.TICKETS_EVIDENCE_MAX_BYTES,
    progressLookup: { maxFailures: parsed.TICKETS_PROGRESS_LOOKUP_MAX_FAILURES, windowMs: parsed.TICKETS_PROGRESS_LOOKUP_WINDOW_MS },
  };
}

/** The SLA policy data the service runs with: the file TICKETS_SLA_POLICY_FILE names, else undefined (the built-in policy). */
export function readSlaPolicyFile(config: Pick<TicketsConfig, 'slaPolicyFile'>): unknown {
  if (!config.slaPolicyFile) return undefined;
  try {
    return JSON.parse(readFileSync(config.slaPolicyFile, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`TICKETS_SLA_POLICY_FILE ${config.slaPolicyFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
