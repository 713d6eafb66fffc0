import { HOUSEHOLD_COLUMNS, type SheetColumn } from './sheet-columns';
import { tagsText } from './sheet-rows';

/**
 * The exports (电子表格导出): their parameters, GraphQL selections and rows.
 * Each sheet is a list of columns, each naming what it selects and how it
 * turns a node into a cell, so a column is added in one place. Pure.
 */
export type Cell = string | number | boolean | null;

export interface ExportColumn<T> extends Pick<SheetColumn, 'zh' | 'en' | 'width'> {
  /** the fields of the node this column reads, in GraphQL selection syntax */
  select: string;
  value: (node: T) => Cell;
}

/** The selection of all columns (GraphQL merges fields selected twice). */
export const selectionOf = (columns: readonly ExportColumn<never>[]): string => columns.map((column) => column.select).join('\n');

/** A date-time in China Standard Time (UTC+8), as the people reading the sheet count: `2026-11-03 14:05`. */
export function chinaTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A rate 0–1 as a percentage with one decimal (办结率 87.5%); empty when there is none. */
export const percent = (rate: number | null | undefined): string | null => (rate === null || rate === undefined ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

const yesNo = (value: boolean | null | undefined): string | null => (value === null || value === undefined ? null : value ? '是' : '否');

const STATUS_NAMES: Record<string, string> = {
  REPORTED: '待受理',
  ACCEPTED: '已受理',
  DISPATCHED: '已派单',
  IN_PROGRESS: '处置中',
  RESOLVED: '已办结',
  CLOSED: '已关闭',
  REJECTED: '不予受理',
  MERGED: '已合并',
};
const CHANNEL_NAMES: Record<string, string> = {
  HOTLINE: '580 热线',
  WECHAT: '微信',
  GRID_REPORT: '网格员上报',
  PETITION: '信访',
  APP: 'App',
  WALK_IN: '来访',
  API: '接口',
};
const PRIORITY_NAMES: Record<string, string> = { LOW: '低', NORMAL: '一般', HIGH: '高', URGENT: '紧急' };
const LEVEL_NAMES: Record<string, string> = { GRID: '网格', ADMIN_VILLAGE: '村', TOWNSHIP: '乡镇' };
const SATISFACTION_NAMES: Record<string, string> = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', UNSATISFIED: '不满意' };
const named = (names: Record<string, string>, code: string | null | undefined): string | null => (code ? (names[code] ?? code) : null);

/** A ticket as the export selects it (tickets subgraph, names joined from org and members). */
export interface TicketNode {
  number: string;
  title: string;
  categoryName?: string | null;
  category: string;
  categoryFields?: readonly { label: string; displayValue: string }[] | null;
  channel: string;
  priority: string;
  status: string;
  level: string;
  unit?: { name?: string | null } | null;
  address?: string | null;
  reporter?: { name?: string | null; phone?: string | null; anonymous: boolean } | null;
  handler?: { name?: string | null } | null;
  createdAt: string;
  acceptDueAt?: string | null;
  resolveDueAt?: string | null;
  resolvedAt?: string | null;
  resolvedOnTime?: boolean | null;
  overdue: boolean;
  feedback?: { satisfaction: string } | null;
}

/** 工单 (tickets): one row a ticket. Personal data (the reporter's phone) is as the tickets subgraph shows it to the caller. */
export const TICKET_COLUMNS: readonly ExportColumn<TicketNode>[] = [
  { zh: '工单编号', en: 'Number', width: 18, select: 'number', value: (t) => t.number },
  { zh: '标题', en: 'Title', width: 30, select: 'title', value: (t) => t.title },
  { zh: '类别', en: 'Category', width: 14, select: 'category categoryName', value: (t) => t.categoryName ?? t.category },
  {
    zh: '类别字段', en: 'Category fields', width: 30, select: 'categoryFields { label displayValue }',
    value: (t) => (t.categoryFields?.length ? t.categoryFields.map((field) => `${field.label}：${field.displayValue}`).join('；') : null),
  },
  { zh: '渠道', en: 'Channel', width: 10, select: 'channel', value: (t) => named(CHANNEL_NAMES, t.channel) },
  { zh: '紧急程度', en: 'Priority', width: 8, select: 'priority', value: (t) => named(PRIORITY_NAMES, t.priority) },
  { zh: '状态', en: 'Status', width: 10, select: 'status', value: (t) => named(STATUS_NAMES, t.status) },
  { zh: '办理层级', en: 'Level', width: 8, select: 'level', value: (t) => named(LEVEL_NAMES, t.level) },
  { zh: '责任单位', en: 'Unit', width: 20, select: 'unit { name }', value: (t) => t.unit?.name ?? null },
  { zh: '地址', en: 'Address', width: 30, select: 'address', value: (t) => t.address ?? null },
  { zh: '反映人', en: 'Reporter', width: 10, select: 'reporter { name phone anonymous }', value: (t) => (t.reporter?.anonymous ? '匿名' : (t.reporter?.name ?? null)) },
  { zh: '反映人电话', en: 'Reporter phone', width: 14, select: 'reporter { name phone anonymous }', value: (t) => t.reporter?.phone ?? null },
  { zh: '处置人', en: 'Handler', width: 10, select: 'handler { name }', value: (t) => t.handler?.name ?? null },
  { zh: '上报时间', en: 'Reported at', width: 17, select: 'createdAt', value: (t) => chinaTime(t.createdAt) },
  { zh: '受理时限', en: 'Accept due', width: 17, select: 'acceptDueAt', value: (t) => chinaTime(t.acceptDueAt) },
  { zh: '办结时限', en: 'Resolve due', width: 17, select: 'resolveDueAt', value: (t) => chinaTime(t.resolveDueAt) },
  { zh: '办结时间', en: 'Resolved at', width: 17, select: 'resolvedAt', value: (t) => chinaTime(t.resolvedAt) },
  { zh: '按时办结', en: 'On time', width: 8, select: 'resolvedOnTime', value: (t) => yesNo(t.resolvedOnTime) },
  { zh: '超期', en: 'Overdue', width: 6, select: 'overdue', value: (t) => yesNo(t.overdue) },
  { zh: '满意度', en: 'Satisfaction', width: 10, select: 'feedback { satisfaction }', value: (t) => named(SATISFACTION_NAMES, t.feedback?.satisfaction) },
];

/** A child unit and its score, as the assessment export selects them. */
export interface AssessmentNode {
  id: string;
  code?: string | null;
  name: string;
  level: string;
  score?: {
    received: number;
    resolved: number;
    onTime: number;
    overdue: number;
    feedbacks: number;
    satisfied: number;
    visits: number;
    completionRate?: number | null;
    onTimeRate?: number | null;
    satisfactionRate?: number | null;
    complianceRate?: number | null;
    score?: number | null;
    rank?: number | null;
  } | null;
}

const SCORE_FIELDS = 'score(period: $period) { received resolved onTime overdue feedbacks satisfied visits completionRate onTimeRate satisfactionRate complianceRate score rank }';

/**
 * 考核报表 (assessment report): one row a child unit, its live Score in the
 * period. 办结率 is Score.completionRate: resolved / received, received being
 * the tickets taken in (纳入办理: less rejected and merged), the one
 * definition TicketStats.completionRate shares. A unit nothing was counted
 * for has zeros and no rates.
 */
export const ASSESSMENT_COLUMNS: readonly ExportColumn<AssessmentNode>[] = [
  { zh: '单位', en: 'Unit', width: 20, select: 'name', value: (u) => u.name },
  { zh: '区划代码', en: 'Division code', width: 14, select: 'code', value: (u) => u.code ?? null },
  { zh: '受理数', en: 'Received', width: 8, select: SCORE_FIELDS, value: (u) => u.score?.received ?? 0 },
  { zh: '办结数', en: 'Resolved', width: 8, select: SCORE_FIELDS, value: (u) => u.score?.resolved ?? 0 },
  { zh: '办结率', en: 'Completion rate', width: 10, select: SCORE_FIELDS, value: (u) => percent(u.score?.completionRate) },
  { zh: '按时办结数', en: 'On time', width: 10, select: SCORE_FIELDS, value: (u) => u.score?.onTime ?? 0 },
  { zh: '按时办结率', en: 'On-time rate', width: 10, select: SCORE_FIELDS, value: (u) => percent(u.score?.onTimeRate) },
  { zh: '超期数', en: 'Overdue', width: 8, select: SCORE_FIELDS, value: (u) => u.score?.overdue ?? 0 },
  { zh: '回访数', en: 'Feedbacks', width: 8, select: SCORE_FIELDS, value: (u) => u.score?.feedbacks ?? 0 },
  { zh: '满意率', en: 'Satisfaction rate', width: 10, select: SCORE_FIELDS, value: (u) => percent(u.score?.satisfactionRate) },
  { zh: '走访次数', en: 'Visits', width: 8, select: SCORE_FIELDS, value: (u) => u.score?.visits ?? 0 },
  { zh: '走访达标率', en: 'Visit compliance rate', width: 12, select: SCORE_FIELDS, value: (u) => percent(u.score?.complianceRate) },
  { zh: '综合得分', en: 'Score', width: 8, select: SCORE_FIELDS, value: (u) => (u.score?.score === null || u.score?.score === undefined ? null : Math.round(u.score.score * 10) / 10) },
  { zh: '排名', en: 'Rank', width: 6, select: SCORE_FIELDS, value: (u) => u.score?.rank ?? null },
];

/** A household as the export selects it. */
export interface HouseholdNode {
  code?: string | null;
  gridId: string;
  grid?: { name?: string | null } | null;
  head: string;
  address: string;
  size: number;
  tags: string[];
  phone?: string | null;
}

/**
 * 户 (households) in the import's format, so an export re-imports unchanged:
 * the grid by its name. Address and phone are as the caller sees them
 * (masked without pii:read: such a file does not import, see the README).
 */
export const HOUSEHOLD_EXPORT_COLUMNS: readonly ExportColumn<HouseholdNode>[] = HOUSEHOLD_COLUMNS.map((column) => {
  const cells: Record<(typeof HOUSEHOLD_COLUMNS)[number]['key'], Omit<ExportColumn<HouseholdNode>, 'zh' | 'en' | 'width'>> = {
    code: { select: 'code', value: (h) => h.code ?? null },
    grid: { select: 'gridId grid { name }', value: (h) => h.grid?.name ?? h.gridId },
    head: { select: 'head', value: (h) => h.head },
    address: { select: 'address', value: (h) => h.address },
    size: { select: 'size', value: (h) => h.size },
    tags: { select: 'tags', value: (h) => tagsText(h.tags) },
    phone: { select: 'phone', value: (h) => h.phone ?? null },
  };
  return { zh: column.zh, en: column.en, width: column.width, ...cells[column.key] };
});

export type PeriodKind = 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

/** `2026-W48`, `2026-11`, `2026-Q4`, `2026`: the assessment period a key names. */
export function periodOf(key: string): { kind: PeriodKind; key: string } | null {
  if (/^\d{4}$/.test(key)) return { kind: 'YEAR', key };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return { kind: 'MONTH', key };
  if (/^\d{4}-Q[1-4]$/.test(key)) return { kind: 'QUARTER', key };
  if (/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(key)) return { kind: 'WEEK', key };
  return null;
}

/** A bound of the tickets export: `2026-11-01` (00:00 China time) or a full ISO date-time. */
export function instantOf(text: string): string | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+08:00`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

const ID_PATTERN = /^[\w-]{1,128}$/;

export type ExportParams =
  | { kind: 'tickets'; unitId: string; from: string | null; to: string | null }
  | { kind: 'assessment'; unitId: string; period: { kind: PeriodKind; key: string } }
  | { kind: 'households'; unitId: string };

/** Problems with an export's query string, in Chinese with the parameter named; none: the params. */
export function parseExportParams(kind: ExportParams['kind'], query: Record<string, unknown>): { params: ExportParams } | { problems: string[] } {
  const text = (name: string): string | undefined => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const problems: string[] = [];
  const unitId = text('unitId');
  if (!unitId || !ID_PATTERN.test(unitId)) problems.push('unitId：缺少或不是单位 id (missing or not a unit id)');
  if (kind === 'tickets') {
    const bound = (name: 'from' | 'to') => {
      const value = text(name);
      if (value === undefined || value === '') return null;
      const instant = instantOf(value);
      if (!instant) problems.push(`${name}：须为日期 2026-11-01 或 ISO 时间 (must be a date or ISO date-time)`);
      return instant;
    };
    const from = bound('from');
    const to = bound('to');
    if (from && to && from >= to) problems.push('from 须早于 to (from must be before to)');
    return problems.length > 0 ? { problems } : { params: { kind, unitId: unitId as string, from, to } };
  }
  if (kind === 'assessment') {
    const period = periodOf(text('period') ?? '');
    if (!period) problems.push('period：须为 2026-W48、2026-11、2026-Q4 或 2026 (a week, month, quarter or year)');
    return problems.length > 0 || !period ? { problems } : { params: { kind, unitId: unitId as string, period } };
  }
  return problems.length > 0 ? { problems } : { params: { kind, unitId: unitId as string } };
}

/** The file name of an export: `工单_清溪镇_2026-11-01_2026-12-01.xlsx`. */
export function exportFileName(params: ExportParams, unitName: string): string {
  const safe = unitName.replace(/[\\/:*?"<>|\s]+/g, '_');
  switch (params.kind) {
    case 'tickets':
      return `工单_${safe}${params.from ? `_${chinaTime(params.from)?.slice(0, 10)}` : ''}${params.to ? `_${chinaTime(params.to)?.slice(0, 10)}` : ''}.xlsx`;
    case 'assessment':
      return `考核报表_${safe}_${params.period.key}.xlsx`;
    case 'households':
      return `户_${safe}.xlsx`;
  }
}
