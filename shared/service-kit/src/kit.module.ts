import { AuditLog } from './audit-log';
import {
  Global,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventProducer, KAFKA_START_RETRY_MS, ensureTopics, retryRetriableKafka, topicSpecsFor } from '@steward/events';
import { Lease } from '@steward/persistence';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import { createKafka, createMongoConnection, openMongoConnection } from './connections';
import { HealthController } from './health.controller';
import { serviceLease } from './leader-task';
import type { Logger } from './logger';
import { MetricsController } from './metrics.controller';
import { registerKafkaMetrics } from './metrics';
import { shutdownTracing } from './tracing';
import { EVENT_PRODUCER, KAFKA, LOGGER, MONGO_CONNECTION, SERVICE_CONFIG } from './tokens';

export interface ServiceKitOptions {
  config: ServiceConfig;
  logger: Logger;
  /** Kafka topics this service produces to or consumes from; created at start if missing. */
  topics: string[];
}

class KitLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly tasks: BackgroundTasks,
    private readonly logger: Logger,
    private readonly mongo: Connection,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.tasks.stopAll((task, error) => this.logger.error({ err: error, task: task.name }, 'stopping a task failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close();
    await shutdownTracing();
  }
}

/**
 * Everything a Village Steward service needs besides its own features: typed
 * config, logger, Mongo connection, Kafka client and event producer, health
 * and metrics endpoints, and ordered start/stop of background work.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot({ config, logger, topics }: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: MONGO_CONNECTION, useFactory: createMongoConnection },
        {
          provide: KAFKA,
          useFactory: () => {
            const kafka = createKafka(config, logger);
            registerKafkaMetrics(kafka);
            return kafka;
          },
        },
        {
          provide: EVENT_PRODUCER,
          useFactory: (kafka: Kafka) => new EventProducer(kafka),
          inject: [KAFKA],
        },
        {
          provide: BackgroundTasks,
          useFactory: (mongo: Connection, kafka: Kafka, producer: EventProducer) => {
            const tasks = new BackgroundTasks(config.outboxRelayEnabled);
            tasks.register({
              name: 'mongo',
              phase: 'connections',
              start: () => openMongoConnection(mongo, config, logger),
              stop: async () => undefined, // closed last, in KitLifecycle
            });
            tasks.register({
              name: 'kafka-producer',
              phase: 'connections',
              start: async () => {
                await ensureTopics(kafka, topicSpecsFor(...topics), { replicationFactor: config.kafka.replicationFactor, timeoutMs: 30_000 });
                await retryRetriableKafka(() => producer.connect(), KAFKA_START_RETRY_MS);
              },
              stop: () => producer.disconnect(),
            });
            return tasks;
          },
          inject: [MONGO_CONNECTION, KAFKA, EVENT_PRODUCER],
        },
        AuditLog,
        // leader leases of this instance (registerLeaderTask, backfills)
        { provide: Lease, inject: [MONGO_CONNECTION], useFactory: (mongo: Connection) => serviceLease(mongo, logger) },
        {
          provide: KitLifecycle,
          useFactory: (tasks: BackgroundTasks, mongo: Connection) => new KitLifecycle(tasks, logger, mongo),
          inject: [BackgroundTasks, MONGO_CONNECTION],
        },
      ],
      exports: [SERVICE_CONFIG, LOGGER, MONGO_CONNECTION, KAFKA, EVENT_PRODUCER, BackgroundTasks, AuditLog, Lease],
    };
  }
}

export const InjectConfig = () => Inject(SERVICE_CONFIG);
export const InjectLogger = () => Inject(LOGGER);
export const InjectMongo = () => Inject(MONGO_CONNECTION);
export const InjectKafka = () => Inject(KAFKA);
export const InjectProducer = () => Inject(EVENT_PRODUCER);
