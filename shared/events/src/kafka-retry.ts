import { retryBackoffMs } from './backoff';

/**
 * kafkajs marks transient broker errors (leader moving, coordinator loading, metadata lagging) `retriable`.
 * When its own retries run out it throws KafkaJSNumberOfRetriesExceeded, not retriable itself, whose
 * `cause` is the transient error: that one is judged by its cause (e.g. a transaction coordinator still
 * loading its partitions on a broker that has just started, for longer than kafkajs retries).
 */
export function isRetriableKafkaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { retriable?: unknown; name?: unknown; cause?: unknown };
  if (candidate.retriable === true) return true;
  return candidate.name === 'KafkaJSNumberOfRetriesExceeded' && isRetriableKafkaError(candidate.cause);
}

/**
 * How long a service's start-up keeps retrying transient Kafka errors: a broker that has just been
 * formatted creates and loads its group and transaction coordinators' partitions on first use, which
 * on a busy machine outlasts kafkajs's own retries (about 10 s).
 */
export const KAFKA_START_RETRY_MS = 60_000;

/**
 * Runs `operation` until it succeeds, retrying with backoff while it fails with
 * a retriable Kafka error and the deadline has not passed. kafkajs gives up on
 * some of these by itself (e.g. NOT_LEADER_FOR_PARTITION on ListOffsets right
 * after a topic was created), which would otherwise fail a service's start-up
 * on a freshly started broker.
 */
export async function retryRetriableKafka<T>(operation: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetriableKafkaError(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryBackoffMs(attempt, 100, 2_000)));
  }
}
