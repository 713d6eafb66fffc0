import type { OrgUnitSnapshot } from '@steward/replicas';
import type { HouseholdTag } from './household-rules';
import { duplicateRows, rowError, textProblem, unitsByReference, type ImportCounts, type ImportRowError } from './import-rows';
import { isMobileOrLandline } from './phone';

/** One household row of an import (导入户): the household code (户编号) is its natural key. */
export interface HouseholdImportRow {
  row: number;
  code: string;
  /** the grid (网格): its id, its division code or its name, unique inside the township */
  grid: string;
  head: string;
  address: string;
  size: number;
  tags?: readonly HouseholdTag[] | null;
  phone?: string | null;
}

/** The Chinese column names rows are reported by. */
export const HOUSEHOLD_IMPORT_LABELS = {
  code: '户编号',
  grid: '网格',
  head: '户主姓名',
  address: '住址',
  size: '户人口',
  tags: '标签',
  phone: '联系电话',
} as const;

/** A household as a valid row describes it, its grid resolved. */
export interface ImportedHousehold {
  row: number;
  code: string;
  gridId: string;
  orgPath: string[];
  head: string;
  address: string;
  size: number;
  tags: HouseholdTag[];
  phone: string | null;
}

/** What an import compares a row with: the stored household of the same code. */
export interface StoredHousehold extends Omit<ImportedHousehold, 'row' | 'code'> {
  _id: string;
  code?: string | null;
  version: number;
}

export const HOUSEHOLD_CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** A grid named by a row: the grid, or the Chinese problem (`不存在…`). */
export type GridLookup = (ref: string) => { id: string; path: string[] } | { problem: string };

/**
 * The active and retired GRID units of the township's subtree, found by id,
 * division code or name (a name two grids share is refused as ambiguous).
 */
export function gridLookupOf(units: Iterable<OrgUnitSnapshot>, townshipId: string): GridLookup {
  const find = unitsByReference(units, (unit) => unit.level === 'GRID' && unit.ancestors.includes(townshipId));
  return (ref) => {
    const found = find(ref);
    if (found.length === 0) return { problem: `不存在：本乡镇没有网格“${ref}”（填网格名称、编码或 id）` };
    if (found.length > 1) return { problem: `不唯一：本乡镇有 ${found.length} 个网格叫“${ref}”，请填网格 id` };
    const [grid] = found;
    if (grid.status !== 'ACTIVE') return { problem: `已撤销：网格“${ref}”不再使用` };
    return { id: grid.id, path: [...grid.ancestors, grid.id] };
  };
}

/** Checks every row (nothing short-circuits) and resolves its grid. */
export function validateHouseholdRows(rows: readonly HouseholdImportRow[], lookup: GridLookup): { households: ImportedHousehold[]; errors: ImportRowError[] } {
  const L = HOUSEHOLD_IMPORT_LABELS;
  const errors: ImportRowError[] = duplicateRows(rows, (row) => row.code?.trim(), 'code', L.code);
  const households: ImportedHousehold[] = [];
  const repeated = new Set(errors.map((error) => error.row));
  for (const row of rows) {
    const before = errors.length - (repeated.has(row.row) ? 1 : 0);
    const code = row.code?.trim() ?? '';
    if (code === '') errors.push(rowError(row.row, 'code', L.code, '不能为空'));
    else if (!HOUSEHOLD_CODE_PATTERN.test(code)) errors.push(rowError(row.row, 'code', L.code, '格式错误（1–40 位字母、数字、- 或 _）'));
    let grid: { id: string; path: string[] } | null = null;
    if (!row.grid?.trim()) errors.push(rowError(row.row, 'grid', L.grid, '不能为空'));
    else {
      const found = lookup(row.grid);
      if ('problem' in found) errors.push(rowError(row.row, 'grid', L.grid, found.problem));
      else grid = found;
    }
    for (const [field, max] of [['head', 50], ['address', 200]] as const) {
      const problem = textProblem(row[field], max);
      if (problem) errors.push(rowError(row.row, field, L[field], problem));
    }
    if (row.address?.includes('****')) errors.push(rowError(row.row, 'address', L.address, '是脱敏后的（含 ****）：导出时没有 pii:read 的文件不能导入，请填完整住址'));
    if (!Number.isInteger(row.size) || row.size < 1 || row.size > 99) errors.push(rowError(row.row, 'size', L.size, '须为 1–99 的整数'));
    const phone = row.phone?.trim() || null;
    if (phone !== null && !isMobileOrLandline(phone)) {
      errors.push(rowError(row.row, 'phone', L.phone, '格式错误（须为手机号或带区号的固定电话，如 13812345678、0555-2345678）'));
    }
    if (errors.length > before || !grid) continue;
    households.push({
      row: row.row,
      code,
      gridId: grid.id,
      orgPath: grid.path,
      head: row.head.trim(),
      address: row.address.trim(),
      size: row.size,
      tags: [...new Set(row.tags ?? [])],
      phone,
    });
  }
  return { households, errors };
}

export type HouseholdChangeSet = Partial<Pick<StoredHousehold, 'gridId' | 'orgPath' | 'head' | 'address' | 'size' | 'tags' | 'phone'>>;

/** What a valid row changes on the stored household; empty when nothing. */
export function householdChanges(stored: StoredHousehold, row: ImportedHousehold): HouseholdChangeSet {
  const changes: HouseholdChangeSet = {};
  if (stored.gridId !== row.gridId) {
    changes.gridId = row.gridId;
    changes.orgPath = row.orgPath;
  }
  if (stored.head !== row.head) changes.head = row.head;
  if (stored.address !== row.address) changes.address = row.address;
  if (stored.size !== row.size) changes.size = row.size;
  const sortedTags = (tags: readonly string[]) => [...tags].sort().join(',');
  if (sortedTags(stored.tags) !== sortedTags(row.tags)) changes.tags = row.tags;
  if ((stored.phone ?? null) !== row.phone) changes.phone = row.phone;
  return changes;
}

export interface HouseholdImportPlan<T extends StoredHousehold = StoredHousehold> extends ImportCounts {
  create: ImportedHousehold[];
  update: { stored: T; changes: HouseholdChangeSet }[];
  errors: ImportRowError[];
}

/**
 * Which rows create a household, which change one and which change nothing,
 * by the household code. A code held by a household outside the township is
 * a row error: an import never moves another township's household.
 */
export function planHouseholdImport<T extends StoredHousehold>(households: readonly ImportedHousehold[], stored: readonly T[], townshipId: string): HouseholdImportPlan<T> {
  const byCode = new Map(stored.filter((doc) => doc.code).map((doc) => [doc.code as string, doc]));
  const plan: HouseholdImportPlan<T> = { create: [], update: [], errors: [], created: 0, updated: 0, unchanged: 0 };
  for (const row of households) {
    const existing = byCode.get(row.code);
    if (!existing) {
      plan.create.push(row);
      continue;
    }
    if (!existing.orgPath.includes(townshipId)) {
      plan.errors.push(rowError(row.row, 'code', HOUSEHOLD_IMPORT_LABELS.code, `已被其他乡镇的户使用：“${row.code}”`));
      continue;
    }
    const changes = householdChanges(existing, row);
    if (Object.keys(changes).length === 0) plan.unchanged += 1;
    else plan.update.push({ stored: existing, changes });
  }
  plan.created = plan.create.length;
  plan.updated = plan.update.length;
  return plan;
}
