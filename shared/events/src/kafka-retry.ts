import { retryBackoffMs } from './backoff';

/** kafkajs marks transient broker errors (leader moving, coordinator loading, metadata lagging) `retriable`. */
export function isRetriableKafkaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

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
