import { z } from 'zod';

/** A value that must never reach a log line or an error message. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Used only outside production when no secret is configured; `npm start` and the test stacks set random ones. */
export const DEV_SIGNING_SECRET = 'dev-only-signing-secret-change-me-0123456789';

/** Used only outside production when no token secret is configured: the gateway verifies what members issues with it. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';

/** An optional variable where docker-compose's `${VAR:-}` (an empty string) counts as not set. */
export function optionalUnlessEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const port = z.coerce.number().int().min(1).max(65535);

/** Environment variables every service reads. Services extend it with their own. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
    .default('mongodb://127.0.0.1:27017/?directConnection=true&retryWrites=false'),
  MONGO_DB: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').optional(),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:]+:\d+$/, 'each broker must be host:port')).min(1)),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  KAFKA_NEW_GROUP_START: z.enum(['earliest', 'latest']).default('earliest'),
  STEWARD_SIGNING_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** The secret being rotated out: still accepted, never used to sign. */
  STEWARD_SIGNING_SECRET_PREVIOUS: z.string().min(32, 'at least 32 characters').optional(),
  OUTBOX_RELAY_ENABLED: z.enum(['true', 'false']).default('true'),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

export interface ServiceConfig {
  serviceName: string;
  environment: BaseEnv['NODE_ENV'];
  host: string;
  port: number;
  logLevel: BaseEnv['LOG_LEVEL'];
  mongo: { url: string; dbName: string };
  kafka: {
    brokers: string[];
    clientId: string;
    replicationFactor: number;
    /**
     * Where a consumer group without committed offsets starts. `earliest` (the
     * default) builds a fresh database's projections from the whole record;
     * `latest` is for throwaway test and benchmark stacks that share topics
     * with everything run before them and only care about their own events.
     */
    newGroupStart: 'earliest' | 'latest';
  };
  /** false: writes keep their events pending in the outbox; another instance publishes them. */
  outboxRelayEnabled: boolean;
  /** HMAC secrets for the user context headers the gateway signs: the current one first, then one being rotated out. */
  signingSecrets: Secret[];
}

/** Parses `env` against `schema`, naming every bad variable; never echoes values. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Reads and validates the configuration of one service once, at boot. */
export function loadServiceConfig(
  serviceName: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const parsed = parseEnv(baseEnvSchema, env);
  if (parsed.NODE_ENV === 'production' && !parsed.STEWARD_SIGNING_SECRET) {
    throw new ConfigError(['STEWARD_SIGNING_SECRET: required when NODE_ENV=production']);
  }
  return {
    serviceName,
    environment: parsed.NODE_ENV,
    host: parsed.HOST,
    port: parsed.PORT ?? defaultPort,
    logLevel: parsed.LOG_LEVEL,
    mongo: { url: parsed.MONGO_URL, dbName: parsed.MONGO_DB ?? `steward_${serviceName}` },
    kafka: {
      brokers: parsed.KAFKA_BROKERS,
      clientId: `steward-${serviceName}`,
      replicationFactor: parsed.KAFKA_REPLICATION_FACTOR,
      newGroupStart: parsed.KAFKA_NEW_GROUP_START,
    },
    outboxRelayEnabled: parsed.OUTBOX_RELAY_ENABLED === 'true',
    signingSecrets: signingSecrets(parsed),
  };
}

function signingSecrets(parsed: BaseEnv): Secret[] {
  const current = parsed.STEWARD_SIGNING_SECRET ?? DEV_SIGNING_SECRET;
  return [current, parsed.STEWARD_SIGNING_SECRET_PREVIOUS].filter((secret): secret is string => Boolean(secret)).map((secret) => new Secret(secret));
}
