import { EventConsumerRunner, type EventHandlers } from '@steward/events';
import type { Kafka } from 'kafkajs';
import type { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';
import { consumerMetrics } from './metrics';

/**
 * The committed offsets describe how far the effects stored in this service's
 * database go, so the group is named after the database: a fresh database (a
 * test, a second environment on the same brokers) gets a fresh group and
 * reads the topics from the start instead of sharing partitions.
 */
export function consumerGroupId(config: ServiceConfig, consumerName: string): string {
  return `${config.mongo.dbName}.${consumerName}`;
}

/**
 * Consumes catalogue events with typed handlers (`eventHandlers().on(…)`) and
 * at-least-once delivery (offsets committed after the effect, retries, poison
 * messages to `<topic>.dlq`); started with the service, stopped first on shutdown.
 */
export function registerEventConsumer(
  tasks: BackgroundTasks,
  options: { kafka: Kafka; config: ServiceConfig; logger: Logger; name: string; topics: string[]; handlers: EventHandlers },
): EventConsumerRunner {
  const runner = new EventConsumerRunner({
    kafka: options.kafka,
    groupId: consumerGroupId(options.config, options.name),
    topics: options.topics,
    handlers: options.handlers,
    fromBeginning: options.config.kafka.newGroupStart === 'earliest',
    logger: options.logger.child({ component: 'consumer', consumer: options.name }),
    consumerConfig: { sessionTimeout: 30_000, heartbeatInterval: 3_000 },
    observer: consumerMetrics,
  });
  tasks.register({ name: `consumer:${options.name}`, phase: 'consumers', start: () => runner.start(), stop: () => runner.stop() });
  return runner;
}
