import type { OrgUnitSnapshot } from '@steward/replicas';
import { duplicateRows, rowError, textProblem, unitsByReference, type ImportRowError } from './import-rows';
import { MEMBER_ROLES, type MemberRole } from './member-rules';
import { MAINLAND_MOBILE_PATTERN } from './phone';

/** One member row of an import (导入人员): the phone (手机号) is the natural key; one row per role held. */
export interface MemberImportRow {
  row: number;
  name: string;
  phone: string;
  isPartyMember?: boolean | null;
  skills?: readonly string[] | null;
  /** the role (岗位) to hold, with `unit`; none: the member only */
  role?: MemberRole | null;
  /** the unit (任职单位) of the role: id, division code or name, inside the township (the township itself included) */
  unit?: string | null;
}

/** The Chinese column names rows are reported by. */
export const MEMBER_IMPORT_LABELS = {
  name: '姓名',
  phone: '手机号',
  isPartyMember: '党员',
  skills: '特长',
  role: '岗位',
  unit: '任职单位',
} as const;

/** A valid member row, its unit resolved. */
export interface ImportedMemberRow {
  row: number;
  name: string;
  phone: string;
  isPartyMember: boolean;
  skills: string[];
  role: { role: MemberRole; unit: OrgUnitSnapshot; path: string[] } | null;
}

/** A unit named by a row: the unit, or the Chinese problem. */
export type UnitLookup = (ref: string) => { unit: OrgUnitSnapshot; path: string[] } | { problem: string };

/** The units of the township's subtree and the township itself, by id, division code or name (a shared name is ambiguous). */
export function unitLookupOf(units: Iterable<OrgUnitSnapshot>, townshipId: string): UnitLookup {
  const find = unitsByReference(units, (unit) => unit.id === townshipId || unit.ancestors.includes(townshipId));
  return (ref) => {
    const found = find(ref);
    if (found.length === 0) return { problem: `不存在：本乡镇没有单位“${ref}”（填单位名称、区划代码或 id）` };
    if (found.length > 1) return { problem: `不唯一：本乡镇有 ${found.length} 个单位叫“${ref}”，请填单位 id` };
    const [unit] = found;
    return { unit, path: [...unit.ancestors, unit.id] };
  };
}

/** Checks the cells of every row (nothing short-circuits); the rules of roles and grants are checked by the service with the stored members. */
export function validateMemberRows(rows: readonly MemberImportRow[], lookup: UnitLookup): { members: ImportedMemberRow[]; errors: ImportRowError[] } {
  const L = MEMBER_IMPORT_LABELS;
  const errors: ImportRowError[] = duplicateRows(rows, (row) => `${row.phone?.trim()}|${row.role ?? ''}|${row.unit?.trim() ?? ''}`, 'phone', `${L.phone}、${L.role}与${L.unit}`);
  const members: ImportedMemberRow[] = [];
  // one person per phone: the rows of one phone must agree on the person
  const personOf = new Map<string, { row: number; name: string; isPartyMember: boolean }>();
  const repeated = new Set(errors.map((error) => error.row));
  for (const row of rows) {
    const before = errors.length - (repeated.has(row.row) ? 1 : 0);
    const nameProblem = textProblem(row.name, 50);
    if (nameProblem) errors.push(rowError(row.row, 'name', L.name, nameProblem));
    const phone = row.phone?.trim() ?? '';
    if (phone === '') errors.push(rowError(row.row, 'phone', L.phone, '不能为空'));
    else if (!MAINLAND_MOBILE_PATTERN.test(phone)) errors.push(rowError(row.row, 'phone', L.phone, '格式错误（须为 11 位手机号 1[3-9]xxxxxxxxx）'));
    const skills = (row.skills ?? []).map((skill) => skill.trim()).filter((skill) => skill.length > 0);
    if (skills.some((skill) => skill.length > 20) || skills.length > 20) errors.push(rowError(row.row, 'skills', L.skills, '过多或过长（最多 20 项，每项 20 字）'));
    let role: ImportedMemberRow['role'] = null;
    const unitRef = row.unit?.trim() ?? '';
    if (row.role && !MEMBER_ROLES.includes(row.role)) errors.push(rowError(row.row, 'role', L.role, `未知：“${row.role}”`));
    else if (row.role && unitRef === '') errors.push(rowError(row.row, 'unit', L.unit, '不能为空（填了岗位就要填任职单位）'));
    else if (!row.role && unitRef !== '') errors.push(rowError(row.row, 'role', L.role, '不能为空（填了任职单位就要填岗位）'));
    else if (row.role) {
      const found = lookup(unitRef);
      if ('problem' in found) errors.push(rowError(row.row, 'unit', L.unit, found.problem));
      else role = { role: row.role, unit: found.unit, path: found.path };
    }
    const isPartyMember = row.isPartyMember ?? false;
    const person = personOf.get(phone);
    if (phone !== '' && person && (person.name !== row.name?.trim() || person.isPartyMember !== isPartyMember)) {
      errors.push(rowError(row.row, 'name', L.name, `与行 ${person.row} 同一手机号但姓名或党员不同`));
    } else if (phone !== '' && !person) personOf.set(phone, { row: row.row, name: row.name?.trim() ?? '', isPartyMember });
    if (errors.length > before) continue;
    members.push({ row: row.row, name: row.name.trim(), phone, isPartyMember, skills, role });
  }
  return { members, errors };
}
