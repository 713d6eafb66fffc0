import { Module } from '@nestjs/common';
import { BackgroundTasks, LOGGER, MONGO_CONNECTION, outboxRelayProvider, registerBackfill, type Logger } from '@steward/service-kit';
import type { Connection } from 'mongoose';
import { MembersModule } from './members.module';
import { HouseholdRepository } from '../persistence/household.repository';
import { HouseholdsResolver } from '../graphql/households.resolver';
import { HouseholdsService } from './households.service';
import { HouseholdImportService } from './household-import.service';

const STATE_REPUBLISH = Symbol('HOUSEHOLD_STATE_REPUBLISH');

@Module({
  imports: [MembersModule],
  providers: [
    HouseholdRepository,
    outboxRelayProvider(HouseholdRepository),
    HouseholdsService,
    HouseholdImportService,
    HouseholdsResolver,
    {
      // the households topic's records of older builds carry heads and addresses: supersede them (reads do not wait for it)
      provide: STATE_REPUBLISH,
      inject: [HouseholdRepository, BackgroundTasks, MONGO_CONNECTION, LOGGER],
      useFactory: (repository: HouseholdRepository, tasks: BackgroundTasks, connection: Connection, logger: Logger) => {
        registerBackfill(tasks, {
          name: 'households.stateWithoutHeadAndAddress.v1',
          connection,
          logger,
          blocking: false,
          run: (signal) => repository.republishStates(signal),
        });
        return true;
      },
    },
  ],
  exports: [HouseholdsService],
})
export class HouseholdsModule {}
