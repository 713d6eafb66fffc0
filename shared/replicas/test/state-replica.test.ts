// A StateReplica reads its compacted topic through the consumer runtime of
// @steward/events: records are validated like every consumed event, but an
// invalid one is logged and skipped (never dead-lettered: the group is
// throwaway), tombstones delete, and `whenApplied` tells another consumer when
// the replica has read a position.
import { createEvent, ensureTopics, orgUnitState, stateTopicSpec, toKafkaMessage, type EventLogger } from '@steward/events';
import { KAFKA_BROKERS, uniqueName } from '@steward/testing';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { StateReplica } from '../src/state-replica';

function unitState(id: string, name: string) {
  return createEvent(orgUnitState, {
    subject: id,
    aggregateVersion: 1,
    data: { id, name, level: 'GRID', parentId: 'village-1', ancestors: ['city-1', 'village-1'], status: 'ACTIVE', validTo: null },
  });
}

class RecordingLogger implements EventLogger {
  readonly errors: { context: object; message?: string }[] = [];
  info(): void {}
  warn(): void {}
  error(context: object, message?: string): void {
    this.errors.push({ context, message });
  }
}

describe('StateReplica', () => {
  const kafka = new Kafka({ clientId: 'state-replica-test', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  // the catalogue's org unit state on a topic of this test (one partition: offsets are easy to follow)
  const topic = uniqueName('test.org.units');
  const definition = { ...orgUnitState, topic };
  let producer: Producer;
  let replica: StateReplica<typeof orgUnitState.schema> | undefined;

  beforeAll(async () => {
    await ensureTopics(kafka, [{ ...stateTopicSpec(topic), partitions: 1 }]);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await replica?.stop();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
  });

  async function send(...messages: Parameters<Producer['send']>[0]['messages']): Promise<string> {
    const [metadata] = await producer.send({ topic, acks: -1, messages });
    return (BigInt(metadata.baseOffset ?? '0') + BigInt(messages.length - 1)).toString();
  }

  it('loads the topic, skips an invalid record, follows changes and deletions, and tells when a position is applied', async () => {
    const broken = { ...unitState('grid-a', '一组'), data: { ...unitState('grid-a', '一组').data, level: 'COUNTY' } };
    await send(
      toKafkaMessage(unitState('grid-a', '一组')),
      toKafkaMessage(unitState('grid-b', '二组')),
      { key: 'grid-a', value: JSON.stringify(broken) },
    );
    const logger = new RecordingLogger();
    const changes: [string, string | undefined][] = [];
    replica = new StateReplica({ kafka, definition, owner: uniqueName('replica-test'), logger, onChange: (key, value) => changes.push([key, value?.name]) });
    await replica.start();

    // the invalid record left the previous value of its key in place, and said so
    expect(replica.get('grid-a')?.name).toBe('一组');
    expect(replica.size).toBe(2);
    expect(logger.errors).toEqual([
      expect.objectContaining({ message: 'invalid state record skipped', context: expect.objectContaining({ key: 'grid-a', reason: 'invalid', offset: '2' }) }),
    ]);

    const last = await send(toKafkaMessage(unitState('grid-a', '一组（新）')), { key: 'grid-b', value: null });
    await replica.whenApplied({ partition: 0, offset: last }, 30_000);
    expect(replica.get('grid-a')?.name).toBe('一组（新）');
    expect(replica.get('grid-b')).toBeUndefined();
    expect(changes).toEqual([
      ['grid-a', '一组'],
      ['grid-b', '二组'],
      ['grid-a', '一组（新）'],
      ['grid-b', undefined],
    ]);

    await expect(replica.whenApplied({ partition: 0, offset: '1000' }, 200)).rejects.toThrow(/did not reach offset 1000/);
  }, 60_000);
});
