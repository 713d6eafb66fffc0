import { Global, Module, type Provider } from '@nestjs/common';
import { memberState } from '@steward/events';
import { MemberDirectory, StateReplica, type MemberSnapshot } from '@steward/replicas';
import { BackgroundTasks, KAFKA, LOGGER, SERVICE_CONFIG, type Logger, type ServiceConfig } from '@steward/service-kit';
import type { Kafka } from 'kafkajs';

/** Every member of the replica, for questions MemberDirectory cannot answer yet ("who holds duties under this unit"). */
export class MemberRoster {
  constructor(private readonly source: { entries(): IterableIterator<[string, MemberSnapshot]> }) {}

  all(): MemberSnapshot[] {
    return [...this.source.entries()].map(([, member]) => member);
  }
}

type MemberReplica = StateReplica<typeof memberState.schema>;
const MEMBER_REPLICA = Symbol('visits member replica');

const INJECT = [KAFKA, BackgroundTasks, SERVICE_CONFIG, LOGGER];

/** Loads the replica before the service serves, like service-kit's ReplicasModule does. */
function startWithService(tasks: BackgroundTasks, replica: MemberReplica): MemberReplica {
  tasks.register({ name: `replica:${memberState.topic}`, phase: 'consumers', start: () => replica.start(), stop: () => replica.stop() });
  return replica;
}

const providers: Provider[] = [
  {
    provide: MEMBER_REPLICA,
    inject: INJECT,
    useFactory: (kafka: Kafka, tasks: BackgroundTasks, config: ServiceConfig, logger: Logger): MemberReplica =>
      startWithService(tasks, new StateReplica({ kafka, definition: memberState, owner: config.serviceName, logger })),
  },
  { provide: MemberDirectory, inject: [MEMBER_REPLICA], useFactory: (replica: MemberReplica) => new MemberDirectory(replica) },
  { provide: MemberRoster, inject: [MEMBER_REPLICA], useFactory: (replica: MemberReplica) => new MemberRoster(replica) },
];

/**
 * The replica of the members state topic, kept here until MemberDirectory
 * can list members: one replica serves both MemberDirectory and MemberRoster
 * (so AppModule asks service-kit's ReplicasModule for no members replica).
 */
@Global()
@Module({ providers, exports: [MemberDirectory, MemberRoster] })
export class LocalReplicasModule {}
