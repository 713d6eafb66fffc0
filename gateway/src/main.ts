import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ConfigError, createLogger } from '@steward/service-kit';
import express from 'express';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadGatewayConfig, type GatewayConfig } from './config';

const SUPERGRAPH_FILE = path.join(__dirname, '../supergraph.graphql');

function buildGateway(config: GatewayConfig): ApolloGateway {
  return new ApolloGateway({
    // Composed at build time (npm run compose) and checked in: no introspection at start.
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: config.subgraphUrls[name] ?? url,
        // Node's fetch (undici) pools keep-alive connections per subgraph origin.
        fetcher: fetch,
      }),
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
  const httpServer = http.createServer(app);
  const server = new ApolloServer({
    gateway: buildGateway(config),
    introspection: !isProduction,
    includeStacktraceInErrorResponses: !isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/graphql', express.json({ limit: config.bodyLimit }), expressMiddleware(server));

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
