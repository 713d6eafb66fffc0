import type { KafkaMessage } from 'kafkajs';
import { createEvent } from './envelope';
import { EventDispatcher, type MessageSource, type PoisonSink, routeMessage } from './event-dispatcher';
import { eventHandlers, type EventHandlers } from './event-handlers';
import type { DlqReason } from './kafka-headers';
import { ticketDispatched, ticketResolved } from './schemas/tickets';
import { ticketSnapshot } from '../test/test-fixtures';

const TOPIC = 'steward.tickets.events.v1';
const dispatched = createEvent(ticketDispatched, { subject: 'tkt-1', aggregateVersion: 2, data: { ...ticketSnapshot(), previousHandlerId: null } });
const resolved = createEvent(ticketResolved, {
  subject: 'tkt-1',
  aggregateVersion: 3,
  data: { ...ticketSnapshot({ status: 'RESOLVED' }), resolution: 'fixed', onTime: true },
});

function message(value: unknown, offset = '7'): KafkaMessage {
  const raw = value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return { key: Buffer.from('tkt-1'), value: raw, offset, timestamp: '0', attributes: 0, headers: {} } as KafkaMessage;
}

class ParkedMessages implements PoisonSink {
  readonly parked: { source: MessageSource; reason: DlqReason; error: string }[] = [];
  async park(_message: KafkaMessage, source: MessageSource, reason: DlqReason, error: string): Promise<void> {
    this.parked.push({ source, reason, error });
  }
}

/** A batch that runs until `stopAfter` heartbeats (the consumer stopping during a backoff). */
function control(stopAfter = Infinity) {
  let heartbeats = 0;
  return {
    heartbeat: async () => void (heartbeats += 1),
    isRunning: () => heartbeats < stopAfter,
    isStale: () => false,
    get heartbeats() {
      return heartbeats;
    },
  };
}

function dispatcher(handlers: EventHandlers, poison: PoisonSink, maxRetries = 2) {
  return new EventDispatcher({ handlers, poison, maxRetries, retryBackoffMs: 1, groupId: 'test-group' });
}

describe('routeMessage', () => {
  const handlers = eventHandlers().on(ticketDispatched, async () => undefined);

  it.each([
    ['a valid event with a handler', dispatched, 'handle'],
    ['a valid event of a type the consumer does not handle', resolved, 'pass'],
    ['an unknown type', { ...dispatched, type: 'steward.ticket.vanished.v1' }, 'poison:unknown-type'],
    ['data that breaks the schema', { ...dispatched, data: { ...dispatched.data, priority: 'WHENEVER' } }, 'poison:invalid'],
    ['a value that is not JSON', '{not json', 'poison:invalid'],
    ['a tombstone of a consumer without onTombstone', null, 'poison:invalid'],
  ] as const)('%s → %s', (_case, value, expected) => {
    const route = routeMessage(message(value).value, handlers);
    expect(route.action === 'poison' ? `poison:${route.reason}` : route.action).toBe(expected);
  });

  it('hands the handler the validated event, and a tombstone to onTombstone', () => {
    const route = routeMessage(message(dispatched).value, handlers);
    expect(route).toMatchObject({ action: 'handle', event: dispatched });
    const onTombstone = async () => undefined;
    expect(routeMessage(null, handlers, onTombstone)).toEqual({ action: 'tombstone', handler: onTombstone });
  });
});

describe('EventDispatcher', () => {
  it('parks an unknown type and an invalid payload without calling a handler', async () => {
    const calls: string[] = [];
    const poison = new ParkedMessages();
    const handlers = eventHandlers().onEvery(async (event) => void calls.push(event.id));
    const consume = dispatcher(handlers, poison);

    expect(await consume.dispatch(message({ ...dispatched, type: 'steward.ticket.vanished.v1' }, '3'), TOPIC, 1, control())).toBe(true);
    expect(await consume.dispatch(message({ ...dispatched, data: { ...dispatched.data, level: 'COUNTY' } }, '4'), TOPIC, 1, control())).toBe(true);

    expect(calls).toEqual([]);
    expect(poison.parked).toEqual([
      { source: { topic: TOPIC, partition: 1, offset: '3' }, reason: 'unknown-type', error: expect.stringContaining('steward.ticket.vanished.v1') },
      { source: { topic: TOPIC, partition: 1, offset: '4' }, reason: 'invalid', error: expect.stringContaining('data.level') },
    ]);
  });

  it('gives the typed handler the event and where it came from', async () => {
    const seen: unknown[] = [];
    const handlers = eventHandlers().on(ticketDispatched, async (event, meta) => void seen.push([event.data.handlerId, meta]));
    expect(await dispatcher(handlers, new ParkedMessages()).dispatch(message(dispatched), TOPIC, 2, control())).toBe(true);
    expect(seen).toEqual([['member-9', { topic: TOPIC, partition: 2, offset: '7', key: 'tkt-1' }]]);
  });

  it('retries a failing handler with backoff and succeeds without parking', async () => {
    let attempts = 0;
    const poison = new ParkedMessages();
    const handlers = eventHandlers().on(ticketDispatched, async () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`flaky ${attempts}`);
    });
    const batch = control();
    expect(await dispatcher(handlers, poison).dispatch(message(dispatched), TOPIC, 0, batch)).toBe(true);
    expect(attempts).toBe(3);
    // at least one per backoff: a timer may wake a millisecond before the wall clock reaches the end, and sleep another slice
    expect(batch.heartbeats).toBeGreaterThanOrEqual(2);
    expect(poison.parked).toEqual([]);
  });

  it('parks the message as handler-failed once the retries run out', async () => {
    let attempts = 0;
    const poison = new ParkedMessages();
    const handlers = eventHandlers().on(ticketDispatched, async () => {
      attempts += 1;
      throw new Error('always broken');
    });
    expect(await dispatcher(handlers, poison, 3).dispatch(message(dispatched), TOPIC, 0, control())).toBe(true);
    expect(attempts).toBe(4); // the first call and 3 retries
    expect(poison.parked).toEqual([{ source: { topic: TOPIC, partition: 0, offset: '7' }, reason: 'handler-failed', error: 'always broken' }]);
  });

  it('leaves the message undealt with when the consumer stops during a backoff', async () => {
    const poison = new ParkedMessages();
    const handlers = eventHandlers().on(ticketDispatched, async () => {
      throw new Error('store down');
    });
    expect(await dispatcher(handlers, poison, 5).dispatch(message(dispatched), TOPIC, 0, control(1))).toBe(false);
    expect(poison.parked).toEqual([]);
  });

  it('retries tombstones like events', async () => {
    const deleted: (string | null)[] = [];
    let failures = 1;
    const consume = new EventDispatcher({
      handlers: eventHandlers(),
      onTombstone: async (meta) => {
        if (failures-- > 0) throw new Error('busy');
        deleted.push(meta.key);
      },
      poison: new ParkedMessages(),
      retryBackoffMs: 1,
      groupId: 'test-group',
    });
    expect(await consume.dispatch(message(null), TOPIC, 0, control())).toBe(true);
    expect(deleted).toEqual(['tkt-1']);
  });
});
