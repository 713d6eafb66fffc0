import { Module } from '@nestjs/common';
import type { EventProducer } from '@steward/events';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import { BackgroundTasks, LOGGER, EVENT_PRODUCER, registerOutboxRelay, type Logger } from '@steward/service-kit';
import { loadTicketPolicies, type TicketPolicies } from '../catalogue/policies';
import { MemberTicketsResolver, OrgUnitTicketsResolver } from './entity-extensions.resolver';
import { OverdueSweeper, registerSweeper } from './overdue-sweeper';
import { TicketRepository } from './ticket.repository';
import { TicketWriter } from './ticket-writer';
import { loadTicketsConfig } from './tickets.config';
import { TicketsResolver } from './tickets.resolver';
import { TicketsService } from './tickets.service';
import { TICKET_POLICIES } from './tokens';

@Module({
  providers: [
    { provide: TICKET_POLICIES, useFactory: loadTicketPolicies },
    {
      provide: TicketWriter,
      inject: [TicketRepository, OrgTree, MemberDirectory, TICKET_POLICIES, BackgroundTasks, EVENT_PRODUCER, LOGGER],
      useFactory: (
        repository: TicketRepository,
        orgTree: OrgTree,
        members: MemberDirectory,
        policies: TicketPolicies,
        tasks: BackgroundTasks,
        producer: EventProducer,
        logger: Logger,
      ) => {
        const relay = registerOutboxRelay(tasks, { collection: repository.outboxCollection, locks: repository.claims, producer, logger });
        return new TicketWriter(repository, orgTree, members, policies, () => relay.kick());
      },
    },
    {
      provide: OverdueSweeper,
      inject: [TicketRepository, TicketWriter, BackgroundTasks, LOGGER],
      useFactory: (repository: TicketRepository, writer: TicketWriter, tasks: BackgroundTasks, logger: Logger) => {
        const sweeper = new OverdueSweeper(repository, writer, logger.child({ component: 'overdue-sweeper' }));
        registerSweeper(tasks, sweeper, loadTicketsConfig().sweepIntervalMs, logger);
        return sweeper;
      },
    },
    TicketRepository,
    TicketsService,
    TicketsResolver,
    OrgUnitTicketsResolver,
    MemberTicketsResolver,
  ],
})
export class TicketsModule {}
