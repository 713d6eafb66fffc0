// A group that starts at the end of its topics (`fromBeginning: false`, what
// KAFKA_NEW_GROUP_START=latest sets) must not skip what was written after it
// first started, even when the instance that started it dies before
// committing anything and another instance takes the partitions over.
import type { Kafka } from 'kafkajs';
import { type EventEnvelope, EventConsumerRunner, EventProducer, createEvent, dlqTopicSpec, ensureTopics, eventTopicSpec, ticketDispatched } from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { deleteTopics, fastConsumerConfig, testKafka, uniqueName, waitFor } from './helpers';

describe('a group that starts at the end of its topics', () => {
  const topic = uniqueName('test.start-at-end');
  let kafka: Kafka;
  let producer: EventProducer;
  const runners: EventConsumerRunner[] = [];

  beforeAll(async () => {
    kafka = testKafka('events-start-at-end-test');
    await ensureTopics(kafka, [eventTopicSpec(topic), dlqTopicSpec(topic)]);
    producer = new EventProducer(kafka);
  });

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop().catch(() => undefined)));
    await producer?.disconnect();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('reads everything written after its first start, though the first instance died without committing', async () => {
    const groupId = uniqueName('start-at-end');
    const event = (subject: string): EventEnvelope =>
      createEvent(ticketDispatched, { subject, aggregateVersion: 1, data: { ...ticketSnapshot({ ticketId: subject }), previousHandlerId: null } });
    const publish = (prefix: string) => {
      const subjects = Array.from({ length: 24 }, (_, index) => uniqueName(`${prefix}-${index}`)); // keys over all 6 partitions
      return producer.publish(subjects.map((subject) => ({ topic, envelope: event(subject) }))).then(() => subjects);
    };
    const handled = new Set<string>();
    const runner = () => {
      const instance = new EventConsumerRunner({
        kafka,
        groupId,
        topics: [topic],
        fromBeginning: false,
        consumerConfig: fastConsumerConfig,
        handler: async (envelope) => {
          handled.add(envelope.subject);
        },
      });
      runners.push(instance);
      return instance;
    };

    const before = await publish('before'); // written before the group existed: not its business
    const first = runner();
    await first.start();
    await first.stop(); // gone before it handled (and so committed) anything
    const after = await publish('after');
    await runner().start();

    await waitFor(() => after.every((subject) => handled.has(subject)), 'every event written after the first start', 60_000);
    expect(after.filter((subject) => !handled.has(subject))).toEqual([]);
    expect(before.filter((subject) => handled.has(subject))).toEqual([]);
  });
});
