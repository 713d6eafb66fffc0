import { type ConsumerSettings, type EventDefinition, type EventOf, EventBatchConsumer, EventConsumerRunner, type EventHandlers } from '@steward/events';
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

/** What every live consumer of a service is registered with. */
interface LiveConsumerOptions {
  kafka: Kafka;
  config: ServiceConfig;
  logger: Logger;
  name: string;
  topics: string[];
}

/** The consumer-runtime settings of a service's live consumer `name`: group, start, logger, kafkajs settings, metrics. */
function liveConsumerSettings(options: LiveConsumerOptions): ConsumerSettings {
  return {
    kafka: options.kafka,
    groupId: consumerGroupId(options.config, options.name),
    topics: options.topics,
    fromBeginning: options.config.kafka.newGroupStart === 'earliest',
    logger: options.logger.child({ component: 'consumer', consumer: options.name }),
    consumerConfig: { sessionTimeout: 30_000, heartbeatInterval: 3_000 },
    observer: consumerMetrics,
  };
}

/** Started with the service, stopped first on shutdown. */
function registerConsumer<T extends { start(): Promise<void>; stop(): Promise<void> }>(tasks: BackgroundTasks, name: string, consumer: T): T {
  tasks.register({ name: `consumer:${name}`, phase: 'consumers', start: () => consumer.start(), stop: () => consumer.stop() });
  return consumer;
}

/**
 * Consumes catalogue events with typed handlers (`eventHandlers().on(…)`) and
 * at-least-once delivery (offsets committed after the effect, retries, poison
 * messages to `<topic>.dlq`); started with the service, stopped first on shutdown.
 */
export function registerEventConsumer(tasks: BackgroundTasks, options: LiveConsumerOptions & { handlers: EventHandlers }): EventConsumerRunner {
  return registerConsumer(tasks, options.name, new EventConsumerRunner({ ...liveConsumerSettings(options), handlers: options.handlers }));
}

/**
 * Like `registerEventConsumer`, in the batch mode of the consumer runtime
 * (`EventBatchConsumer`): `apply` gets the valid events of one partition's
 * chunk at once, in offset order, and stores their effects with bulk reads
 * and writes; the chunk's offsets are committed after it resolved. It must
 * apply once in effect however often, and however split into chunks, events
 * are delivered. Poison is parked on `<topic>.dlq`; a throw fails the batch,
 * which kafkajs delivers again (no per-event dead-lettering).
 */
export function registerBatchEventConsumer<TDefinition extends EventDefinition>(
  tasks: BackgroundTasks,
  options: LiveConsumerOptions & {
    events: readonly TDefinition[];
    apply: (events: EventOf<TDefinition>[]) => Promise<void>;
    /** partitions handled at once (their effects must not contend); default 1 */
    partitionsConsumedConcurrently?: number;
  },
): EventBatchConsumer<TDefinition> {
  return registerConsumer(
    tasks,
    options.name,
    new EventBatchConsumer<TDefinition>({
      ...liveConsumerSettings(options),
      events: options.events,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      applyChunk: (chunk) => options.apply(chunk.events.map(({ event }) => event)),
    }),
  );
}
