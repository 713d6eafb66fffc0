import type { InjectionToken, Provider } from '@nestjs/common';
import { OrgTree, type ReplicaProgress } from '@steward/replicas';
import type { Kafka } from 'kafkajs';
import { BackgroundTasks } from './background';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';
import type { OrgPathRepather } from './org-repath';
import { registerOrgRepath } from './org-repath.task';
import { KAFKA, LOGGER, ORG_UNITS_REPLICA, SERVICE_CONFIG } from './tokens';

/**
 * The one way a service wires its re-pathers: a provider that registers the
 * service's `<db>.org-repath` consumer with the re-pathers `repathersOf`
 * builds from the injected `owners` (repositories or services), so that the
 * records they keep follow their unit when org moves it.
 */
export function orgRepathProvider<TOwners extends unknown[]>(
  owners: { [K in keyof TOwners]: InjectionToken },
  repathersOf: (...owners: TOwners) => OrgPathRepather[],
): Provider {
  return {
    provide: Symbol('org-repath'),
    inject: [...owners, OrgTree, ORG_UNITS_REPLICA, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
    useFactory: (...injected: unknown[]) => {
      const [orgTree, replica, tasks, kafka, config, logger] = injected.slice(owners.length) as [OrgTree, ReplicaProgress, BackgroundTasks, Kafka, ServiceConfig, Logger];
      return registerOrgRepath(tasks, {
        kafka,
        config,
        logger,
        pathOf: (unitId) => orgTree.pathOf(unitId),
        progress: replica,
        repathers: repathersOf(...(injected.slice(0, owners.length) as TOwners)),
      });
    },
  };
}
