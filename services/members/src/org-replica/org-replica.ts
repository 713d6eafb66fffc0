import type { Provider } from '@nestjs/common';
import { orgUnitState } from '@steward/events';
import { OrgTree, StateReplica } from '@steward/replicas';
import { BackgroundTasks, KAFKA, LOGGER, type Logger } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';

/**
 * The org tree from a local copy of org's compacted `steward.org.units.v1`
 * topic. The copy is loaded from offset 0 before the server listens (a
 * background task, stopped with the consumers), so assignments are checked and
 * their `orgPath` taken without any cross-service call.
 */
export const orgTreeProvider: Provider = {
  provide: OrgTree,
  inject: [KAFKA, BackgroundTasks, LOGGER],
  useFactory: (kafka: Kafka, tasks: BackgroundTasks, logger: Logger) => {
    const replica = new StateReplica({
      kafka,
      definition: orgUnitState,
      owner: 'members',
      logger: logger.child({ component: 'org-replica' }),
    });
    tasks.register({
      name: `replica:${orgUnitState.topic}`,
      phase: 'consumers',
      start: () => replica.start(),
      stop: () => replica.stop(),
    });
    return new OrgTree(replica);
  },
};
