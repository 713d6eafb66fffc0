import { createEvent } from './envelope';
import { outboxPush, toOutboxEntries } from './outbox';
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

describe('outboxPush', () => {
  it('is a $push of the envelopes addressed to their catalogue topic', () => {
    expect(outboxPush([visit])).toEqual({
      $push: { outbox: { $each: [{ ...visit, topic: 'steward.visits.events.v1' }] } },
    });
  });

  it('lets the topic be overridden', () => {
    expect(toOutboxEntries([visit], { topic: 'test.topic' })[0].topic).toBe('test.topic');
  });

  it('refuses an envelope of an unknown type', () => {
    expect(() => outboxPush([{ ...visit, type: 'steward.visit.vanished.v1' }])).toThrow(/Unknown event type/);
  });
});
