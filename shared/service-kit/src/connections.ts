import { setWriteClaimsMode, writeClaimsOf } from '@steward/persistence';
import { Kafka, logLevel as kafkaLogLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Db } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { readFileSync } from 'node:fs';
import type { KafkaClientSettings, KafkaSecurity, ServiceConfig } from './config';
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

/** The kafkajs `ssl` and `sasl` options of `security` (the CA file is read here, once per client). */
export function kafkaSecurityOptions(
  security: KafkaSecurity,
  readCa: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const ssl = security.tls && (security.tls.caFile ? { ca: [readCa(security.tls.caFile)] } : true);
  return { ...(ssl ? { ssl } : {}), ...(security.sasl ? { sasl: saslOptions(security.sasl) } : {}) };
}

function saslOptions({ mechanism, username, password }: NonNullable<KafkaSecurity['sasl']>): SASLOptions {
  const credentials = { username, password: password.reveal() };
  switch (mechanism) {
    case 'plain':
      return { mechanism, ...credentials };
    case 'scram-sha-256':
      return { mechanism, ...credentials };
    case 'scram-sha-512':
      return { mechanism, ...credentials };
  }
}

export function createKafka(config: { kafka: KafkaClientSettings }, logger: Logger): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers,
    ...kafkaSecurityOptions(config.kafka.security),
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
