import type { Provider, Type } from '@nestjs/common';
import type { EventProducer } from '@steward/events';
import type { Outbox } from '@steward/persistence';
import type { Connection } from 'mongoose';
import { BackgroundTasks } from './background';
import type { Logger } from './logger';
import { registerOutboxRelay } from './outbox-relay.task';
import { EVENT_PRODUCER, LOGGER, MONGO_CONNECTION } from './tokens';

/**
 * The one way a service wires an outbox relay: list
 * `outboxRelayProvider(SomeRepository)` among the module's providers, where
 * the provider (a class or a token) has the `outbox` of its store. The relay
 * starts with the service and is kicked by the store's writes.
 */
export function outboxRelayProvider(owner: Type<{ outbox: Outbox }> | symbol): Provider {
  const name = typeof owner === 'symbol' ? (owner.description ?? 'outbox') : owner.name;
  return {
    provide: Symbol(`outbox-relay:${name}`),
    inject: [owner, BackgroundTasks, EVENT_PRODUCER, LOGGER, MONGO_CONNECTION],
    useFactory: (source: { outbox: Outbox }, tasks: BackgroundTasks, producer: EventProducer, logger: Logger, connection: Connection) =>
      registerOutboxRelay(tasks, { outbox: source.outbox, producer, logger, connection }),
  };
}
