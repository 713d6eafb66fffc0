import { Module } from '@nestjs/common';
import { TicketRepository } from './ticket.repository';
import { TicketsResolver } from './tickets.resolver';
import { TicketsService } from './tickets.service';

@Module({ providers: [TicketRepository, TicketsService, TicketsResolver] })
export class TicketsModule {}
