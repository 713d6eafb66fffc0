import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { DLQ_RETENTION_MS, dlqTopicSpec, ensureTopics, eventTopicSpec, stateTopicSpec } from '@steward/events';
import { deleteTopics, testKafka, uniqueName } from './helpers';

describe('ensureTopics against Kafka', () => {
  let kafka: Kafka;
  const created: string[] = [];

  beforeAll(() => {
    kafka = testKafka('events-topics-test');
  });

  afterAll(async () => {
    if (created.length > 0) await deleteTopics(kafka, created);
  });

  async function describeTopics(names: string[]) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['cleanup.policy', 'retention.ms'],
        })),
      });
      return names.map((name) => {
        const entries = configs.resources.find((resource) => resource.resourceName === name)?.configEntries ?? [];
        return {
          name,
          partitions: metadata.topics.find((topic) => topic.name === name)?.partitions.length,
          config: Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue])),
        };
      });
    } finally {
      await admin.disconnect();
    }
  }

  it('creates event, compacted and dead-letter topics with their configs, then is a no-op', async () => {
    const events = uniqueName('test.events');
    const state = uniqueName('test.state');
    const specs = [eventTopicSpec(events), dlqTopicSpec(events), stateTopicSpec(state), dlqTopicSpec(state)];
    created.push(...specs.map((spec) => spec.name));

    const first = await ensureTopics(kafka, specs);
    expect(first.sort()).toEqual(specs.map((spec) => spec.name).sort());

    const described = await describeTopics(specs.map((spec) => spec.name));
    expect(described).toEqual([
      { name: events, partitions: 6, config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' } },
      {
        name: `${events}.dlq`,
        partitions: 1,
        config: { 'cleanup.policy': 'delete', 'retention.ms': String(DLQ_RETENTION_MS) },
      },
      { name: state, partitions: 6, config: { 'cleanup.policy': 'compact', 'retention.ms': expect.any(String) } },
      {
        name: `${state}.dlq`,
        partitions: 1,
        config: { 'cleanup.policy': 'delete', 'retention.ms': String(DLQ_RETENTION_MS) },
      },
    ]);

    await expect(ensureTopics(kafka, specs)).resolves.toEqual([]);
  });

  it('survives concurrent creators racing for the same topics', async () => {
    const name = uniqueName('test.race');
    const specs = [eventTopicSpec(name), dlqTopicSpec(name)];
    created.push(...specs.map((spec) => spec.name));

    const results = await Promise.all([ensureTopics(kafka, specs), ensureTopics(kafka, specs), ensureTopics(kafka, specs)]);

    expect(results).toHaveLength(3);
    const described = await describeTopics([name, `${name}.dlq`]);
    expect(described.map((topic) => topic.partitions)).toEqual([6, 1]);
  });
});
