import { setWriteClaimsMode, writeClaimsOf } from '@steward/persistence';
import { Kafka, logLevel as kafkaLogLevel, type LogEntry } from 'kafkajs';
import type { Db } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';

/**
 * A mongoose connection that is created closed: models can be registered on it
 * at module construction, and it is opened by the kit's start-up task. FerretDB
 * has no TTL/partial/text indexes, so indexes are created explicitly, never
 * implicitly on model compilation.
 */
export function createMongoConnection(): Connection {
  const connection = mongoose.createConnection();
  connection.set('autoIndex', false);
  connection.set('autoCreate', false);
  return connection;
}

/**
 * Opens the connection, decides once whether its writes take write claims
 * (`STEWARD_WRITE_CLAIMS`; `auto`: FerretDB does, MongoDB does not) for every
 * store on it, and creates the models' indexes.
 */
export async function openMongoConnection(connection: Connection, config: ServiceConfig, logger?: Logger): Promise<void> {
  await connection.openUri(config.mongo.url, {
    dbName: config.mongo.dbName,
    serverSelectionTimeoutMS: 10_000,
    // FerretDB has no retryable writes; MongoDB does not need them for single-document updates.
    retryWrites: false,
  });
  setWriteClaimsMode(connection.getClient(), config.writeClaims);
  const claims = await writeClaimsOf(connection.db as Db).required();
  logger?.info({ mode: config.writeClaims, claims }, claims ? 'aggregate writes take write claims' : 'aggregate writes trust the database’s filtered update');
  await Promise.all(Object.values(connection.models).map((model) => model.createIndexes()));
}

const KAFKA_TO_PINO = {
  [kafkaLogLevel.ERROR]: 'error',
  [kafkaLogLevel.WARN]: 'warn',
  [kafkaLogLevel.INFO]: 'info',
  [kafkaLogLevel.DEBUG]: 'debug',
  [kafkaLogLevel.NOTHING]: 'silent',
} as const;

export function createKafka(config: Pick<ServiceConfig, 'kafka'> | { kafka: { clientId: string; brokers: string[] } }, logger: Logger): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers,
    logLevel: kafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const pinoLevel = KAFKA_TO_PINO[level] ?? 'info';
        if (pinoLevel !== 'silent') kafkaLogger[pinoLevel](extra, message);
      },
  });
}
