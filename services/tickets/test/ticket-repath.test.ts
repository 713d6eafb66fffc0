// Re-pathing tickets after a move, on the real database: the tickets store as
// a re-pather behind OrgRepath (the consumer's handler), fed the same org unit
// state twice, and resuming a pass that a crash cut short.
import { ALL_UNITS } from '@steward/auth';
import { createEvent, orgUnitState } from '@steward/events';
import { claimKey, writeClaimsOf } from '@steward/persistence';
import type { ReplicaProgress } from '@steward/replicas';
import { OrgRepath } from '@steward/service-kit/core';
import { MONGO_URL, uniqueName } from '@steward/testing';
import type { Db } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import pino from 'pino';
import { handlerMark } from '../src/domain/ticket-access';
import { TicketRepository } from '../src/persistence/ticket.repository';

// 清溪镇 Q with 太平村 T and 八卦村 B; the grid G moves from T to B
const T = ['C', 'D', 'Q', 'T'];
const G_OLD = [...T, 'G'];
const G_NEW = ['C', 'D', 'Q', 'B', 'G'];
const G2 = [...T, 'G2'];

const movedGrid = createEvent(orgUnitState, {
  subject: 'G',
  aggregateVersion: 3,
  data: { id: 'G', name: '太平村第一网格', level: 'GRID', parentId: 'B', ancestors: ['C', 'D', 'Q', 'B'], status: 'ACTIVE', validTo: null },
});
const position = { partition: 0, offset: '42', key: 'G' };
const replicaHasIt: ReplicaProgress = { whenApplied: async () => undefined };

function storedTicket(id: string, fields: { unitId: string; orgPath: string[]; location: { unitId: string; path: string[] }; handlerId?: string; accessPath: string[] }) {
  const now = new Date();
  return {
    _id: id,
    number: `${id}-000001`,
    title: '灌溉渠堵塞',
    description: '',
    category: 'WATER_IRRIGATION',
    channel: 'HOTLINE',
    priority: 'NORMAL',
    status: fields.handlerId ? 'DISPATCHED' : 'ACCEPTED',
    level: 'GRID',
    unitId: fields.unitId,
    orgPath: fields.orgPath,
    accessPath: fields.accessPath,
    location: { ...fields.location, address: null, geo: null },
    handlerId: fields.handlerId ?? null,
    handlerUnitId: fields.handlerId ? fields.unitId : null,
    version: 3,
    rev: 5,
    timeline: [],
    createdAt: now,
    updatedAt: now,
  };
}

describe('tickets follow a moved unit', () => {
  let connection: Connection;
  let store: TicketRepository;
  let repath: OrgRepath;

  beforeAll(async () => {
    connection = await mongoose.createConnection(MONGO_URL, { dbName: uniqueName('repath_tickets').replace(/-/g, '_') }).asPromise();
    store = new TicketRepository(connection);
    const paths = new Map([['G', G_NEW]]);
    repath = new OrgRepath({ pathOf: (id) => paths.get(id), progress: replicaHasIt, repathers: [{ name: 'tickets', repath: (unitId, path) => store.repathUnit(unitId, path) }], logger: pino({ level: 'silent' }), settleMs: 0 });
    await connection.collection('tickets').insertMany([
      // handled on the grid
      storedTicket('grid', { unitId: 'G', orgPath: G_OLD, location: { unitId: 'G', path: G_OLD }, handlerId: 'm1', accessPath: [...G_OLD, handlerMark('G', 'm1')] }),
      // located on the grid, escalated to the village
      storedTicket('escalated', { unitId: 'T', orgPath: T, location: { unitId: 'G', path: G_OLD }, accessPath: [...T, 'G'] }),
      // another grid of the village: not moved
      storedTicket('other', { unitId: 'G2', orgPath: G2, location: { unitId: 'G2', path: G2 }, accessPath: G2 }),
    ] as never[]);
  });

  afterAll(async () => {
    await repath?.stop();
    await connection?.dropDatabase();
    await connection?.close();
  });

  const read = async (id: string) => {
    const doc = await store.findById(id, ALL_UNITS);
    if (!doc) throw new Error(`ticket ${id} is gone`);
    return { orgPath: doc.orgPath, location: doc.location.path, accessPath: doc.accessPath, version: doc.version, rev: doc.rev };
  };

  it('re-paths the tickets responsible or located there, once: the same state again changes nothing', async () => {
    await repath.handle(movedGrid, position);
    const after = { grid: await read('grid'), escalated: await read('escalated'), other: await read('other') };
    expect(after).toEqual({
      grid: { orgPath: G_NEW, location: G_NEW, accessPath: [...G_NEW, handlerMark('G', 'm1')], version: 3, rev: 6 },
      escalated: { orgPath: T, location: G_NEW, accessPath: [...T, 'B', 'G'], version: 3, rev: 6 },
      other: { orgPath: G2, location: G2, accessPath: G2, version: 3, rev: 5 },
    });

    // a redelivery (the consumer crashed before committing): no write at all
    await repath.handle(movedGrid, position);
    expect(await store.repathUnit('G', G_NEW)).toBe(0);
    expect({ grid: await read('grid'), escalated: await read('escalated'), other: await read('other') }).toEqual(after);
  });

  it('finishes a pass a crash cut short, and waits out a writer holding a ticket', async () => {
    // as if the crash came after the first ticket: the second still has the old paths
    await connection.collection<{ _id: string }>('tickets').updateOne(
      { _id: 'escalated' },
      { $set: { 'location.path': G_OLD, accessPath: [...T, 'G'] } },
    );
    const { rev } = await read('escalated');
    // a command holds the ticket for a moment (its write claim); the re-path waits for it
    let release: () => void = () => undefined;
    let claimed: () => void = () => undefined;
    const acquired = new Promise<void>((resolve) => (claimed = resolve));
    const held = writeClaimsOf(connection.db as Db).hold([claimKey('tickets', 'escalated')], () => {
      claimed();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await acquired;
    const pass = repath.handle(movedGrid, position);
    setTimeout(() => release(), 100);
    await Promise.all([held, pass]);

    expect(await read('escalated')).toEqual({ orgPath: T, location: G_NEW, accessPath: [...T, 'B', 'G'], version: 3, rev: (rev ?? 0) + 1 });
    expect((await read('grid')).rev).toBe(6);
  });
});
