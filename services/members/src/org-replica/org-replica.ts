import { Injectable } from '@nestjs/common';
import { orgUnitState } from '@steward/events';
import { OrgTree, StateReplica } from '@steward/replicas';
import { BackgroundTasks, InjectKafka, InjectLogger, type Logger } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';

/**
 * A local copy of org's compacted `steward.org.units.v1` topic. Loaded from
 * offset 0 before the server listens (background task, stopped with the
 * consumers), so assignments are checked against the org tree without a
 * cross-service call.
 */
@Injectable()
export class OrgReplica {
  readonly tree: OrgTree;
  private readonly replica: StateReplica<(typeof orgUnitState)['schema']>;

  constructor(tasks: BackgroundTasks, @InjectKafka() kafka: Kafka, @InjectLogger() logger: Logger) {
    this.replica = new StateReplica({
      kafka,
      definition: orgUnitState,
      owner: 'members',
      logger: logger.child({ component: 'org-replica' }),
    });
    this.tree = new OrgTree(this.replica);
    tasks.register({
      name: 'org-replica',
      phase: 'consumers',
      start: () => this.replica.start(),
      stop: () => this.replica.stop(),
    });
  }

  get size(): number {
    return this.replica.size;
  }
}
