import { Args, ID, Parent, Query, ResolveField, Resolver, ResolveReference, InputType, Field } from '@nestjs/graphql';
import { PageArgs } from '@steward/service-kit';
import type { VisitStatus } from './ticket-visit-rules';
import { Member, OrgUnit, Ticket, VisitLog, VisitLogConnection, VisitStatusEnum } from './visit.model';
import { VisitsService } from './visits.service';

@InputType()
export class VisitFilter {
  @Field(() => ID, { nullable: true }) memberId?: string;
  @Field(() => ID, { nullable: true }) ticketId?: string;
  @Field(() => VisitStatusEnum, { nullable: true }) status?: VisitStatus;
  @Field(() => ID, { nullable: true, description: "Inside this unit's subtree" }) within?: string;
}

@Resolver(() => VisitLog)
export class VisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @Query(() => VisitLog, { nullable: true, description: 'One visit log (走访记录)' })
  visit(@Args('id', { type: () => ID }) id: string): Promise<VisitLog | null> {
    return this.service.findById(id);
  }

  @Query(() => VisitLogConnection, { description: 'Visit logs, filtered and paginated' })
  visits(@Args('filter', { type: () => VisitFilter, nullable: true }) filter: VisitFilter | undefined, @Args() page: PageArgs) {
    return this.service.list(filter ?? {}, page);
  }

  @ResolveField(() => Member, { description: 'Who visits' })
  member(@Parent() visit: VisitLog): Member {
    return { id: visit.memberId };
  }

  @ResolveField(() => OrgUnit, { description: 'Grid visited (网格)' })
  grid(@Parent() visit: VisitLog): OrgUnit {
    return { id: visit.gridId };
  }

  @ResolveField(() => Ticket, { nullable: true, description: 'The ticket this visit handles' })
  ticket(@Parent() visit: VisitLog): Ticket | null {
    return visit.ticketId ? { id: visit.ticketId } : null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Promise<VisitLog | null> {
    return this.service.findById(reference.id);
  }
}

@Resolver(() => Ticket)
export class TicketVisitsResolver {
  constructor(private readonly service: VisitsService) {}

  @ResolveField(() => [VisitLog], { description: 'Visits made to handle this ticket (处置走访)' })
  visits(@Parent() ticket: Ticket): Promise<VisitLog[]> {
    return this.service.forTicket(ticket.id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Ticket {
    return { id: reference.id };
  }
}
