import { EventConsumerRunner, type EventHandler } from '@steward/events';
import type { Kafka } from 'kafkajs';
import type { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';

/**
 * Consumes catalogue events with at-least-once delivery (offsets committed after
 * the effect, retries, poison messages to `<topic>.dlq`); started with the
 * service, stopped first on shutdown.
 */
export function registerEventConsumer(
  tasks: BackgroundTasks,
  options: { kafka: Kafka; config: ServiceConfig; logger: Logger; name: string; topics: string[]; handler: EventHandler },
): EventConsumerRunner {
  const runner = new EventConsumerRunner({
    kafka: options.kafka,
    groupId: `steward-${options.config.serviceName}.${options.name}`,
    topics: options.topics,
    handler: options.handler,
    logger: options.logger.child({ component: 'consumer', consumer: options.name }),
    consumerConfig: { sessionTimeout: 30_000, heartbeatInterval: 3_000 },
  });
  tasks.register({ name: `consumer:${options.name}`, phase: 'consumers', start: () => runner.start(), stop: () => runner.stop() });
  return runner;
}
