import { baseEnvSchema, ConfigError, optionalUnlessEmpty, parseEnv, Secret } from '@steward/service-kit/core';
import { z } from 'zod';

/**
 * The Open311 GeoReport v2 adapter's settings (`OPEN311_*`), read by the
 * gateway at start beside its own (`loadGatewayConfig`).
 */
const open311EnvSchema = baseEnvSchema.pick({ HOST: true, PORT: true }).extend({
  /** The adapter's own read-only service account (permission `read`) for the public GET endpoints. */
  OPEN311_CLIENT_ID: optionalUnlessEmpty(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a service account id (lower case)')),
  OPEN311_CLIENT_SECRET: optionalUnlessEmpty(z.string().min(1).max(256)),
  /** Where the adapter calls the public GraphQL API; default the gateway itself over loopback. */
  OPEN311_GRAPHQL_URL: optionalUnlessEmpty(z.url({ protocol: /^https?$/ })),
  /** The public base URL of the endpoint (…/open311/v2) named in discovery; default from the request. */
  OPEN311_PUBLIC_URL: optionalUnlessEmpty(z.url({ protocol: /^https?$/ })),
  /** Discovery's contact and key_service: who to ask for help and for an api_key. */
  OPEN311_CONTACT: optionalUnlessEmpty(z.string().min(1).max(500)),
  OPEN311_KEY_SERVICE: optionalUnlessEmpty(z.string().min(1).max(500)),
});

const DEFAULT_CONTACT = '村民大管家 Open311 接口：请联系本市网格化服务中心 (contact the city grid service centre)';
const DEFAULT_KEY_SERVICE = 'api_key 由本市网格化服务中心发放：一个具有 tickets:report 权限的接口账号的 <client id>:<client secret> (ask the city grid service centre for a service account)';

export interface Open311Config {
  /** the read-only service account of the GET endpoints; null: they answer 503 */
  reader: { clientId: string; clientSecret: Secret } | null;
  graphqlUrl: string;
  publicUrl: string | undefined;
  contact: string;
  keyService: string;
}

/** 0.0.0.0 and :: listen everywhere: the gateway calls itself on the loopback address then. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function loadOpen311Config(env: NodeJS.ProcessEnv = process.env): Open311Config {
  const parsed = parseEnv(open311EnvSchema, env);
  if (Boolean(parsed.OPEN311_CLIENT_ID) !== Boolean(parsed.OPEN311_CLIENT_SECRET)) {
    throw new ConfigError(['OPEN311_CLIENT_ID and OPEN311_CLIENT_SECRET: set both or neither']);
  }
  return {
    reader: parsed.OPEN311_CLIENT_ID && parsed.OPEN311_CLIENT_SECRET ? { clientId: parsed.OPEN311_CLIENT_ID, clientSecret: new Secret(parsed.OPEN311_CLIENT_SECRET) } : null,
    graphqlUrl: parsed.OPEN311_GRAPHQL_URL ?? `http://${loopbackHost(parsed.HOST)}:${parsed.PORT ?? 4000}/graphql`,
    publicUrl: parsed.OPEN311_PUBLIC_URL?.replace(/\/+$/, ''),
    contact: parsed.OPEN311_CONTACT ?? DEFAULT_CONTACT,
    keyService: parsed.OPEN311_KEY_SERVICE ?? DEFAULT_KEY_SERVICE,
  };
}
