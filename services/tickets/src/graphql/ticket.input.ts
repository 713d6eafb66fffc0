import { Field, Float, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import type { TicketLevel, TicketStatus } from '../domain/ticket-state-machine';
import { CategoryFieldTypeEnum, SatisfactionEnum, TicketChannelEnum, TicketLevelEnum, TicketPriorityEnum, TicketStatusEnum } from './ticket.model';

@InputType({ description: '地理坐标（WGS-84） / A geographic point (WGS-84)' })
export class GeoPointInput {
  @Field(() => Float, { description: '纬度，−90…90 / Latitude, −90…90' }) lat!: number;
  @Field(() => Float, { description: '经度，−180…180 / Longitude, −180…180' }) lng!: number;
}

@InputType({ description: '反映人（上报问题的群众） / The resident who reports' })
export class ReporterInput {
  @Field({ nullable: true, description: '姓名 / Name' }) name?: string;
  @Field({ nullable: true, description: '电话：用于回访和短信通知（匿名除外）；不进入工单事件 / Phone for the callback and the texts to the resident (unless anonymous)\n' +
                                        'Never on the ticket events, only on the restricted contacts topic notifications reads' }) phone?: string;
  @Field(() => ID, { nullable: true, description: '所在户的 ID / Id of the reporter\'s household' }) householdId?: string;
  @Field({ nullable: true, defaultValue: false, description: '匿名：对处置人隐藏姓名和电话 / Keep name and phone from handlers' }) anonymous?: boolean;
}

@InputType({ description: '类别专属字段的一个取值 / One typed field value of a report' })
export class TicketFieldInput {
  @Field({ description: '字段键，见 ticketCategories 的 fields / The field key, see TicketCategory.fields' }) key!: string;
  @Field({ description: '取值文本，按字段类型解析：12.5、3、true、DRY_LAND / The value as text, parsed by the field type' }) value!: string;
}

@InputType({ description: '上报工单的输入 / Input to report a ticket' })
export class ReportTicketInput {
  @Field({ description: '标题 / Title' }) title!: string;
  @Field({ nullable: true, description: '问题描述 / Description of the problem' }) description?: string;
  @Field({ description: '类别代码，见 ticketCategories / Category code, see ticketCategories' }) category!: string;
  @Field(() => TicketChannelEnum, { description: '受理渠道 / Intake channel' }) channel!: string;
  @Field(() => TicketPriorityEnum, { nullable: true, defaultValue: 'NORMAL', description: '优先级 / Priority' }) priority?: string;
  @Field(() => ID, {
    description: '问题所在单位：网格、自然村、村或乡镇；由派单目录确定责任单位 / Unit where the problem is: a grid, natural village, village or township; the dispatch catalogue picks the responsible unit',
  })
  unitId!: string;
  @Field({ nullable: true, description: '问题地址 / Address of the problem' }) address?: string;
  @Field(() => GeoPointInput, { nullable: true, description: '问题位置（WGS-84） / Where the problem is (WGS-84)' }) geo?: GeoPointInput;
  @Field(() => ReporterInput, { nullable: true, description: '反映人 / The resident who reports' }) reporter?: ReporterInput;
  @Field(() => [TicketFieldInput], {
    nullable: true,
    description: '类别专属字段，按类别当前版本校验：必填、类型、上下限，未知键被拒 / The category\'s typed fields, checked against its current version (BAD_USER_INPUT naming the field otherwise)',
  })
  fields?: TicketFieldInput[];
}

@InputType({ description: '单选字段的一个选项 / One option of a CHOICE field' })
export class CategoryFieldOptionInput {
  @Field({ description: '选项值（字母、数字、_、-） / The value a report gives, e.g. DRY_LAND' }) value!: string;
  @Field({ description: '中文标签 / Chinese label' }) label!: string;
  @Field({ description: '英文标签 / English label' }) labelEn!: string;
}

@InputType({ description: '类别专属字段的定义 / The definition of a typed field' })
export class CategoryFieldInput {
  @Field({ description: '字段键，如 affectedArea；一经使用不改类型 / Stable key, e.g. affectedArea; keeps its type in later versions' }) key!: string;
  @Field({ description: '中文标签 / Chinese label' }) label!: string;
  @Field({ description: '英文标签 / English label' }) labelEn!: string;
  @Field(() => CategoryFieldTypeEnum, { description: '字段类型 / Field type' }) type!: string;
  @Field(() => String, { nullable: true, description: '数值的单位 / Unit of an INTEGER or DECIMAL' }) unit?: string | null;
  @Field(() => Boolean, { nullable: true, description: '是否必填，缺省否 / Whether a report must give it (default false)' }) required?: boolean | null;
  @Field(() => Float, { nullable: true, description: '数值下限（含） / Least value (inclusive)' }) min?: number | null;
  @Field(() => Float, { nullable: true, description: '数值上限（含） / Greatest value (inclusive)' }) max?: number | null;
  @Field(() => Int, { nullable: true, description: '小数最多位数 / DECIMAL: most digits after the point' }) decimals?: number | null;
  @Field(() => Int, { nullable: true, description: '文本最多字数 / TEXT: most characters' }) maxLength?: number | null;
  @Field(() => [CategoryFieldOptionInput], { nullable: true, description: '单选字段的选项 / The options of a CHOICE field' }) options?: CategoryFieldOptionInput[] | null;
}

@InputType({ description: '工单类别的新版本（或新类别的第 1 版） / The next version of a ticket category, or version 1 of a new one' })
export class DefineTicketCategoryInput {
  @Field({ description: '类别代码，不可改名、不可复用 / Category code, never renamed nor reused, e.g. ROADS' }) code!: string;
  @Field({ description: '中文名称 / Chinese name' }) name!: string;
  @Field({ description: '英文名称 / English name' }) nameEn!: string;
  @Field(() => [String], { nullable: true, description: '示例 / Examples' }) examples?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: '是否启用，false 即停用 / Whether reports may use it; false retires it (default true)' }) active?: boolean | null;
  @Field(() => [CategoryFieldInput], { description: '类别专属字段（完整列表） / The typed fields, the whole list' }) fields!: CategoryFieldInput[];
}

@InputType({ description: '派单的输入 / Input to dispatch a ticket' })
export class DispatchTicketInput {
  @Field(() => ID, { description: '处置人：须在 unitId 单位任职 / Member who handles the ticket; must hold a role in `unitId`' }) handlerId!: string;
  @Field(() => ID, { nullable: true, description: '责任单位（默认）或处置人所代表的其下级单位 / The responsible unit (default) or a unit inside it the handler acts for' })
  unitId?: string;
  @Field({ nullable: true, description: '派单说明 / Note for the handler' }) note?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '处置人时限，不晚于办结时限 / Deadline for the handler, not after resolveDueAt' }) dueAt?: Date;
}

@InputType({ description: '处置进展的内容 / A progress note on a ticket' })
export class AddProgressInput {
  @Field({ description: '处置进展：做了什么 / What was done (progress note)' }) note!: string;
  @Field(() => [ID], { nullable: true, description: '已用 uploadEvidence 上传到本工单的图文证据 / Evidence uploaded to this ticket with uploadEvidence' })
  evidenceIds?: string[];
}

@InputType({ description: '办结的输入 / Input to resolve a ticket' })
export class ResolveTicketInput {
  @Field({ description: '办理结果 / How it was resolved' }) resolution!: string;
  @Field(() => [ID], { nullable: true, description: '已用 uploadEvidence 上传到本工单的图文证据，如修复后的照片 / Evidence uploaded to this ticket with uploadEvidence, e.g. photos after the repair' })
  evidenceIds?: string[];
}

@InputType({ description: '转办的输入 / Input to transfer a ticket' })
export class TransferTicketInput {
  @Field(() => ID, { description: '同级的另一单位 / Another unit of the same level' }) unitId!: string;
  @Field({ description: '转办理由 / Why the ticket is transferred' }) reason!: string;
}

@InputType({ description: '回访评价的输入 / Input to record the resident\'s feedback' })
export class FeedbackInput {
  @Field(() => SatisfactionEnum, { description: '满意度 / Satisfaction' }) satisfaction!: string;
  @Field({ nullable: true, description: '群众意见 / The resident\'s comment' }) comment?: string;
}

@InputType({ description: '工单筛选条件 / Filter for tickets' })
export class TicketFilter {
  @Field(() => ID, { nullable: true, description: '位于或由此单位下辖范围办理 / Located or handled inside this unit\'s subtree' }) within?: string;
  @Field(() => TicketStatusEnum, { nullable: true, description: '仅此状态 / Only this status' }) status?: TicketStatus;
  @Field(() => TicketLevelEnum, { nullable: true, description: '仅此处理层级 / Only this level' }) level?: TicketLevel;
  @Field({ nullable: true, description: '仅此类别代码 / Only this category code' }) category?: string;
  @Field(() => TicketChannelEnum, { nullable: true, description: '仅此受理渠道 / Only this intake channel' }) channel?: string;
  @Field({ nullable: true, description: '当前时限已超期 / Missed its current deadline' }) overdue?: boolean;
  @Field(() => ID, { nullable: true, description: '仅派给此处置人的 / Only those dispatched to this handler' }) handlerId?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '上报时间起（含） / Reported at or after' }) from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: '上报时间止（不含） / Reported before' }) to?: Date;
}
