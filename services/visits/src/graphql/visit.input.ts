import { Field, Float, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { VisitKindEnum, VisitStatusEnum } from './visit.model';
import type { VisitKind, VisitStatus } from '../domain/visit-terms';

@InputType({ description: '地理坐标（WGS-84） / A geographic point (WGS-84)' })
export class GeoPointInput {
  @Field(() => Float, { description: '纬度，−90…90 / Latitude, −90…90' }) lat!: number;
  @Field(() => Float, { description: '经度，−180…180 / Longitude, −180…180' }) lng!: number;
}

@InputType({ description: '手工登记的走访：计划（无时间）、进行中（有开始）或已完成（有开始和结束） / A visit logged by hand: planned (no times), in progress (started) or done (started and ended)' })
export class LogVisitInput {
  @Field(() => ID, {
    nullable: true,
    description:
      '走访人，默认调用者；当时须在该网格任职 / Who visits, default the caller; must hold an assignment on the grid at that time\n' +
      'Only village cadres (村干部), administrators and service accounts may log visits of others',
  })
  memberId?: string;
  @Field(() => ID, { description: '走访的网格 / The grid visited' }) gridId!: string;
  @Field(() => VisitKindEnum, { nullable: true, description: '走访类型，默认 ROUTINE；TICKET_HANDLING 由工单产生 / Default ROUTINE; TICKET_HANDLING visits come from tickets' })
  kind?: VisitKind;
  @Field(() => [ID], { nullable: true, description: '入户走访的户，均属本网格 / Households visited, all of this grid' }) householdIds?: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: '开始时间，不得晚于现在 / Start; not in the future' }) startedAt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '结束时间：须有开始时间，不早于开始，不晚于现在 / End; needs startedAt; not before it, not in the future' }) endedAt?: Date;
  @Field(() => String, { nullable: true, description: '走访记录 / Notes on the visit' }) notes?: string;
  @Field(() => [String], { nullable: true, description: '照片地址或附件 ID / Photo URLs or attachment ids' }) photos?: string[];
  @Field(() => GeoPointInput, { nullable: true, description: '走访地点（WGS-84） / Where the visit took place (WGS-84)' }) geo?: GeoPointInput;
}

@InputType({ description: '完成走访的输入；所给字段替换走访原有内容 / Finishing a visit; fields given replace what the visit had' })
export class CompleteVisitInput {
  @Field(() => GraphQLISODateTime, { nullable: true, description: '开始时间；仅计划中的走访必填 / Start; required when the visit was only planned' }) startedAt?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '结束时间，默认现在 / End; default now' }) endedAt?: Date;
  @Field(() => [ID], { nullable: true, description: '入户走访的户，均属本网格 / Households visited, all of the visit\'s grid' }) householdIds?: string[];
  @Field(() => String, { nullable: true, description: '走访记录 / Notes on the visit' }) notes?: string;
  @Field(() => [String], { nullable: true, description: '照片地址或附件 ID / Photo URLs or attachment ids' }) photos?: string[];
  @Field(() => GeoPointInput, { nullable: true, description: '走访地点（WGS-84） / Where the visit took place (WGS-84)' }) geo?: GeoPointInput;
}

@InputType({ description: '走访筛选条件 / Filter for visits' })
export class VisitFilter {
  @Field(() => ID, { nullable: true, description: '仅此走访人的 / Only visits by this member' }) memberId?: string;
  @Field(() => ID, { nullable: true, description: '仅此网格的 / Only visits in this grid' }) gridId?: string;
  @Field(() => ID, { nullable: true, description: '仅到达此户的 / Only visits that reached this household' }) householdId?: string;
  @Field(() => ID, { nullable: true, description: '仅为此工单的 / Only visits handling this ticket' }) ticketId?: string;
  @Field(() => VisitKindEnum, { nullable: true, description: '仅此走访类型 / Only this kind of visit' }) kind?: VisitKind;
  @Field(() => VisitStatusEnum, { nullable: true, description: '仅此状态 / Only this status' }) status?: VisitStatus;
  @Field(() => ID, { nullable: true, description: '此单位下辖范围内 / Inside this unit\'s subtree' }) within?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '走访时间起（含） / Visited at or after' }) from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '走访时间止（不含） / Visited before' }) to?: Date;
}
