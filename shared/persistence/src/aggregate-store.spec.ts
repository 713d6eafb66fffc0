import { ALL_UNITS, type OrgScope } from '@steward/auth';
import { ConflictError, ForbiddenError } from '@steward/errors';
import { assessmentPeriodClosed, createEvent } from '@steward/events';
import type { Collection } from 'mongodb';
import type { Model } from 'mongoose';
import { AggregateStore, type AggregateStoreOptions } from './aggregate-store';
import { WriteClaims } from './write-claims';
import { memoryClaims } from '../test/memory-claims';

/*
 * The store's own decisions (which guard a write takes, what a lost race or a
 * duplicate becomes, when the relay is kicked) against a recording stand-in of
 * the model; what the store writes is checked on the real database by the
 * services' integration tests.
 */

interface Doc {
  _id: string;
  orgPath: string[];
  version: number;
}

// any catalogue event will do: the store queues it as it is
const event = createEvent(assessmentPeriodClosed, {
  subject: 'report-1',
  aggregateVersion: 1,
  data: { unitId: 'grid-7', periodKind: 'MONTH', periodKey: '2026-11', policyVersion: 1, score: 91.5, occurredAt: '2026-12-01T00:00:00.000Z' },
});

function fakeModel(behaviour: { matched?: number; fail?: unknown; stored?: Doc | null } = {}) {
  const calls: string[] = [];
  const exec = <T>(value: () => T) => ({ exec: async () => value() });
  const model = {
    modelName: 'Visit',
    collection: {
      collectionName: 'docs',
      updateOne: async (filter: unknown) => {
        calls.push(`relay updateOne ${JSON.stringify(filter)}`);
        return { matchedCount: 1 };
      },
      bulkWrite: async (operations: { updateOne: { filter: unknown } }[]) => {
        calls.push(`relay bulkWrite ${operations.map((operation) => JSON.stringify(operation.updateOne.filter)).join(' ')}`);
        return { matchedCount: operations.length };
      },
    },
    bulkWrite: async (operations: { updateOne: { filter: unknown } }[]) => {
      calls.push(`bulkWrite ${operations.map((operation) => JSON.stringify(operation.updateOne.filter)).join(' ')}`);
      if (behaviour.fail) throw behaviour.fail;
      return { matchedCount: behaviour.matched ?? operations.length };
    },
    calls,
    updateOne: (filter: unknown, update: unknown) =>
      exec(() => {
        calls.push(`updateOne ${JSON.stringify(filter)} ${JSON.stringify(update)}`);
        if (behaviour.fail) throw behaviour.fail;
        return { matchedCount: behaviour.matched ?? 1 };
      }),
    create: async (doc: { _id: string }) => {
      calls.push(`create ${doc._id}`);
      if (behaviour.fail) throw behaviour.fail;
      return doc;
    },
    findById: () => ({ lean: () => exec(() => behaviour.stored ?? null) }),
  };
  return model;
}

/** Write claims in memory that record what they hold; `required` as the database would decide. */
function recordingClaims(log: string[], required = true, options: { busy?: string } = {}) {
  const collection = memoryClaims({
    onInsert: (id) => {
      if (!id.includes('~')) log.push(`claim ${id}`);
    },
  });
  if (options.busy) collection.docs.set(options.busy, { _id: options.busy, holder: 'another', expiresAt: new Date(Date.now() + 60_000) });
  return new WriteClaims(collection.asCollection(), async () => required, { wait: { name: 'test', attempts: 2, baseDelayMs: 0, maxDelayMs: 0 } });
}

function store(model: ReturnType<typeof fakeModel>, options: Partial<AggregateStoreOptions<Doc>> = {}) {
  const created = new AggregateStore<Doc>(model as unknown as Model<Doc>, { claims: recordingClaims([]), ...options });
  const kicks: number[] = [];
  created.outbox.attach({ kick: () => kicks.push(1) });
  return { store: created, kicks };
}

const duplicate = { code: 11000, message: 'E11000 duplicate key error collection: steward.docs' };

describe('AggregateStore', () => {
  it('saves under the document’s claim, guarded by the version read, and kicks the relay for events only', async () => {
    const log: string[] = [];
    const model = fakeModel();
    const { store: visits, kicks } = store(model, { claims: recordingClaims(log) });
    await visits.save({ id: 'v-1', expected: 1, set: { status: 'DONE' }, events: [event] });
    await visits.save({ id: 'v-1', expected: 2, set: { status: 'DONE' } });
    expect(log).toEqual(['claim docs:v-1', 'claim docs:v-1']);
    expect(model.calls[0]).toContain('{"_id":"v-1","version":1}');
    expect(model.calls[0]).toContain('"version":2');
    expect(kicks).toHaveLength(1);
  });

  it('takes no claim where the database needs none (MongoDB), and none for an insert', async () => {
    const log: string[] = [];
    const model = fakeModel();
    const { store: visits } = store(model, { claims: recordingClaims(log, false) });
    await visits.save({ id: 'v-1', expected: 1 });
    const { store: claimed } = store(fakeModel(), { claims: recordingClaims(log) });
    await claimed.insert({ _id: 'v-2' }, [event]);
    expect(log).toEqual([]);
    expect(model.calls).toHaveLength(1);
  });

  it('hands the relay a collection whose removals take the document’s claim, as saves do', async () => {
    const log: string[] = [];
    const model = fakeModel();
    const { store: visits } = store(model, { claims: recordingClaims(log) });
    // the relay's documents have string ids (the driver's default schema says ObjectId)
    const relayView = visits.outbox.relayCollection() as unknown as Collection<{ _id: string; outbox: unknown[]; outboxPending?: true }>;
    await relayView.updateOne({ _id: 'v-1', outbox: [] }, { $set: { outbox: [] } });
    await relayView.updateOne({ outboxPending: true }, { $set: { outbox: [] } });
    expect(log).toEqual(['claim docs:v-1']);
    expect(model.calls).toEqual(['relay updateOne {"_id":"v-1","outbox":[]}', 'relay updateOne {"outboxPending":true}']);
    expect(relayView.collectionName).toBe('docs');
  });

  it('runs the relay\'s bulk removal under the claims of all its documents, and refuses one it cannot key', async () => {
    const log: string[] = [];
    const model = fakeModel();
    const { store: visits } = store(model, { claims: recordingClaims(log) });
    const relayView = visits.outbox.relayCollection() as unknown as Collection<{ _id: string; outbox: unknown[] }>;
    await relayView.bulkWrite([
      { updateOne: { filter: { _id: 'v-2', outbox: [] }, update: { $set: { outbox: [] } } } },
      { updateOne: { filter: { _id: 'v-1', outbox: [] }, update: { $set: { outbox: [] } } } },
    ]);
    expect(log).toEqual(['claim docs:v-1', 'claim docs:v-2']);
    expect(model.calls).toEqual(['relay bulkWrite {"_id":"v-2","outbox":[]} {"_id":"v-1","outbox":[]}']);
    expect(() => relayView.bulkWrite([{ updateOne: { filter: { outboxPending: true }, update: { $set: { outbox: [] } } } }])).toThrow('one _id each');
  });

  it('writes several guarded changes in one bulk write under their claims, and says how many matched', async () => {
    const log: string[] = [];
    const model = fakeModel({ matched: 1 });
    const { store: visits } = store(model, { claims: recordingClaims(log) });
    expect(await visits.trySaveAll([{ id: 'v-2', expected: 3 }, { id: 'v-1', expected: 1 }])).toBe(1);
    expect(log).toEqual(['claim docs:v-1', 'claim docs:v-2']);
    expect(model.calls).toEqual(['bulkWrite {"_id":"v-2","version":3} {"_id":"v-1","version":1}']);
    await expect(visits.trySaveAll([{ id: 'v-1', expected: 1 }, { id: 'v-1', expected: 2 }])).rejects.toThrow('one change per document');
    // another writer holds one of them beyond the wait: nothing is written
    const busyModel = fakeModel();
    const { store: busy } = store(busyModel, { claims: recordingClaims([], true, { busy: 'docs:v-2' }) });
    expect(await busy.trySaveAll([{ id: 'v-1', expected: 1 }, { id: 'v-2', expected: 1 }])).toBe(0);
    expect(busyModel.calls).toEqual([]);
  });

  it('claims every document of a multi-document write, in sorted order', async () => {
    const log: string[] = [];
    const { store: units } = store(fakeModel(), { claims: recordingClaims(log) });
    expect(await units.claimedRunAll(['u-3', 'u-1', 'u-2', 'u-1'], async () => 'written')).toBe('written');
    expect(log).toEqual(['claim docs:u-1', 'claim docs:u-2', 'claim docs:u-3']);
  });

  it('turns a claim held beyond the wait into a lost race (trySave) or CONFLICT “being changed by someone else” (save)', async () => {
    const model = fakeModel();
    const { store: tickets } = store(model, { claims: recordingClaims([], true, { busy: 'docs:t-1' }), versionField: 'rev' });
    expect(await tickets.trySave({ id: 't-1', expected: 4, where: { version: 2 } })).toBe(false);
    await expect(tickets.save({ id: 't-1', expected: 4 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'docs:t-1 is being changed by someone else; retry',
    });
    expect(model.calls).toEqual([]);
  });

  it('turns an unmatched guard into CONFLICT naming the aggregate, or the store’s own conflict error', async () => {
    const { store: lost } = store(fakeModel({ matched: 0 }));
    await expect(lost.save({ id: 'v-1', expected: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Visit v-1 was changed by someone else; reload and retry',
      details: { id: 'v-1', expectedVersion: 3 },
    });
    expect(await lost.trySave({ id: 'v-1', expected: 3 })).toBe(false);
    const { store: own } = store(fakeModel({ matched: 0 }), { conflict: (id) => new ConflictError(`stale ${id}`) });
    await expect(own.save({ id: 'v-1', expected: 3 })).rejects.toThrow('stale v-1');
  });

  it('maps a violation of the named unique index to the domain error, on insert and on save', async () => {
    const phoneTaken = (fields: Record<string, unknown>) => new ConflictError(`phone ${String(fields.phone)} taken`);
    const { store: members } = store(fakeModel({ fail: duplicate }), { uniqueIndex: { index: 'phone', error: phoneTaken } });
    await expect(members.insert({ _id: 'm-1', phone: '138' } as unknown as Doc)).rejects.toThrow('phone 138 taken');
    await expect(members.save({ id: 'm-1', expected: 1, set: { phone: '139' } })).rejects.toThrow('phone 139 taken');
  });

  it('tryInsert: false for an existing _id, other errors thrown; insert kicks for events', async () => {
    const { store: taken } = store(fakeModel({ fail: duplicate }));
    expect(await taken.tryInsert({ _id: 'v-1' }, [event])).toBe(false);
    const { store: broken } = store(fakeModel({ fail: new Error('disk full') }));
    await expect(broken.tryInsert({ _id: 'v-1' })).rejects.toThrow('disk full');
    const { store: fresh, kicks } = store(fakeModel());
    expect(await fresh.tryInsert({ _id: 'v-2' }, [event])).toBe(true);
    expect(kicks).toHaveLength(1);
  });

  it('reads one document inside the scope, FORBIDDEN outside it', async () => {
    const stored: Doc = { _id: 'v-1', orgPath: ['city', 'grid-7'], version: 1 };
    const { store: visits } = store(fakeModel({ stored }));
    const grid7: OrgScope = { kind: 'UNITS', unitIds: ['grid-7'] };
    const grid8: OrgScope = { kind: 'UNITS', unitIds: ['grid-8'] };
    expect(await visits.findById('v-1', grid7)).toBe(stored);
    expect(await visits.findById('v-1', ALL_UNITS)).toBe(stored);
    await expect(visits.findById('v-1', grid8)).rejects.toBeInstanceOf(ForbiddenError);
    expect(visits.scoped({ status: 'DONE' }, grid8)).toEqual({ $and: [{ status: 'DONE' }, { orgPath: { $in: ['grid-8'] } }] });
  });
});
