import { deriveSubgraphKey, SUBGRAPH_KEY_PATTERN } from '@steward/auth';
import { WRITE_CLAIMS_MODES, type WriteClaimsMode } from '@steward/persistence';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { tracingEnabled } from './tracing-config';

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

/**
 * `NODE_ENV`: production unless set otherwise, so a deployment that forgets it
 * gets production behaviour (secrets required, no introspection, masked errors).
 */
export const nodeEnvSchema = z.enum(['development', 'test', 'production']).default('production');

/** How a missing secret is reported. */
export function missingSecret(variables: string): string {
  return `${variables}: required when NODE_ENV=production, the default (only NODE_ENV=development or test runs without it, with a random secret per process)`;
}

/**
 * The configured secret or, where the environment allows it (checked by the
 * caller), a random one for this process, with a warning: there is no fixed
 * development secret that another process could know.
 */
export function secretOrRandom(value: string | undefined, variable: string): Secret {
  if (value) return new Secret(value);
  process.emitWarning(
    `${variable} is not set: this process uses a random secret of its own and only talks to processes given the same secret (set ${variable} for every process, as npm start and the test stacks do)`,
    { code: 'STEWARD_RANDOM_SECRET' },
  );
  return new Secret(randomBytes(32).toString('base64url'));
}

/** An optional variable where docker-compose's `${VAR:-}` (an empty string) counts as not set. */
export function optionalUnlessEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

const port = z.coerce.number().int().min(1).max(65535);

/** The SASL mechanisms kafkajs speaks without a plug-in. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** Environment variables every service reads. Services extend it with their own. */
export const baseEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
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
  /** TLS to the brokers (e.g. Strimzi's tls listener); off by default, as the local broker speaks plaintext. */
  KAFKA_SSL: z.enum(['true', 'false']).default('false'),
  /** A PEM file with the CA that signed the brokers' certificates (e.g. Strimzi's cluster CA), trusted instead of the system's CAs. */
  KAFKA_SSL_CA_FILE: optionalUnlessEmpty(z.string().min(1)),
  /** SASL authentication, off unless a mechanism is set (then the user name and password are required). */
  KAFKA_SASL_MECHANISM: optionalUnlessEmpty(z.enum(KAFKA_SASL_MECHANISMS)),
  KAFKA_SASL_USERNAME: optionalUnlessEmpty(z.string().min(1)),
  KAFKA_SASL_PASSWORD: optionalUnlessEmpty(z.string().min(1)),
  /** The gateway's master secret of the user context; a subgraph derives its own key from it. */
  STEWARD_SIGNING_SECRET: optionalUnlessEmpty(z.string().min(32, 'at least 32 characters')),
  /** The master secret being rotated out: still accepted, never used to sign. */
  STEWARD_SIGNING_SECRET_PREVIOUS: optionalUnlessEmpty(z.string().min(32, 'at least 32 characters')),
  /** A subgraph's own key, derived from the master secret (tools/derive-subgraph-key.cjs), so the subgraph need not hold the master. */
  STEWARD_SUBGRAPH_SIGNING_KEY: optionalUnlessEmpty(z.string().regex(SUBGRAPH_KEY_PATTERN, '64 hex digits (tools/derive-subgraph-key.cjs)')),
  /** The derived key being rotated out. */
  STEWARD_SUBGRAPH_SIGNING_KEY_PREVIOUS: optionalUnlessEmpty(z.string().regex(SUBGRAPH_KEY_PATTERN, '64 hex digits (tools/derive-subgraph-key.cjs)')),
  OUTBOX_RELAY_ENABLED: z.enum(['true', 'false']).default('true'),
  /** Whether aggregate writes take a claim per document (see @steward/persistence write-claims): auto = on FerretDB only. */
  STEWARD_WRITE_CLAIMS: z.enum(WRITE_CLAIMS_MODES).default('auto'),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

/** How a client authenticates to the brokers and whether it talks TLS. */
export interface KafkaSecurity {
  /** null: plaintext. `caFile`: the CA to trust (PEM), else the system's CAs. */
  tls: { caFile?: string } | null;
  /** null: no SASL. */
  sasl: { mechanism: (typeof KAFKA_SASL_MECHANISMS)[number]; username: string; password: Secret } | null;
}

/** What a Kafka client needs: the brokers, a client id and how to connect. */
export interface KafkaClientSettings {
  brokers: string[];
  clientId: string;
  security: KafkaSecurity;
}

type KafkaSecurityEnv = Pick<BaseEnv, 'KAFKA_SSL' | 'KAFKA_SSL_CA_FILE' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>;

/** The TLS and SASL settings of the Kafka variables; refuses half-set combinations. */
export function kafkaSecurityOf(parsed: KafkaSecurityEnv): KafkaSecurity {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = parsed;
  const problems = [
    parsed.KAFKA_SSL_CA_FILE && parsed.KAFKA_SSL !== 'true' && 'KAFKA_SSL_CA_FILE: needs KAFKA_SSL=true',
    mechanism && (!username || !password) && 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM',
    !mechanism && (username || password) && 'KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD',
  ].filter((problem): problem is string => Boolean(problem));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    tls: parsed.KAFKA_SSL === 'true' ? (parsed.KAFKA_SSL_CA_FILE ? { caFile: parsed.KAFKA_SSL_CA_FILE } : {}) : null,
    sasl: mechanism && username && password ? { mechanism, username, password: new Secret(password) } : null,
  };
}

export interface ServiceConfig {
  serviceName: string;
  environment: BaseEnv['NODE_ENV'];
  host: string;
  port: number;
  logLevel: BaseEnv['LOG_LEVEL'];
  /** whether spans are exported (the standard OTEL_* variables, tracing-config.ts) */
  tracing: boolean;
  mongo: { url: string; dbName: string };
  kafka: KafkaClientSettings & {
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
  /** whether aggregate writes take write claims: `auto` decides at connect (FerretDB: yes, MongoDB: no) */
  writeClaims: WriteClaimsMode;
  /** This subgraph's keys for the user context the gateway signs (derived for `serviceName`): the current ones first, then those being rotated out. */
  userContextKeys: Secret[];
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

/**
 * Reads and validates the configuration of one service once, at boot. A
 * command-line tool of a service that answers no requests (`servesRequests:
 * false`, e.g. the assessment rebuild) needs no user-context key.
 */
export function loadServiceConfig(
  serviceName: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
  { servesRequests = true }: { servesRequests?: boolean } = {},
): ServiceConfig {
  const parsed = parseEnv(baseEnvSchema, env);
  const tracing = tracingEnabled(env);
  if (!servesRequests) return { ...configOf(serviceName, defaultPort, parsed), tracing, userContextKeys: [] };
  if (!parsed.STEWARD_SIGNING_SECRET && !parsed.STEWARD_SUBGRAPH_SIGNING_KEY && parsed.NODE_ENV === 'production') {
    throw new ConfigError([missingSecret('STEWARD_SIGNING_SECRET or STEWARD_SUBGRAPH_SIGNING_KEY')]);
  }
  return { ...configOf(serviceName, defaultPort, parsed), tracing, userContextKeys: userContextKeys(serviceName, parsed) };
}

function configOf(serviceName: string, defaultPort: number, parsed: BaseEnv): Omit<ServiceConfig, 'userContextKeys' | 'tracing'> {
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
      security: kafkaSecurityOf(parsed),
      replicationFactor: parsed.KAFKA_REPLICATION_FACTOR,
      newGroupStart: parsed.KAFKA_NEW_GROUP_START,
    },
    outboxRelayEnabled: parsed.OUTBOX_RELAY_ENABLED === 'true',
    writeClaims: parsed.STEWARD_WRITE_CLAIMS,
  };
}

/**
 * The keys this subgraph verifies the gateway's signature with: its derived
 * key as given, or derived from the master secret; then the previous ones.
 */
function userContextKeys(serviceName: string, parsed: BaseEnv): Secret[] {
  const derive = (master: string | undefined) => master && deriveSubgraphKey(master, serviceName);
  const current =
    parsed.STEWARD_SIGNING_SECRET || parsed.STEWARD_SUBGRAPH_SIGNING_KEY
      ? [parsed.STEWARD_SUBGRAPH_SIGNING_KEY, derive(parsed.STEWARD_SIGNING_SECRET)]
      : [derive(secretOrRandom(undefined, 'STEWARD_SIGNING_SECRET').reveal())];
  const previous = [parsed.STEWARD_SUBGRAPH_SIGNING_KEY_PREVIOUS, derive(parsed.STEWARD_SIGNING_SECRET_PREVIOUS)];
  return [...new Set([...current, ...previous].filter((key): key is string => Boolean(key)))].map((key) => new Secret(key));
}
