import {
  decodeEventMessage,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  type EventLogger,
  silentLogger,
  toDlqMessage,
  dlqTopicOf,
} from '@steward/events';
import { type Consumer, type EachBatchPayload, type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { PositionedEvent, Projector } from './projector';

export interface ProjectionConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  projector: Projector;
  logger?: EventLogger;
  /** at most this many messages per round of writes (a round costs one update per touched sheet); default 5000 */
  chunkSize?: number;
  replicationFactor?: number;
  /** how long start() waits to join the group; default 60 s */
  joinTimeoutMs?: number;
}

/**
 * Feeds a Projector from a consumer group, chunk by chunk: decode and
 * validate each message (poison goes to `<topic>.dlq`), apply the chunk, then
 * commit its offsets. A crash anywhere before the commit re-delivers the
 * chunk, which the projector applies once in effect. Failures to store are
 * not dead-lettered (skipping an event would corrupt the counts): the batch
 * fails and kafkajs retries it.
 */
export class ProjectionConsumer {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private readonly nextOffsets = new Map<string, bigint>();
  private applied = 0;

  constructor(private readonly options: ProjectionConsumerOptions) {}

  /** Messages decoded and applied (or found already applied) by this instance. */
  get eventsApplied(): number {
    return this.applied;
  }

  /** The next offset to consume per `topic:partition`, as far as this instance has committed. */
  committedPosition(topic: string, partition: number): bigint | undefined {
    return this.nextOffsets.get(`${topic}:${partition}`);
  }

  async start(): Promise<void> {
    if (this.consumer) throw new Error(`Projection consumer ${this.options.groupId} already started`);
    const { kafka, groupId, topics } = this.options;
    // the catalogue topics exist already (the kit creates them); topics given for tests may not
    await ensureTopics(kafka, topics.flatMap((topic) => [eventTopicSpec(topic), dlqTopicSpec(topic)]), {
      replicationFactor: this.options.replicationFactor ?? 1,
    });
    const dlqProducer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await dlqProducer.connect();
    this.dlqProducer = dlqProducer;
    // Bigger fetches make bigger rounds: the writes per round depend on the documents touched, not on the messages.
    const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxBytesPerPartition: 4_194_304, maxBytes: 16_777_216 });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Projection consumer ${groupId} did not join its group`)),
        this.options.joinTimeoutMs ?? 60_000,
      );
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.processBatch(payload) });
      await joined;
    } catch (error) {
      joined.catch(() => undefined);
      await this.stop().catch(() => undefined);
      throw error;
    }
    this.logger.info({ groupId, topics, generation: this.options.projector.generation }, 'projection consumer joined its group');
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    if (consumer) await consumer.disconnect();
    const producer = this.dlqProducer;
    this.dlqProducer = null;
    if (producer) await producer.disconnect();
  }

  private get logger(): EventLogger {
    return this.options.logger ?? silentLogger;
  }

  private async processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const size = this.options.chunkSize ?? 5_000;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const events: PositionedEvent[] = [];
      const poison: { message: (typeof chunk)[number]; reason: 'invalid' | 'unknown-type'; error: string }[] = [];
      for (const message of chunk) {
        const decoded = decodeEventMessage(message.value);
        if (decoded.ok) events.push({ event: decoded.event, offset: Number(message.offset) });
        else poison.push({ message, reason: decoded.reason, error: decoded.error });
      }
      await this.options.projector.apply(topic, partition, events, heartbeat);
      for (const { message, reason, error } of poison) await this.deadLetter(topic, partition, message, reason, error);
      const last = chunk[chunk.length - 1].offset;
      const next = BigInt(last) + 1n;
      resolveOffset(last);
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next.toString() }] }] });
      this.nextOffsets.set(`${topic}:${partition}`, next);
      this.applied += events.length;
      await heartbeat();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: { key: Buffer | null; value: Buffer | null; headers?: Record<string, unknown>; offset: string },
    reason: 'invalid' | 'unknown-type',
    error: string,
  ): Promise<void> {
    if (!this.dlqProducer) throw new Error('DLQ producer is not connected');
    const source = { topic, partition, offset: message.offset, groupId: this.options.groupId };
    await this.dlqProducer.send({
      topic: dlqTopicOf(topic),
      acks: -1,
      messages: [toDlqMessage(message as Parameters<typeof toDlqMessage>[0], source, reason, error)],
    });
    this.logger.warn({ ...source, reason, error }, 'message dead-lettered');
  }
}
