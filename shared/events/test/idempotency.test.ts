import type { Kafka } from 'kafkajs';
import type { Collection, Db, MongoClient } from 'mongodb';
import {
  EventConsumerRunner,
  EventProducer,
  applyIfNewerVersion,
  applyOnceByPartitionWatermark,
  createEvent,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  isEventOf,
  ticketDispatched,
  ticketResolved,
  watermarkKey,
} from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { connectMongo, deleteTopics, fastConsumerConfig, testKafka, uniqueName, waitFor } from './helpers';

interface CounterDocument {
  _id: string;
  received?: number;
  resolved?: number;
  wm?: Record<string, number>;
}

interface TicketView {
  _id: string;
  status?: string;
  aggregateVersion?: number;
}

describe('idempotency helpers against FerretDB', () => {
  let mongo: MongoClient;
  let db: Db;
  let counters: Collection<CounterDocument>;
  let views: Collection<TicketView>;

  beforeAll(async () => {
    mongo = await connectMongo();
    db = mongo.db(uniqueName('events_idem').replace(/-/g, '_'));
    counters = db.collection<CounterDocument>('counters');
    views = db.collection<TicketView>('ticket_views');
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await mongo?.close();
  });

  describe('applyOnceByPartitionWatermark', () => {
    const topic = 'steward.tickets.events.v1';
    const increment = { $inc: { received: 1 } };

    it('applies each offset of a partition once, even when a batch is redelivered', async () => {
      const id = uniqueName('member');
      const applied: boolean[] = [];
      for (const offset of ['10', '11', '12']) {
        applied.push(await applyOnceByPartitionWatermark(counters, id, increment, { topic, partition: 0, offset }));
      }
      // The batch comes again (crash before the commit), with one new message at its end.
      for (const offset of ['10', '11', '12', '13']) {
        applied.push(await applyOnceByPartitionWatermark(counters, id, increment, { topic, partition: 0, offset }));
      }

      expect(applied).toEqual([true, true, true, false, false, false, true]);
      expect(await counters.findOne({ _id: id })).toEqual({
        _id: id,
        received: 4,
        wm: { [watermarkKey(topic, 0)]: 13 },
      });
    });

    it('keeps one watermark per topic-partition, with dots replaced in the key', async () => {
      const id = uniqueName('grid');
      const apply = (partition: number, offset: number) =>
        applyOnceByPartitionWatermark(counters, { _id: id }, increment, { topic, partition, offset });
      expect([await apply(2, 7), await apply(5, 1), await apply(5, 0)]).toEqual([true, true, false]);
      const resolvedAndNoted = { $inc: { resolved: 1 }, $set: { note: 'x' } };
      expect(
        await applyOnceByPartitionWatermark(counters, id, resolvedAndNoted, { topic: 'other.topic', partition: 2, offset: 3 }),
      ).toBe(true);

      expect(await counters.findOne({ _id: id })).toEqual({
        _id: id,
        received: 2,
        resolved: 1,
        note: 'x',
        wm: { 'steward_tickets_events_v1:2': 7, 'steward_tickets_events_v1:5': 1, 'other_topic:2': 3 },
      });
    });
  });

  describe('applyIfNewerVersion', () => {
    it('applies only versions newer than the stored one', async () => {
      const id = uniqueName('tkt');
      const results = [
        await applyIfNewerVersion(views, id, 1, { $set: { status: 'REPORTED' } }),
        await applyIfNewerVersion(views, id, 1, { $set: { status: 'REPORTED-again' } }),
        await applyIfNewerVersion(views, id, 3, { $set: { status: 'DISPATCHED' } }),
        await applyIfNewerVersion(views, id, 2, { $set: { status: 'ACCEPTED' } }),
        await applyIfNewerVersion(views, id, 0, { $set: { status: 'NOTHING' } }),
      ];

      expect(results).toEqual([true, false, true, false, false]);
      expect(await views.findOne({ _id: id })).toEqual({ _id: id, status: 'DISPATCHED', aggregateVersion: 3 });
    });
  });

  describe('with a consumer group replaying the topic', () => {
    let kafka: Kafka;
    let producer: EventProducer;
    const eventsTopic = uniqueName('test.idem');
    const runners: EventConsumerRunner[] = [];

    beforeAll(async () => {
      kafka = testKafka('events-idempotency-test');
      producer = new EventProducer(kafka);
      await ensureTopics(kafka, [{ ...eventTopicSpec(eventsTopic), partitions: 2 }, dlqTopicSpec(eventsTopic)]);
    });

    afterAll(async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
      await producer?.disconnect();
      await deleteTopics(kafka, [eventsTopic, `${eventsTopic}.dlq`]);
    });

    it('counts each event once however often the topic is consumed from offset 0', async () => {
      const unitId = uniqueName('unit');
      const ticketIds = ['tkt-a', 'tkt-b', 'tkt-c', 'tkt-d'];
      const dispatchedEvents = ticketIds.map((ticketId) =>
        createEvent(ticketDispatched, { subject: ticketId, aggregateVersion: 2, data: ticketSnapshot({ ticketId, unitId }) }),
      );
      const resolvedEvents = ticketIds.slice(0, 2).map((ticketId) =>
        createEvent(ticketResolved, {
          subject: ticketId,
          aggregateVersion: 3,
          data: { ...ticketSnapshot({ ticketId, unitId, status: 'RESOLVED' }), resolution: 'done', onTime: true },
        }),
      );
      await producer.publish([...dispatchedEvents, ...resolvedEvents].map((envelope) => ({ topic: eventsTopic, envelope })));

      let handledMessages = 0;
      const consume = async (groupId: string) => {
        const runner = new EventConsumerRunner({
          kafka,
          groupId,
          topics: [eventsTopic],
          consumerConfig: fastConsumerConfig,
          handler: async (event, meta) => {
            if (isEventOf(ticketDispatched, event)) {
              await applyOnceByPartitionWatermark(counters, event.data.unitId, { $inc: { received: 1 } }, meta);
              await applyIfNewerVersion(views, event.subject, event.aggregateversion, { $set: { status: event.data.status } });
            } else if (isEventOf(ticketResolved, event)) {
              await applyOnceByPartitionWatermark(counters, event.data.unitId, { $inc: { resolved: 1 } }, meta);
              await applyIfNewerVersion(views, event.subject, event.aggregateversion, { $set: { status: event.data.status } });
            }
            handledMessages += 1;
          },
        });
        runners.push(runner);
        await runner.start();
        return runner;
      };

      const first = await consume(uniqueName('group-first'));
      await waitFor(() => handledMessages >= 6, 'the first consumption');
      await first.stop();
      const afterFirst = await counters.findOne({ _id: unitId });

      // A second group reads everything again from offset 0 (a rebuild or a lost commit).
      await consume(uniqueName('group-replay'));
      await waitFor(() => handledMessages >= 12, 'the replay');

      expect(afterFirst).toMatchObject({ _id: unitId, received: 4, resolved: 2 });
      expect(await counters.findOne({ _id: unitId })).toEqual(afterFirst);
      const statuses = await views.find({ _id: { $in: ticketIds } }).sort({ _id: 1 }).toArray();
      expect(statuses.map((view) => [view._id, view.status, view.aggregateVersion])).toEqual([
        ['tkt-a', 'RESOLVED', 3],
        ['tkt-b', 'RESOLVED', 3],
        ['tkt-c', 'DISPATCHED', 2],
        ['tkt-d', 'DISPATCHED', 2],
      ]);
    });
  });
});
