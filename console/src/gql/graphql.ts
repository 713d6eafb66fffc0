/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** 处置进展的内容 / A progress note on a ticket */
export type AddProgressInput = {
  /** 已用 uploadEvidence 上传到本工单的图文证据 / Evidence uploaded to this ticket with uploadEvidence */
  evidenceIds?: Array<string | number> | null | undefined;
  /** 处置进展：做了什么 / What was done (progress note) */
  note: string;
};

/** 派单的输入 / Input to dispatch a ticket */
export type DispatchTicketInput = {
  /** 处置人时限，不晚于办结时限 / Deadline for the handler, not after resolveDueAt */
  dueAt?: string | null | undefined;
  /** 处置人：须在 unitId 单位任职 / Member who handles the ticket; must hold a role in `unitId` */
  handlerId: string | number;
  /** 派单说明 / Note for the handler */
  note?: string | null | undefined;
  /** 责任单位（默认）或处置人所代表的其下级单位 / The responsible unit (default) or a unit inside it the handler acts for */
  unitId?: string | number | null | undefined;
};

/** 回访评价的输入 / Input to record the resident's feedback */
export type FeedbackInput = {
  /** 群众意见 / The resident's comment */
  comment?: string | null | undefined;
  /** 满意度 / Satisfaction */
  satisfaction: Satisfaction;
};

/** 地理坐标（WGS-84） / A geographic point (WGS-84) */
export type GeoPointInput = {
  /** 纬度，−90…90 / Latitude, −90…90 */
  lat: number;
  /** 经度，−180…180 / Longitude, −180…180 */
  lng: number;
};

/** 户籍标签：用于安排走访和帮扶 / A household mark that targets visits and aid */
export type HouseholdTag =
  /** 残疾人 / Person with a disability */
  | 'DISABLED'
  /** 独居老人 / Elderly person living alone */
  | 'ELDERLY_ALONE'
  /** 留守儿童 / Child left behind by migrant parents */
  | 'LEFT_BEHIND_CHILD'
  /** 低保户 / Receives the minimum living allowance */
  | 'LOW_INCOME'
  /** 军属 / Family of a serving soldier */
  | 'MILITARY_FAMILY'
  /** 其他：其他值得走访的情况 / Another mark worth a visit */
  | 'OTHER'
  /** 贫困户 / Household in poverty */
  | 'POOR';

/** 组织单元上的岗位 / A role held on an org unit */
export type MemberRole =
  /** 管理员：管理某单位及其下辖范围的平台 / Administrator of the platform for a unit and its subtree */
  | 'ADMIN'
  /** 网格助理员：派驻网格的干部，非党员 / Grid assistant: cadre assigned to a grid; not a party member */
  | 'GRID_ASSISTANT'
  /** 网格指导员：派驻网格的干部，党员 / Grid instructor: cadre assigned to a grid; a party member */
  | 'GRID_INSTRUCTOR'
  /** 网格长（党小组长） / Grid leader: party-group leader of a grid */
  | 'GRID_LEADER'
  /** 网格员：网格团队中的党员 / Grid member: party member in a grid team */
  | 'GRID_MEMBER'
  /** 热线坐席：接听 580 热线，任职于 CITY、DISTRICT 或 TOWNSHIP / Hotline operator: takes "580" hotline calls, on a CITY, DISTRICT or TOWNSHIP */
  | 'HOTLINE_OPERATOR'
  /** 调度员：处理乡镇调度中心的派单队列 / Dispatcher: works the township dispatch queue */
  | 'TOWNSHIP_DISPATCHER'
  /** 村书记：村党组织书记，任职于 ADMIN_VILLAGE / Village party secretary, on an ADMIN_VILLAGE */
  | 'VILLAGE_SECRETARY'
  /** 村工作人员：村委会工作人员，任职于 ADMIN_VILLAGE / Village committee staff, on an ADMIN_VILLAGE */
  | 'VILLAGE_STAFF';

/** 行政层级 / Administrative level */
export type OrgLevel =
  /** 行政村（社区） / Administrative village or community */
  | 'ADMIN_VILLAGE'
  /** 市 / City */
  | 'CITY'
  /** 区县 / District or county */
  | 'DISTRICT'
  /** 网格 / Grid */
  | 'GRID'
  /** 自然村 / Natural village */
  | 'NATURAL_VILLAGE'
  /** 乡镇（街道） / Township or subdistrict */
  | 'TOWNSHIP';

/** 登录者类型 / Kind of caller */
export type PrincipalKind =
  /** 系统管理员（初始管理员） / The bootstrap administrator */
  | 'ADMIN'
  /** 工作人员 / A member */
  | 'MEMBER'
  /** 接口账号 / An integration account */
  | 'SERVICE';

/** 上报工单的输入 / Input to report a ticket */
export type ReportTicketInput = {
  /** 问题地址 / Address of the problem */
  address?: string | null | undefined;
  /** 类别代码，见 ticketCategories / Category code, see ticketCategories */
  category: string;
  /** 受理渠道 / Intake channel */
  channel: TicketChannel;
  /** 问题描述 / Description of the problem */
  description?: string | null | undefined;
  /** 类别专属字段，按类别当前版本校验：必填、类型、上下限，未知键被拒 / The category's typed fields, checked against its current version (BAD_USER_INPUT naming the field otherwise) */
  fields?: Array<TicketFieldInput> | null | undefined;
  /** 问题位置（WGS-84） / Where the problem is (WGS-84) */
  geo?: GeoPointInput | null | undefined;
  /** 优先级 / Priority */
  priority?: TicketPriority | null | undefined;
  /** 反映人 / The resident who reports */
  reporter?: ReporterInput | null | undefined;
  /** 标题 / Title */
  title: string;
  /** 问题所在单位：网格、自然村、村或乡镇；由派单目录确定责任单位 / Unit where the problem is: a grid, natural village, village or township; the dispatch catalogue picks the responsible unit */
  unitId: string | number;
};

/** 反映人（上报问题的群众） / The resident who reports */
export type ReporterInput = {
  /** 匿名：对处置人隐藏姓名和电话 / Keep name and phone from handlers */
  anonymous?: boolean | null | undefined;
  /** 所在户的 ID / Id of the reporter's household */
  householdId?: string | number | null | undefined;
  /** 姓名 / Name */
  name?: string | null | undefined;
  /**
   * 电话：用于回访和短信通知（匿名除外）；不进入工单事件 / Phone for the callback and the texts to the resident (unless anonymous)
   * Never on the ticket events, only on the restricted contacts topic notifications reads
   */
  phone?: string | null | undefined;
};

/** 办结的输入 / Input to resolve a ticket */
export type ResolveTicketInput = {
  /** 已用 uploadEvidence 上传到本工单的图文证据，如修复后的照片 / Evidence uploaded to this ticket with uploadEvidence, e.g. photos after the repair */
  evidenceIds?: Array<string | number> | null | undefined;
  /** 办理结果 / How it was resolved */
  resolution: string;
};

/** 回访评价满意度 / Resident feedback */
export type Satisfaction =
  /** 基本满意 / Basically satisfied */
  | 'BASICALLY_SATISFIED'
  /** 满意 / Satisfied */
  | 'SATISFIED'
  /** 不满意 / Unsatisfied */
  | 'UNSATISFIED';

/** 受理渠道 / Intake channel */
export type TicketChannel =
  /** 接口（API） / An integration (API) */
  | 'API'
  /** 应用（APP） / The app */
  | 'APP'
  /** 网格员上报 / Reported by a grid member */
  | 'GRID_REPORT'
  /** 580 热线 / The 580 hotline */
  | 'HOTLINE'
  /** 信访 / Petition */
  | 'PETITION'
  /** 来访 / Walk-in */
  | 'WALK_IN'
  /** 微信 / WeChat */
  | 'WECHAT';

/** 对工单的操作，每项对应一个变更 / What a person does with a ticket, one mutation each */
export type TicketCommand =
  /** 受理 / Accept */
  | 'accept'
  /** 办结归档 / Close */
  | 'close'
  /** 派单 / Dispatch */
  | 'dispatch'
  /** 上报上级 / Escalate */
  | 'escalate'
  /** 回访 / Record feedback */
  | 'feedback'
  /** 合并 / Merge */
  | 'merge'
  /** 处置进展 / Add progress */
  | 'progress'
  /** 不予受理 / Reject */
  | 'reject'
  /** 重办 / Reopen */
  | 'reopen'
  /** 办结 / Resolve */
  | 'resolve'
  /** 开始处置 / Start handling */
  | 'start'
  /** 督办 / Supervise */
  | 'supervise'
  /** 转办 / Transfer */
  | 'transfer';

/** 类别专属字段的一个取值 / One typed field value of a report */
export type TicketFieldInput = {
  /** 字段键，见 ticketCategories 的 fields / The field key, see TicketCategory.fields */
  key: string;
  /** 取值文本，按字段类型解析：12.5、3、true、DRY_LAND / The value as text, parsed by the field type */
  value: string;
};

/** 派单层级 / Dispatch level */
export type TicketLevel =
  /** 村党群服务中心 / Village party and public service centre */
  | 'ADMIN_VILLAGE'
  /** 网格 / Grid */
  | 'GRID'
  /** 镇调度平台 / Township dispatch platform */
  | 'TOWNSHIP';

/** 优先级 / Priority */
export type TicketPriority =
  /** 高 / High */
  | 'HIGH'
  /** 低 / Low */
  | 'LOW'
  /** 一般 / Normal */
  | 'NORMAL'
  /** 紧急 / Urgent */
  | 'URGENT';

/** 工单状态 / Status of a ticket */
export type TicketStatus =
  /** 已受理 / Accepted */
  | 'ACCEPTED'
  /** 已关闭 / Closed */
  | 'CLOSED'
  /** 已派单 / Dispatched */
  | 'DISPATCHED'
  /** 处置中 / In progress */
  | 'IN_PROGRESS'
  /** 已合并 / Merged into another ticket */
  | 'MERGED'
  /** 不予受理 / Rejected */
  | 'REJECTED'
  /** 已上报 / Reported */
  | 'REPORTED'
  /** 已办结 / Resolved */
  | 'RESOLVED';

/** 转办的输入 / Input to transfer a ticket */
export type TransferTicketInput = {
  /** 转办理由 / Why the ticket is transferred */
  reason: string;
  /** 同级的另一单位 / Another unit of the same level */
  unitId: string | number;
};

/** 上传到工单的图文证据（照片或文件），base64 编码 / A photo or document for a ticket, base64-encoded */
export type UploadEvidenceInput = {
  /** 文件内容，base64（RFC 4648，带填充）；解码后最多 TICKETS_EVIDENCE_MAX_BYTES（默认 5 MiB） / The file, base64 (RFC 4648, padded); at most TICKETS_EVIDENCE_MAX_BYTES decoded (5 MiB by default) */
  contentBase64: string;
  /** 文件类型：image/jpeg、image/png、image/webp 或 application/pdf，须与内容一致 / image/jpeg, image/png, image/webp or application/pdf; must match the bytes */
  contentType: string;
  /** 原文件名；去除目录和不安全字符 / Original file name; folders and unsafe characters are removed */
  fileName: string;
  /** 工单 ID / Ticket id */
  ticketId: string | number;
};

export type UnreadCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadCountQuery = { me: { member: { id: string, unreadNotificationCount: number | null } | null } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type UnitsWithinQueryVariables = Exact<{
  within?: string | number | null | undefined;
}>;


export type UnitsWithinQuery = { orgUnits: { edges: Array<{ node: { id: string, name: string, level: OrgLevel, parentId: string | null } }> } };

export type UnitFiguresQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
}>;


export type UnitFiguresQuery = { ticketStats: { received: number, accepted: number, resolved: number, closed: number, overdue: number, feedbacks: number, satisfied: number, completionRate: number | null, onTimeRate: number | null, satisfactionRate: number | null } };

export type TrendQueryVariables = Exact<{
  id: string | number;
  f0: string;
  t0: string;
  f1: string;
  t1: string;
  f2: string;
  t2: string;
  f3: string;
  t3: string;
  f4: string;
  t4: string;
  f5: string;
  t5: string;
}>;


export type TrendQuery = { m0: { received: number, resolved: number, overdue: number }, m1: { received: number, resolved: number, overdue: number }, m2: { received: number, resolved: number, overdue: number }, m3: { received: number, resolved: number, overdue: number }, m4: { received: number, resolved: number, overdue: number }, m5: { received: number, resolved: number, overdue: number } };

export type RankingQueryVariables = Exact<{
  id: string | number;
  level: OrgLevel;
  key: string;
}>;


export type RankingQuery = { ranking: { edges: Array<{ node: { subjectId: string, rank: number | null, score: number | null, received: number, resolved: number, completionRate: number | null, onTimeRate: number | null, satisfactionRate: number | null, unit: { name: string } | null } }> } };

export type ComplianceQueryVariables = Exact<{
  id: string | number;
}>;


export type ComplianceQuery = { weeklyCompliance: Array<{ week: string, compliant: boolean, member: { id: string, name: string } }> };

export type GridCoverageQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
}>;


export type GridCoverageQuery = { householdCoverage: { households: number, visitedHouseholds: number, coverageRate: number | null, completedVisits: number }, unvisitedHouseholds: Array<{ tags: Array<string>, lastVisitedAt: string | null, priority: boolean, household: { id: string, head: string, address: string } }> };

export type LoginMutationVariables = Exact<{
  phone: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string } };

export type InboxQueryVariables = Exact<{ [key: string]: never; }>;


export type InboxQuery = { myNotifications: { totalCount: number, edges: Array<{ node: { id: string, text: string, ticketId: string | null, ticketNumber: string | null, occurredAt: string, readAt: string | null } }> } };

export type MarkReadMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type MarkReadMutation = { markNotificationsRead: Array<{ id: string, readAt: string | null }> };

export type UnitPeopleQueryVariables = Exact<{
  id: string | number;
}>;


export type UnitPeopleQuery = { orgUnit: { id: string, name: string, code: string | null, level: OrgLevel, households: number, population: number, partyOrg: { name: string, secretaryName: string | null } | null } | null, members: { totalCount: number, edges: Array<{ node: { id: string, name: string, phone: string, isPartyMember: boolean, assignments: Array<{ role: MemberRole, unitId: string, to: string | null, unit: { name: string } }> } }> }, households: { totalCount: number, edges: Array<{ node: { id: string, head: string, address: string, size: number, tags: Array<HouseholdTag>, phone: string | null } }> } };

export type MyQueueQueryVariables = Exact<{ [key: string]: never; }>;


export type MyQueueQuery = { myQueue: Array<{ id: string, number: string, title: string, status: TicketStatus, level: TicketLevel, priority: TicketPriority, overdue: boolean, categoryName: string | null, acceptDueAt: string | null, resolveDueAt: string | null, handlerDueAt: string | null, createdAt: string, unit: { id: string, name: string } }> };

export type TicketCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type TicketCategoriesQuery = { ticketCategories: Array<{ code: string, name: string, active: boolean, examples: Array<string> }> };

export type ReportTicketMutationVariables = Exact<{
  input: ReportTicketInput;
}>;


export type ReportTicketMutation = { reportTicket: { id: string, number: string } };

export type SimilarTicketsQueryVariables = Exact<{
  within: string | number;
  category: string;
}>;


export type SimilarTicketsQuery = { tickets: { edges: Array<{ node: { id: string, number: string, title: string, status: TicketStatus, address: string | null, createdAt: string } }> } };

export type TicketDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type TicketDetailQuery = { ticket: { id: string, number: string, title: string, description: string, category: string, categoryName: string | null, channel: TicketChannel, priority: TicketPriority, status: TicketStatus, level: TicketLevel, overdue: boolean, version: number, allowedActions: Array<TicketCommand>, acceptDueAt: string | null, resolveDueAt: string | null, handlerDueAt: string | null, acceptedAt: string | null, resolution: string | null, resolvedAt: string | null, closedAt: string | null, createdAt: string, escalationCount: number, reopenCount: number, supervisionCount: number, overdueCount: number, location: { address: string | null, geo: { lat: number, lng: number } | null, unit: { id: string, name: string } }, reporter: { name: string | null, phone: string | null, anonymous: boolean } | null, unit: { id: string, name: string, level: OrgLevel }, handler: { id: string, name: string } | null, handlerUnit: { id: string, name: string } | null, feedback: { satisfaction: Satisfaction, comment: string | null, at: string } | null, timeline: Array<{ at: string, action: string, from: TicketStatus | null, to: TicketStatus, note: string | null, level: TicketLevel | null, automatic: boolean, satisfaction: Satisfaction | null, actor: { id: string, name: string } | null, unit: { id: string, name: string } | null, handler: { id: string, name: string } | null, evidence: Array<{ id: string, fileName: string, contentType: string, downloadPath: string }> }> } | null };

export type AcceptTicketMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type AcceptTicketMutation = { acceptTicket: { id: string, version: number, status: TicketStatus } };

export type RejectTicketMutationVariables = Exact<{
  id: string | number;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type RejectTicketMutation = { rejectTicket: { id: string, version: number, status: TicketStatus } };

export type DispatchTicketMutationVariables = Exact<{
  id: string | number;
  input: DispatchTicketInput;
  expectedVersion?: number | null | undefined;
}>;


export type DispatchTicketMutation = { dispatchTicket: { id: string, version: number, status: TicketStatus } };

export type StartTicketMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  evidenceIds?: Array<string | number> | string | number | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type StartTicketMutation = { startTicket: { id: string, version: number, status: TicketStatus } };

export type AddProgressMutationVariables = Exact<{
  id: string | number;
  input: AddProgressInput;
  expectedVersion?: number | null | undefined;
}>;


export type AddProgressMutation = { addProgress: { id: string, version: number, status: TicketStatus } };

export type ResolveTicketMutationVariables = Exact<{
  id: string | number;
  input: ResolveTicketInput;
  expectedVersion?: number | null | undefined;
}>;


export type ResolveTicketMutation = { resolveTicket: { id: string, version: number, status: TicketStatus } };

export type EscalateTicketMutationVariables = Exact<{
  id: string | number;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type EscalateTicketMutation = { escalateTicket: { id: string, version: number, status: TicketStatus } };

export type TransferTicketMutationVariables = Exact<{
  id: string | number;
  input: TransferTicketInput;
  expectedVersion?: number | null | undefined;
}>;


export type TransferTicketMutation = { transferTicket: { id: string, version: number, status: TicketStatus } };

export type SuperviseTicketMutationVariables = Exact<{
  id: string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type SuperviseTicketMutation = { superviseTicket: { id: string, version: number, status: TicketStatus } };

export type RecordFeedbackMutationVariables = Exact<{
  id: string | number;
  input: FeedbackInput;
  expectedVersion?: number | null | undefined;
}>;


export type RecordFeedbackMutation = { recordFeedback: { id: string, version: number, status: TicketStatus } };

export type ReopenTicketMutationVariables = Exact<{
  id: string | number;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReopenTicketMutation = { reopenTicket: { id: string, version: number, status: TicketStatus } };

export type CloseTicketMutationVariables = Exact<{
  id: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type CloseTicketMutation = { closeTicket: { id: string, version: number, status: TicketStatus } };

export type MergeTicketMutationVariables = Exact<{
  id: string | number;
  intoId: string | number;
  expectedVersion?: number | null | undefined;
}>;


export type MergeTicketMutation = { mergeTicket: { id: string, version: number, status: TicketStatus } };

export type UploadEvidenceMutationVariables = Exact<{
  input: UploadEvidenceInput;
}>;


export type UploadEvidenceMutation = { uploadEvidence: { id: string, fileName: string } };

export type TicketByNumberQueryVariables = Exact<{
  number: string;
}>;


export type TicketByNumberQuery = { ticketByNumber: { id: string, number: string, title: string, status: TicketStatus } | null };

export type HandlerCandidatesQueryVariables = Exact<{
  unitId: string | number;
}>;


export type HandlerCandidatesQuery = { orgUnits: { edges: Array<{ node: { id: string, name: string } }> }, members: { edges: Array<{ node: { id: string, name: string, assignments: Array<{ unitId: string, role: MemberRole, to: string | null }> } }> } };

export type SameLevelUnitsQueryVariables = Exact<{
  level: OrgLevel;
}>;


export type SameLevelUnitsQuery = { orgUnits: { edges: Array<{ node: { id: string, name: string } }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, kind: PrincipalKind, permissions: Array<string>, grants: Array<{ role: MemberRole, unitId: string }>, member: { id: string, name: string, assignments: Array<{ unitId: string, role: MemberRole, to: string | null, unit: { id: string, name: string, level: OrgLevel } }> } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const UnreadCountDocument = new TypedDocumentString(`
    query UnreadCount {
  me {
    member {
      id
      unreadNotificationCount
    }
  }
}
    `) as unknown as TypedDocumentString<UnreadCountQuery, UnreadCountQueryVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const UnitsWithinDocument = new TypedDocumentString(`
    query UnitsWithin($within: ID) {
  orgUnits(filter: {within: $within, status: ACTIVE}, first: 200) {
    edges {
      node {
        id
        name
        level
        parentId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitsWithinQuery, UnitsWithinQueryVariables>;
export const UnitFiguresDocument = new TypedDocumentString(`
    query UnitFigures($id: ID!, $from: DateTime!, $to: DateTime!) {
  ticketStats(within: $id, from: $from, to: $to) {
    received
    accepted
    resolved
    closed
    overdue
    feedbacks
    satisfied
    completionRate
    onTimeRate
    satisfactionRate
  }
}
    `) as unknown as TypedDocumentString<UnitFiguresQuery, UnitFiguresQueryVariables>;
export const TrendDocument = new TypedDocumentString(`
    query Trend($id: ID!, $f0: DateTime!, $t0: DateTime!, $f1: DateTime!, $t1: DateTime!, $f2: DateTime!, $t2: DateTime!, $f3: DateTime!, $t3: DateTime!, $f4: DateTime!, $t4: DateTime!, $f5: DateTime!, $t5: DateTime!) {
  m0: ticketStats(within: $id, from: $f0, to: $t0) {
    received
    resolved
    overdue
  }
  m1: ticketStats(within: $id, from: $f1, to: $t1) {
    received
    resolved
    overdue
  }
  m2: ticketStats(within: $id, from: $f2, to: $t2) {
    received
    resolved
    overdue
  }
  m3: ticketStats(within: $id, from: $f3, to: $t3) {
    received
    resolved
    overdue
  }
  m4: ticketStats(within: $id, from: $f4, to: $t4) {
    received
    resolved
    overdue
  }
  m5: ticketStats(within: $id, from: $f5, to: $t5) {
    received
    resolved
    overdue
  }
}
    `) as unknown as TypedDocumentString<TrendQuery, TrendQueryVariables>;
export const RankingDocument = new TypedDocumentString(`
    query Ranking($id: ID!, $level: OrgLevel!, $key: String!) {
  ranking(
    parentId: $id
    level: $level
    period: {kind: MONTH, key: $key}
    first: 20
  ) {
    edges {
      node {
        subjectId
        rank
        score
        received
        resolved
        completionRate
        onTimeRate
        satisfactionRate
        unit {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RankingQuery, RankingQueryVariables>;
export const ComplianceDocument = new TypedDocumentString(`
    query Compliance($id: ID!) {
  weeklyCompliance(within: $id, first: 100) {
    week
    compliant
    member {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ComplianceQuery, ComplianceQueryVariables>;
export const GridCoverageDocument = new TypedDocumentString(`
    query GridCoverage($id: ID!, $from: DateTime!, $to: DateTime!) {
  householdCoverage(gridId: $id, from: $from, to: $to) {
    households
    visitedHouseholds
    coverageRate
    completedVisits
  }
  unvisitedHouseholds(gridId: $id, tags: ["POOR", "ELDERLY_ALONE"], first: 20) {
    tags
    lastVisitedAt
    priority
    household {
      id
      head
      address
    }
  }
}
    `) as unknown as TypedDocumentString<GridCoverageQuery, GridCoverageQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($phone: String!, $password: String!) {
  login(phone: $phone, password: $password) {
    token
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const InboxDocument = new TypedDocumentString(`
    query Inbox {
  myNotifications(first: 50) {
    totalCount
    edges {
      node {
        id
        text
        ticketId
        ticketNumber
        occurredAt
        readAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<InboxQuery, InboxQueryVariables>;
export const MarkReadDocument = new TypedDocumentString(`
    mutation MarkRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids) {
    id
    readAt
  }
}
    `) as unknown as TypedDocumentString<MarkReadMutation, MarkReadMutationVariables>;
export const UnitPeopleDocument = new TypedDocumentString(`
    query UnitPeople($id: ID!) {
  orgUnit(id: $id) {
    id
    name
    code
    level
    households
    population
    partyOrg {
      name
      secretaryName
    }
  }
  members(filter: {within: $id, status: ACTIVE}, first: 50) {
    totalCount
    edges {
      node {
        id
        name
        phone
        isPartyMember
        assignments(last: 5) {
          role
          unitId
          to
          unit {
            name
          }
        }
      }
    }
  }
  households(filter: {within: $id}, first: 50) {
    totalCount
    edges {
      node {
        id
        head
        address
        size
        tags
        phone
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UnitPeopleQuery, UnitPeopleQueryVariables>;
export const MyQueueDocument = new TypedDocumentString(`
    query MyQueue {
  myQueue(first: 100) {
    id
    number
    title
    status
    level
    priority
    overdue
    categoryName
    acceptDueAt
    resolveDueAt
    handlerDueAt
    createdAt
    unit {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<MyQueueQuery, MyQueueQueryVariables>;
export const TicketCategoriesDocument = new TypedDocumentString(`
    query TicketCategories {
  ticketCategories {
    code
    name
    active
    examples
  }
}
    `) as unknown as TypedDocumentString<TicketCategoriesQuery, TicketCategoriesQueryVariables>;
export const ReportTicketDocument = new TypedDocumentString(`
    mutation ReportTicket($input: ReportTicketInput!) {
  reportTicket(input: $input) {
    id
    number
  }
}
    `) as unknown as TypedDocumentString<ReportTicketMutation, ReportTicketMutationVariables>;
export const SimilarTicketsDocument = new TypedDocumentString(`
    query SimilarTickets($within: ID!, $category: String!) {
  tickets(filter: {within: $within, category: $category}, first: 10) {
    edges {
      node {
        id
        number
        title
        status
        address
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SimilarTicketsQuery, SimilarTicketsQueryVariables>;
export const TicketDetailDocument = new TypedDocumentString(`
    query TicketDetail($id: ID!) {
  ticket(id: $id) {
    id
    number
    title
    description
    category
    categoryName
    channel
    priority
    status
    level
    overdue
    version
    allowedActions
    acceptDueAt
    resolveDueAt
    handlerDueAt
    acceptedAt
    resolution
    resolvedAt
    closedAt
    createdAt
    escalationCount
    reopenCount
    supervisionCount
    overdueCount
    location {
      address
      geo {
        lat
        lng
      }
      unit {
        id
        name
      }
    }
    reporter {
      name
      phone
      anonymous
    }
    unit {
      id
      name
      level
    }
    handler {
      id
      name
    }
    handlerUnit {
      id
      name
    }
    feedback {
      satisfaction
      comment
      at
    }
    timeline(last: 50) {
      at
      action
      from
      to
      note
      level
      automatic
      satisfaction
      actor {
        id
        name
      }
      unit {
        id
        name
      }
      handler {
        id
        name
      }
      evidence {
        id
        fileName
        contentType
        downloadPath
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TicketDetailQuery, TicketDetailQueryVariables>;
export const AcceptTicketDocument = new TypedDocumentString(`
    mutation AcceptTicket($id: ID!, $note: String, $expectedVersion: Int) {
  acceptTicket(id: $id, note: $note, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<AcceptTicketMutation, AcceptTicketMutationVariables>;
export const RejectTicketDocument = new TypedDocumentString(`
    mutation RejectTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
  rejectTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RejectTicketMutation, RejectTicketMutationVariables>;
export const DispatchTicketDocument = new TypedDocumentString(`
    mutation DispatchTicket($id: ID!, $input: DispatchTicketInput!, $expectedVersion: Int) {
  dispatchTicket(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<DispatchTicketMutation, DispatchTicketMutationVariables>;
export const StartTicketDocument = new TypedDocumentString(`
    mutation StartTicket($id: ID!, $note: String, $evidenceIds: [ID!], $expectedVersion: Int) {
  startTicket(
    id: $id
    note: $note
    evidenceIds: $evidenceIds
    expectedVersion: $expectedVersion
  ) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<StartTicketMutation, StartTicketMutationVariables>;
export const AddProgressDocument = new TypedDocumentString(`
    mutation AddProgress($id: ID!, $input: AddProgressInput!, $expectedVersion: Int) {
  addProgress(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<AddProgressMutation, AddProgressMutationVariables>;
export const ResolveTicketDocument = new TypedDocumentString(`
    mutation ResolveTicket($id: ID!, $input: ResolveTicketInput!, $expectedVersion: Int) {
  resolveTicket(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ResolveTicketMutation, ResolveTicketMutationVariables>;
export const EscalateTicketDocument = new TypedDocumentString(`
    mutation EscalateTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
  escalateTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<EscalateTicketMutation, EscalateTicketMutationVariables>;
export const TransferTicketDocument = new TypedDocumentString(`
    mutation TransferTicket($id: ID!, $input: TransferTicketInput!, $expectedVersion: Int) {
  transferTicket(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<TransferTicketMutation, TransferTicketMutationVariables>;
export const SuperviseTicketDocument = new TypedDocumentString(`
    mutation SuperviseTicket($id: ID!, $note: String!, $expectedVersion: Int) {
  superviseTicket(id: $id, note: $note, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<SuperviseTicketMutation, SuperviseTicketMutationVariables>;
export const RecordFeedbackDocument = new TypedDocumentString(`
    mutation RecordFeedback($id: ID!, $input: FeedbackInput!, $expectedVersion: Int) {
  recordFeedback(id: $id, input: $input, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<RecordFeedbackMutation, RecordFeedbackMutationVariables>;
export const ReopenTicketDocument = new TypedDocumentString(`
    mutation ReopenTicket($id: ID!, $reason: String!, $expectedVersion: Int) {
  reopenTicket(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<ReopenTicketMutation, ReopenTicketMutationVariables>;
export const CloseTicketDocument = new TypedDocumentString(`
    mutation CloseTicket($id: ID!, $expectedVersion: Int) {
  closeTicket(id: $id, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<CloseTicketMutation, CloseTicketMutationVariables>;
export const MergeTicketDocument = new TypedDocumentString(`
    mutation MergeTicket($id: ID!, $intoId: ID!, $expectedVersion: Int) {
  mergeTicket(id: $id, intoId: $intoId, expectedVersion: $expectedVersion) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<MergeTicketMutation, MergeTicketMutationVariables>;
export const UploadEvidenceDocument = new TypedDocumentString(`
    mutation UploadEvidence($input: UploadEvidenceInput!) {
  uploadEvidence(input: $input) {
    id
    fileName
  }
}
    `) as unknown as TypedDocumentString<UploadEvidenceMutation, UploadEvidenceMutationVariables>;
export const TicketByNumberDocument = new TypedDocumentString(`
    query TicketByNumber($number: String!) {
  ticketByNumber(number: $number) {
    id
    number
    title
    status
  }
}
    `) as unknown as TypedDocumentString<TicketByNumberQuery, TicketByNumberQueryVariables>;
export const HandlerCandidatesDocument = new TypedDocumentString(`
    query HandlerCandidates($unitId: ID!) {
  orgUnits(filter: {within: $unitId, status: ACTIVE}, first: 200) {
    edges {
      node {
        id
        name
      }
    }
  }
  members(filter: {within: $unitId, status: ACTIVE}, first: 100) {
    edges {
      node {
        id
        name
        assignments(last: 10) {
          unitId
          role
          to
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HandlerCandidatesQuery, HandlerCandidatesQueryVariables>;
export const SameLevelUnitsDocument = new TypedDocumentString(`
    query SameLevelUnits($level: OrgLevel!) {
  orgUnits(filter: {level: $level, status: ACTIVE}, first: 100) {
    edges {
      node {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SameLevelUnitsQuery, SameLevelUnitsQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    id
    kind
    permissions
    grants {
      role
      unitId
    }
    member {
      id
      name
      assignments {
        unitId
        role
        to
        unit {
          id
          name
          level
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;