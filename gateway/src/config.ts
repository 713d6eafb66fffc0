import {
  baseEnvSchema,
  ConfigError,
  kafkaSecurityOf,
  missingSecret,
  optionalUnlessEmpty,
  parseEnv,
  Secret,
  secretOrRandom,
  type KafkaClientSettings,
  tracingEnabled,
} from '@steward/service-kit/core';
import { z } from 'zod';

/**
 * `<NAME>_SUBGRAPH_URL`: the GraphQL URL of each instance of a subgraph,
 * comma-separated (one for a single instance); each an http(s) URL, none twice.
 */
const subgraphUrls = optionalUnlessEmpty(
  z
    .string()
    .transform((value) => value.split(',').map((url) => url.trim()))
    .pipe(
      z
        .array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) URL (comma-separated, no empty entries)' }))
        .min(1)
        .refine((urls) => new Set(urls.map((url) => (URL.canParse(url) ? new URL(url).href : url))).size === urls.length, 'the same URL is listed twice'),
    ),
);
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const PROXY = String.raw`(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(/\d{1,3})?)`;
/** Express's `trust proxy`: a hop count, or addresses/subnets (and loopback, linklocal, uniquelocal) of trusted proxies. */
const trustProxy = z
  .string()
  .regex(new RegExp(String.raw`^(\d+|${PROXY}(\s*,\s*${PROXY})*)$`), 'a hop count, or a comma-separated list of addresses or subnets')
  .transform((value) => (/^\d+$/.test(value) ? Number(value) : value));

const gatewayEnvSchema = baseEnvSchema
  .pick({
    NODE_ENV: true,
    HOST: true,
    PORT: true,
    LOG_LEVEL: true,
    KAFKA_BROKERS: true,
    KAFKA_SSL: true,
    KAFKA_SSL_CA_FILE: true,
    KAFKA_SASL_MECHANISM: true,
    KAFKA_SASL_USERNAME: true,
    KAFKA_SASL_PASSWORD: true,
    STEWARD_SIGNING_SECRET: true,
  })
  .extend({
    ORG_SUBGRAPH_URL: subgraphUrls,
    MEMBERS_SUBGRAPH_URL: subgraphUrls,
    TICKETS_SUBGRAPH_URL: subgraphUrls,
    VISITS_SUBGRAPH_URL: subgraphUrls,
    ASSESSMENT_SUBGRAPH_URL: subgraphUrls,
    NOTIFICATIONS_SUBGRAPH_URL: subgraphUrls,
    GATEWAY_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'e.g. 100kb or 1mb').default('8mb'),
    /** the largest spreadsheet POST /imports/* takes (.xlsx or .csv); 20,000 households are about 1 MB */
    GATEWAY_IMPORT_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'e.g. 100kb or 1mb').default('32mb'),
    STEWARD_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    STEWARD_JWT_ISSUER: z.string().min(1).default('village-steward'),
    STEWARD_JWT_AUDIENCE: z.string().min(1).default('village-steward'),
    OIDC_ISSUER: optionalUnlessEmpty(z.string().min(1)),
    OIDC_JWKS_URL: optionalUnlessEmpty(z.url({ protocol: /^https?$/ })),
    OIDC_AUDIENCE: optionalUnlessEmpty(z.string().min(1)),
    GATEWAY_MAX_DEPTH: positiveInt(12),
    GATEWAY_MAX_ALIASES: positiveInt(15),
    GATEWAY_MAX_COST: positiveInt(5000),
    GATEWAY_MAX_TOKENS: positiveInt(2000),
    GATEWAY_RATE_LIMIT_IP: positiveInt(1200),
    GATEWAY_RATE_LIMIT_USER: positiveInt(600),
    GATEWAY_LOGIN_RATE_LIMIT_IP: positiveInt(30),
    GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP: positiveInt(20),
    GATEWAY_RATE_WINDOW_MS: positiveInt(60_000),
    GATEWAY_DEDUPLICATE_INFLIGHT: z.enum(['true', 'false']).default('true'),
    GATEWAY_SUBGRAPH_HEALTH_INTERVAL_MS: positiveInt(2000),
    GATEWAY_TRUST_PROXY: optionalUnlessEmpty(trustProxy),
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export type TokenSettings =
  | { kind: 'local'; issuer: string; audience: string; secret: Secret }
  | { kind: 'oidc'; issuer: string; audience: string; jwksUrl: string };

export interface GatewayConfig {
  environment: GatewayEnv['NODE_ENV'];
  host: string;
  port: number;
  logLevel: GatewayEnv['LOG_LEVEL'];
  /** whether spans are exported (the standard OTEL_* variables) */
  tracing: boolean;
  bodyLimit: string;
  /** body limit of the spreadsheet imports (POST /imports/*) */
  importBodyLimit: string;
  /** Subgraph name → the URLs of its instances (else the URL in the supergraph). */
  subgraphUrls: Record<string, string[] | undefined>;
  /** How often each subgraph instance's `/health/ready` is polled; one not ready is skipped until it is. */
  subgraphHealthIntervalMs: number;
  /** The master secret of the user context forwarded to subgraphs: each request is signed with the key derived for its subgraph. */
  signingSecret: Secret;
  /** Kafka, for the replica of the members topic (revoked sign-ins). */
  kafka: KafkaClientSettings;
  tokens: TokenSettings;
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number };
  rateLimits: { perIp: number; perUser: number; loginsPerIp: number; progressLookupsPerIp: number; windowMs: number };
  /** Identical query fetches of one caller to one subgraph, in flight at once, share one request. */
  deduplicateInflight: boolean;
  /**
   * Which proxies in front of the gateway (an ingress controller) are trusted to
   * name the client in X-Forwarded-For, so that the per-IP limits count clients,
   * not the proxy; undefined: none, the peer address is the client.
   */
  trustProxy: number | string | undefined;
}

function tokenSettings(parsed: GatewayEnv): TokenSettings {
  if (parsed.OIDC_ISSUER || parsed.OIDC_JWKS_URL) {
    if (!parsed.OIDC_ISSUER || !parsed.OIDC_JWKS_URL) throw new ConfigError(['OIDC_ISSUER and OIDC_JWKS_URL: set both or neither']);
    return { kind: 'oidc', issuer: parsed.OIDC_ISSUER, jwksUrl: parsed.OIDC_JWKS_URL, audience: parsed.OIDC_AUDIENCE ?? parsed.STEWARD_JWT_AUDIENCE };
  }
  return { kind: 'local', issuer: parsed.STEWARD_JWT_ISSUER, audience: parsed.STEWARD_JWT_AUDIENCE, secret: secretOrRandom(parsed.STEWARD_JWT_SECRET, 'STEWARD_JWT_SECRET') };
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env);
  if (parsed.NODE_ENV === 'production') {
    const missing = [
      !parsed.STEWARD_SIGNING_SECRET && missingSecret('STEWARD_SIGNING_SECRET'),
      !parsed.STEWARD_JWT_SECRET && !parsed.OIDC_ISSUER && missingSecret('STEWARD_JWT_SECRET or OIDC_ISSUER'),
    ].filter((problem): problem is string => Boolean(problem));
    if (missing.length > 0) throw new ConfigError(missing);
  }
  return {
    environment: parsed.NODE_ENV,
    host: parsed.HOST,
    port: parsed.PORT ?? 4000,
    logLevel: parsed.LOG_LEVEL,
    tracing: tracingEnabled(env),
    bodyLimit: parsed.GATEWAY_BODY_LIMIT,
    importBodyLimit: parsed.GATEWAY_IMPORT_BODY_LIMIT,
    subgraphUrls: {
      org: parsed.ORG_SUBGRAPH_URL,
      members: parsed.MEMBERS_SUBGRAPH_URL,
      tickets: parsed.TICKETS_SUBGRAPH_URL,
      visits: parsed.VISITS_SUBGRAPH_URL,
      assessment: parsed.ASSESSMENT_SUBGRAPH_URL,
      notifications: parsed.NOTIFICATIONS_SUBGRAPH_URL,
    },
    subgraphHealthIntervalMs: parsed.GATEWAY_SUBGRAPH_HEALTH_INTERVAL_MS,
    signingSecret: secretOrRandom(parsed.STEWARD_SIGNING_SECRET, 'STEWARD_SIGNING_SECRET'),
    kafka: { brokers: parsed.KAFKA_BROKERS, clientId: 'steward-gateway', security: kafkaSecurityOf(parsed) },
    tokens: tokenSettings(parsed),
    limits: { maxDepth: parsed.GATEWAY_MAX_DEPTH, maxAliases: parsed.GATEWAY_MAX_ALIASES, maxCost: parsed.GATEWAY_MAX_COST, maxTokens: parsed.GATEWAY_MAX_TOKENS },
    rateLimits: {
      perIp: parsed.GATEWAY_RATE_LIMIT_IP,
      perUser: parsed.GATEWAY_RATE_LIMIT_USER,
      loginsPerIp: parsed.GATEWAY_LOGIN_RATE_LIMIT_IP,
      progressLookupsPerIp: parsed.GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP,
      windowMs: parsed.GATEWAY_RATE_WINDOW_MS,
    },
    deduplicateInflight: parsed.GATEWAY_DEDUPLICATE_INFLIGHT === 'true',
    trustProxy: parsed.GATEWAY_TRUST_PROXY,
  };
}
