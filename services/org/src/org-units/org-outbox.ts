import { Injectable } from '@nestjs/common';
import type { EventProducer, OutboxRelay } from '@steward/events';
import { BackgroundTasks, InjectLogger, InjectProducer, registerOutboxRelay, type Logger } from '@steward/service-kit';
import { OrgUnitRepository } from './org-unit.repository';

/** The relay that publishes the outbox entries of org_units; kick it after writing events. */
@Injectable()
export class OrgOutbox {
  private readonly relay: OutboxRelay;

  constructor(repository: OrgUnitRepository, tasks: BackgroundTasks, @InjectProducer() producer: EventProducer, @InjectLogger() logger: Logger) {
    this.relay = registerOutboxRelay(tasks, { collection: repository.collection, locks: repository.locks, producer, logger });
  }

  kick(): void {
    void this.relay.kick();
  }
}
