// first: tracing (when configured) must load before anything it instruments
import '@steward/service-kit/tracing-register';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { userContextSigner, type UserContextSigner } from '@steward/auth';
import { ConfigError, createKafka, createLogger, initMetrics, METRICS_CONTENT_TYPE, metricsText } from '@steward/service-kit/core';
import { shutdownTracing } from '@steward/service-kit/tracing';
import { graphqlObservabilityPlugin, requestIdMiddleware, requestIdOf, requestLogContext } from '@steward/service-kit/observability';
import express from 'express';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { authenticate, principalOf } from './authentication';
import { serveConsole } from './console';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { costDirectivesOf } from './cost';
import { evidenceProxy } from './evidence-proxy';
import { maskErrorsForProduction } from './error-masking';
import { anonymousOperations } from './anonymous-operations';
import { costLimit, operationLimits, perIpLoginRateLimit, perIpProgressLookupRateLimit, perIpRateLimit, perUserRateLimit } from './limits';
import { MemberSessionReplica } from './member-sessions';
import { open311Router } from './open311/open311.router';
import { spreadsheetRoutes } from './spreadsheets/spreadsheets.router';
import { readinessHandler } from './readiness';
import { SubgraphHealthPoller } from './subgraph-health';
import { UrlPool, type ConnectionFailure } from './subgraph-pool';
import { SignedSubgraphSource, type GatewayContext } from './subgraph-source';

const SUPERGRAPH_FILE = path.join(__dirname, '../supergraph.graphql');

/** Every subgraph's pool of instance URLs: `<NAME>_SUBGRAPH_URL`, else the one URL the supergraph names. */
function subgraphPoolsOf(config: GatewayConfig, supergraphSdl: string): Record<string, UrlPool> {
  const pools: Record<string, UrlPool> = {};
  for (const [, name, url] of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) pools[name] = new UrlPool(config.subgraphUrls[name] ?? [url]);
  return pools;
}

type OnDown = (url: string, failure: ConnectionFailure) => void;

function buildGateway(config: GatewayConfig, supergraphSdl: string, pools: Record<string, UrlPool>, sign: UserContextSigner, onDown: OnDown): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const pool = pools[name];
      if (!pool) throw new Error(`the supergraph names no URL for subgraph ${name}`);
      return new SignedSubgraphSource(name, pool, sign, config.deduplicateInflight, onDown);
    },
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
  initMetrics('gateway');
  const app = express();
  app.disable('x-powered-by');
  // every request gets its id (the caller's x-request-id or a new one), forwarded to the subgraphs
  app.use(requestIdMiddleware());
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  const limits = operationLimits(config);
  // Composed at build time (npm run compose) and checked in: no introspection at start.
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const pools = subgraphPoolsOf(config, supergraphSdl);
  const health = new SubgraphHealthPoller(pools, config.subgraphHealthIntervalMs, logger);
  const onDown: OnDown = (url, failure) => logger.warn({ url, failure }, 'subgraph instance unreachable: skipped until its health poll finds it ready');
  const sign = userContextSigner(config.signingSecret.reveal());
  const sessions = new MemberSessionReplica(createKafka(config, logger), logger);
  const server = new ApolloServer<GatewayContext>({
    gateway: buildGateway(config, supergraphSdl, pools, sign, onDown),
    introspection: !isProduction,
    includeStacktraceInErrorResponses: !isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    ...(isProduction ? { formatError: maskErrorsForProduction } : {}),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      anonymousOperations(),
      graphqlObservabilityPlugin<GatewayContext>(logger),
      costLimit(config, costDirectivesOf(supergraphSdl)),
      ...(isProduction ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await server.start();
  // Loads in the background; until then the gateway is not ready and member tokens wait (503).
  const sessionsLoaded = sessions.start().then(
    () => logger.info('members replica loaded: revoked sign-ins are refused'),
    (error: unknown) => logger.error({ err: error }, 'members replica stopped'),
  );

  app.get('/metrics', (_req, res) => {
    void metricsText().then(
      (text) => res.type(METRICS_CONTENT_TYPE).send(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics could not be collected');
        res.status(500).end();
      },
    );
  });
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // the first poll before listening: readiness then answers from what the instances said
  await health.start();
  app.get('/health/ready', readinessHandler({ sessionsLoaded: () => sessions.loaded, pools }));
  app.use(
    '/graphql',
    requestLogContext(),
    perIpRateLimit(config),
    authenticate(config.tokens, sessions, logger),
    perUserRateLimit(config),
    express.json({ limit: config.bodyLimit }),
    requestLogContext(), // again: the body parser's stream callbacks lose it
    perIpLoginRateLimit(config),
    perIpProgressLookupRateLimit(config),
    expressMiddleware(server, { context: async ({ req }) => ({ principal: principalOf(req), requestId: requestIdOf(req) }) }),
  );

  serveConsole(app, logger, { production: isProduction });

  app.get(
    '/evidence/:id',
    perIpRateLimit(config),
    authenticate(config.tokens, sessions, logger),
    perUserRateLimit(config),
    evidenceProxy(pools.tickets, sign, logger, onDown),
  );

  app.use('/open311/v2', open311Router(config, logger));

  // spreadsheet import and export (电子表格) as the caller: GraphQL operations through this server
  const spreadsheets = spreadsheetRoutes(server, logger, config.importBodyLimit);
  const signedInRoute = [perIpRateLimit(config), authenticate(config.tokens, sessions, logger), perUserRateLimit(config)];
  app.use('/imports', ...signedInRoute, spreadsheets.imports);
  app.use('/exports', ...signedInRoute, spreadsheets.exports);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  logger.info({ url: `http://${config.host}:${config.port}/graphql`, tracing: config.tracing }, 'gateway listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'gateway stopping');
    health.stop();
    await server.stop();
    await sessions.stop();
    await sessionsLoaded;
    await shutdownTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

void main();
