import { Kafka, logLevel as kafkaLogLevel, type LogEntry } from 'kafkajs';
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

export async function openMongoConnection(connection: Connection, config: ServiceConfig): Promise<void> {
  await connection.openUri(config.mongo.url, {
    dbName: config.mongo.dbName,
    serverSelectionTimeoutMS: 10_000,
    // FerretDB has no retryable writes; MongoDB does not need them for single-document updates.
    retryWrites: false,
  });
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
