import { parseEnv } from '@steward/service-kit';
import { z } from 'zod';

const ticketsEnvSchema = z.object({
  /** how often the overdue sweeper runs; 0 turns it off */
  TICKETS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
});

export interface TicketsConfig {
  sweepIntervalMs: number;
}

export function loadTicketsConfig(env: NodeJS.ProcessEnv = process.env): TicketsConfig {
  return { sweepIntervalMs: parseEnv(ticketsEnvSchema, env).TICKETS_SWEEP_INTERVAL_MS };
}
