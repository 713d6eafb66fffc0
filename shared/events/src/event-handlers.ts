import { findEventDefinition } from './catalogue';
import type { EventDefinition, EventOf } from './define-event';
import type { EventEnvelope } from './envelope';

/** Where a consumed message came from. */
export interface EventMeta {
  topic: string;
  partition: number;
  /** Kafka offset (int64 as a decimal string) */
  offset: string;
  key: string | null;
}

/** Stores the effect of one event. Must be idempotent: a message can be delivered more than once. */
export type EventHandler<TEvent = EventEnvelope> = (event: TEvent, meta: EventMeta) => Promise<void>;

/**
 * A consumer's handlers, one per event definition of the catalogue:
 *
 * ```ts
 * eventHandlers()
 *   .on(ticketDispatched, async (event) => plan(event.data.handlerId)) // data typed by the catalogue schema
 *   .on(ticketEvents, async (event, meta) => keepFact(event))           // one handler for a family
 * ```
 *
 * The runtime decodes and validates every message against the catalogue
 * before it looks for a handler, so a handler only ever receives an event its
 * definition's schema accepted. A valid event of a type without a handler is
 * passed over (nothing to do for this consumer); an unknown type or an invalid
 * payload is poison (see decode-message.ts).
 */
export class EventHandlers {
  private readonly byType = new Map<string, EventHandler>();
  private every: EventHandler | undefined;

  /** Handles the events of `definitions` (one definition or a list, e.g. `ticketEvents`). */
  on<TDefinition extends EventDefinition>(
    definitions: TDefinition | readonly TDefinition[],
    handler: EventHandler<EventOf<TDefinition>>,
  ): this {
    for (const definition of Array.isArray(definitions) ? definitions : [definitions]) {
      const { type, envelopeSchema } = definition as EventDefinition;
      // messages are decoded by the catalogue: its schema for `type` must be the one the handler is typed by
      if (findEventDefinition(type)?.envelopeSchema !== envelopeSchema) {
        throw new Error(`${type} is not a definition of the @steward/events catalogue: no message would be decoded as one`);
      }
      if (this.byType.has(type)) throw new Error(`Two handlers for ${type}`);
      // Sound because handlerOf(type) is only asked for events that schema validated.
      this.byType.set(type, handler as unknown as EventHandler);
    }
    return this;
  }

  /** Handles every catalogue event the other handlers do not (untyped: for tools and tests). */
  onEvery(handler: EventHandler): this {
    if (this.every) throw new Error('Two handlers for every event');
    this.every = handler;
    return this;
  }

  /** The handler for a validated event of `type`, if the consumer has one. */
  handlerOf(type: string): EventHandler | undefined {
    return this.byType.get(type) ?? this.every;
  }
}

export function eventHandlers(): EventHandlers {
  return new EventHandlers();
}
