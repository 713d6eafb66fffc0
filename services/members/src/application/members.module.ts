import { Module } from '@nestjs/common';
import { BackgroundTasks, LOGGER, MONGO_CONNECTION, outboxRelayProvider, registerBackfill, type Logger } from '@steward/service-kit';
import type { Connection } from 'mongoose';
import { PiiReader } from './pii-reader';
import { MemberRepository } from '../persistence/member.repository';
import { AssignmentsResolver, MembersResolver } from '../graphql/members.resolver';
import { MembersService } from './members.service';
import { MemberImportService } from './member-import.service';

const UNIT_PATHS_BACKFILL = Symbol('UNIT_PATHS_BACKFILL');

@Module({
  providers: [
    MemberRepository,
    outboxRelayProvider(MemberRepository),
    MembersService,
    MemberImportService,
    MembersResolver,
    AssignmentsResolver,
    PiiReader,
    {
      // members stored before unitPaths existed get it before the service answers; older state records are republished
      provide: UNIT_PATHS_BACKFILL,
      inject: [MemberRepository, BackgroundTasks, MONGO_CONNECTION, LOGGER],
      useFactory: (repository: MemberRepository, tasks: BackgroundTasks, connection: Connection, logger: Logger) => {
        registerBackfill(tasks, { name: 'members.unitPaths.v1', connection, logger, run: () => repository.backfillUnitPaths() });
        // the members topic's records of older builds carry names: supersede them (reads do not wait for it)
        registerBackfill(tasks, { name: 'members.stateWithoutName.v1', connection, logger, blocking: false, run: (signal) => repository.republishStates(signal) });
        return true;
      },
    },
  ],
  exports: [MembersService, MemberRepository, PiiReader],
})
export class MembersModule {}
