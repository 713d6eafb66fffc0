import {
  createEvent,
  ensureTopics,
  eventTopicSpec,
  EventProducer,
  orgUnitState,
  ticketDispatched,
  ticketFeedbackRecorded,
  ticketReported,
  ticketResolved,
  visitCompleted,
  type EventEnvelope,
} from '@steward/events';
import { KAFKA_BROKERS, MONGO_URL, uniqueName } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import type { Counters } from '../src/domain/counters';

export function testKafka(): Kafka {
  return new Kafka({ clientId: uniqueName('assessment-test'), brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
}

export async function testDatabase(): Promise<{ client: MongoClient; db: Db; drop: () => Promise<void> }> {
  const client = await MongoClient.connect(MONGO_URL);
  const db = client.db(uniqueName('assess').replace(/-/g, '_'));
  return {
    client,
    db,
    drop: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

export async function createTopics(kafka: Kafka, ...names: string[]): Promise<void> {
  await ensureTopics(kafka, names.map(eventTopicSpec));
}

/** A small city: 1 district, `towns` townships × `villages` villages × `grids` grids, one handler per grid. */
export interface Tree {
  city: string;
  district: string;
  towns: string[];
  villages: string[];
  grids: { id: string; path: string[]; handler: string }[];
}

export function makeTree(size: { towns: number; villages: number; grids: number } = { towns: 1, villages: 1, grids: 2 }, prefix = uniqueName('u')): Tree {
  const city = `${prefix}-city`;
  const district = `${prefix}-d`;
  const towns = Array.from({ length: size.towns }, (_, index) => `${prefix}-t${index + 1}`);
  const villages: string[] = [];
  const grids: Tree['grids'] = [];
  for (const town of towns) {
    for (let v = 1; v <= size.villages; v += 1) {
      const village = `${town}-v${v}`;
      villages.push(village);
      for (let g = 1; g <= size.grids; g += 1) {
        const grid = `${village}-g${g}`;
        grids.push({ id: grid, path: [city, district, town, village, grid], handler: `${grid}-m` });
      }
    }
  }
  return { city, district, towns, villages, grids };
}

/** The tree's units on the compacted org topic, as the org service would publish them. */
export function orgEvents(tree: Tree): EventEnvelope[] {
  const unit = (id: string, level: 'CITY' | 'DISTRICT' | 'TOWNSHIP' | 'ADMIN_VILLAGE' | 'GRID', ancestors: string[]) =>
    createEvent(orgUnitState, {
      subject: id,
      aggregateVersion: 1,
      data: { id, name: id, level, parentId: ancestors.at(-1) ?? null, ancestors, status: 'ACTIVE' },
    });
  const villages = new Map(tree.grids.map((grid) => [grid.path[3], grid.path.slice(0, 3)]));
  return [
    unit(tree.city, 'CITY', []),
    unit(tree.district, 'DISTRICT', [tree.city]),
    ...tree.towns.map((town) => unit(town, 'TOWNSHIP', [tree.city, tree.district])),
    ...[...villages].map(([village, ancestors]) => unit(village, 'ADMIN_VILLAGE', ancestors)),
    ...tree.grids.map((grid) => unit(grid.id, 'GRID', grid.path.slice(0, -1))),
  ];
}

/** Shanghai Tuesday 2026-11-24 10:00: week 2026-W48, month 2026-11. */
export const REPORTED_AT = '2026-11-24T02:00:00.000Z';
export const WEEK = { kind: 'WEEK', key: '2026-W48' } as const;
export const MONTH = { kind: 'MONTH', key: '2026-11' } as const;
export const YEAR = { kind: 'YEAR', key: '2026' } as const;

const SATISFACTION = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;

export interface Stream {
  events: EventEnvelope[];
  /** counters per subject id, computed by construction (not by the rules under test) */
  expected: Map<string, Partial<Counters>>;
}

function add(expected: Map<string, Partial<Counters>>, ids: string[], counter: keyof Counters, by = 1): void {
  for (const id of ids) {
    const counters = expected.get(id) ?? {};
    counters[counter] = (counters[counter] ?? 0) + by;
    expected.set(id, counters);
  }
}

/**
 * `tickets` tickets spread over the grids, each reported, dispatched to the
 * grid's handler, resolved (every third one late) and given feedback, plus
 * `visits` completed visits each reaching two of the grid's 40 households.
 * Events of one ticket keep their order (same key); the streams interleave.
 */
export function workload(tree: Tree, tickets: number, visits: number, prefix = uniqueName('w')): Stream {
  const events: EventEnvelope[] = [];
  const expected = new Map<string, Partial<Counters>>();
  const covered = new Map<string, Set<string>>();
  for (let i = 0; i < tickets; i += 1) {
    const grid = tree.grids[i % tree.grids.length];
    const ticketId = `${prefix}-tk${i}`;
    const subjects = [grid.handler, ...grid.path];
    const base = {
      ticketId,
      number: `T${i}`,
      level: 'GRID' as const,
      unitId: grid.id,
      orgPath: grid.path,
      category: 'ROADS',
      priority: 'NORMAL' as const,
      actorId: null,
      occurredAt: REPORTED_AT,
      reportedAt: REPORTED_AT,
      resolveDueAt: '2026-11-27T02:00:00.000Z',
    };
    const onTime = i % 3 !== 0;
    const satisfaction = SATISFACTION[i % 3];
    events.push(
      createEvent(ticketReported, { subject: ticketId, aggregateVersion: 1, data: { ...base, status: 'REPORTED', handlerId: null } }),
      createEvent(ticketDispatched, {
        subject: ticketId,
        aggregateVersion: 3,
        data: { ...base, status: 'DISPATCHED', handlerId: grid.handler, previousHandlerId: null },
      }),
      createEvent(ticketResolved, {
        subject: ticketId,
        aggregateVersion: 5,
        data: { ...base, status: 'RESOLVED', handlerId: grid.handler, resolution: 'done', onTime },
      }),
      createEvent(ticketFeedbackRecorded, {
        subject: ticketId,
        aggregateVersion: 6,
        data: { ...base, status: 'RESOLVED', handlerId: grid.handler, satisfaction },
      }),
    );
    add(expected, subjects, 'received');
    add(expected, subjects, 'resolved');
    if (onTime) add(expected, subjects, 'onTime');
    add(expected, subjects, 'feedbacks');
    if (satisfaction !== 'UNSATISFIED') add(expected, subjects, 'satisfied');
  }
  for (let i = 0; i < visits; i += 1) {
    const grid = tree.grids[(i * 7) % tree.grids.length];
    const households = [`${grid.id}-h${i % 40}`, `${grid.id}-h${(i * 3 + 1) % 40}`];
    const visitId = `${prefix}-v${i}`;
    events.push(
      createEvent(visitCompleted, {
        subject: visitId,
        aggregateVersion: 2,
        data: {
          visitId,
          memberId: grid.handler,
          gridId: grid.id,
          orgPath: grid.path,
          kind: 'ROUTINE',
          status: 'COMPLETED',
          ticketId: null,
          householdIds: households,
          startedAt: '2026-11-25T01:00:00.000Z',
          endedAt: '2026-11-25T02:00:00.000Z',
          occurredAt: '2026-11-25T02:00:00.000Z',
        },
      }),
    );
    add(expected, [grid.handler, ...grid.path], 'visits');
    for (const subject of [grid.handler, ...grid.path]) {
      const set = covered.get(subject) ?? new Set<string>();
      households.forEach((household) => set.add(household));
      covered.set(subject, set);
    }
  }
  for (const [subject, set] of covered) add(expected, [subject], 'householdsCovered', set.size);
  // interleave tickets and visits as producers would (per-key order is what Kafka keeps)
  const ticketEvents = events.slice(0, tickets * 4);
  const visitEvents = events.slice(tickets * 4);
  const mixed: EventEnvelope[] = [];
  const ratio = Math.max(1, Math.round(ticketEvents.length / Math.max(1, visitEvents.length)));
  while (ticketEvents.length || visitEvents.length) {
    mixed.push(...ticketEvents.splice(0, ratio), ...visitEvents.splice(0, 1));
  }
  return { events: mixed, expected };
}

/** Publishes ticket events to `topics.tickets` and visit events to `topics.visits`, in order, in batches. */
export async function produce(kafka: Kafka, topics: { tickets: string; visits: string }, events: EventEnvelope[]): Promise<void> {
  const producer = new EventProducer(kafka);
  try {
    for (let start = 0; start < events.length; start += 1_000) {
      await producer.publish(
        events.slice(start, start + 1_000).map((envelope) => ({
          topic: envelope.type.startsWith('steward.visit.') ? topics.visits : topics.tickets,
          envelope,
        })),
      );
    }
  } finally {
    await producer.disconnect();
  }
}
