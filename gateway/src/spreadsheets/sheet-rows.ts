import {
  HOUSEHOLD_COLUMNS,
  HOUSEHOLD_TAG_NAMES,
  mapHeader,
  MEMBER_COLUMNS,
  ROLE_NAMES,
  type HouseholdTagCode,
  type RoleCode,
  type SheetColumn,
} from './sheet-columns';

/**
 * Spreadsheet rows → the rows of the members subgraph's import mutations
 * (`importHouseholds`, `importMembers`), with the Chinese errors of what the
 * file itself gets wrong (header, numbers, tag and role names, repeated
 * rows). The domain rules (phones, grids, grants) are the subgraph's. Pure.
 */

/** One spreadsheet row: its number (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** An error of the file: `行 12: 户人口须为 1–99 的整数` (row 1 names the header). */
export interface SheetError {
  row: number;
  message: string;
}

export const sheetError = (row: number, message: string): SheetError => ({ row, message: `行 ${row}: ${message}` });

export interface HouseholdRowInput {
  row: number;
  code: string;
  grid: string;
  head: string;
  address: string;
  size: number;
  tags: HouseholdTagCode[];
  phone: string | null;
}

export interface MemberRowInput {
  row: number;
  name: string;
  phone: string;
  isPartyMember: boolean;
  skills: string[];
  role: RoleCode | null;
  unit: string | null;
}

/** What a file yields: the rows for the subgraph and the file's own errors (rows with one are left out). */
export interface ParsedSheet<T> {
  rows: T[];
  errors: SheetError[];
}

const LIST_SEPARATORS = /[、,，;；/|\s]+/;

/** `贫困户、独居老人`, `POOR,OTHER`: tags by Chinese name or code. */
export function parseTags(text: string): { tags: HouseholdTagCode[]; unknown: string[] } {
  const byName = new Map<string, HouseholdTagCode>();
  for (const [code, name] of Object.entries(HOUSEHOLD_TAG_NAMES) as [HouseholdTagCode, string][]) {
    byName.set(name, code);
    byName.set(code.toLowerCase(), code);
  }
  const tags: HouseholdTagCode[] = [];
  const unknown: string[] = [];
  for (const part of text.split(LIST_SEPARATORS).filter(Boolean)) {
    const tag = byName.get(part) ?? byName.get(part.toLowerCase());
    if (tag) {
      if (!tags.includes(tag)) tags.push(tag);
    } else unknown.push(part);
  }
  return { tags, unknown };
}

/** The tags' Chinese names, as an export writes them: `贫困户、独居老人`. */
export const tagsText = (tags: readonly string[]): string => tags.map((tag) => HOUSEHOLD_TAG_NAMES[tag as HouseholdTagCode] ?? tag).join('、');

/** A role by Chinese name or code: `网格员`, `GRID_MEMBER`. */
export function parseRole(text: string): RoleCode | undefined {
  const trimmed = text.trim();
  for (const [code, name] of Object.entries(ROLE_NAMES) as [RoleCode, string][]) {
    if (trimmed === name || trimmed.toUpperCase() === code) return code;
  }
  return undefined;
}

/** 是/否, yes/no, true/false, 1/0, Y/N; empty is no. */
export function parseYesNo(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['是', 'yes', 'y', 'true', '1', '√', '党员'].includes(value)) return true;
  if (['否', 'no', 'n', 'false', '0', '', '非党员'].includes(value)) return false;
  return undefined;
}

/** The header row's columns, or its errors: `行 1: 缺少列 户编号 (Household code)`. */
function columnsOf<K extends string>(header: SheetRow | undefined, columns: readonly SheetColumn<K>[]): { index: Map<K, number> } | { errors: SheetError[] } {
  if (!header) return { errors: [sheetError(1, '文件是空的：第 1 行应为表头 (the first row must be the header)')] };
  const { keys, missing, repeated } = mapHeader(header.cells, columns);
  const errors = [
    ...missing.map((column) => sheetError(header.row, `缺少列“${column.zh} (${column.en})” (missing column)`)),
    ...repeated.map((column) => sheetError(header.row, `列“${column.zh} (${column.en})”出现了两次 (repeated column)`)),
  ];
  if (errors.length > 0) return { errors };
  const index = new Map<K, number>();
  keys.forEach((key, i) => {
    if (key !== undefined) index.set(key, i);
  });
  return { index };
}

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell.trim() === '');

/** Rows whose `key` an earlier row has: `户编号重复（与行 3 相同）`; they are errors, and left out. */
function withoutRepeats<T extends { row: number }>(rows: T[], keyOf: (row: T) => string, what: string, errors: SheetError[]): T[] {
  const first = new Map<string, number>();
  return rows.filter((row) => {
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, row.row);
      return true;
    }
    errors.push(sheetError(row.row, `${what}重复（与行 ${earlier} 相同）`));
    return false;
  });
}

/** The household rows of a sheet (header first). */
export function parseHouseholdSheet(sheet: readonly SheetRow[]): ParsedSheet<HouseholdRowInput> {
  const [header, ...body] = sheet;
  const found = columnsOf(header, HOUSEHOLD_COLUMNS);
  if ('errors' in found) return { rows: [], errors: found.errors };
  const cell = (row: SheetRow, key: (typeof HOUSEHOLD_COLUMNS)[number]['key']) => {
    const i = found.index.get(key);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const errors: SheetError[] = [];
  const rows: HouseholdRowInput[] = [];
  for (const row of body) {
    if (isBlank(row)) continue;
    const before = errors.length;
    const sizeText = cell(row, 'size');
    const size = /^\d+(\.0+)?$/.test(sizeText) ? Number.parseInt(sizeText, 10) : Number.NaN;
    if (Number.isNaN(size)) errors.push(sheetError(row.row, `户人口须为 1–99 的整数（现为“${sizeText}”）`));
    const { tags, unknown } = parseTags(cell(row, 'tags'));
    if (unknown.length > 0) errors.push(sheetError(row.row, `标签未知：${unknown.join('、')}（可用：${Object.values(HOUSEHOLD_TAG_NAMES).join('、')}）`));
    if (errors.length > before) continue;
    rows.push({
      row: row.row,
      code: cell(row, 'code'),
      grid: cell(row, 'grid'),
      head: cell(row, 'head'),
      address: cell(row, 'address'),
      size,
      tags,
      phone: cell(row, 'phone') || null,
    });
  }
  return { rows: withoutRepeats(rows, (row) => row.code || `#${row.row}`, '户编号', errors), errors };
}

/** The member rows of a sheet (header first): one role a row; a member with two roles has two rows. */
export function parseMemberSheet(sheet: readonly SheetRow[]): ParsedSheet<MemberRowInput> {
  const [header, ...body] = sheet;
  const found = columnsOf(header, MEMBER_COLUMNS);
  if ('errors' in found) return { rows: [], errors: found.errors };
  const cell = (row: SheetRow, key: (typeof MEMBER_COLUMNS)[number]['key']) => {
    const i = found.index.get(key);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const errors: SheetError[] = [];
  const rows: MemberRowInput[] = [];
  for (const row of body) {
    if (isBlank(row)) continue;
    const before = errors.length;
    const party = parseYesNo(cell(row, 'isPartyMember'));
    if (party === undefined) errors.push(sheetError(row.row, `党员须填“是”或“否”（现为“${cell(row, 'isPartyMember')}”）`));
    const roleText = cell(row, 'role');
    const role = roleText === '' ? null : parseRole(roleText);
    if (role === undefined) errors.push(sheetError(row.row, `岗位未知：“${roleText}”（可用：${Object.values(ROLE_NAMES).join('、')}）`));
    if (errors.length > before) continue;
    rows.push({
      row: row.row,
      name: cell(row, 'name'),
      phone: cell(row, 'phone'),
      isPartyMember: party ?? false,
      skills: cell(row, 'skills').split(LIST_SEPARATORS).filter(Boolean),
      role: role ?? null,
      unit: cell(row, 'unit') || null,
    });
  }
  return { rows: withoutRepeats(rows, (row) => `${row.phone}|${row.role ?? ''}|${row.unit ?? ''}`, '手机号、岗位与任职单位', errors), errors };
}

/** Consecutive chunks of at most `maxRows` rows whose JSON stays under `maxBytes` (the subgraph's body limit). */
export function chunksOf<T>(rows: readonly T[], maxRows: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The errors in row order, each once. */
export function sortedErrors(errors: readonly SheetError[]): string[] {
  return [...new Set([...errors].sort((a, b) => a.row - b.row).map((error) => error.message))];
}

/**
 * RFC 4180 CSV (UTF-8, a BOM is dropped): quoted fields with `""`, commas and
 * line breaks inside quotes; CRLF or LF. Every row with its number from 1.
 */
export function parseCsv(text: string): SheetRow[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(field);
    rows.push({ row: rows.length + 1, cells });
    cells = [];
    field = '';
  };
  while (i < source.length) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && source[i + 1] === '\n') i += 1;
    } else field += char;
    i += 1;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}
