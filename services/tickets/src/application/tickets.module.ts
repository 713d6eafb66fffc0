import { Module } from '@nestjs/common';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import { AttemptSlotCollection, Lease } from '@steward/persistence';
import {
  BackgroundTasks,
  LOGGER,
  MONGO_CONNECTION,
  registerBackfill,
  outboxRelayProvider,
  orgRepathProvider,
  type Logger,
} from '@steward/service-kit';
import type { Connection } from 'mongoose';
import { loadTicketPolicies, type TicketPolicies } from '../domain/policies';
import { EvidenceController } from './evidence.controller';
import { EvidenceResolver, TimelineEvidenceResolver } from '../graphql/evidence.resolver';
import type { EvidenceLimits } from '../domain/evidence-rules';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_LIMITS, EVIDENCE_STORAGE } from './evidence.tokens';
import { GridFsEvidenceStorage } from '../persistence/gridfs-evidence-storage';
import { MemberTicketsResolver, OrgUnitTicketsResolver } from '../graphql/entity-extensions.resolver';
import { OverdueSweeper, registerSweeper } from './overdue-sweeper';
import { TicketRepository } from '../persistence/ticket.repository';
import { registerTicketMetrics } from './ticket-metrics';
import { TicketWriter } from './ticket-writer';
import { loadTicketsConfig, readSlaPolicyFile } from './tickets.config';
import { TicketsResolver } from '../graphql/tickets.resolver';
import { TicketProgressResolver } from '../graphql/ticket-progress.resolver';
import { ProgressLookup } from './progress-lookup.service';
import { TicketsService } from './tickets.service';
import { CategoryCatalogue } from './category-catalogue';
import { TicketCategoriesService } from './ticket-categories.service';
import { TicketCategoryRepository } from '../persistence/ticket-category.repository';
import { TicketCategoriesResolver } from '../graphql/ticket-categories.resolver';
import { TICKET_POLICIES } from './ticket.tokens';

const ACCESS_PATH_BACKFILL = Symbol('ACCESS_PATH_BACKFILL');
@Module({
  controllers: [EvidenceController],
  providers: [
    { provide: TICKET_POLICIES, useFactory: () => loadTicketPolicies(readSlaPolicyFile(loadTicketsConfig())) },
    { provide: EVIDENCE_LIMITS, useFactory: (): EvidenceLimits => ({ maxBytes: loadTicketsConfig().evidenceMaxBytes }) },
    { provide: EVIDENCE_STORAGE, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => new GridFsEvidenceStorage(connection) },
    {
      // tickets stored before accessPath existed (v1), or before it held the location's path (v2), get it before the service answers
      provide: ACCESS_PATH_BACKFILL,
      inject: [TicketRepository, BackgroundTasks, MONGO_CONNECTION, LOGGER, Lease],
      useFactory: (repository: TicketRepository, tasks: BackgroundTasks, connection: Connection, logger: Logger, lease: Lease) => {
        registerBackfill(tasks, { name: 'tickets.accessPath.v2', connection, logger, lease, run: () => repository.backfillAccessPaths() });
        return true;
      },
    },
    // tickets follow their responsible and location units when org moves them
    orgRepathProvider([TicketRepository], (repository: TicketRepository) => [{ name: 'tickets', repath: (unitId, path) => repository.repathUnit(unitId, path) }]),
    {
      // the category versions in the database, read through by every instance (services/tickets/README.md, "Category fields")
      provide: CategoryCatalogue,
      inject: [MONGO_CONNECTION, TICKET_POLICIES],
      useFactory: (connection: Connection, policies: TicketPolicies) => new CategoryCatalogue(new TicketCategoryRepository(connection), policies.catalogue.seedVersions()),
    },
    {
      provide: TicketWriter,
      inject: [TicketRepository, OrgTree, MemberDirectory, TICKET_POLICIES, CategoryCatalogue],
      useFactory: (repository: TicketRepository, orgTree: OrgTree, members: MemberDirectory, policies: TicketPolicies, categories: CategoryCatalogue) =>
        new TicketWriter(repository, orgTree, members, policies, categories),
    },
    {
      provide: OverdueSweeper,
      inject: [TicketRepository, TicketWriter, BackgroundTasks, LOGGER, Lease],
      useFactory: (repository: TicketRepository, writer: TicketWriter, tasks: BackgroundTasks, logger: Logger, lease: Lease) => {
        const sweeper = new OverdueSweeper(repository, writer, logger.child({ component: 'overdue-sweeper' }));
        registerSweeper(tasks, sweeper, { intervalMs: loadTicketsConfig().sweepIntervalMs, lease, logger });
        return sweeper;
      },
    },
    // framework-free (a second sweeper instance builds one on its own connection)
    { provide: TicketRepository, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => new TicketRepository(connection) },
    outboxRelayProvider(TicketRepository),
    {
      // steward_tickets_open / steward_tickets_overdue per township, read when scraped
      provide: Symbol('ticket-metrics'),
      inject: [TicketRepository, OrgTree],
      useFactory: (repository: TicketRepository, orgTree: OrgTree) => registerTicketMetrics(repository, orgTree),
    },
    {
      // failed lookups per ticket number, counted in the database so that every instance shares them
      provide: ProgressLookup,
      inject: [TicketRepository, OrgTree, CategoryCatalogue, MONGO_CONNECTION],
      useFactory: (repository: TicketRepository, orgTree: OrgTree, categories: CategoryCatalogue, connection: Connection) =>
        new ProgressLookup(repository, orgTree, categories, new AttemptSlotCollection(connection, 'progress_lookup_attempts'), loadTicketsConfig().progressLookup),
    },
    TicketProgressResolver,
    TicketsService,
    TicketsResolver,
    TicketCategoriesService,
    TicketCategoriesResolver,
    EvidenceService,
    EvidenceResolver,
    TimelineEvidenceResolver,
    OrgUnitTicketsResolver,
    MemberTicketsResolver,
  ],
})
export class TicketsModule {}
