import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import {
  DLQ_HEADERS,
  type EventEnvelope,
  EventConsumerRunner,
  type EventConsumerRunnerOptions,
  type EventMeta,
  EventProducer,
  createEvent,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  ticketDispatched,
} from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { TopicCollector, deleteTopics, fastConsumerConfig, testKafka, uniqueName, waitFor } from './helpers';

/** One partition, so offsets of a test's messages are consecutive and easy to reason about. */
function singlePartitionTopic(name: string) {
  return [{ ...eventTopicSpec(name), partitions: 1 }, dlqTopicSpec(name)];
}

function dispatched(ticketId: string, version: number): EventEnvelope {
  return createEvent(ticketDispatched, {
    subject: ticketId,
    aggregateVersion: version,
    data: { ...ticketSnapshot({ ticketId }), previousHandlerId: null },
  });
}

describe('EventConsumerRunner against Kafka', () => {
  let kafka: Kafka;
  let producer: EventProducer;
  let rawProducer: Producer;
  const topics: string[] = [];
  const runners: EventConsumerRunner[] = [];
  const collectors: TopicCollector[] = [];

  beforeAll(async () => {
    kafka = testKafka('events-consumer-test');
    producer = new EventProducer(kafka);
    rawProducer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await rawProducer.connect();
  });

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await Promise.all(collectors.map((collector) => collector.stop()));
    await producer.disconnect();
    await rawProducer.disconnect();
    if (topics.length > 0) await deleteTopics(kafka, topics);
  });

  async function newTopic(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    await ensureTopics(kafka, singlePartitionTopic(name));
    topics.push(name, `${name}.dlq`);
    return name;
  }

  async function startRunner(
    options: Pick<EventConsumerRunnerOptions, 'groupId' | 'topics' | 'handler'> & Partial<EventConsumerRunnerOptions>,
  ): Promise<EventConsumerRunner> {
    const runner = new EventConsumerRunner({ kafka, consumerConfig: fastConsumerConfig, retryBackoffMs: 50, ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  async function committedOffset(groupId: string, topic: string): Promise<string | undefined> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return committed?.partitions.find((partition) => partition.partition === 0)?.offset;
    } finally {
      await admin.disconnect();
    }
  }

  it('handles events in order, commits after each, and a new member of the group resumes after the commit', async () => {
    const topic = await newTopic('test.consume');
    const groupId = uniqueName('group-resume');
    const first = [dispatched('tkt-1', 1), dispatched('tkt-1', 2), dispatched('tkt-2', 1)];
    await producer.publish(first.map((envelope) => ({ topic, envelope })));

    const handled: Array<{ event: EventEnvelope; meta: EventMeta }> = [];
    const handler = async (event: EventEnvelope, meta: EventMeta) => {
      handled.push({ event, meta });
    };
    const runner = await startRunner({ groupId, topics: [topic], handler });
    await waitFor(() => handled.length >= 3, 'the first three events');
    await waitFor(async () => (await committedOffset(groupId, topic)) === '3', 'the commit of offset 3');
    await runner.stop();

    expect(handled.map(({ event }) => event)).toEqual(first);
    expect(handled.map(({ meta }) => meta)).toEqual([
      { topic, partition: 0, offset: '0', key: 'tkt-1' },
      { topic, partition: 0, offset: '1', key: 'tkt-1' },
      { topic, partition: 0, offset: '2', key: 'tkt-2' },
    ]);

    const later = [dispatched('tkt-3', 1), dispatched('tkt-1', 3)];
    await producer.publish(later.map((envelope) => ({ topic, envelope })));
    const handledAfterRestart: EventEnvelope[] = [];
    await startRunner({
      groupId,
      topics: [topic],
      handler: async (event) => {
        handledAfterRestart.push(event);
      },
    });
    await waitFor(() => handledAfterRestart.length >= 2, 'the two later events');
    await waitFor(async () => (await committedOffset(groupId, topic)) === '5', 'the commit of offset 5');
    expect(handledAfterRestart.map((event) => event.id)).toEqual(later.map((event) => event.id));
  });

  it('sends poison messages to <topic>.dlq with the reason and goes on with the next message', async () => {
    const topic = await newTopic('test.poison');
    const dlqCollector = new TopicCollector(kafka);
    collectors.push(dlqCollector);
    await dlqCollector.start([`${topic}.dlq`]);

    const good = dispatched('tkt-good', 1);
    const unknownType = { ...dispatched('tkt-unknown', 1), type: 'steward.ticket.vanished.v1' };
    const badData = { ...dispatched('tkt-bad', 1), data: { ...ticketSnapshot(), priority: 'WHENEVER' } };
    const after = dispatched('tkt-after', 1);
    await producer.publish([{ topic, envelope: good }]);
    await rawProducer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'tkt-garbage', value: '{not json', headers: { origin: 'test' } },
        { key: 'tkt-unknown', value: JSON.stringify(unknownType) },
        { key: 'tkt-bad', value: JSON.stringify(badData) },
        { key: 'tkt-deleted', value: null },
      ],
    });
    await producer.publish([{ topic, envelope: after }]);

    const handled: string[] = [];
    const groupId = uniqueName('group-poison');
    await startRunner({ groupId, topics: [topic], handler: async (event) => void handled.push(event.id) });

    await waitFor(() => handled.length >= 2, 'the good events');
    await waitFor(() => dlqCollector.messages.length >= 4, 'four dead letters');
    await waitFor(async () => (await committedOffset(groupId, topic)) === '6', 'the commit past the poison');
    expect(handled).toEqual([good.id, after.id]);

    const [garbage, unknown, invalid, tombstone] = dlqCollector.messages;
    expect(garbage).toMatchObject({
      key: 'tkt-garbage',
      value: '{not json',
      headers: {
        origin: 'test',
        [DLQ_HEADERS.reason]: 'invalid',
        [DLQ_HEADERS.originalTopic]: topic,
        [DLQ_HEADERS.originalPartition]: '0',
        [DLQ_HEADERS.originalOffset]: '1',
      },
    });
    expect(garbage.headers[DLQ_HEADERS.error]).toMatch(/not JSON/);
    expect(unknown).toMatchObject({
      key: 'tkt-unknown',
      value: JSON.stringify(unknownType),
      headers: { [DLQ_HEADERS.reason]: 'unknown-type', [DLQ_HEADERS.originalOffset]: '2' },
    });
    expect(invalid).toMatchObject({
      key: 'tkt-bad',
      headers: { [DLQ_HEADERS.reason]: 'invalid', [DLQ_HEADERS.originalOffset]: '3' },
    });
    expect(invalid.headers[DLQ_HEADERS.error]).toMatch(/data\.priority/);
    expect(tombstone).toMatchObject({
      key: 'tkt-deleted',
      value: null,
      headers: { [DLQ_HEADERS.reason]: 'invalid', [DLQ_HEADERS.originalOffset]: '4' },
    });
  });

  it('hands tombstones of state topics to onTombstone when one is given', async () => {
    const topic = await newTopic('test.tombstone');
    const before = dispatched('tkt-kept', 1);
    await producer.publish([{ topic, envelope: before }]);
    await rawProducer.send({ topic, acks: -1, messages: [{ key: 'unit-gone', value: null }] });

    const seen: string[] = [];
    const tombstones: EventMeta[] = [];
    await startRunner({
      groupId: uniqueName('group-tombstone'),
      topics: [topic],
      handler: async (event) => void seen.push(event.id),
      onTombstone: async (meta) => void tombstones.push(meta),
    });

    await waitFor(() => tombstones.length >= 1, 'the tombstone');
    expect(seen).toEqual([before.id]);
    expect(tombstones).toEqual([{ topic, partition: 0, offset: '1', key: 'unit-gone' }]);
  });

  it('fails start() cleanly when a topic does not exist', async () => {
    const impatientKafka = testKafka('events-consumer-missing', { retries: 1, initialRetryTime: 100, maxRetryTime: 300 });
    const runner = new EventConsumerRunner({
      kafka: impatientKafka,
      groupId: uniqueName('group-missing'),
      topics: [uniqueName('test.absent')],
      consumerConfig: fastConsumerConfig,
      handler: async () => undefined,
    });

    await expect(runner.start()).rejects.toThrow();
    await runner.stop();
  });

  it('retries a failing handler with backoff and dead-letters it only when retries run out', async () => {
    const topic = await newTopic('test.retry');
    const dlqCollector = new TopicCollector(kafka);
    collectors.push(dlqCollector);
    await dlqCollector.start([`${topic}.dlq`]);

    const flaky = dispatched('tkt-flaky', 1);
    const hopeless = dispatched('tkt-hopeless', 1);
    const next = dispatched('tkt-next', 1);
    await producer.publish([flaky, hopeless, next].map((envelope) => ({ topic, envelope })));

    const attempts = new Map<string, number>();
    const applied: string[] = [];
    const attemptTimes: number[] = [];
    const handler = async (event: EventEnvelope) => {
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      if (event.id === flaky.id) attemptTimes.push(Date.now());
      if (event.id === flaky.id && attempt <= 2) throw new Error(`flaky failure ${attempt}`);
      if (event.id === hopeless.id) throw new Error('always broken');
      applied.push(event.id);
    };
    const groupId = uniqueName('group-retry');
    await startRunner({ groupId, topics: [topic], handler, maxRetries: 3, retryBackoffMs: 100 });

    await waitFor(() => applied.includes(next.id), 'the message after the hopeless one');
    await waitFor(() => dlqCollector.messages.length >= 1, 'the dead letter');
    await waitFor(async () => (await committedOffset(groupId, topic)) === '3', 'the final commit');

    expect(applied).toEqual([flaky.id, next.id]);
    expect(attempts.get(flaky.id)).toBe(3);
    expect(attempts.get(hopeless.id)).toBe(4); // first call + 3 retries
    expect(attemptTimes[1] - attemptTimes[0]).toBeGreaterThanOrEqual(90); // 100 ms
    expect(attemptTimes[2] - attemptTimes[1]).toBeGreaterThanOrEqual(190); // then 200 ms
    expect(dlqCollector.messages).toHaveLength(1);
    expect(dlqCollector.messages[0]).toMatchObject({
      key: 'tkt-hopeless',
      headers: {
        [DLQ_HEADERS.reason]: 'handler-failed',
        [DLQ_HEADERS.error]: 'always broken',
        [DLQ_HEADERS.originalOffset]: '1',
      },
    });
  });
});
