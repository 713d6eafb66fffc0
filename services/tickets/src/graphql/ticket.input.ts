import { Field, Float, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import type { TicketLevel, TicketStatus } from '../domain/ticket-state-machine';
import { SatisfactionEnum, TicketChannelEnum, TicketLevelEnum, TicketPriorityEnum, TicketStatusEnum } from './ticket.model';

@InputType()
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude, −90…90' }) lat!: number;
  @Field(() => Float, { description: 'Longitude, −180…180' }) lng!: number;
}

@InputType({ description: 'The resident who reports (反映人)' })
export class ReporterInput {
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true, description: 'For the callback (回访) and the texts to the resident (短信通知, unless anonymous); never on the ticket events, only on the restricted contacts topic notifications reads' }) phone?: string;
  @Field(() => ID, { nullable: true }) householdId?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Keep name and phone from handlers (匿名)' }) anonymous?: boolean;
}

@InputType()
export class ReportTicketInput {
  @Field() title!: string;
  @Field({ nullable: true }) description?: string;
  @Field({ description: 'Category code (类别), see ticketCategories' }) category!: string;
  @Field(() => TicketChannelEnum) channel!: string;
  @Field(() => TicketPriorityEnum, { nullable: true, defaultValue: 'NORMAL' }) priority?: string;
  @Field(() => ID, {
    description: 'Unit where the problem is: a grid, natural village, village or township; the dispatch catalogue picks the responsible unit',
  })
  unitId!: string;
  @Field({ nullable: true }) address?: string;
  @Field(() => GeoPointInput, { nullable: true }) geo?: GeoPointInput;
  @Field(() => ReporterInput, { nullable: true }) reporter?: ReporterInput;
}

@InputType()
export class DispatchTicketInput {
  @Field(() => ID, { description: 'Member who handles the ticket; must hold a role in `unitId`' }) handlerId!: string;
  @Field(() => ID, { nullable: true, description: 'The responsible unit (default) or a unit inside it the handler acts for' })
  unitId?: string;
  @Field({ nullable: true }) note?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Deadline for the handler, not after resolveDueAt' }) dueAt?: Date;
}

@InputType()
export class AddProgressInput {
  @Field({ description: 'What was done (处置进展)' }) note!: string;
  @Field(() => [ID], { nullable: true, description: 'Evidence (图文) uploaded to this ticket with uploadEvidence' })
  evidenceIds?: string[];
}

@InputType()
export class ResolveTicketInput {
  @Field({ description: 'How it was resolved (办理结果)' }) resolution!: string;
  @Field(() => [ID], { nullable: true, description: 'Evidence (图文) uploaded to this ticket with uploadEvidence, e.g. photos after the repair' })
  evidenceIds?: string[];
}

@InputType()
export class TransferTicketInput {
  @Field(() => ID, { description: 'Another unit of the same level' }) unitId!: string;
  @Field() reason!: string;
}

@InputType()
export class FeedbackInput {
  @Field(() => SatisfactionEnum) satisfaction!: string;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class TicketFilter {
  @Field(() => ID, { nullable: true, description: "Located or handled inside this unit's subtree" }) within?: string;
  @Field(() => TicketStatusEnum, { nullable: true }) status?: TicketStatus;
  @Field(() => TicketLevelEnum, { nullable: true }) level?: TicketLevel;
  @Field({ nullable: true }) category?: string;
  @Field(() => TicketChannelEnum, { nullable: true }) channel?: string;
  @Field({ nullable: true, description: 'Missed its current deadline (超期)' }) overdue?: boolean;
  @Field(() => ID, { nullable: true }) handlerId?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported at or after' }) from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported before' }) to?: Date;
}
