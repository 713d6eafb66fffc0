import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { writeFileSync } from 'node:fs';
import { BackgroundTasks } from './background';
import { ConfigError, loadServiceConfig, type ServiceConfig } from './config';
import { userContextGate, userContextVerifier } from './user-context.middleware';
import { createLogger, type Logger } from './logger';
import { PinoNestLogger } from './nest-logger';
import { initMetrics } from './metrics';
import { requestIdMiddleware, requestLogContext } from './observability';

/** Nest's (and body-parser's) default. */
const DEFAULT_JSON_BODY_LIMIT = 100 * 1024;

export interface RunServiceOptions {
  serviceName: string;
  defaultPort: number;
  /** Where `--emit-schema` writes the subgraph SDL: services/<name>/schema.graphql (`--emit-schema=<file>`: there instead). */
  schemaFile: string;
  /** Largest JSON request body (default 100 kB, Nest's), e.g. for base64 uploads. */
  jsonBodyLimit?: number;
  /** Builds the root module from the validated config. */
  rootModule: (config: ServiceConfig, logger: Logger) => DynamicModule;
}

/**
 * Starts a service: config validated once (exit 1 naming the bad variable),
 * background tasks (connections, relays, consumers), then HTTP. SIGTERM/SIGINT
 * stop consuming, flush relays and close connections. With `--emit-schema` it
 * only writes the subgraph SDL and exits (`--emit-schema=<file>` writes it to
 * that file, e.g. for tools/check-contracts.mjs to compare).
 */
export async function runService({ serviceName, defaultPort, schemaFile, rootModule, jsonBodyLimit }: RunServiceOptions): Promise<void> {
  const emitArgument = process.argv.find((arg) => arg === '--emit-schema' || arg.startsWith('--emit-schema='));
  const emitSchemaOnly = emitArgument !== undefined;
  // Writing the SDL (npm run compose) serves nothing and needs no secrets: it runs as development.
  if (emitSchemaOnly) process.env.NODE_ENV ??= 'development';
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(serviceName, defaultPort);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${serviceName}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(emitSchemaOnly ? { ...config, logLevel: 'warn' } : config);
  const app = await NestFactory.create<NestExpressApplication>(rootModule(config, logger), {
    logger: new PinoNestLogger(logger),
    // parsers installed below, keeping the exact bytes the gateway signed (req.rawBody)
    bodyParser: false,
    rawBody: true,
  });
  if (emitSchemaOnly) {
    await app.init();
    const target = emitArgument?.startsWith('--emit-schema=') ? emitArgument.slice('--emit-schema='.length) : schemaFile;
    writeFileSync(target, printSubgraphSchema(app.get(GraphQLSchemaHost).schema));
    await app.close();
    return;
  }
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  // In this order, before any route: unsigned requests are refused before their
  // body is read; the others are verified against the exact bytes read.
  // Request ids first (the gateway forwards its own), their log context after the body parsers.
  initMetrics(serviceName);
  app.use(requestIdMiddleware());
  app.use(userContextGate(logger));
  app.useBodyParser('json', { limit: jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: true });
  app.use(requestLogContext());
  app.use(userContextVerifier(config, logger));
  try {
    await app.get(BackgroundTasks).startAll();
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  logger.info({ url: `http://${config.host}:${config.port}/graphql`, tracing: config.tracing }, `${serviceName} ready`);
}
