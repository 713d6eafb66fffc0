import { type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners, type Producer } from 'kafkajs';
import type { MessageSource, PoisonSink } from './event-dispatcher';
import {
  DLQ_HEADER_CONSUMER_GROUP,
  DLQ_HEADER_ERROR,
  DLQ_HEADER_ORIGINAL_OFFSET,
  DLQ_HEADER_ORIGINAL_PARTITION,
  DLQ_HEADER_ORIGINAL_TOPIC,
  DLQ_HEADER_REASON,
  type DlqReason,
} from './kafka-headers';
import type { ConsumerObserver } from './consumer-observer';
import { type EventLogger, silentLogger } from './logger';
import { dlqTopicOf } from './topic-catalogue';

const MAX_ERROR_HEADER_LENGTH = 2_000;

/**
 * The message to park on `<topic>.dlq`: original key, value and headers, plus
 * headers telling why and where it came from.
 */
export function toDlqMessage(
  original: Pick<KafkaMessage, 'key' | 'value' | 'headers'>,
  source: { topic: string; partition: number; offset: string; groupId: string },
  reason: DlqReason,
  error: string,
): Message {
  const headers: IHeaders = {
    ...original.headers,
    [DLQ_HEADER_ERROR]: error.slice(0, MAX_ERROR_HEADER_LENGTH),
    [DLQ_HEADER_REASON]: reason,
    [DLQ_HEADER_ORIGINAL_TOPIC]: source.topic,
    [DLQ_HEADER_ORIGINAL_PARTITION]: String(source.partition),
    [DLQ_HEADER_ORIGINAL_OFFSET]: source.offset,
    [DLQ_HEADER_CONSUMER_GROUP]: source.groupId,
  };
  return { key: original.key, value: original.value, headers };
}

export interface DeadLetterQueueOptions {
  kafka: Kafka;
  /** the consumer group that gives up on the messages (a header, and in logs) */
  groupId: string;
  /** a connected producer to share; when absent the queue creates (and closes) its own */
  producer?: Producer;
  logger?: EventLogger;
  observer?: ConsumerObserver;
}

/** Parks poison messages on `<topic>.dlq` (acks=all), with the headers of `toDlqMessage`. */
export class DeadLetterQueue implements PoisonSink {
  private producer: Producer | null = null;
  private ownsProducer = false;

  constructor(private readonly options: DeadLetterQueueOptions) {}

  async connect(): Promise<void> {
    if (this.producer) return;
    this.ownsProducer = !this.options.producer;
    const producer = this.options.producer ?? this.options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    if (this.ownsProducer) {
      try {
        await producer.connect();
      } catch (error) {
        // a later connect() (consumers retry it at start-up) makes a producer of its own
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
    }
    this.producer = producer;
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    if (producer && this.ownsProducer) await producer.disconnect();
  }

  async park(message: KafkaMessage, source: MessageSource, reason: DlqReason, error: string): Promise<void> {
    if (!this.producer) throw new Error('DLQ producer is not connected');
    const { groupId } = this.options;
    const dlqTopic = dlqTopicOf(source.topic);
    await this.producer.send({ topic: dlqTopic, acks: -1, messages: [toDlqMessage(message, { ...source, groupId }, reason, error)] });
    (this.options.logger ?? silentLogger).warn({ ...source, groupId, reason, error, dlqTopic }, 'message dead-lettered');
    this.options.observer?.deadLettered(groupId, source.topic, reason);
  }
}
