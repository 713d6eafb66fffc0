import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { KAFKA_BROKERS, uniqueName } from './infra';
import { waitFor } from './wait-for';

export interface TopicMessage {
  id: string;
  type: string;
  subject: string;
  aggregateversion: number;
  data: Record<string, unknown>;
  /** the record's value exactly as it is on the topic */
  raw: string;
}

/**
 * Reads a topic from its end at start: every event produced after `start()`
 * resolves, as the warehouse would receive it (the raw bytes too). Topics are
 * shared by every stack, so tests pick their own records by subject.
 */
export class TopicReader {
  readonly messages: TopicMessage[] = [];
  private readonly kafka = new Kafka({ clientId: uniqueName('topic-reader'), brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  private consumer: Consumer | undefined;

  constructor(readonly topic: string) {}

  async start(): Promise<void> {
    const topic = this.topic;
    const admin = this.kafka.admin();
    await admin.connect();
    // a topic created a moment ago may not have its partition leaders yet: its metadata settles within seconds
    const ends = await waitFor(() => admin.fetchTopicOffsets(topic), { description: `the end offsets of ${topic}`, timeoutMs: 20_000, intervalMs: 250 }).finally(() =>
      admin.disconnect(),
    );
    const consumer = this.kafka.consumer({ groupId: uniqueName('topic-reader'), sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    // seek on the first join, not after run(): run() may return while the consumer restarts after a crash
    // (its group is then not initialised and a seek throws); the join event fires before the first fetch
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
        resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const raw = message.value?.toString() ?? '';
        this.messages.push({ ...(JSON.parse(raw) as Omit<TopicMessage, 'raw'>), raw });
      },
    });
    await joined;
  }

  /** The events of one aggregate in version order, each once (delivery is at-least-once: duplicates share the event id). */
  of(subject: string): TopicMessage[] {
    const byId = new Map(this.messages.filter((message) => message.subject === subject).map((message) => [message.id, message]));
    return [...byId.values()].sort((a, b) => a.aggregateversion - b.aggregateversion);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
