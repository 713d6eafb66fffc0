import type { Collection, Document } from 'mongodb';

/** What the outbox relay needs of the guard a service writes its documents through (the store's write claims). */
export interface RelayWriteGuard {
  guard<TSchema extends Document>(collection: Collection<TSchema>): Collection<TSchema>;
}

/** The relay publishing an outbox, as far as a writer sees it. */
export interface OutboxKick {
  kick(): unknown;
}

/**
 * A collection whose documents carry an outbox (see @steward/events
 * `withOutbox`), with the write guard the relay's removals must take (the
 * documents' write claims, so a removal cannot undo a state change). Every
 * service wires its relay the same way, with service-kit's
 * `registerOutboxRelay(tasks, { outbox, producer, logger })`, which attaches
 * the relay here; the store that wrote events then kicks it.
 */
export class Outbox {
  private readonly relays: OutboxKick[] = [];

  constructor(
    readonly collection: Collection,
    readonly writeGuard?: RelayWriteGuard,
  ) {}

  /** The collection as the relay writes it: through the same guard as the service's writes. */
  relayCollection(): Collection {
    return this.writeGuard ? this.writeGuard.guard(this.collection) : this.collection;
  }

  attach(relay: OutboxKick): void {
    this.relays.push(relay);
  }

  /** After a write that queued events: publish now instead of at the relay's next poll. A store without a relay (a test, a CLI) kicks nothing. */
  kick(): void {
    for (const relay of this.relays) void relay.kick();
  }
}
