import { nodeEnvSchema, parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';
import { parseQuietHours, type QuietHours, type RetryPolicy } from '../domain/delivery-policy';

const quietHoursText = z.string().superRefine((value, context) => {
  try {
    parseQuietHours(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const deliveryEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  /** how often the dispatcher looks for due deliveries; 0 turns it off (deliveries wait) */
  NOTIFICATIONS_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
  /** tries before a delivery is dead-lettered */
  NOTIFICATIONS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** the first retry's delay; each further one doubles it (with jitter) */
  NOTIFICATIONS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** the longest delay between tries (also caps a Retry-After) */
  NOTIFICATIONS_RETRY_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
  /** no SMS to residents in this daily window, Asia/Shanghai (免打扰); deliveries wait for its end */
  NOTIFICATIONS_QUIET_HOURS: quietHoursText.default('22:00-08:00'),
  /** deliveries per recipient and channel in any hour (SMS); the excess waits */
  NOTIFICATIONS_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  /** webhook URLs may name loopback and private hosts; default: only outside production */
  NOTIFICATIONS_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).optional(),
  /** how long a webhook receiver may take to answer */
  NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export interface DeliveryConfig {
  dispatchIntervalMs: number;
  retry: RetryPolicy;
  quietHours: QuietHours;
  rateLimitPerHour: number;
  webhook: { allowPrivate: boolean; timeoutMs: number };
}

export function loadDeliveryConfig(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const parsed = parseEnv(deliveryEnvSchema, env);
  return {
    dispatchIntervalMs: parsed.NOTIFICATIONS_DISPATCH_INTERVAL_MS,
    retry: { maxAttempts: parsed.NOTIFICATIONS_MAX_ATTEMPTS, baseDelayMs: parsed.NOTIFICATIONS_RETRY_BASE_MS, maxDelayMs: parsed.NOTIFICATIONS_RETRY_MAX_MS },
    quietHours: parseQuietHours(parsed.NOTIFICATIONS_QUIET_HOURS),
    rateLimitPerHour: parsed.NOTIFICATIONS_RATE_LIMIT_PER_HOUR,
    webhook: {
      allowPrivate: parsed.NOTIFICATIONS_WEBHOOK_ALLOW_PRIVATE ? parsed.NOTIFICATIONS_WEBHOOK_ALLOW_PRIVATE === 'true' : parsed.NODE_ENV !== 'production',
      timeoutMs: parsed.NOTIFICATIONS_WEBHOOK_TIMEOUT_MS,
    },
  };
}
