// Operating dead letters: a message whose handler fails is parked on
// <topic>.dlq; the operator lists it (with the reason), fixes the cause and
// re-drives it; the effect happens exactly once, however often it is re-driven.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import {
  type EventEnvelope,
  EventConsumerRunner,
  EventProducer,
  HEADER_REDRIVEN_FROM,
  REDRIVE_LOG_TOPIC,
  createEvent,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  listDeadLetters,
  redriveDeadLetters,
  redrivenHeaders,
  ticketDispatched,
} from '@steward/events';
import { ticketSnapshot } from './test-fixtures';
import { deleteTopics, fastConsumerConfig, testKafka, uniqueName, waitFor } from './helpers';

const DLQ_CLI = path.join(__dirname, '../../service-kit/dist/cli/dlq.js');

describe('dead letters: list, fix, re-drive', () => {
  let kafka: Kafka;
  let producer: EventProducer;
  let runner: EventConsumerRunner | undefined;
  let topic: string;

  beforeAll(async () => {
    kafka = testKafka('dead-letters-test');
    producer = new EventProducer(kafka);
    topic = uniqueName('test.dead-letters');
    await ensureTopics(kafka, [{ ...eventTopicSpec(topic), partitions: 1 }, dlqTopicSpec(topic)]);
  });

  afterAll(async () => {
    await runner?.stop();
    await producer.disconnect();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('parks a failing event, and after the fix re-drives it to one effect, twice re-driven or not', async () => {
    // an idempotent consumer (dedupe on the envelope id) whose dependency is broken at first
    let broken = true;
    const deliveries: string[] = [];
    const applied = new Set<string>();
    let effects = 0;
    runner = new EventConsumerRunner({
      kafka,
      groupId: uniqueName('group-dead-letters'),
      topics: [topic],
      consumerConfig: fastConsumerConfig,
      maxRetries: 1,
      retryBackoffMs: 20,
      handler: async (event: EventEnvelope) => {
        deliveries.push(event.id);
        if (broken) throw new Error('the score sheet store is unavailable');
        if (applied.has(event.id)) return;
        applied.add(event.id);
        effects += 1;
      },
    });
    await runner.start();

    const poisoned = createEvent(ticketDispatched, { subject: 'tkt-dlq-1', aggregateVersion: 3, data: { ...ticketSnapshot({ ticketId: 'tkt-dlq-1' }), previousHandlerId: null } });
    const healthy = createEvent(ticketDispatched, { subject: 'tkt-dlq-2', aggregateVersion: 1, data: { ...ticketSnapshot({ ticketId: 'tkt-dlq-2' }), previousHandlerId: null } });
    await producer.publish([{ topic, envelope: poisoned }]);

    // listed with its reason, its event and the group that gave up
    const [letter] = await waitFor(async () => {
      const letters = await listDeadLetters(kafka, [topic]);
      return letters.length === 1 ? letters : undefined;
    }, 'the failed event on the dead-letter topic');
    expect(letter).toMatchObject({
      id: `${topic}.dlq/0/0`,
      reason: 'handler-failed',
      error: 'the score sheet store is unavailable',
      originalTopic: topic,
      originalPartition: 0,
      originalOffset: '0',
      eventType: 'steward.ticket.dispatched.v1',
      eventId: poisoned.id,
      key: 'tkt-dlq-1',
      redriven: null,
    });
    expect(letter.consumerGroup).toMatch(/^group-dead-letters-/);
    expect(effects).toBe(0);

    // the cause is fixed; the partition went on meanwhile
    broken = false;
    await producer.publish([{ topic, envelope: healthy }]);
    await waitFor(() => applied.has(healthy.id), 'the next event to be handled');

    const [record] = await redriveDeadLetters(kafka, [letter], { by: 'test-operator' });
    expect(record).toMatchObject({ letter: letter.id, to: topic, by: 'test-operator', times: 1 });
    await waitFor(() => applied.has(poisoned.id), 'the re-driven event to take effect');
    expect(effects).toBe(2); // the healthy one and the re-driven one

    // re-driven again (an operator's second try): delivered, absorbed, no second effect
    const [again] = await listDeadLetters(kafka, [topic]);
    expect(again.redriven).toMatchObject({ times: 1, by: 'test-operator' });
    await redriveDeadLetters(kafka, [again], { by: 'test-operator' });
    await waitFor(() => deliveries.filter((id) => id === poisoned.id).length === 4, 'the second re-drive to be delivered'); // 2 failed tries, 2 re-drives
    expect(effects).toBe(2);

    // the command lists it as re-driven twice
    const listed = JSON.parse(
      execFileSync(process.execPath, [DLQ_CLI, 'list', '--topic', topic, '--json'], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } }),
    ) as { id: string; reason: string; redriven: { times: number } | null }[];
    expect(listed.map(({ id, reason, redriven }) => ({ id, reason, times: redriven?.times }))).toEqual([{ id: letter.id, reason: 'handler-failed', times: 2 }]);
  });

  it('re-drives with the original headers, without the dead-letter ones, naming where it came from', () => {
    const headers = redrivenHeaders(
      { ce_type: 'steward.ticket.dispatched.v1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'dlq-reason': 'handler-failed', 'dlq-error': 'x' },
      't.dlq/0/7',
    );
    expect(headers).toEqual({
      ce_type: 'steward.ticket.dispatched.v1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      [HEADER_REDRIVEN_FROM]: 't.dlq/0/7',
    });
    expect(REDRIVE_LOG_TOPIC).toBe('steward.dlq.redrives');
  });
});
