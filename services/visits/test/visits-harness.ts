// The visits service as a separate process (tools/stack.cjs) fed the way it
// is in production: org units, members and households on their compacted
// state topics, ticket events on the tickets topic, all as real envelopes.
import type { Principal } from '@steward/auth';
import {
  createEvent,
  householdState,
  memberState,
  orgUnitState,
  Topics,
  type EventEnvelope,
} from '@steward/events';
import { graphql, graphqlData, KAFKA_BROKERS, MONGO_URL, uniqueName, waitFor, type Credentials, type GraphQLResponse, authorizeStack } from '@steward/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import path from 'node:path';
import { startStack, type SubgraphName } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

export interface VisitsHarness {
  prefix: string;
  url: string;
  /** URL of any subgraph the stack started */
  subgraphUrl(name: SubgraphName): string;
  /** the service's database */
  db: Db;
  visits: Collection<Document>;
  verdicts: Collection<Document>;
  kafka: Kafka;
  producer: Producer;
  /** consumer group of the service's ticket-event consumer */
  ticketGroupId: string;
  /** credentials of a request signed as the gateway would for `principal` (default the administrator) */
  signedHeaders(principal?: Principal): Credentials;
  close(): Promise<void>;
}

export interface VisitsStackOptions {
  /** tools/stack.cjs port offset (default 700) */
  portOffset?: number;
  /** subgraphs to start (default visits alone) */
  only?: SubgraphName[];
  env?: Record<string, string>;
  /** start of the database prefix (default v7) */
  prefixBase?: string;
  /** the exact database prefix of a running stack: this one is a second instance on its database */
  prefix?: string;
}

export async function startVisits(options: VisitsStackOptions = {}): Promise<VisitsHarness> {
  const prefix = options.prefix ?? uniqueName(options.prefixBase ?? 'v7').replace(/-/g, '_');
  const portOffset = options.portOffset ?? 700;
  const stack: Stack = await startStack({
    only: options.only ?? ['visits'],
    portOffset,
    databasePrefix: prefix,
    logDir: path.join(__dirname, '../../../.local/logs', prefix, ...(options.prefix ? [`instance-${portOffset}`] : [])),
    // the periodic verdicts would cover every member of the shared members topic; tests evaluate by mutation
    env: { VISITS_COMPLIANCE_INTERVAL_MS: '0', ...options.env },
  });
  authorizeStack(stack);
  const mongo = await MongoClient.connect(MONGO_URL);
  const kafka = new Kafka({ clientId: `${prefix}-test`, brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const db = mongo.db(`${prefix}_visits`);
  return {
    prefix,
    url: stack.subgraphUrl('visits'),
    db,
    subgraphUrl: (name) => stack.subgraphUrl(name),
    visits: db.collection('visits'),
    verdicts: db.collection('compliance_verdicts'),
    kafka,
    producer,
    ticketGroupId: `${prefix}_visits.ticket-visits`,
    signedHeaders: (principal) => stack.signedHeaders(principal),
    close: async () => {
      await producer.disconnect();
      await stack.stop();
      await mongo.close();
    },
  };
}

/** An envelope as read from a topic: where it sits and which Kafka producer wrote it. */
export interface TopicRecord<TData = unknown> {
  envelope: EventEnvelope<TData>;
  partition: number;
  offset: bigint;
  /** the broker-assigned id of the idempotent producer that wrote the record's batch */
  producerId: string;
}

/** kafkajs hands every decoded record its batch header; its typings leave it out. */
interface RecordWithBatch {
  batchContext?: { producerId?: string };
}

/**
 * Every envelope on `topic` up to its end offsets at the time of the call,
 * with its position (read with a fresh group from the beginning).
 */
export async function readTopic(kafka: Kafka, topic: string): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  // partitions with nothing between their low (retention) and high offsets have nothing to wait for
  const ends = new Map(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
  const read: TopicRecord[] = [];
  const next = new Map<number, bigint>();
  const consumer = kafka.consumer({ groupId: uniqueName('v7-read') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const offset = BigInt(message.offset);
      next.set(partition, offset + 1n);
      if (offset >= (ends.get(partition) ?? 0n)) return;
      const producerId = (message as RecordWithBatch).batchContext?.producerId ?? '-1';
      read.push({ envelope: JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope, partition, offset, producerId });
    },
  });
  try {
    await waitFor(() => [...ends].every(([partition, end]) => (next.get(partition) ?? 0n) >= end), {
      description: `${topic} read to its end`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    return read.sort((a, b) => a.partition - b.partition || Number(a.offset - b.offset));
  } finally {
    await consumer.disconnect();
  }
}

/** Waits until the relays have published every event pending in the service's visits and verdicts. */
export async function waitForOutboxes(harness: Pick<VisitsHarness, 'visits' | 'verdicts'>): Promise<void> {
  await waitFor(
    async () =>
      (await harness.visits.countDocuments({ 'outbox.0': { $exists: true } })) === 0 &&
      (await harness.verdicts.countDocuments({ 'outbox.0': { $exists: true } })) === 0,
    { description: 'the visits and verdict outboxes to drain', timeoutMs: 30_000 },
  );
}

/**
 * The visits-topic records this stack's visits service wrote, in topic order.
 *
 * The visits service of every stack running at the time reads the shared
 * tickets topic and the shared state topics, so it plans the same ticket
 * visits (`ticket:<ticket>:<member>`) and may issue verdicts
 * (`compliance:<member>:<week>`) for this stack's people, with the same
 * subjects and data and envelope ids of its own that no database keeps. The
 * one mark of this stack is the Kafka producer id of its service's idempotent
 * producer (one per process, shared by both relays); it is learnt from the
 * events of the hand-logged visits in this stack's database, whose uuid ids
 * no other service knows. Call after `waitForOutboxes` and log a visit by hand
 * first.
 */
export async function ownRecords<TData = unknown>(
  harness: Pick<VisitsHarness, 'visits'>,
  records: TopicRecord[],
): Promise<TopicRecord<TData>[]> {
  const handLogged = new Set((await harness.visits.find({ ticketId: null }, { projection: { _id: 1 } }).toArray()).map((doc) => String(doc._id)));
  const producers = new Set(records.filter((record) => handLogged.has(record.envelope.subject)).map((record) => record.producerId));
  if (producers.size === 0) throw new Error('no event of a hand-logged visit of this stack on the visits topic: log one before telling its events apart');
  // -1 is every producer without idempotence: it would mark nothing
  if (producers.has('-1')) throw new Error('the visits service wrote without a producer id; its events cannot be told from other stacks\'');
  return records.filter((record) => producers.has(record.producerId)) as TopicRecord<TData>[];
}

/** Sends envelopes keyed by subject, in order; returns the last offset written per partition. */
export async function publish(producer: Producer, topic: string, envelopes: EventEnvelope[]): Promise<Map<number, bigint>> {
  const last = new Map<number, bigint>();
  for (const envelope of envelopes) {
    const [meta] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: envelope.subject, value: JSON.stringify(envelope), headers: { 'content-type': 'application/cloudevents+json' } }],
    });
    last.set(meta.partition, BigInt(meta.baseOffset ?? '0'));
  }
  return last;
}

/** Waits until the consumer group has committed past every offset in `last` (its effects are stored by then). */
export async function waitForConsumed(kafka: Kafka, groupId: string, topic: string, last: Map<number, bigint>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return [...last].every(([partition, offset]) => {
          const committed = offsets.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
          return BigInt(committed) > offset;
        });
      },
      { description: `${groupId} to consume ${topic}`, timeoutMs: 60_000, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}

export interface Place {
  city: string;
  village: string;
  g1: string;
  g2: string;
  otherVillage: string;
  g3: string;
}

export interface People {
  /** GRID_INSTRUCTOR on g1 and g2 since 1 Jan 2026 (party member) */
  instructor: string;
  /** VILLAGE_STAFF on the village since 1 Jan 2026 */
  staff: string;
  /** GRID_ASSISTANT on g1 from Wednesday 18 Nov 2026 00:00 local (2026-W47) */
  assistant: string;
  /** GRID_MEMBER on g1, handles tickets */
  handler: string;
  /** holds nothing anywhere */
  stranger: string;
}

export interface Households {
  plain: string;
  poor: string;
  elderly: string;
  inG2: string;
}

const since2026 = '2026-01-01T00:00:00+08:00';

/** Publishes a small tree, its members and households to the state topics. */
export async function publishWorld(producer: Producer, prefix: string): Promise<{ place: Place; people: People; households: Households }> {
  const id = (name: string) => `${prefix}-${name}`;
  const place: Place = {
    city: id('city'),
    village: id('village'),
    g1: id('g1'),
    g2: id('g2'),
    otherVillage: id('village2'),
    g3: id('g3'),
  };
  const unit = (unitId: string, name: string, level: 'CITY' | 'ADMIN_VILLAGE' | 'GRID', ancestors: string[]) =>
    createEvent(orgUnitState, {
      subject: unitId,
      aggregateVersion: 1,
      data: { id: unitId, name, level, parentId: ancestors.at(-1) ?? null, ancestors, status: 'ACTIVE', validTo: null },
    });
  await publish(producer, Topics.orgUnits, [
    unit(place.city, '马鞍山市', 'CITY', []),
    unit(place.village, '太平村', 'ADMIN_VILLAGE', [place.city]),
    unit(place.g1, '太平村第一网格', 'GRID', [place.city, place.village]),
    unit(place.g2, '太平村第二网格', 'GRID', [place.city, place.village]),
    unit(place.otherVillage, '大岗村', 'ADMIN_VILLAGE', [place.city]),
    unit(place.g3, '大岗村第一网格', 'GRID', [place.city, place.otherVillage]),
  ]);

  const people: People = {
    instructor: id('instructor'),
    staff: id('staff'),
    assistant: id('assistant'),
    handler: id('handler'),
    stranger: id('stranger'),
  };
  let seq = 0;
  const member = (memberId: string, name: string, isPartyMember: boolean, roles: { unit: string; role: string; from: string }[]) =>
    createEvent(memberState, {
      subject: memberId,
      aggregateVersion: 1,
      data: {
        id: memberId,
        name,
        isPartyMember,
        status: 'ACTIVE',
        assignments: roles.map((role) => ({
          id: `${memberId}-a${(seq += 1)}`,
          orgUnitId: role.unit,
          role: role.role,
          from: new Date(role.from).toISOString(),
          to: null,
        })),
      },
    });
  await publish(producer, Topics.members, [
    member(people.instructor, '张指导', true, [
      { unit: place.g1, role: 'GRID_INSTRUCTOR', from: since2026 },
      { unit: place.g2, role: 'GRID_INSTRUCTOR', from: since2026 },
    ]),
    member(people.staff, '李村干', false, [{ unit: place.village, role: 'VILLAGE_STAFF', from: since2026 }]),
    member(people.assistant, '王助理', false, [{ unit: place.g1, role: 'GRID_ASSISTANT', from: '2026-11-18T00:00:00+08:00' }]),
    member(people.handler, '赵网格', true, [{ unit: place.g1, role: 'GRID_MEMBER', from: since2026 }]),
    member(people.stranger, '陌生人', false, []),
  ]);

  const households: Households = { plain: id('h-plain'), poor: id('h-poor'), elderly: id('h-elderly'), inG2: id('h-g2') };
  const household = (householdId: string, gridId: string, tags: ('POOR' | 'ELDERLY_ALONE')[]) =>
    createEvent(householdState, {
      subject: householdId,
      aggregateVersion: 1,
      data: {
        id: householdId,
        gridId,
        orgPath: gridId === place.g1 || gridId === place.g2 ? [place.city, place.village, gridId] : [place.city, gridId],
        head: '户主',
        address: '太平村',
        size: 3,
        tags,
      },
    });
  await publish(producer, Topics.households, [
    household(households.plain, place.g1, []),
    household(households.poor, place.g1, ['POOR']),
    household(households.elderly, place.g1, ['ELDERLY_ALONE']),
    household(households.inG2, place.g2, []),
  ]);
  return { place, people, households };
}

export class VisitsClient {
  constructor(readonly url: string) {}

  request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return graphql<T>(this.url, query, variables);
  }

  data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return graphqlData<T>(this.url, query, variables);
  }
}

/** Waits until the service's replicas know the test world (grids, households and members). */
export async function waitForWorld(client: VisitsClient, place: Place, people: People): Promise<void> {
  await waitFor(
    async () => {
      const g1 = await client.request<{ householdCoverage: { households: number } }>(
        `query($g: ID!) { householdCoverage(gridId: $g, from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z") { households } }`,
        { g: place.g1 },
      );
      const member = await client.request(`query($m: ID!) { weeklyCompliance(memberId: $m, week: "2026-W47") { week } }`, {
        m: people.stranger,
      });
      return g1.data?.householdCoverage.households === 3 && !member.errors;
    },
    { description: 'the replicas to load the test world', timeoutMs: 60_000 },
  );
}
