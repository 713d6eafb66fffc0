/**
 * The columns of the spreadsheets the gateway reads and writes (电子表格):
 * headers are `中文 (English)`; an import accepts the whole header, the
 * Chinese or the English part alone (case and spaces ignored, full-width
 * brackets too). Pure: no express, no exceljs.
 */
export interface SheetColumn<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  /** column width in characters, for exports */
  width?: number;
  /** an import refuses a file without this column */
  required?: boolean;
}

/** The header cell text: `户主姓名 (Head name)`. */
export const headerOf = (column: Pick<SheetColumn, 'zh' | 'en'>): string => `${column.zh} (${column.en})`;

/** Households (户): the one format of the household import and export. */
export const HOUSEHOLD_COLUMNS = [
  { key: 'code', zh: '户编号', en: 'Household code', width: 18, required: true },
  { key: 'grid', zh: '网格', en: 'Grid', width: 22, required: true },
  { key: 'head', zh: '户主姓名', en: 'Head name', width: 12, required: true },
  { key: 'address', zh: '住址', en: 'Address', width: 36, required: true },
  { key: 'size', zh: '户人口', en: 'Size', width: 8, required: true },
  { key: 'tags', zh: '标签', en: 'Tags', width: 20 },
  { key: 'phone', zh: '联系电话', en: 'Phone', width: 16 },
] as const satisfies readonly SheetColumn[];
export type HouseholdColumnKey = (typeof HOUSEHOLD_COLUMNS)[number]['key'];

/** Members (人员) with one role a row. */
export const MEMBER_COLUMNS = [
  { key: 'name', zh: '姓名', en: 'Name', width: 12, required: true },
  { key: 'phone', zh: '手机号', en: 'Phone', width: 14, required: true },
  { key: 'isPartyMember', zh: '党员', en: 'Party member', width: 8 },
  { key: 'skills', zh: '特长', en: 'Skills', width: 20 },
  { key: 'role', zh: '岗位', en: 'Role', width: 14 },
  { key: 'unit', zh: '任职单位', en: 'Unit', width: 22 },
] as const satisfies readonly SheetColumn[];
export type MemberColumnKey = (typeof MEMBER_COLUMNS)[number]['key'];

/** Household tags (户籍标签) by their Chinese names, as the members subgraph's HouseholdTag describes them. */
export const HOUSEHOLD_TAG_NAMES = {
  POOR: '贫困户',
  ELDERLY_ALONE: '独居老人',
  LEFT_BEHIND_CHILD: '留守儿童',
  DISABLED: '残疾人',
  MILITARY_FAMILY: '军属',
  LOW_INCOME: '低保户',
  OTHER: '其他',
} as const;
export type HouseholdTagCode = keyof typeof HOUSEHOLD_TAG_NAMES;

/** Roles (岗位) by their Chinese names, as the members subgraph's MemberRole describes them. */
export const ROLE_NAMES = {
  GRID_LEADER: '网格长',
  GRID_MEMBER: '网格员',
  GRID_INSTRUCTOR: '网格指导员',
  GRID_ASSISTANT: '网格助理员',
  VILLAGE_SECRETARY: '村书记',
  VILLAGE_STAFF: '村工作人员',
  TOWNSHIP_DISPATCHER: '调度员',
  HOTLINE_OPERATOR: '热线坐席',
  ADMIN: '管理员',
} as const;
export type RoleCode = keyof typeof ROLE_NAMES;

/** A header cell as compared: lower case, no spaces, full-width brackets as ASCII. */
export function normaliseHeader(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toLowerCase();
}

/**
 * Which column each header cell names (by index; undefined for a cell no
 * column knows), and the required columns missing. Each column is found by
 * `中文 (English)`, `中文` or `English`.
 */
export function mapHeader<K extends string>(cells: readonly string[], columns: readonly SheetColumn<K>[]): { keys: (K | undefined)[]; missing: SheetColumn<K>[]; repeated: SheetColumn<K>[] } {
  const names = new Map<string, K>();
  for (const column of columns) {
    for (const name of [headerOf(column), column.zh, column.en]) names.set(normaliseHeader(name), column.key);
  }
  const keys = cells.map((cell) => names.get(normaliseHeader(cell)));
  const seen = new Set<K>();
  const repeated: SheetColumn<K>[] = [];
  for (const key of keys) {
    if (key === undefined) continue;
    if (seen.has(key)) repeated.push(columns.find((column) => column.key === key) as SheetColumn<K>);
    seen.add(key);
  }
  const missing = columns.filter((column) => column.required && !seen.has(column.key));
  return { keys, missing, repeated };
}
