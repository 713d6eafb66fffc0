import {
  type BatchContext,
  type ConsumerObserver,
  dlqTopicSpec,
  EventBatchConsumer,
  type EventChunk,
  EVENT_TOPIC_PARTITIONS,
  GroupCommit,
  ensureTopics,
  eventTopicSpec,
  type EventLogger,
  type EventOf,
  silentLogger,
  retryRetriableKafka,
} from '@steward/events';
import { retry, RetryPolicies } from '@steward/persistence';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { projectedEvents, SheetConflictError, type Projector, type ProjectorChunk } from './projector';
import { WriteBehindConflictError, type WriteBehindStore } from '../persistence/write-behind';

type ProjectedEvent = EventOf<(typeof projectedEvents)[number]>;

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
  /** told what the consumer handles and dead-letters (the service's metrics) */
  observer?: ConsumerObserver;
}

/**
 * Feeds a Projector from a consumer group through the batch mode of the
 * consumer runtime, chunk by chunk: the runtime decodes and validates each
 * message (poison goes to `<topic>.dlq`), the projector applies the chunk
 * (live: together with the chunks of the other partitions waiting at the
 * same time, in one pass), then its offsets are committed. A crash anywhere before the commit
 * re-delivers the chunk, which the projector applies once in effect
 * (per-partition watermarks). Failures to store are not dead-lettered
 * (skipping an event would corrupt the counts): the batch fails and kafkajs
 * retries it.
 */
export class ProjectionConsumer {
  private readonly consumer: EventBatchConsumer<(typeof projectedEvents)[number]>;
  /** live mode: the chunks of the partitions handled at once, written in one projector pass */
  private readonly live = new GroupCommit<{ chunk: ProjectorChunk; heartbeat: () => Promise<void> }>((items) => this.applyTogether(items));
  private applied = 0;
  private round = newRound();
  /** per `topic:partition`, the next offset after the last chunk applied (rounds mode) */
  private readonly reached = new Map<string, bigint>();
  private failure: Error | null = null;

  constructor(private readonly options: ProjectionConsumerOptions) {
    const { rounds } = options;
    this.consumer = new EventBatchConsumer({
      kafka: options.kafka,
      groupId: options.groupId,
      topics: options.topics,
      events: projectedEvents,
      chunkSize: options.chunkSize,
      joinTimeoutMs: options.joinTimeoutMs,
      logger: this.logger,
      observer: options.observer,
      // Bigger fetches make bigger rounds: the writes per round depend on the documents touched, not on the messages.
      consumerConfig: { sessionTimeout: 30_000, heartbeatInterval: 3_000, maxBytesPerPartition: 4_194_304, maxBytes: 16_777_216 },
      // live: every partition's batch at once, so that their chunks meet in one write (the group commit)
      partitionsConsumedConcurrently: rounds ? 1 : EVENT_TOPIC_PARTITIONS * options.topics.length,
      ...(rounds
        ? {
            commit: 'manual',
            applyChunk: (chunk, context) => this.applyToRound(chunk, context),
            afterBatch: (context) => this.writeRoundWhenDue(context, rounds),
            halted: () => this.failure !== null,
          }
        : { applyChunk: (chunk, context) => this.applyLive(chunk, context) }),
    });
  }

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
    return this.consumer.committedPosition(topic, partition);
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    // the catalogue topics exist already (the kit creates them); topics given for tests may not
    await ensureTopics(kafka, topics.flatMap((topic) => [eventTopicSpec(topic), dlqTopicSpec(topic)]), {
      replicationFactor: this.options.replicationFactor ?? 1,
    });
    if (this.options.rounds?.until) await this.startFromCommitted();
    await this.consumer.start();
    this.logger.info({ groupId, topics, generation: this.options.projector.generation }, 'projection consumer joined its group');
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  private get logger(): EventLogger {
    return this.options.logger ?? silentLogger;
  }

  /**
   * Live mode: the chunk is written with the chunks of the other partitions
   * waiting at the same time, and committed by the runtime once that write
   * is done. A sheet another instance wrote meanwhile makes the projector
   * read again and apply what that sheet has not seen (watermarks); after the
   * last try every batch of the group fails and kafkajs delivers it again.
   */
  private async applyLive({ topic, partition, events }: EventChunk<ProjectedEvent>, { heartbeat }: BatchContext): Promise<void> {
    await this.live.submit({ chunk: { topic, partition, events }, heartbeat });
    this.applied += events.length;
  }

  private async applyTogether(items: { chunk: ProjectorChunk; heartbeat: () => Promise<void> }[]): Promise<void> {
    const chunks = items.map((item) => item.chunk);
    await retry(RetryPolicies.CONCURRENT_WRITE, () => this.options.projector.applyChunks(chunks, items[0].heartbeat), {
      retryOn: (error) => error instanceof SheetConflictError,
    });
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

  /** Rounds mode: the chunk goes into the write-behind store and the round; nothing is committed yet. */
  private async applyToRound({ topic, partition, events, messages }: EventChunk<ProjectedEvent>, { heartbeat }: BatchContext): Promise<void> {
    const key = `${topic}:${partition}`;
    await this.options.projector.apply(topic, partition, events, heartbeat);
    const last = BigInt(messages[messages.length - 1].offset);
    // a batch delivered again within the round (kafkajs retrying it) is kept and counted once
    const from = this.round.next.get(key)?.offset;
    const fresh = from === undefined ? messages : messages.filter((message) => BigInt(message.offset) >= from);
    if (fresh.length > 0) this.round.chunks.push({ topic, partition, messages: fresh });
    this.round.events += from === undefined ? events.length : events.filter((event) => BigInt(event.offset) >= from).length;
    this.round.messages += messages.length;
    if (from === undefined || last + 1n > from) this.round.next.set(key, { topic, partition, offset: last + 1n });
    this.reached.set(key, last + 1n);
  }

  private async writeRoundWhenDue(context: BatchContext, rounds: ProjectionRounds): Promise<void> {
    const arrived = rounds.until?.every(({ topic, partition, high }) => (this.reached.get(`${topic}:${partition}`) ?? 0n) >= high) ?? false;
    if (this.round.messages >= rounds.messages || arrived || Date.now() - this.round.startedAt >= (rounds.maxMs ?? 300_000)) {
      await this.writeRound(context, rounds);
    }
  }

  /** Writes the round's sheets, its candidates (after the closures are read again), then commits its offsets. */
  private async writeRound({ heartbeat, commit }: BatchContext, { store }: ProjectionRounds): Promise<void> {
    const round = this.round;
    if (round.next.size === 0) return;
    const writingSince = Date.now();
    try {
      const sheets = await store.writeSheets(heartbeat);
      this.logger.info({ generation: this.options.projector.generation, events: round.events, sheets, writeMs: Date.now() - writingSince, roundMs: Date.now() - round.startedAt }, 'projection round: sheets written');
    } catch (error) {
      if (error instanceof WriteBehindConflictError) this.failure = error;
      throw error;
    }
    if (await store.closuresChanged()) round.reapply = true;
    if (round.reapply) {
      for (const { topic, partition, messages } of round.chunks) {
        await this.options.projector.apply(topic, partition, this.consumer.decode(messages).events, heartbeat);
      }
      round.reapply = false;
    }
    await store.writeRoundCandidates();
    await commit([...round.next.values()]);
    this.applied += round.events;
    this.round = newRound();
    await heartbeat();
  }
}
