import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, registerStringEnum } from '@steward/service-kit';
import { VISIT_KINDS, VISIT_STATUSES, type VisitKind, type VisitStatus } from './ticket-visit-rules';

export const VisitStatusEnum = registerStringEnum(VISIT_STATUSES, {
  name: 'VisitStatus',
  description: 'PLANNED 计划, IN_PROGRESS 进行中, COMPLETED 已完成, CANCELLED 已取消',
});
export const VisitKindEnum = registerStringEnum(VISIT_KINDS, {
  name: 'VisitKind',
  description: 'ROUTINE 日常走访, TICKET_HANDLING 工单处置, FOLLOW_UP 回访, AID 帮扶, PARTY_ACTIVITY 党建活动',
});

@ObjectType({ description: 'A member (owned by the members subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Member {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'An org unit (owned by the org subgraph)' })
@Directive('@key(fields: "id", resolvable: false)')
export class OrgUnit {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: "A cadre's or grid member's visit (走访) to households of a grid" })
@Directive('@key(fields: "id")')
export class VisitLog {
  @Field(() => ID) id!: string;
  @Field(() => VisitKindEnum) kind!: VisitKind;
  @Field(() => VisitStatusEnum) status!: VisitStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) endedAt!: Date | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  memberId!: string;
  gridId!: string;
  ticketId!: string | null;
}

@ObjectType()
export class VisitLogConnection extends ConnectionOf(VisitLog) {}

@ObjectType({ description: 'A ticket (owned by the tickets subgraph), extended with its visits' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID) id!: string;
}
