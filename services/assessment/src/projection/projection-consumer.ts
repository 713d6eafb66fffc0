import {
  decodeEventMessage,
  dlqTopicSpec,
  ensureTopics,
  eventTopicSpec,
  type EventLogger,
  silentLogger,
  toDlqMessage,
  dlqTopicOf,
  retryRetriableKafka,
} from '@steward/events';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import type { PositionedEvent, Projector } from './projector';
import { WriteBehindConflictError, type WriteBehindStore } from './write-behind';

/**
 * Rebuild mode: chunks are applied to a write-behind store (the projector's),
 * which is written, and the offsets of all its partitions committed, once a
 * round has `messages` messages, is `maxMs` old (default 5 min) at the end of
 * a batch, or every position of `until` is reached.
 */
export interface ProjectionRounds {
  store: WriteBehindStore;
  messages: number;
  maxMs?: number;
  until?: { topic: string; partition: number; high: bigint }[];
}

interface Round {
  /** the messages as received (decoded again only if the round must be applied again: smaller than the events) */
  chunks: { topic: string; partition: number; messages: KafkaMessage[] }[];
  messages: number;
  events: number;
  /** per `topic:partition`, the next offset after the round */
  next: Map<string, { topic: string; partition: number; offset: bigint }>;
  startedAt: number;
  /** a closure began during the round: apply it again before its candidates are written (kept if that fails) */
  reapply: boolean;
}

/** Decodes and validates each message: the events to apply, and the poison for the DLQ. */
function decodeChunk(chunk: KafkaMessage[]): { events: PositionedEvent[]; poison: { message: KafkaMessage; reason: 'invalid' | 'unknown-type'; error: string }[] } {
  const events: PositionedEvent[] = [];
  const poison: { message: KafkaMessage; reason: 'invalid' | 'unknown-type'; error: string }[] = [];
  for (const message of chunk) {
    const decoded = decodeEventMessage(message.value);
    if (decoded.ok) events.push({ event: decoded.event, offset: Number(message.offset) });
    else poison.push({ message, reason: decoded.reason, error: decoded.error });
  }
  return { events, poison };
}

function newRound(): Round {
  return { chunks: [], messages: 0, events: 0, next: new Map(), startedAt: Date.now(), reapply: false };
}

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
  /** write in rounds through a write-behind store (the rebuild); default: every chunk is written and committed */
  rounds?: ProjectionRounds;
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
  private round = newRound();
  /** per `topic:partition`, the next offset after the last chunk applied (rounds mode) */
  private readonly reached = new Map<string, bigint>();
  private failure: Error | null = null;

  constructor(private readonly options: ProjectionConsumerOptions) {}

  /** Messages decoded and applied (or found already applied) by this instance. */
  get eventsApplied(): number {
    return this.applied;
  }

  /** Set when the consumer cannot go on (rounds mode: another writer changed the generation). */
  get failed(): Error | null {
    return this.failure;
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
    if (this.options.rounds?.until) await this.startFromCommitted();
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
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => (this.options.rounds ? this.processInRounds(payload, this.options.rounds) : this.processBatch(payload)),
      });
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
      const { events, poison } = decodeChunk(chunk);
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

  /** Partitions the group has committed up to the end deliver nothing more: `until` counts them as reached. */
  private async startFromCommitted(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const { topic, partitions } of await retryRetriableKafka(() => admin.fetchOffsets({ groupId, topics }))) {
        for (const { partition, offset } of partitions) if (BigInt(offset) >= 0n) this.reached.set(`${topic}:${partition}`, BigInt(offset));
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async processInRounds(payload: EachBatchPayload, rounds: ProjectionRounds): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const key = `${topic}:${partition}`;
    const size = this.options.chunkSize ?? 5_000;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale() || this.failure) return;
      const chunk = batch.messages.slice(start, start + size);
      const { events, poison } = decodeChunk(chunk);
      await this.options.projector.apply(topic, partition, events, heartbeat);
      for (const { message, reason, error } of poison) await this.deadLetter(topic, partition, message, reason, error);
      const last = chunk[chunk.length - 1].offset;
      // a batch delivered again within the round (kafkajs retrying it) is kept and counted once
      const from = this.round.next.get(key)?.offset;
      const fresh = from === undefined ? chunk : chunk.filter((message) => BigInt(message.offset) >= from);
      if (fresh.length > 0) this.round.chunks.push({ topic, partition, messages: fresh });
      this.round.events += from === undefined ? events.length : events.filter((event) => BigInt(event.offset) >= from).length;
      this.round.messages += chunk.length;
      if (from === undefined || BigInt(last) + 1n > from) this.round.next.set(key, { topic, partition, offset: BigInt(last) + 1n });
      this.reached.set(key, BigInt(last) + 1n);
      resolveOffset(last);
      await heartbeat();
    }
    const arrived = rounds.until?.every(({ topic, partition, high }) => (this.reached.get(`${topic}:${partition}`) ?? 0n) >= high) ?? false;
    if (this.round.messages >= rounds.messages || arrived || Date.now() - this.round.startedAt >= (rounds.maxMs ?? 300_000)) {
      await this.writeRound(payload, rounds);
    }
  }

  /** Writes the round's sheets, its candidates (after the closures are read again), then commits its offsets. */
  private async writeRound({ heartbeat, commitOffsetsIfNecessary }: EachBatchPayload, { store }: ProjectionRounds): Promise<void> {
    const round = this.round;
    if (round.next.size === 0) return;
    try {
      await store.writeSheets(heartbeat);
    } catch (error) {
      if (error instanceof WriteBehindConflictError) this.failure = error;
      throw error;
    }
    if (await store.closuresChanged()) round.reapply = true;
    if (round.reapply) {
      for (const { topic, partition, messages } of round.chunks) await this.options.projector.apply(topic, partition, decodeChunk(messages).events, heartbeat);
      round.reapply = false;
    }
    await store.writeRoundCandidates();
    const topics = new Map<string, { partition: number; offset: string }[]>();
    for (const { topic, partition, offset } of round.next.values()) topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset: offset.toString() }]);
    await commitOffsetsIfNecessary({ topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) });
    for (const [key, { offset }] of round.next) this.nextOffsets.set(key, offset);
    this.applied += round.events;
    this.round = newRound();
    await heartbeat();
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
