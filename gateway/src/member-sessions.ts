import { memberState } from '@steward/events';
import { StateReplica } from '@steward/replicas';
import type { Logger } from '@steward/service-kit/core';
import type { Kafka } from 'kafkajs';
import type { MemberSessions } from './authentication';

const RETRY_MS = 2_000;

/**
 * The gateway's copy of `steward.members.v1` (each member's status,
 * credentials version and ended sessions), by which it refuses tokens of
 * ended sign-ins. It loads the whole compacted topic at start, then follows
 * it; until loaded, the gateway is not ready (`/health/ready`).
 */
export class MemberSessionReplica implements MemberSessions {
  private replica: StateReplica<typeof memberState.schema> | undefined;
  private stopping = false;
  private ready = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
  ) {}

  get loaded(): boolean {
    return this.ready;
  }

  get(memberId: string) {
    return this.replica?.get(memberId);
  }

  /** Loads the topic, retrying while Kafka or the topic (members creates it) is not there yet. */
  async start(): Promise<void> {
    while (!this.stopping) {
      const replica = new StateReplica({ kafka: this.kafka, definition: memberState, owner: 'gateway', logger: this.logger });
      try {
        await replica.start();
        this.replica = replica;
        this.ready = true;
        return;
      } catch (error) {
        await replica.stop().catch(() => undefined);
        this.logger.warn({ err: error, retryInMs: RETRY_MS }, 'the members topic could not be loaded yet');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.replica?.stop();
  }
}
