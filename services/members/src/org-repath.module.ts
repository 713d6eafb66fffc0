import { Module } from '@nestjs/common';
import { OrgTree, type ReplicaProgress } from '@steward/replicas';
import {
  BackgroundTasks,
  KAFKA,
  LOGGER,
  ORG_UNITS_REPLICA,
  registerOrgRepath,
  SERVICE_CONFIG,
  type Logger,
  type ServiceConfig,
} from '@steward/service-kit';
import type { Kafka } from 'kafkajs';
import { HouseholdsModule } from './households/households.module';
import { HouseholdsService } from './households/households.service';
import { MembersModule } from './members/members.module';
import { MembersService } from './members/members.service';

const ORG_REPATH = Symbol('ORG_REPATH');

/** Households and role assignments follow their grid or unit when org moves it (one consumer group, `<db>.org-repath`). */
@Module({
  imports: [MembersModule, HouseholdsModule],
  providers: [
    {
      provide: ORG_REPATH,
      inject: [MembersService, HouseholdsService, OrgTree, ORG_UNITS_REPLICA, BackgroundTasks, KAFKA, SERVICE_CONFIG, LOGGER],
      useFactory: (
        members: MembersService,
        households: HouseholdsService,
        orgTree: OrgTree,
        replica: ReplicaProgress,
        tasks: BackgroundTasks,
        kafka: Kafka,
        config: ServiceConfig,
        logger: Logger,
      ) =>
        registerOrgRepath(tasks, {
          kafka,
          config,
          logger,
          pathOf: (unitId) => orgTree.pathOf(unitId),
          progress: replica,
          repathers: [
            { name: 'households', repath: (gridId, path) => households.repathGrid(gridId, path) },
            { name: 'member assignments', repath: (unitId, path) => members.repathUnit(unitId, path) },
          ],
        }),
    },
  ],
})
export class OrgRepathModule {}
