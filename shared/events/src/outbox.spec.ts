import { createEvent } from './envelope';
import { outboxFields, toOutboxEntries, withOutbox } from './outbox';
import { visitLogged } from './schemas/visits';

const visit = createEvent(visitLogged, {
  subject: 'visit-1',
  aggregateVersion: 1,
  data: {
    visitId: 'visit-1',
    memberId: 'member-1',
    gridId: 'grid-7',
    orgPath: ['city-1', 'grid-7'],
    kind: 'ROUTINE',
    status: 'PLANNED',
    householdIds: [],
    occurredAt: '2026-11-30T08:00:00.000Z',
  },
});

describe('withOutbox', () => {
  it('appends the envelopes, addressed to their catalogue topic, and marks the document pending, keeping the rest of the update', () => {
    expect(withOutbox({ $set: { status: 'DONE' }, $push: { history: 'h' }, $inc: { n: 1 } }, [visit])).toEqual({
      $set: { status: 'DONE', outboxPending: true },
      $push: { history: 'h', outbox: { $each: [{ ...visit, topic: 'steward.visits.events.v1' }] } },
      $inc: { n: 1 },
    });
  });

  it('leaves an update without events as it is', () => {
    const update = { $set: { status: 'DONE' } };
    expect(withOutbox(update, [])).toBe(update);
  });

  it('refuses an update that pushes to the outbox itself', () => {
    expect(() => withOutbox({ $push: { outbox: 'x' } }, [visit])).toThrow(/already pushes to the outbox/);
  });

  it('refuses an envelope of an unknown type', () => {
    expect(() => withOutbox({}, [{ ...visit, type: 'steward.visit.vanished.v1' }])).toThrow(/Unknown event type/);
  });
});

describe('outboxFields', () => {
  it('gives an inserted document its entries and the pending mark, or nothing without events', () => {
    expect(outboxFields([visit])).toEqual({ outbox: [{ ...visit, topic: 'steward.visits.events.v1' }], outboxPending: true });
    expect(outboxFields([])).toEqual({});
  });

  it('lets the topic be overridden', () => {
    expect(toOutboxEntries([visit], { topic: 'test.topic' })[0].topic).toBe('test.topic');
  });
});
