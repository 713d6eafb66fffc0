import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, Directive } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { VISIT_KINDS, VISIT_STATUSES, type GeoPoint, type VisitKind, type VisitStatus } from '../domain/visit-terms';

export const VisitStatusEnum = registerStringEnum(VISIT_STATUSES, {
  name: 'VisitStatus',
  description: 'PLANNED 计划, IN_PROGRESS 进行中, COMPLETED 已完成, CANCELLED 已取消',
});
export const VisitKindEnum = registerStringEnum(VISIT_KINDS, {
  name: 'VisitKind',
  description: 'ROUTINE 日常走访, TICKET_HANDLING 工单处置, FOLLOW_UP 回访, AID 帮扶, PARTY_ACTIVITY 党建活动',
});

@ObjectType({ description: 'Where a visit was logged (WGS-84)' })
export class VisitGeo implements GeoPoint {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
}

@ObjectType({ description: "A cadre's or grid member's visit (走访) to households of a grid" })
@Directive('@key(fields: "id")')
export class VisitLog {
  @Field(() => ID) id!: string;
  @Field(() => VisitKindEnum) kind!: VisitKind;
  @Field(() => VisitStatusEnum) status!: VisitStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) endedAt!: Date | null;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the visit counts for duty compliance and coverage: its start, else its end',
  })
  visitedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Notes (走访记录); for ticket visits the resolution' }) notes!: string | null;
  @Field(() => [String], { description: 'Photo URLs or attachment ids (照片)' }) photos!: string[];
  @Field(() => VisitGeo, { nullable: true }) geo!: VisitGeo | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled (取消原因)' }) cancelReason!: string | null;
  @Field(() => Int, { description: 'Version of the visit, + 1 per change' }) revision!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
  memberId!: string;
  gridId!: string;
  orgPath!: string[];
  householdIds!: string[];
  ticketId!: string | null;
}

@ObjectType()
export class VisitLogConnection extends ConnectionOf(VisitLog) {}
