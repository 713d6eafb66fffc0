import { baseEnvSchema, parseEnv } from '@steward/service-kit';
import { z } from 'zod';

const subgraphUrl = z.url({ protocol: /^https?$/ }).optional();

const gatewayEnvSchema = baseEnvSchema.pick({ NODE_ENV: true, HOST: true, PORT: true, LOG_LEVEL: true }).extend({
  ORG_SUBGRAPH_URL: subgraphUrl,
  MEMBERS_SUBGRAPH_URL: subgraphUrl,
  TICKETS_SUBGRAPH_URL: subgraphUrl,
  VISITS_SUBGRAPH_URL: subgraphUrl,
  ASSESSMENT_SUBGRAPH_URL: subgraphUrl,
  GATEWAY_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'e.g. 100kb or 1mb').default('100kb'),
});

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export interface GatewayConfig {
  environment: GatewayEnv['NODE_ENV'];
  host: string;
  port: number;
  logLevel: GatewayEnv['LOG_LEVEL'];
  bodyLimit: string;
  /** Subgraph name → URL override (else the URL in the supergraph). */
  subgraphUrls: Record<string, string | undefined>;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env);
  return {
    environment: parsed.NODE_ENV,
    host: parsed.HOST,
    port: parsed.PORT ?? 4000,
    logLevel: parsed.LOG_LEVEL,
    bodyLimit: parsed.GATEWAY_BODY_LIMIT,
    subgraphUrls: {
      org: parsed.ORG_SUBGRAPH_URL,
      members: parsed.MEMBERS_SUBGRAPH_URL,
      tickets: parsed.TICKETS_SUBGRAPH_URL,
      visits: parsed.VISITS_SUBGRAPH_URL,
      assessment: parsed.ASSESSMENT_SUBGRAPH_URL,
    },
  };
}
