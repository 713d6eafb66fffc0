import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { writeFileSync } from 'node:fs';
import { BackgroundTasks } from './background';
import { ConfigError, loadServiceConfig, type ServiceConfig } from './config';
import { userContextMiddleware } from './user-context.middleware';
import { createLogger, PinoNestLogger, type Logger } from './logger';

export interface RunServiceOptions {
  serviceName: string;
  defaultPort: number;
  /** Where `--emit-schema` writes the subgraph SDL: services/<name>/schema.graphql. */
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
 * only writes the subgraph SDL and exits.
 */
export async function runService({ serviceName, defaultPort, schemaFile, rootModule, jsonBodyLimit }: RunServiceOptions): Promise<void> {
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
  const emitSchemaOnly = process.argv.includes('--emit-schema');
  const logger = createLogger(emitSchemaOnly ? { ...config, logLevel: 'warn' } : config);
  const app = await NestFactory.create<NestExpressApplication>(rootModule(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  if (emitSchemaOnly) {
    await app.init();
    writeFileSync(schemaFile, printSubgraphSchema(app.get(GraphQLSchemaHost).schema));
    await app.close();
    return;
  }
  // installed before init, so Nest does not add its default (100 kB) parser
  if (jsonBodyLimit !== undefined) app.useBodyParser('json', { limit: jsonBodyLimit });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.use(userContextMiddleware(config, logger));
  try {
    await app.get(BackgroundTasks).startAll();
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  logger.info({ url: `http://${config.host}:${config.port}/graphql` }, `${serviceName} ready`);
}
