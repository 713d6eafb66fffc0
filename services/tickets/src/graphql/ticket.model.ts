import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf, listSize, registerStringEnum } from '@steward/service-kit';
import { FIELD_TYPES, MAX_EXAMPLES, MAX_FIELDS, MAX_OPTIONS } from '../domain/category-fields';
import { CALLER_COMMANDS } from '../domain/ticket-actions';
import { TICKET_LEVELS, TICKET_STATUSES } from '../domain/ticket-state-machine';
import { OVERDUE_KINDS, SATISFACTIONS, TICKET_CHANNELS, TICKET_PRIORITIES } from '../domain/ticket-terms';

export const TicketStatusEnum = registerStringEnum(TICKET_STATUSES, {
  name: 'TicketStatus',
  description:
    '工单状态 / Status of a ticket',
  valuesMap: {
    REPORTED: { description: '已上报 / Reported' },
    ACCEPTED: { description: '已受理 / Accepted' },
    DISPATCHED: { description: '已派单 / Dispatched' },
    IN_PROGRESS: { description: '处置中 / In progress' },
    RESOLVED: { description: '已办结 / Resolved' },
    CLOSED: { description: '已关闭 / Closed' },
    REJECTED: { description: '不予受理 / Rejected' },
    MERGED: { description: '已合并 / Merged into another ticket' },
  },
});
export const TicketLevelEnum = registerStringEnum(TICKET_LEVELS, {
  name: 'TicketLevel',
  description: '派单层级 / Dispatch level',
  valuesMap: {
    GRID: { description: '网格 / Grid' },
    ADMIN_VILLAGE: { description: '村党群服务中心 / Village party and public service centre' },
    TOWNSHIP: { description: '镇调度平台 / Township dispatch platform' },
  },
});
export const TicketChannelEnum = registerStringEnum(TICKET_CHANNELS, {
  name: 'TicketChannel',
  description: '受理渠道 / Intake channel',
  valuesMap: {
    HOTLINE: { description: '580 热线 / The 580 hotline' },
    WECHAT: { description: '微信 / WeChat' },
    GRID_REPORT: { description: '网格员上报 / Reported by a grid member' },
    PETITION: { description: '信访 / Petition' },
    APP: { description: '应用（APP） / The app' },
    WALK_IN: { description: '来访 / Walk-in' },
    API: { description: '接口（API） / An integration (API)' },
  },
});
export const TicketPriorityEnum = registerStringEnum(TICKET_PRIORITIES, {
  name: 'TicketPriority',
  description: '优先级 / Priority',
  valuesMap: {
    LOW: { description: '低 / Low' },
    NORMAL: { description: '一般 / Normal' },
    HIGH: { description: '高 / High' },
    URGENT: { description: '紧急 / Urgent' },
  },
});
export const SatisfactionEnum = registerStringEnum(SATISFACTIONS, {
  name: 'Satisfaction',
  description: '回访评价满意度 / Resident feedback',
  valuesMap: {
    SATISFIED: { description: '满意 / Satisfied' },
    BASICALLY_SATISFIED: { description: '基本满意 / Basically satisfied' },
    UNSATISFIED: { description: '不满意 / Unsatisfied' },
  },
});
export const TicketCommandEnum = registerStringEnum(CALLER_COMMANDS, {
  name: 'TicketCommand',
  description:
    '对工单的操作，每项对应一个变更 / What a person does with a ticket, one mutation each',
  valuesMap: {
    accept: { description: '受理 / Accept' },
    reject: { description: '不予受理 / Reject' },
    dispatch: { description: '派单 / Dispatch' },
    start: { description: '开始处置 / Start handling' },
    progress: { description: '处置进展 / Add progress' },
    resolve: { description: '办结 / Resolve' },
    escalate: { description: '上报上级 / Escalate' },
    transfer: { description: '转办 / Transfer' },
    supervise: { description: '督办 / Supervise' },
    feedback: { description: '回访 / Record feedback' },
    reopen: { description: '重办 / Reopen' },
    close: { description: '办结归档 / Close' },
    merge: { description: '合并 / Merge' },
  },
});
export const OverdueKindEnum = registerStringEnum(OVERDUE_KINDS, {
  name: 'OverdueKind',
  description: 'ACCEPT 受理超期, RESOLVE 办结超期',
});

export const CategoryFieldTypeEnum = registerStringEnum(FIELD_TYPES, {
  name: 'CategoryFieldType',
  description: '类别字段类型 / Type of a category field',
  valuesMap: {
    INTEGER: { description: '整数，可带单位和上下限 / A whole number, with an optional unit and bounds' },
    DECIMAL: { description: '小数，可带单位、上下限和小数位数 / A decimal number, with an optional unit, bounds and digits after the point' },
    TEXT: { description: '文本，限最多字数 / Text of at most maxLength characters' },
    CHOICE: { description: '单选，取值为选项之一 / One of the field\'s options' },
    BOOLEAN: { description: '是否 / Yes or no (true / false)' },
  },
});

@ObjectType({ description: '工单上的一个类别专属字段值，标签取自工单上报时的类别版本 / One typed field value of a ticket, labelled from the category version it was reported under' })
export class TicketFieldValue {
  @Field({ description: '字段键（各版本不变） / Stable field key, e.g. affectedArea' }) key!: string;
  @Field({ description: '中文标签，如 受影响面积 / Chinese label' }) label!: string;
  @Field({ description: '英文标签 / English label, e.g. Affected area' }) labelEn!: string;
  @Field(() => CategoryFieldTypeEnum, { description: '字段类型 / Field type' }) type!: string;
  @Field(() => String, { nullable: true, description: '单位，如 亩 / Unit, e.g. 亩 (mu)' }) unit!: string | null;
  @Field({ description: '上报时的取值，可原样再次提交，如 12.5、true、DRY_LAND / The value as a report gives it' }) value!: string;
  @Field({ description: '给人看的取值，如 12.5 亩、是、旱地 / The value as a person reads it' }) displayValue!: string;
}

@ObjectType({ description: '组织单元：市、区县、乡镇、村或网格 / An org unit: city, district, township, village or grid' })
@Directive('@key(fields: "id")')
export class OrgUnit {
  @Field(() => ID, { description: '组织单元 ID / Org unit id' }) id!: string;
}

@ObjectType({ description: '人员（网格员、村干部等工作人员） / A member (grid member, cadre or other staff)' })
@Directive('@key(fields: "id")')
export class Member {
  @Field(() => ID, { description: '人员 ID / Member id' }) id!: string;
}

@ObjectType({ description: '网格下的户 / A household under a grid' })
@Directive('@key(fields: "id", resolvable: false)')
export class Household {
  @Field(() => ID, { description: '户 ID / Household id' }) id!: string;
}

@ObjectType({ description: '处理记录中的一步，也是审计记录 / One step of the ticket history, also the audit trail' })
export class TimelineEntry {
  @Field(() => GraphQLISODateTime, { description: '时间 / When it happened' }) at!: Date;
  @Field(() => ID, { nullable: true, description: '操作人（登录的人员、管理员或接口账号）；系统操作为 null / Who acted (the member, administrator or service account signed in); null for the system' }) actorId!: string | null;
  @Field({ description: '操作：上报、受理……、超期、临期预警 / report, accept, reject, dispatch, start, progress, resolve, escalate, transfer, supervise, feedback, reopen, close, merge, overdue, due-soon' })
  action!: string;
  @Field(() => TicketStatusEnum, { nullable: true, description: '之前的状态 / Status before the step' }) from!: string | null;
  @Field(() => TicketStatusEnum, { description: '之后的状态 / Status after the step' }) to!: string;
  @Field(() => String, { nullable: true, description: '备注 / Note' }) note!: string | null;
  @Field(() => TicketLevelEnum, { nullable: true, description: '步骤后的处理层级 / Level after the step' }) level!: string | null;
  @Field({ description: '系统自动（超期巡检、回访规则） / Done by the system (overdue sweeper, feedback policy)' }) automatic!: boolean;
  @Field(() => SatisfactionEnum, { nullable: true, description: '回访满意度（回访步骤） / Satisfaction, for a feedback step' }) satisfaction!: string | null;
  @Field(() => Member, { nullable: true, description: '操作人员 / Acting member' }) actor!: Member | null;
  @Field(() => OrgUnit, { nullable: true, description: '步骤后的责任单位 / Responsible unit after the step' }) unit!: OrgUnit | null;
  @Field(() => Member, { nullable: true, description: '步骤后的处置人 / Handler after the step' }) handler!: Member | null;
  /** resolved to `evidence` by TimelineEvidenceResolver */
  evidenceIds!: string[];
}

@ObjectType({ description: '地理坐标（WGS-84） / A geographic point (WGS-84)' })
export class GeoPoint {
  @Field(() => Float, { description: '纬度 / Latitude' }) lat!: number;
  @Field(() => Float, { description: '经度 / Longitude' }) lng!: number;
}

@ObjectType({ description: '问题位置 / Where the problem is' })
export class TicketLocation {
  @Field(() => String, { nullable: true, description: '地址 / Address' }) address!: string | null;
  @Field(() => GeoPoint, { nullable: true, description: '坐标（WGS-84） / Coordinates (WGS-84)' }) geo!: GeoPoint | null;
  @Field(() => OrgUnit, { description: '问题所在单位（可在责任单位之下） / Unit where the problem is (may lie below the responsible unit)' }) unit!: OrgUnit;
}

@ObjectType({ description: '反映人；匿名时隐藏，电话脱敏 / The resident who reported; hidden when anonymous, phone masked' })
export class TicketReporter {
  @Field(() => String, { nullable: true, description: '姓名 / Name' }) name!: string | null;
  @Field(() => String, { nullable: true, description: '电话（个人信息，脱敏），如 139****5678 / Phone, masked (PII), e.g. 139****5678' }) phone!: string | null;
  @Field({ description: '是否匿名 / Reported anonymously' }) anonymous!: boolean;
  @Field(() => Household, { nullable: true, description: '所在户 / The reporter\'s household' }) household!: Household | null;
}

@ObjectType({ description: '一次回访评价 / One answer to a feedback call' })
export class TicketFeedback {
  @Field(() => SatisfactionEnum, { description: '满意度 / Satisfaction' }) satisfaction!: string;
  @Field(() => String, { nullable: true, description: '群众意见 / The resident\'s comment' }) comment!: string | null;
  @Field(() => GraphQLISODateTime, { description: '回访时间 / When the feedback was recorded' }) at!: Date;
  @Field(() => ID, { nullable: true, description: '记录人 ID / Who recorded it' }) actorId!: string | null;
}

@ObjectType({ description: '工单：群众诉求或发现的问题 / A resident request or discovered problem' })
@Directive('@key(fields: "id")')
export class Ticket {
  @Field(() => ID, { description: '工单 ID / Ticket id' }) id!: string;
  @Field({ description: '工单号：便于阅读的编号，全市唯一 / Human-readable number, unique per city' }) number!: string;
  @Field({ description: '标题 / Title' }) title!: string;
  @Field({ description: '问题描述 / Description of the problem' }) description!: string;
  @Field({ description: '类别代码，如 WATER_IRRIGATION，见 ticketCategories / Category code, e.g. WATER_IRRIGATION; see ticketCategories' }) category!: string;
  @Field(() => String, { nullable: true, description: '类别名称，如 水利灌溉 / Category name, e.g. 水利灌溉' }) categoryName!: string | null;
  @Field(() => Int, { description: '上报时所依据的类别版本，此后不变 / The category version the ticket was reported under; later versions do not change it' })
  categoryVersion!: number;
  @Field(() => [TicketFieldValue], { description: '类别专属字段的取值，按该版本的字段顺序 / The typed field values of the report, in the order of its category version' })
  @Directive(listSize.atMost(MAX_FIELDS))
  categoryFields!: TicketFieldValue[];
  @Field(() => TicketChannelEnum, { description: '受理渠道 / Intake channel' }) channel!: string;
  @Field(() => TicketPriorityEnum, { description: '优先级 / Priority' }) priority!: string;
  @Field(() => TicketStatusEnum, { description: '状态 / Status' }) status!: string;
  @Field(() => TicketLevelEnum, { description: '当前处理层级 / Level handling it now' }) level!: string;
  @Field(() => TicketLocation, { description: '问题位置 / Where the problem is' }) location!: TicketLocation;
  @Field(() => String, { nullable: true, description: '问题地址（同 location.address） / Address of the problem (same as location.address)' }) address!: string | null;
  @Field(() => TicketReporter, { nullable: true, description: '反映人 / The resident who reported' }) reporter!: TicketReporter | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '受理时限 / Accept by' }) acceptDueAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '办结时限 / Resolve by' }) resolveDueAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '派单员给处置人的时限 / The dispatcher\'s deadline for the handler' }) handlerDueAt!: Date | null;
  @Field({ description: '当前时限已超期 / The current deadline is missed' }) overdue!: boolean;
  @Field(() => Int, { description: '工单生命周期内的超期次数 / Deadlines missed over the ticket’s life' }) overdueCount!: number;
  @Field(() => Int, { description: '上报上级次数 / Times escalated' }) escalationCount!: number;
  @Field(() => Int, { description: '重办次数 / Times reopened' }) reopenCount!: number;
  @Field(() => Int, { description: '督办次数 / Times supervised' }) supervisionCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '受理时间 / When it was accepted' }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '办理结果 / How it was resolved' }) resolution!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '办结时间 / When it was resolved' }) resolvedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: '是否按时办结 / Resolved within the deadline' }) resolvedOnTime!: boolean | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '自动关闭时间：届时无回访则自动关闭 / Closes itself then if no feedback comes' }) autoCloseAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '关闭时间 / When it was closed' }) closedAt!: Date | null;
  /** every step; the `timeline` field gives the latest ones (TicketsResolver) */
  timeline!: TimelineEntry[];
  @Field(() => TicketFeedback, { nullable: true, description: '最近一次回访评价 / The latest feedback' }) feedback!: TicketFeedback | null;
  /** every feedback; the `feedbackHistory` field gives the latest ones (TicketsResolver) */
  feedbackHistory!: TicketFeedback[];
  @Field(() => Int, { description: '版本：每次变化加 1；修改时传回以发现过期写入 / Increases with every change; send it back to detect stale writes' }) version!: number;
  @Field(() => GraphQLISODateTime, { description: '创建时间 / When it was created' }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: '最近修改时间 / When it last changed' }) updatedAt!: Date;
  unitId!: string;
  /** ids from the city down to the responsible unit */
  orgPath!: string[];
  handlerId!: string | null;
  handlerUnitId!: string | null;
  duplicateOfId!: string | null;
  reportedBy!: string | null;
}

@ObjectType({ description: '工单的分页列表 / A page of tickets' })
export class TicketConnection extends ConnectionOf(Ticket) {}

@ObjectType({ description: '某状态的工单数 / Tickets in one status' })
export class TicketStatusCount {
  @Field(() => TicketStatusEnum, { description: '状态 / Status' }) status!: string;
  @Field(() => Int, { description: '工单数 / Number of tickets' }) count!: number;
}

@ObjectType({ description: '工单统计：某时段内收到的工单 / Figures for the tickets received in a period' })
export class TicketStats {
  @Field(() => Int, { description: '上报量（含不予受理和被合并的） / Reported, including rejected and merged' }) received!: number;
  @Field(() => Int, { description: '曾被受理的 / Accepted at some point' }) accepted!: number;
  @Field(() => Int, { description: '纳入办理 = 上报量减去不予受理和被合并的：办结率的分母 / Taken in = received minus rejected and merged: the denominator of the completion rate' }) takenIn!: number;
  @Field(() => Int, { description: '办结（含已关闭） / Resolved or closed' }) resolved!: number;
  @Field(() => Int, { description: '已关闭 / Closed' }) closed!: number;
  @Field(() => Int, { description: '至少超期一次 / Missed a deadline at least once' }) overdue!: number;
  @Field(() => Int, { description: '有回访的 / With feedback' }) feedbacks!: number;
  @Field(() => Int, { description: '最近回访满意或基本满意的 / Latest feedback satisfied or basically satisfied' }) satisfied!: number;
  @Field(() => Float, { nullable: true, description: '办结率 = 办结数 ÷ 纳入办理数（上报量减去不予受理和被合并的），与 Score.completionRate 口径相同；未纳入任何工单时为 null / Completion rate = resolved / taken in (received minus rejected and merged), the same definition as Score.completionRate; null when nothing was taken in' })
  completionRate!: number | null;
  @Field(() => Float, { nullable: true, description: '按时办结率 = 按时办结数 ÷ 办结数 / On-time rate = resolved on time / resolved' }) onTimeRate!: number | null;
  @Field(() => Float, { nullable: true, description: '满意率 = 满意数 ÷ 回访数 / Satisfaction rate = satisfied / with feedback' })
  satisfactionRate!: number | null;
  @Field(() => [TicketStatusCount], { description: '按状态的工单数 / Tickets per status' })
  @Directive(listSize.atMost(TICKET_STATUSES.length))
  byStatus!: TicketStatusCount[];
}

/**
 * The fields and options of a category version are parts of its one document, served from memory
 * (CategoryCatalogue) without a resolver: no work per item beyond the category's own, so they weigh
 * nothing in the gateway's cost estimate (the whole catalogue with every option stays well under
 * GATEWAY_MAX_COST, where 200 × 20 × 50 objects would not). Their lengths stay bounded by @listSize.
 */
const INLINE_DEFINITION_COST = '@cost(weight: 0)';

@ObjectType({ description: '单选字段的一个选项 / One option of a CHOICE field' })
export class CategoryFieldOption {
  @Field({ description: '选项值，上报时提交 / The value a report gives, e.g. DRY_LAND' }) value!: string;
  @Field({ description: '中文标签 / Chinese label, e.g. 旱地' }) label!: string;
  @Field({ description: '英文标签 / English label' }) labelEn!: string;
}

@ObjectType({ description: '类别专属字段的定义 / The definition of a typed field of a ticket category' })
export class CategoryField {
  @Field({ description: '字段键，各版本不变、不可改变类型 / Stable key; keeps its type across versions' }) key!: string;
  @Field({ description: '中文标签，如 受影响面积 / Chinese label' }) label!: string;
  @Field({ description: '英文标签 / English label' }) labelEn!: string;
  @Field(() => CategoryFieldTypeEnum, { description: '字段类型 / Field type' }) type!: string;
  @Field(() => String, { nullable: true, description: '数值的单位，如 亩、米、户 / Unit of a number' }) unit!: string | null;
  @Field({ description: '上报时必填 / A report must give it' }) required!: boolean;
  @Field(() => Float, { nullable: true, description: '数值下限（含） / Least value (inclusive) of INTEGER and DECIMAL' }) min!: number | null;
  @Field(() => Float, { nullable: true, description: '数值上限（含） / Greatest value (inclusive) of INTEGER and DECIMAL' }) max!: number | null;
  @Field(() => Int, { nullable: true, description: '小数最多位数，缺省 2 / DECIMAL: most digits after the point (default 2)' }) decimals!: number | null;
  @Field(() => Int, { nullable: true, description: '文本最多字数，缺省 500 / TEXT: most characters (default 500)' }) maxLength!: number | null;
  @Field(() => [CategoryFieldOption], { description: '单选字段的选项 / The options of a CHOICE field' })
  @Directive(listSize.atMost(MAX_OPTIONS))
  @Directive(INLINE_DEFINITION_COST)
  options!: CategoryFieldOption[];
}

@ObjectType({ description: '类别目录中的工单类别 / A ticket category from the catalogue' })
export class TicketCategory {
  @Field({ description: '类别代码 / Category code' }) code!: string;
  @Field({ description: '中文名称，如 水利灌溉 / Chinese name, e.g. 水利灌溉' }) name!: string;
  @Field({ description: '英文名称 / English name' }) nameEn!: string;
  @Field(() => [String], { description: '典型问题示例 / Example problems of the category' })
  @Directive(listSize.atMost(MAX_EXAMPLES))
  examples!: string[];
  @Field({ description: '是否可用于新上报 / Whether new reports may use it' }) active!: boolean;
  @Field(() => TicketLevelEnum, { description: '位于网格的问题的起始处理层级 / Start level for a problem located at a grid' }) startLevelAtGrid!: string;
  @Field(() => Int, { description: '类别定义的版本，管理员每次修改加一 / Version of the definition; each change by an administrator adds one' }) version!: number;
  @Field(() => [CategoryField], { description: '类别专属字段 / The typed fields a report of this category gives' })
  @Directive(listSize.atMost(MAX_FIELDS))
  @Directive(INLINE_DEFINITION_COST)
  fields!: CategoryField[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: '本版本的保存时间，随系统发布的第 1 版为空 / When this version was stored; null for the shipped version 1' })
  createdAt!: Date | null;
}
