import type { OrgUnitSnapshot } from '@steward/replicas';
import { DomainError } from '@steward/errors';

/**
 * Row errors of a spreadsheet import (电子表格导入): every row is checked
 * before anything is written, and all errors are answered at once, in
 * Chinese, each naming its row and column (`行 12: 联系电话格式错误…`).
 */
export interface ImportRowError {
  /** the spreadsheet row (1 is the header row) */
  row: number;
  /** the input field, e.g. `phone` */
  field: string;
  /** the whole text: `行 12: 联系电话格式错误（…）` */
  message: string;
  /** FORBIDDEN for a role the caller may not grant; BAD_USER_INPUT otherwise */
  code: 'BAD_USER_INPUT' | 'FORBIDDEN';
}

/** Counts of an import: a re-import of the same file answers all unchanged. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The most rows one import call takes (clients send bigger files in chunks). */
export const MAX_IMPORT_ROWS = 1000;

/** One row error; `label` is the column's Chinese name, `problem` what is wrong, e.g. `格式错误（…）`. */
export function rowError(row: number, field: string, label: string, problem: string, code: ImportRowError['code'] = 'BAD_USER_INPUT'): ImportRowError {
  return { row, field, code, message: `行 ${row}: ${label}${problem}` };
}

/**
 * BAD_USER_INPUT with every row error: `extensions.errors` lists the texts in
 * row order, `extensions.rows` the structured errors. Nothing was written.
 */
export class ImportRowsError extends DomainError {
  constructor(errors: readonly ImportRowError[]) {
    const sorted = [...errors].sort((a, b) => a.row - b.row);
    super('BAD_USER_INPUT', `导入数据有 ${sorted.length} 处错误，未写入任何数据 (${sorted.length} row errors: nothing was written)`, {
      errors: sorted.map((error) => error.message),
      rows: sorted,
    });
  }
}

/** The rows whose `key` repeats an earlier row's: `<label>重复（与行 n 相同）`. */
export function duplicateRows<T extends { row: number }>(rows: readonly T[], keyOf: (row: T) => string | undefined, field: string, label: string): ImportRowError[] {
  const first = new Map<string, number>();
  const errors: ImportRowError[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined || key === '') continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, row.row);
    else errors.push(rowError(row.row, field, label, `重复（与行 ${earlier} 相同）`));
  }
  return errors;
}

/** Checks a required text cell: empty, or longer than `max` characters. */
export function textProblem(value: string | null | undefined, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text.length === 0) return '不能为空';
  if (text.length > max) return `过长（最多 ${max} 字）`;
  return null;
}

/**
 * The units `include` keeps, found by id, division code (区划代码) or name:
 * the units a cell names (more than one: the name is ambiguous).
 */
export function unitsByReference(units: Iterable<OrgUnitSnapshot>, include: (unit: OrgUnitSnapshot) => boolean): (ref: string) => OrgUnitSnapshot[] {
  const byKey = new Map<string, OrgUnitSnapshot[]>();
  for (const unit of units) {
    if (!include(unit)) continue;
    for (const key of new Set([unit.id, unit.code, unit.name])) {
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), unit]);
    }
  }
  return (ref) => byKey.get(ref.trim()) ?? [];
}
