import { OUTBOX_CLAIMS_COLLECTION, OutboxRelay, type ClaimDocument, type EventProducer } from '@steward/events';
import type { Outbox } from '@steward/persistence';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { BackgroundTasks } from './background';
import type { Logger } from './logger';
import { registerOutboxMetrics } from './metrics';

/**
 * Publishes `outbox` (a collection whose documents carry pending events, see
 * shared/events outbox): started with the service, flushed on shutdown after
 * consumers stop. The relay's removal of published entries goes through the
 * outbox's write guard (the write claims the store writes these documents
 * under), so on FerretDB it can neither undo nor be undone by a state change
 * (see @steward/persistence write-claims.ts). The relay is attached to the
 * outbox: the store that writes events kicks it. The relays of every instance
 * of the service claim the documents they publish in the database's
 * `outbox_claims` (see OutboxRelay), so N instances split the work.
 */
export function registerOutboxRelay(
  tasks: BackgroundTasks,
  options: { outbox: Outbox; producer: EventProducer; logger: Logger; connection: Connection },
): OutboxRelay {
  const collectionName = options.outbox.collection.collectionName;
  const relay = new OutboxRelay({
    collection: options.outbox.relayCollection(),
    claims: outboxClaims(options.connection),
    producer: options.producer,
    logger: options.logger.child({ component: 'outbox-relay', collection: collectionName }),
    enabled: tasks.relaysEnabled,
  });
  if (!tasks.relaysEnabled) {
    options.logger.warn({ collection: collectionName }, 'outbox relay disabled: events stay pending');
  }
  tasks.register({
    name: `outbox-relay:${collectionName}`,
    phase: 'relays',
    start: async () => relay.start(),
    stop: async () => {
      await relay.flush();
      await relay.stop();
    },
  });
  options.outbox.attach(relay);
  registerOutboxMetrics(collectionName, options.outbox.relayCollection());
  return relay;
}

/** The collection where the outbox relays of a service's database claim documents. */
export function outboxClaims(connection: Connection): Collection<ClaimDocument> {
  return connection.collection<ClaimDocument>(OUTBOX_CLAIMS_COLLECTION) as unknown as Collection<ClaimDocument>;
}
