import { OutboxRelay, type EventProducer } from '@steward/events';
import type { Collection } from 'mongodb';
import type { BackgroundTasks } from './background';
import type { Logger } from './logger';

/**
 * Publishes the outbox of every document in `collection` (see shared/events
 * outbox): started with the service, flushed on shutdown after consumers stop.
 */
export function registerOutboxRelay(
  tasks: BackgroundTasks,
  options: { collection: Collection; producer: EventProducer; logger: Logger },
): OutboxRelay {
  const relay = new OutboxRelay({
    collection: options.collection,
    producer: options.producer,
    logger: options.logger.child({ component: 'outbox-relay', collection: options.collection.collectionName }),
    enabled: tasks.relaysEnabled,
  });
  if (!tasks.relaysEnabled) {
    options.logger.warn({ collection: options.collection.collectionName }, 'outbox relay disabled: events stay pending');
  }
  tasks.register({
    name: `outbox-relay:${options.collection.collectionName}`,
    phase: 'relays',
    start: async () => relay.start(),
    stop: async () => {
      await relay.flush();
      await relay.stop();
    },
  });
  return relay;
}
