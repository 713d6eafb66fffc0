import { Module } from '@nestjs/common';
import { VisitRepository } from './visit.repository';
import { TicketVisitsResolver, VisitsResolver } from './visits.resolver';
import { VisitsService } from './visits.service';

@Module({ providers: [VisitRepository, VisitsService, VisitsResolver, TicketVisitsResolver] })
export class VisitsModule {}
