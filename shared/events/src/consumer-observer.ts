import type { DlqReason } from './kafka-headers';

/**
 * What a consumer of the runtime reports as it goes, for metrics
 * (`@steward/service-kit` turns it into Prometheus counters and the lag
 * gauge). Every call must be cheap and must not throw.
 */
export interface ConsumerObserver {
  /** the group joined and reads these topics (its lag is measured from then on) */
  started(groupId: string, topics: readonly string[]): void;
  /** an event's effect is stored (per-message consumers) or its chunk applied (batch consumers); `eventTime` is the envelope's `time` */
  handled(groupId: string, topic: string, eventType: string, eventTime?: string): void;
  /** a handler call failed and will be retried */
  retried(groupId: string, topic: string, eventType: string): void;
  /** a message was parked on `<topic>.dlq` */
  deadLettered(groupId: string, topic: string, reason: DlqReason): void;
}

export const silentObserver: ConsumerObserver = {
  started: () => undefined,
  handled: () => undefined,
  retried: () => undefined,
  deadLettered: () => undefined,
};
