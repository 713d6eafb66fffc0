/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddProgressInput = {
  /** Evidence (图文) uploaded to this ticket with uploadEvidence */
  evidenceIds?: Array<string | number> | null | undefined;
  /** What was done (处置进展) */
  note: string;
};

export type DispatchTicketInput = {
  /** Deadline for the handler, not after resolveDueAt */
  dueAt?: string | null | undefined;
  /** Member who handles the ticket; must hold a role in `unitId` */
  handlerId: string | number;
  note?: string | null | undefined;
  /** The responsible unit (default) or a unit inside it the handler acts for */
  unitId?: string | number | null | undefined;
};

export type FeedbackInput = {
  comment?: string | null | undefined;
  satisfaction: Satisfaction;
};

export type GeoPointInput = {
  /** Latitude, −90…90 */
  lat: number;
  /** Longitude, −180…180 */
  lng: number;
};

/** A household mark that targets visits and aid (户籍标签) */
export type HouseholdTag =
  /** 残疾人: person with a disability */
  | 'DISABLED'
  /** 独居老人: elderly person living alone */
  | 'ELDERLY_ALONE'
  /** 留守儿童: child left behind by migrant parents */
  | 'LEFT_BEHIND_CHILD'
  /** 低保户: receives the minimum living allowance */
  | 'LOW_INCOME'
  /** 军属: family of a serving soldier */
  | 'MILITARY_FAMILY'
  /** 其他: another mark worth a visit */
  | 'OTHER'
  /** 贫困户: household in poverty */
  | 'POOR';

/** A role held on an org unit (岗位) */
export type MemberRole =
  /** 管理员: administers the platform for a unit and its subtree */
  | 'ADMIN'
  /** 网格助理员: cadre assigned to a grid; not a party member */
  | 'GRID_ASSISTANT'
  /** 网格指导员: cadre assigned to a grid; a party member (党员) */
  | 'GRID_INSTRUCTOR'
  /** 网格长 / 党小组长: party-group leader of a grid */
  | 'GRID_LEADER'
  /** 网格员: party member in a grid team */
  | 'GRID_MEMBER'
  /** 热线坐席: takes "580" hotline calls, on a CITY, DISTRICT or TOWNSHIP */
  | 'HOTLINE_OPERATOR'
  /** 调度员: works the township dispatch queue (调度中心) */
  | 'TOWNSHIP_DISPATCHER'
  /** 村书记: village party secretary, on an ADMIN_VILLAGE */
  | 'VILLAGE_SECRETARY'
  /** 村工作人员: village committee staff, on an ADMIN_VILLAGE */
  | 'VILLAGE_STAFF';

/** Administrative level: CITY 市, DISTRICT 区县, TOWNSHIP 乡镇(街道), ADMIN_VILLAGE 行政村(社区), NATURAL_VILLAGE 自然村, GRID 网格 */
export type OrgLevel =
  | 'ADMIN_VILLAGE'
  | 'CITY'
  | 'DISTRICT'
  | 'GRID'
  | 'NATURAL_VILLAGE'
  | 'TOWNSHIP';

/** MEMBER (工作人员), ADMIN (bootstrap administrator, 系统管理员) or SERVICE (integration account, 接口账号) */
export type PrincipalKind =
  | 'ADMIN'
  | 'MEMBER'
  | 'SERVICE';

export type ReportTicketInput = {
  address?: string | null | undefined;
  /** Category code (类别), see ticketCategories */
  category: string;
  channel: TicketChannel;
  description?: string | null | undefined;
  geo?: GeoPointInput | null | undefined;
  priority?: TicketPriority | null | undefined;
  reporter?: ReporterInput | null | undefined;
  title: string;
  /** Unit where the problem is: a grid, natural village, village or township; the dispatch catalogue picks the responsible unit */
  unitId: string | number;
};

/** The resident who reports (反映人) */
export type ReporterInput = {
  /** Keep name and phone from handlers (匿名) */
  anonymous?: boolean | null | undefined;
  householdId?: string | number | null | undefined;
  name?: string | null | undefined;
  /** For the callback (回访) and the texts to the resident (短信通知, unless anonymous); never on the ticket events, only on the restricted contacts topic notifications reads */
  phone?: string | null | undefined;
};

export type ResolveTicketInput = {
  /** Evidence (图文) uploaded to this ticket with uploadEvidence, e.g. photos after the repair */
  evidenceIds?: Array<string | number> | null | undefined;
  /** How it was resolved (办理结果) */
  resolution: string;
};

/** Resident feedback (回访): SATISFIED 满意, BASICALLY_SATISFIED 基本满意, UNSATISFIED 不满意 */
export type Satisfaction =
  | 'BASICALLY_SATISFIED'
  | 'SATISFIED'
  | 'UNSATISFIED';

/** Intake channel: HOTLINE 580热线, WECHAT 微信, GRID_REPORT 网格员上报, PETITION 信访, APP, WALK_IN 来访, API */
export type TicketChannel =
  | 'API'
  | 'APP'
  | 'GRID_REPORT'
  | 'HOTLINE'
  | 'PETITION'
  | 'WALK_IN'
  | 'WECHAT';

/** What a person does with a ticket, one mutation each: accept 受理, reject 不予受理, dispatch 派单, start 开始处置, progress 处置进展, resolve 办结, escalate 上报上级, transfer 转办, supervise 督办, feedback 回访, reopen 重办, close 办结归档, merge 合并 */
export type TicketCommand =
  | 'accept'
  | 'close'
  | 'dispatch'
  | 'escalate'
  | 'feedback'
  | 'merge'
  | 'progress'
  | 'reject'
  | 'reopen'
  | 'resolve'
  | 'start'
  | 'supervise'
  | 'transfer';

/** Dispatch level: GRID 网格, ADMIN_VILLAGE 村党群服务中心, TOWNSHIP 镇调度平台 */
export type TicketLevel =
  | 'ADMIN_VILLAGE'
  | 'GRID'
  | 'TOWNSHIP';

/** LOW, NORMAL, HIGH, URGENT (紧急) */
export type TicketPriority =
  | 'HIGH'
  | 'LOW'
  | 'NORMAL'
  | 'URGENT';

/** REPORTED 已上报, ACCEPTED 已受理, DISPATCHED 已派单, IN_PROGRESS 处置中, RESOLVED 已办结, CLOSED 已关闭, REJECTED 不予受理, MERGED 已合并 */
export type TicketStatus =
  | 'ACCEPTED'
  | 'CLOSED'
  | 'DISPATCHED'
  | 'IN_PROGRESS'
  | 'MERGED'
  | 'REJECTED'
  | 'REPORTED'
  | 'RESOLVED';

export type TransferTicketInput = {
  reason: string;
  /** Another unit of the same level */
  unitId: string | number;
};

/** A photo or document (图文) for a ticket, base64-encoded */
export type UploadEvidenceInput = {
  /** The file, base64 (RFC 4648, padded); at most TICKETS_EVIDENCE_MAX_BYTES decoded (5 MiB by default) */
  contentBase64: string;
  /** image/jpeg, image/png, image/webp or application/pdf; must match the bytes */
  contentType: string;
  /** Original file name; folders and unsafe characters are removed */
  fileName: string;
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