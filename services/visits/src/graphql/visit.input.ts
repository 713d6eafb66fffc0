import { Field, Float, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { VisitKindEnum, VisitStatusEnum } from './visit.model';
import type { VisitKind, VisitStatus } from '../domain/visit-terms';

@InputType()
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude, −90…90' }) lat!: number;
  @Field(() => Float, { description: 'Longitude, −180…180' }) lng!: number;
}

@InputType({ description: 'A visit (走访) logged by hand: planned (no times), in progress (started) or done (started and ended)' })
export class LogVisitInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Who visits (走访人), default the caller; must hold an assignment on the grid at that time. ' +
      'Only village cadres (村干部), administrators and service accounts may log visits of others',
  })
  memberId?: string;
  @Field(() => ID, { description: 'The grid (网格) visited' }) gridId!: string;
  @Field(() => VisitKindEnum, { nullable: true, description: 'Default ROUTINE; TICKET_HANDLING visits come from tickets' })
  kind?: VisitKind;
  @Field(() => [ID], { nullable: true, description: 'Households visited (入户), all of this grid' }) householdIds?: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Not in the future' }) startedAt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Needs startedAt; not before it, not in the future' }) endedAt?: Date;
  @Field(() => String, { nullable: true }) notes?: string;
  @Field(() => [String], { nullable: true, description: 'Photo URLs or attachment ids' }) photos?: string[];
  @Field(() => GeoPointInput, { nullable: true }) geo?: GeoPointInput;
}

@InputType({ description: 'Finishing a visit; fields given replace what the visit had' })
export class CompleteVisitInput {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Required when the visit was only planned' }) startedAt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default now' }) endedAt?: Date;
  @Field(() => [ID], { nullable: true }) householdIds?: string[];
  @Field(() => String, { nullable: true }) notes?: string;
  @Field(() => [String], { nullable: true }) photos?: string[];
  @Field(() => GeoPointInput, { nullable: true }) geo?: GeoPointInput;
}

@InputType()
export class VisitFilter {
  @Field(() => ID, { nullable: true }) memberId?: string;
  @Field(() => ID, { nullable: true }) gridId?: string;
  @Field(() => ID, { nullable: true }) householdId?: string;
  @Field(() => ID, { nullable: true }) ticketId?: string;
  @Field(() => VisitKindEnum, { nullable: true }) kind?: VisitKind;
  @Field(() => VisitStatusEnum, { nullable: true }) status?: VisitStatus;
  @Field(() => ID, { nullable: true, description: "Inside this unit's subtree" }) within?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Visited at or after' }) from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Visited before' }) to?: Date;
}
