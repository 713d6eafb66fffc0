import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { householdState, memberState, orgUnitState } from '@steward/events';
import { createHouseholdRegistry, HouseholdRegistry, MemberDirectory, OrgTree, StateReplica } from '@steward/replicas';
import type { Kafka } from 'kafkajs';
import type { z } from 'zod';
import { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';
import { KAFKA, LOGGER, ORG_UNITS_REPLICA, SERVICE_CONFIG } from './tokens';

/** Loads the replica before the service serves (phase 'consumers' starts before HTTP listens). */
function startWithService<S extends z.ZodType>(tasks: BackgroundTasks, replica: StateReplica<S>, topic: string): StateReplica<S> {
  tasks.register({ name: `replica:${topic}`, phase: 'consumers', start: () => replica.start(), stop: () => replica.stop() });
  return replica;
}

const INJECT = [KAFKA, BackgroundTasks, SERVICE_CONFIG, LOGGER];

const orgUnitsReplicaProvider: Provider = {
  provide: ORG_UNITS_REPLICA,
  inject: INJECT,
  useFactory: (kafka: Kafka, tasks: BackgroundTasks, config: ServiceConfig, logger: Logger) =>
    startWithService(tasks, new StateReplica({ kafka, definition: orgUnitState, owner: config.serviceName, logger }), orgUnitState.topic),
};

const orgTreeProvider: Provider = {
  provide: OrgTree,
  inject: [ORG_UNITS_REPLICA],
  useFactory: (replica: StateReplica<typeof orgUnitState.schema>) => new OrgTree(replica),
};

const memberDirectoryProvider: Provider = {
  provide: MemberDirectory,
  inject: INJECT,
  useFactory: (kafka: Kafka, tasks: BackgroundTasks, config: ServiceConfig, logger: Logger) =>
    new MemberDirectory(
      startWithService(
        tasks,
        new StateReplica({ kafka, definition: memberState, owner: config.serviceName, logger }),
        memberState.topic,
      ),
    ),
};

const householdRegistryProvider: Provider = {
  provide: HouseholdRegistry,
  inject: INJECT,
  useFactory: (kafka: Kafka, tasks: BackgroundTasks, config: ServiceConfig, logger: Logger) => {
    const { registry, replica } = createHouseholdRegistry({ kafka, owner: config.serviceName, logger });
    startWithService(tasks, replica, householdState.topic);
    return registry;
  },
};

export interface ReplicasOptions {
  /** keep a replica of `steward.members.v1` as `MemberDirectory` (members itself does not need one) */
  members: boolean;
  /** keep a replica of `steward.households.v1` as `HouseholdRegistry`; list the topic in ServiceKitModule's topics too */
  households?: boolean;
}

/**
 * Local read models of the org tree (always) and of member assignments (on
 * request), kept from the compacted state topics (docs/architecture.md §2): no service calls
 * another to write its records.
 */
@Global()
@Module({})
export class ReplicasModule {
  static forRoot(options: ReplicasOptions): DynamicModule {
    const providers: Provider[] = [orgUnitsReplicaProvider, orgTreeProvider];
    const exported: (typeof OrgTree | typeof MemberDirectory | typeof HouseholdRegistry | symbol)[] = [OrgTree, ORG_UNITS_REPLICA];
    if (options.members) {
      providers.push(memberDirectoryProvider);
      exported.push(MemberDirectory);
    }
    if (options.households) {
      providers.push(householdRegistryProvider);
      exported.push(HouseholdRegistry);
    }
    return { module: ReplicasModule, providers, exports: exported };
  }
}
