import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_BROKERS, MONGO_URL, uniqueName, waitFor } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Document } from 'mongodb';
// The seed generator (CommonJS, no build) gives the expected counts.
import { generateCity } from '../src/city.cjs';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const SEED = 11;
const expected = generateCity({ seed: SEED, profile: 'tiny' });
const prefix = uniqueName('seedit').replace(/-/g, '_');
const topicPrefix = uniqueName('seedit');
const topics = { units: `${topicPrefix}.org.units`, members: `${topicPrefix}.members`, households: `${topicPrefix}.households` };
const kafka = new Kafka({ clientId: 'seed-test', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
let mongo: MongoClient;

interface Summary { label: string; read: number; inserted: number; existing: number; conflicts: number; published: number }

async function seed(): Promise<Summary[]> {
  const { stdout } = await run(
    process.execPath,
    ['tools/seed/seed.mjs', '--profile', 'tiny', '--seed', String(SEED), '--db-prefix', prefix, '--topic-prefix', topicPrefix, '--mongo-url', MONGO_URL],
    { cwd: repoRoot, env: { ...process.env, KAFKA_BROKERS: KAFKA_BROKERS.join(',') } },
  );
  // the summary table: label, read, inserted, existing, conflicts, events
  return stdout
    .split('\n')
    .filter((line) => /^(org_units|members|households) /.test(line))
    .map((line) => {
      const [label, read, inserted, existing, conflicts, published] = line.trim().split(/\s+/);
      return { label, read: +read, inserted: +inserted, existing: +existing, conflicts: +conflicts, published: +published };
    });
}

/** Latest value per key on a topic, read from the beginning. */
async function readState(topic: string, expectedKeys: number): Promise<Map<string, { type: string; aggregateversion: number; data: Record<string, unknown> }>> {
  const consumer = kafka.consumer({ groupId: uniqueName('seed-test-reader') });
  const latest = new Map<string, { type: string; aggregateversion: number; data: Record<string, unknown> }>();
  let messages = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages += 1;
      latest.set(String(message.key), JSON.parse(String(message.value)));
    },
  });
  try {
    await waitFor(() => latest.size >= expectedKeys, { description: `${expectedKeys} keys on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
  expect(messages).toBeGreaterThanOrEqual(expectedKeys);
  return latest;
}

/** The seeds write string ids (UUIDs), as the services do. */
interface SeededDocument extends Document {
  _id: string;
}
const allDocs = (db: string, collection: string) => mongo.db(db).collection<SeededDocument>(collection).find({}).sort({ _id: 1 }).toArray();

beforeAll(async () => {
  mongo = await MongoClient.connect(MONGO_URL);
});

afterAll(async () => {
  await mongo.db(`${prefix}_org`).dropDatabase();
  await mongo.db(`${prefix}_members`).dropDatabase();
  await mongo.close();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
  await admin.disconnect();
});

it('bulk-loads the tiny profile into the service databases and state topics, and a second run changes nothing', async () => {
  const first = await seed();
  expect(first).toEqual([
    expect.objectContaining({ label: 'org_units', inserted: expected.units.length, existing: 0, conflicts: 0, published: expected.units.length }),
    expect.objectContaining({ label: 'members', inserted: expected.members.length, existing: 0, conflicts: 0 }),
    expect.objectContaining({ label: 'households', inserted: expected.householdTotal, existing: 0, conflicts: 0 }),
  ]);

  const units = await allDocs(`${prefix}_org`, 'org_units');
  const members = await allDocs(`${prefix}_members`, 'members');
  const households = await allDocs(`${prefix}_members`, 'households');
  expect(units).toHaveLength(expected.units.length);
  expect(members).toHaveLength(expected.members.length);
  expect(households).toHaveLength(expected.householdTotal);

  // the documents the services themselves write
  const taiping = units.find((u) => u.code === '340522104201');
  expect(taiping).toMatchObject({ name: '太平村', level: 'ADMIN_VILLAGE', codeKey: '340522104201', status: 'ACTIVE', version: 1, validTo: null });
  expect(taiping?.history).toEqual([{ version: 1, at: taiping?.validFrom, action: 'CREATED' }]);
  const grid = units.find((u) => u.name === '太平村第一网格');
  expect(grid?.codeKey).toBe(`id:${grid?._id}`);
  expect(grid?.ancestors).toContain(taiping?._id);
  const leader = members.find((m) => m.assignments.some((a: { unitId: string; role: string }) => a.unitId === grid?._id && a.role === 'GRID_LEADER'));
  expect(leader).toMatchObject({ isPartyMember: true, status: 'ACTIVE', version: 1 });
  const assignment = leader?.assignments.find((a: { role: string }) => a.role === 'GRID_LEADER');
  expect(assignment.orgPath).toEqual([...(grid?.ancestors ?? []), grid?._id]);
  expect(assignment.from).toBeInstanceOf(Date);
  expect(households[0]).toMatchObject({ version: 1, orgPath: expect.arrayContaining([expect.any(String)]) });

  // the state events on the compacted topics, one per record, in the services' envelope
  const unitState = await readState(topics.units, units.length);
  expect(unitState.get(String(taiping?._id))).toMatchObject({
    type: 'steward.org.unit.state.v1',
    aggregateversion: 1,
    data: { id: taiping?._id, code: '340522104201', level: 'ADMIN_VILLAGE', ancestors: taiping?.ancestors },
  });
  const memberState = await readState(topics.members, members.length);
  expect(memberState.get(String(leader?._id))?.data).toMatchObject({ id: leader?._id, isPartyMember: true });
  expect(memberState.get(String(leader?._id))?.data).not.toHaveProperty('phone');
  const householdState = await readState(topics.households, households.length);
  expect(householdState.size).toBe(households.length);

  const second = await seed();
  expect(second.map((s) => [s.label, s.inserted, s.existing, s.conflicts])).toEqual([
    ['org_units', 0, expected.units.length, 0],
    ['members', 0, expected.members.length, 0],
    ['households', 0, expected.householdTotal, 0],
  ]);
  expect(await allDocs(`${prefix}_org`, 'org_units')).toEqual(units);
  expect(await allDocs(`${prefix}_members`, 'members')).toEqual(members);
  expect(await allDocs(`${prefix}_members`, 'households')).toEqual(households);
});
