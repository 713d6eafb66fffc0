import { Topics } from '@steward/events';
import { parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';

/** Settings of the assessment service beyond the kit's (validated once at boot). */
const assessmentEnvSchema = z.object({
  ASSESSMENT_TICKET_TOPIC: z.string().min(1).default(Topics.ticketEvents),
  ASSESSMENT_VISIT_TOPIC: z.string().min(1).default(Topics.visitEvents),
  /** how often the service looks for a generation swapped in by a rebuild */
  ASSESSMENT_GENERATION_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
});

export interface AssessmentSettings {
  /** the topics counted, ticket events first; other topics only in tests */
  topics: string[];
  generationPollMs: number;
}

export function loadAssessmentSettings(env: NodeJS.ProcessEnv = process.env): AssessmentSettings {
  const parsed = parseEnv(assessmentEnvSchema, env);
  return {
    topics: [parsed.ASSESSMENT_TICKET_TOPIC, parsed.ASSESSMENT_VISIT_TOPIC],
    generationPollMs: parsed.ASSESSMENT_GENERATION_POLL_MS,
  };
}

export const ASSESSMENT_SETTINGS = Symbol('ASSESSMENT_SETTINGS');
