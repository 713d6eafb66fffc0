import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { userContextSigner, type UserContextSigner } from '@steward/auth';
import { ConfigError, createLogger } from '@steward/service-kit';
import express from 'express';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { authenticate, principalOf } from './authentication';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { evidenceProxy } from './evidence-proxy';
import { maskErrorsForProduction } from './error-masking';
import { operationLimits, perIpRateLimit, perUserRateLimit } from './limits';
import { SignedSubgraphSource, type GatewayContext } from './subgraph-source';

const SUPERGRAPH_FILE = path.join(__dirname, '../supergraph.graphql');

/** A subgraph's URL as the supergraph names it (used when `<NAME>_SUBGRAPH_URL` is not set). */
function supergraphUrlOf(supergraphSdl: string, name: string): string {
  const url = new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl)?.[1];
  if (!url) throw new Error(`the supergraph names no URL for ${name}`);
  return url;
}

function buildGateway(config: GatewayConfig, supergraphSdl: string, sign: UserContextSigner): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedSubgraphSource(name, config.subgraphUrls[name] ?? url ?? '', sign, config.deduplicateInflight),
  });
}

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gateway: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ serviceName: 'gateway', logLevel: config.logLevel });
  const isProduction = config.environment === 'production';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = operationLimits(config);
  // Composed at build time (npm run compose) and checked in: no introspection at start.
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const sign = userContextSigner(config.signingSecret.reveal());
  const server = new ApolloServer<GatewayContext>({
    gateway: buildGateway(config, supergraphSdl, sign),
    introspection: !isProduction,
    includeStacktraceInErrorResponses: !isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    ...(isProduction ? { formatError: maskErrorsForProduction } : {}),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      ...(isProduction ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await server.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    perIpRateLimit(config),
    authenticate(config.tokens, logger),
    perUserRateLimit(config),
    express.json({ limit: config.bodyLimit }),
    expressMiddleware(server, { context: async ({ req }) => ({ principal: principalOf(req) }) }),
  );

  app.get(
    '/evidence/:id',
    perIpRateLimit(config),
    authenticate(config.tokens, logger),
    perUserRateLimit(config),
    evidenceProxy(config.subgraphUrls.tickets ?? supergraphUrlOf(supergraphSdl, 'tickets'), sign, logger),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'gateway ready');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'gateway stopping');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

void main();
