import { OutboxRelay, type EventProducer } from '@steward/events';
import type { Collection } from 'mongodb';
import type { BackgroundTasks } from './background';
import type { DocumentWriteGuard } from './document-locks';
import type { Logger } from './logger';

/**
 * Publishes the outbox of every document in `collection` (see shared/events
 * outbox): started with the service, flushed on shutdown after consumers stop.
 * With `locks` (the DocumentLocks or WriteClaims the service writes these
 * documents through), the relay's removal of published entries takes the same
 * per-document lock, so on FerretDB it can neither undo nor be undone by a
 * state change (see document-locks.ts).
 */
export function registerOutboxRelay(
  tasks: BackgroundTasks,
  options: { collection: Collection; producer: EventProducer; logger: Logger; locks?: DocumentWriteGuard },
): OutboxRelay {
  const relay = new OutboxRelay({
    collection: options.locks ? options.locks.guard(options.collection) : options.collection,
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
