import { type Kafka, type Message, Partitioners, type Producer, type ProducerConfig, type RecordMetadata } from 'kafkajs';
import { getEventDefinition } from './catalogue';
import type { EventEnvelope } from './envelope';
import { validateEnvelope } from './envelope';
import { CLOUDEVENTS_CONTENT_TYPE, HEADER_CE_ID, HEADER_CE_TYPE, HEADER_CONTENT_TYPE } from './kafka-headers';

/** An envelope and the topic it goes to. */
export interface AddressedEvent {
  topic: string;
  envelope: EventEnvelope;
  /** extra message headers, e.g. the relay's `traceparent` */
  headers?: Record<string, string>;
}

export interface EventProducerOptions {
  /** extra kafkajs producer settings; idempotence settings cannot be overridden */
  producerConfig?: Omit<ProducerConfig, 'idempotent' | 'maxInFlightRequests'>;
}

/**
 * Publishes catalogue events: validated before anything is sent, idempotent
 * producer (no duplicates from producer retries, per-partition order kept;
 * kafkajs requires maxInFlightRequests 1 for that), acks from all in-sync
 * replicas. Key = envelope subject, so one aggregate's events stay in order.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connection: Promise<void> | null = null;

  constructor(kafka: Kafka, options: EventProducerOptions = {}) {
    this.producer = kafka.producer({
      // murmur2 like the Java client, so other clients agree on key → partition
      createPartitioner: Partitioners.DefaultPartitioner,
      ...options.producerConfig,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  }

  /** Connects once; concurrent callers share the same attempt, a failed attempt can be retried. */
  connect(): Promise<void> {
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  async disconnect(): Promise<void> {
    if (!this.connection) return;
    this.connection = null;
    await this.producer.disconnect();
  }

  /** Sends each envelope to its catalogue topic. */
  async send(envelopes: readonly EventEnvelope[]): Promise<RecordMetadata[]> {
    return this.publish(envelopes.map((envelope) => ({ topic: getEventDefinition(envelope.type).topic, envelope })));
  }

  /**
   * Sends envelopes to the given topics in one request; order is kept per
   * partition. Every envelope is validated against its catalogue schema first:
   * if one is invalid (EventValidationError) or of an unknown type
   * (UnknownEventTypeError), nothing is sent.
   */
  async publish(events: readonly AddressedEvent[]): Promise<RecordMetadata[]> {
    if (events.length === 0) return [];
    const byTopic = new Map<string, Message[]>();
    for (const { topic, envelope, headers } of events) {
      const validated = validateEnvelope(getEventDefinition(envelope.type), envelope);
      const messages = byTopic.get(topic) ?? [];
      const message = toKafkaMessage(validated);
      messages.push(headers ? { ...message, headers: { ...message.headers, ...headers } } : message);
      byTopic.set(topic, messages);
    }
    await this.connect();
    return this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}

export function toKafkaMessage(envelope: EventEnvelope): Message {
  return {
    key: envelope.subject,
    value: JSON.stringify(envelope),
    headers: {
      [HEADER_CE_TYPE]: envelope.type,
      [HEADER_CE_ID]: envelope.id,
      [HEADER_CONTENT_TYPE]: CLOUDEVENTS_CONTENT_TYPE,
    },
  };
}
