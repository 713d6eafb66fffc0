import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, Directive } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { VISIT_KINDS, VISIT_STATUSES, type GeoPoint, type VisitKind, type VisitStatus } from '../domain/visit-terms';

export const VisitStatusEnum = registerStringEnum(VISIT_STATUSES, {
  name: 'VisitStatus',
  description: '走访状态 / Status of a visit',
  valuesMap: {
    PLANNED: { description: '计划 / Planned' },
    IN_PROGRESS: { description: '进行中 / In progress' },
    COMPLETED: { description: '已完成 / Completed' },
    CANCELLED: { description: '已取消 / Cancelled' },
  },
});
export const VisitKindEnum = registerStringEnum(VISIT_KINDS, {
  name: 'VisitKind',
  description: '走访类型 / Kind of visit',
  valuesMap: {
    ROUTINE: { description: '日常走访 / Routine visit' },
    TICKET_HANDLING: { description: '工单处置 / Visit to handle a ticket' },
    FOLLOW_UP: { description: '回访 / Follow-up visit' },
    AID: { description: '帮扶 / Aid visit' },
    PARTY_ACTIVITY: { description: '党建活动 / Party activity' },
  },
});

@ObjectType({ description: '走访登记地点（WGS-84） / Where a visit was logged (WGS-84)' })
export class VisitGeo implements GeoPoint {
  @Field(() => Float, { description: '纬度 / Latitude' }) lat!: number;
  @Field(() => Float, { description: '经度 / Longitude' }) lng!: number;
}

@ObjectType({ description: '走访记录：干部或网格员对网格内户的走访 / A cadre\'s or grid member\'s visit to households of a grid' })
@Directive('@key(fields: "id")')
export class VisitLog {
  @Field(() => ID, { description: '走访 ID / Visit id' }) id!: string;
  @Field(() => VisitKindEnum, { description: '走访类型 / Kind of visit' }) kind!: VisitKind;
  @Field(() => VisitStatusEnum, { description: '状态 / Status' }) status!: VisitStatus;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '开始时间 / When the visit started' }) startedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '结束时间 / When the visit ended' }) endedAt!: Date | null;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: '计入履职和覆盖率的时间：开始时间，否则结束时间 / When the visit counts for duty compliance and coverage: its start, else its end',
  })
  visitedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '走访记录；工单走访为办理结果 / Notes; for ticket visits the resolution' }) notes!: string | null;
  @Field(() => [String], { description: '照片地址或附件 ID / Photo URLs or attachment ids' }) photos!: string[];
  @Field(() => VisitGeo, { nullable: true, description: '走访地点 / Where the visit was logged' }) geo!: VisitGeo | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '取消时间 / When it was cancelled' }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true, description: '取消原因 / Why it was cancelled' }) cancelReason!: string | null;
  @Field(() => Int, { description: '走访版本，每次修改加 1 / Version of the visit, + 1 per change' }) revision!: number;
  @Field(() => GraphQLISODateTime, { description: '创建时间 / When it was created' }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: '最近修改时间 / When it last changed' }) updatedAt!: Date;
  memberId!: string;
  gridId!: string;
  orgPath!: string[];
  householdIds!: string[];
  ticketId!: string | null;
}

@ObjectType({ description: '走访记录的分页列表 / A page of visit logs' })
export class VisitLogConnection extends ConnectionOf(VisitLog) {}
