import { defineEvent } from './define-event';
import { createEvent, type EventEnvelope } from './envelope';
import { eventHandlers, type EventMeta } from './event-handlers';
import { orgUnitState } from './schemas/org-units';
import { ticketDispatched, ticketEvents, ticketResolved } from './schemas/tickets';
import { ticketSnapshot } from '../test/test-fixtures';
import { z } from 'zod';

const meta: EventMeta = { topic: 'steward.tickets.events.v1', partition: 0, offset: '0', key: 'tkt-1' };
const dispatched = createEvent(ticketDispatched, {
  subject: 'tkt-1',
  aggregateVersion: 2,
  data: { ...ticketSnapshot(), previousHandlerId: null, handlerUnitId: 'grid-7' },
});
const resolved = createEvent(ticketResolved, {
  subject: 'tkt-1',
  aggregateVersion: 3,
  data: { ...ticketSnapshot({ status: 'RESOLVED' }), resolution: 'fixed', onTime: true },
});

describe('eventHandlers', () => {
  it('types a handler by its definition: data fields come from the catalogue schema', async () => {
    const seen: Array<string | null> = [];
    const handlers = eventHandlers().on(ticketDispatched, async (event) => {
      const handlerId: string | null | undefined = event.data.handlerId;
      const handlerUnitId: string | null | undefined = event.data.handlerUnitId;
      // @ts-expect-error a dispatch has no resolution (only ticketResolved has)
      void event.data.resolution;
      // @ts-expect-error the type is the definition's literal
      const other: 'steward.ticket.resolved.v1' = event.type;
      void other;
      seen.push(handlerId ?? null, handlerUnitId ?? null);
    });
    await handlers.handlerOf(ticketDispatched.type)?.(dispatched, meta);
    expect(seen).toEqual(['member-9', 'grid-7']);
  });

  it('types a handler for a family of definitions as their union, discriminated by type', async () => {
    const resolutions: string[] = [];
    const handlers = eventHandlers().on(ticketEvents, async (event) => {
      const ticketId: string = event.data.ticketId; // on every ticket event
      if (event.type === 'steward.ticket.resolved.v1') resolutions.push(`${ticketId}: ${event.data.resolution}`);
    });
    for (const event of [dispatched, resolved]) await handlers.handlerOf(event.type)?.(event, meta);
    expect(resolutions).toEqual(['tkt-1: fixed']);
  });

  it('finds the handler of a type, the catch-all for the others, or none', () => {
    const typed = async () => undefined;
    const every = async (_event: EventEnvelope) => undefined;
    expect(eventHandlers().on(ticketDispatched, typed).handlerOf(ticketResolved.type)).toBeUndefined();
    const handlers = eventHandlers().on(ticketDispatched, typed).onEvery(every);
    expect(handlers.handlerOf(ticketDispatched.type)).toBe(typed);
    expect(handlers.handlerOf(orgUnitState.type)).toBe(every);
  });

  it('refuses two handlers for one type, and a definition the catalogue does not hold', () => {
    expect(() => eventHandlers().on(ticketDispatched, async () => undefined).on(ticketEvents, async () => undefined)).toThrow(
      'Two handlers for steward.ticket.dispatched.v1',
    );
    const stray = defineEvent({ type: 'steward.test.stray.v1', topic: 't', source: 'steward/test', schema: z.object({}) });
    expect(() => eventHandlers().on(stray, async () => undefined)).toThrow(/not a definition of the @steward\/events catalogue/);
  });
});
