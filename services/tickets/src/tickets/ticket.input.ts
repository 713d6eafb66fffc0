import { Field, ID, InputType } from '@nestjs/graphql';
import type { TicketStatus } from './ticket-state-machine';
import { TicketChannelEnum, TicketPriorityEnum, TicketStatusEnum } from './ticket.model';

@InputType()
export class ReportTicketInput {
  @Field() title!: string;
  @Field({ nullable: true }) description?: string;
  @Field({ description: 'Category code (类别), see the category catalogue' }) category!: string;
  @Field(() => TicketChannelEnum) channel!: string;
  @Field(() => TicketPriorityEnum, { nullable: true, defaultValue: 'NORMAL' }) priority?: string;
  @Field(() => ID, { description: 'Unit where the problem is: a grid, village or township' }) unitId!: string;
  @Field({ nullable: true }) address?: string;
  @Field(() => ID, { nullable: true, description: 'Member entering the report (acting user until auth lands)' }) actorId?: string;
}

@InputType()
export class DispatchTicketInput {
  @Field(() => ID, { description: 'Member who handles the ticket; must hold a role in the responsible unit' }) handlerId!: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class TicketFilter {
  @Field(() => ID, { nullable: true, description: "Inside this unit's subtree" }) within?: string;
  @Field(() => TicketStatusEnum, { nullable: true }) status?: TicketStatus;
  @Field(() => ID, { nullable: true }) handlerId?: string;
}

