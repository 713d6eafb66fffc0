import { dlqTopicOf, type ConsumerObserver } from '@steward/events';
import type { Admin, Kafka } from 'kafkajs';
import type { Collection, Document } from 'mongodb';
import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';
import { CLIENT_ERROR_CODES } from './client-error-codes';
import { withTimeout } from './with-timeout';

/**
 * The business metrics of a process (Prometheus names, one registry per
 * process: prom-client's default), served at `/metrics` by every subgraph and
 * the gateway. Every metric carries the label `service` (the app's name).
 * The figures that cost a round trip (consumer lag, dead letters, outbox
 * backlog) are read when Prometheus scrapes, at most every few seconds.
 */
let initialised = false;

/** Default labels and the process/runtime figures, once per process. */
export function initMetrics(serviceName: string): void {
  if (initialised) return;
  initialised = true;
  register.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics();
}

/** The `/metrics` body and its content type. */
export function metricsText(): Promise<string> {
  return register.metrics();
}
export const METRICS_CONTENT_TYPE = register.contentType;

export const graphqlDuration = new Histogram({
  name: 'steward_graphql_operation_duration_seconds',
  help: 'Duration of GraphQL operations by operation name and outcome (ok, client_error, server_error)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const httpResponses = new Counter({
  name: 'steward_http_responses_total',
  help: 'HTTP responses by route (graphql, evidence, health, metrics, other) and status code',
  labelNames: ['route', 'status'] as const,
});

const MAX_OPERATION_NAMES = 300;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const seenOperations = new Set<string>();

/**
 * The `operation` label: the operation's name when it is a plain GraphQL
 * name, `anonymous` without one, `other` for the rest and beyond the first
 * 300 names a process has seen (clients choose names: the label must stay bounded).
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (seenOperations.has(name)) return name;
  if (!OPERATION_NAME.test(name) || seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}

export type OperationOutcome = 'ok' | 'client_error' | 'server_error';

/** ok without errors; client_error when every error has a client code; else server_error. */
export function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): OperationOutcome {
  if (!errors || errors.length === 0) return 'ok';
  return errors.every((error) => CLIENT_ERROR_CODES.has(String(error.extensions?.code))) ? 'client_error' : 'server_error';
}

/**
 * `read` at most once per `ms`: callers in between share the last promise
 * (scrapes of several gauges, several scrapers); a failed read is not kept.
 */
export function cachedFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ms) {
      const value = read();
      cached = { at: Date.now(), value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}

// ---- consumers -------------------------------------------------------------

const eventsHandled = new Counter({
  name: 'steward_events_handled_total',
  help: 'Events whose effect a consumer stored, by consumer group, topic and event type',
  labelNames: ['group', 'topic', 'event_type'] as const,
});
const eventsFailed = new Counter({
  name: 'steward_events_failed_total',
  help: 'Messages a consumer parked on the dead-letter topic, by consumer group, topic and reason (handler-failed, invalid, unknown-type)',
  labelNames: ['group', 'topic', 'reason'] as const,
});
const eventRetries = new Counter({
  name: 'steward_event_handler_retries_total',
  help: 'Failed handler calls that were retried, by consumer group, topic and event type',
  labelNames: ['group', 'topic', 'event_type'] as const,
});

const eventDelay = new Histogram({
  name: 'steward_event_delay_seconds',
  help: 'From an event\'s creation (the write that queued it in the outbox) to its effect stored by a consumer group: the chain latency per hop',
  labelNames: ['group', 'event_type'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

/** The consumer groups of this process (group → topics), for the lag gauge. */
const consumerGroups = new Map<string, readonly string[]>();

/** Counts what the consumers of this process handle, retry and dead-letter, and measures their lag. */
export const consumerMetrics: ConsumerObserver = {
  started: (groupId, topics) => void consumerGroups.set(groupId, topics),
  handled: (groupId, topic, eventType, eventTime) => {
    eventsHandled.inc({ group: groupId, topic, event_type: eventType });
    const created = eventTime ? Date.parse(eventTime) : NaN;
    if (Number.isFinite(created)) eventDelay.observe({ group: groupId, event_type: eventType }, Math.max(0, (Date.now() - created) / 1000));
  },
  retried: (groupId, topic, eventType) => eventRetries.inc({ group: groupId, topic, event_type: eventType }),
  deadLettered: (groupId, topic, reason) => eventsFailed.inc({ group: groupId, topic, reason }),
};

const KAFKA_READ_TIMEOUT_MS = 3_000;
const KAFKA_CACHE_MS = 5_000;

const kafkaAnswers = <T>(promise: Promise<T>): Promise<T> => withTimeout(promise, KAFKA_READ_TIMEOUT_MS, 'kafka admin did not answer');

interface KafkaFigures {
  lag: { group: string; topic: string; partition: number; lag: number }[];
  dlq: { topic: string; messages: number }[];
}

/**
 * Consumer lag (per group, topic and partition: the end offset less the
 * group's committed offset) and dead letters (messages kept on each `.dlq`
 * topic of the topics this process consumes), read with one admin client when
 * scraped and cached for 5 s. Several instances of a service report the same
 * figures: aggregate with max().
 */
export function registerKafkaMetrics(kafka: Kafka, dlqTopicsOf: () => readonly string[] = () => []): void {
  let admin: Admin | undefined;
  const read = async (): Promise<KafkaFigures> => {
    admin ??= kafka.admin();
    await kafkaAnswers(admin.connect());
    const ends = new Map<string, Map<number, { high: number; low: number }>>();
    const endsOf = async (topic: string) => {
      let partitions = ends.get(topic);
      if (!partitions) {
        const offsets = await kafkaAnswers(admin!.fetchTopicOffsets(topic));
        partitions = new Map(offsets.map(({ partition, high, low }) => [partition, { high: Number(high), low: Number(low) }]));
        ends.set(topic, partitions);
      }
      return partitions;
    };
    const lag: KafkaFigures['lag'] = [];
    for (const [group, topics] of consumerGroups) {
      const committed = await kafkaAnswers(admin.fetchOffsets({ groupId: group, topics: [...topics] }));
      for (const { topic, partitions } of committed) {
        const end = await endsOf(topic);
        for (const { partition, offset } of partitions) {
          const high = end.get(partition)?.high ?? 0;
          const position = Number(offset) < 0 ? (end.get(partition)?.low ?? 0) : Number(offset);
          lag.push({ group, topic, partition, lag: Math.max(0, high - position) });
        }
      }
    }
    const dlqTopics = new Set([...dlqTopicsOf(), ...[...consumerGroups.values()].flat().map(dlqTopicOf)]);
    const dlq: KafkaFigures['dlq'] = [];
    for (const topic of dlqTopics) {
      const end = await endsOf(topic).catch(() => undefined);
      if (end) dlq.push({ topic, messages: [...end.values()].reduce((sum, { high, low }) => sum + high - low, 0) });
    }
    return { lag, dlq };
  };
  const figures = cachedFor(KAFKA_CACHE_MS, read);
  new Gauge({
    name: 'steward_consumer_lag_messages',
    help: 'Messages on a partition that the consumer group has not committed yet (end offset less committed offset)',
    labelNames: ['group', 'topic', 'partition'] as const,
    async collect() {
      this.reset();
      const { lag } = await figures().catch(() => ({ lag: [] }));
      for (const row of lag) this.set({ group: row.group, topic: row.topic, partition: String(row.partition) }, row.lag);
    },
  });
  new Gauge({
    name: 'steward_dlq_messages',
    help: 'Messages kept on a dead-letter topic (retention 30 days); re-driving does not remove them, so alert on increase()',
    labelNames: ['topic'] as const,
    async collect() {
      this.reset();
      const { dlq } = await figures().catch(() => ({ dlq: [] }));
      for (const row of dlq) this.set({ topic: row.topic }, row.messages);
    },
  });
}

// ---- outbox ----------------------------------------------------------------

const outboxes = new Map<string, Collection<Document>>();
const MAX_PENDING_DOCUMENTS_READ = 1_000;

/** Reads the outbox backlog of this collection when scraped (`steward_outbox_pending_events`, `steward_outbox_oldest_pending_age_seconds`). */
export function registerOutboxMetrics(collectionName: string, collection: Collection<Document>): void {
  outboxes.set(collectionName, collection);
}

interface OutboxFigures {
  pending: number;
  oldestAgeSeconds: number;
}

async function outboxFigures(collection: Collection<Document>): Promise<OutboxFigures> {
  // the pending documents, through the relay's index; their entries' times only
  const rows = await collection
    .find({ outboxPending: true }, { projection: { 'outbox.time': 1 }, limit: MAX_PENDING_DOCUMENTS_READ })
    .toArray();
  let pending = 0;
  let oldest = Infinity;
  for (const row of rows) {
    const entries: unknown = row.outbox;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as { time?: unknown }[]) {
      pending += 1;
      const time = typeof entry.time === 'string' ? Date.parse(entry.time) : NaN;
      if (Number.isFinite(time)) oldest = Math.min(oldest, time);
    }
  }
  return { pending, oldestAgeSeconds: Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0 };
}

const allOutboxFigures = cachedFor(KAFKA_CACHE_MS, () =>
  Promise.all([...outboxes].map(async ([name, collection]) => [name, await outboxFigures(collection).catch(() => undefined)] as const)).then(
    (rows) => new Map(rows.filter((row): row is readonly [string, OutboxFigures] => row[1] !== undefined)),
  ),
);

new Gauge({
  name: 'steward_outbox_pending_events',
  help: 'Events written to an aggregate collection\'s outbox and not yet published (the first 1000 pending documents)',
  labelNames: ['collection'] as const,
  async collect() {
    this.reset();
    for (const [collection, figures] of await allOutboxFigures()) this.set({ collection }, figures.pending);
  },
});
new Gauge({
  name: 'steward_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest unpublished outbox event of a collection (0 when none is pending)',
  labelNames: ['collection'] as const,
  async collect() {
    this.reset();
    for (const [collection, figures] of await allOutboxFigures()) this.set({ collection }, figures.oldestAgeSeconds);
  },
});
