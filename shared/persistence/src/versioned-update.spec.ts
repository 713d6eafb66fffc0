import { assessmentPeriodClosed, createEvent } from '@steward/events';
import { versionedUpdate, versionFilter } from './versioned-update';

// any catalogue event will do: the store queues it as it is
const event = createEvent(assessmentPeriodClosed, {
  subject: 'report-1',
  aggregateVersion: 1,
  data: { unitId: 'grid-7', periodKind: 'MONTH', periodKey: '2026-11', policyVersion: 1, score: 91.5, occurredAt: '2026-12-01T00:00:00.000Z' },
});

describe('versionFilter', () => {
  it.each([
    ['version', 3, { version: 3 }],
    ['rev', 0, { $or: [{ rev: 0 }, { rev: { $exists: false } }] }],
    ['revision', 1, { revision: 1 }],
  ])('%s at %i', (field, expected, filter) => {
    expect(versionFilter(field, expected)).toEqual(filter);
  });
});

describe('versionedUpdate', () => {
  it('guards by the version read, sets the changes and version + 1', () => {
    expect(versionedUpdate('version', { id: 'm-1', expected: 4, set: { name: '王芳' } })).toEqual({
      filter: { _id: 'm-1', version: 4 },
      update: { $set: { name: '王芳', version: 5 } },
    });
  });

  it('writes an explicit next version, appends and queues the events in the same update', () => {
    const { filter, update } = versionedUpdate('revision', {
      id: 'visit-1',
      expected: 1,
      next: 3,
      set: { status: 'PLANNED' },
      push: { history: { action: 'PLANNED' } },
      events: [event],
    });
    expect(filter).toEqual({ _id: 'visit-1', revision: 1 });
    expect(update).toEqual({
      $set: { status: 'PLANNED', revision: 3, outboxPending: true },
      $push: { history: { action: 'PLANNED' }, outbox: { $each: [{ ...event, topic: 'steward.assessment.events.v1' }] } },
    });
  });

  it('adds further conditions, keeping two $or apart', () => {
    expect(versionedUpdate('rev', { id: 't-1', expected: 2, where: { version: 7 } }).filter).toEqual({ _id: 't-1', version: 7, rev: 2 });
    const either = { $or: [{ a: 1 }, { b: 1 }] };
    expect(versionedUpdate('rev', { id: 't-1', expected: 0, where: either }).filter).toEqual({
      _id: 't-1',
      $and: [either, { $or: [{ rev: 0 }, { rev: { $exists: false } }] }],
    });
  });
});
