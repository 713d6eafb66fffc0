import { Inject, Injectable } from '@nestjs/common';
import { judgeGrant, type Access } from '@steward/auth';
import { ConflictError, DomainError } from '@steward/errors';
import type { orgUnitState } from '@steward/events';
import { OrgTree, type StateReplica } from '@steward/replicas';
import { ORG_UNITS_REPLICA } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { ImportRowsError, rowError, type ImportCounts, type ImportRowError } from '../domain/import-rows';
import { canManageMember } from '../domain/member-access';
import { MEMBER_IMPORT_LABELS as L, unitLookupOf, validateMemberRows, type ImportedMemberRow, type MemberImportRow } from '../domain/member-import';
import { checkAssignment, checkMemberUpdate, isActiveAt } from '../domain/member-rules';
import { memberStateEvent, type MemberState } from '../events/member-state';
import { MemberRepository, type MemberChanges } from '../persistence/member.repository';
import type { AssignmentDocument, MemberDocument } from '../persistence/member.schema';
import { importScope } from './household-import.service';

/** A rule's message for a row: the rules speak English with the Chinese term; the row error keeps it whole. */
function ruleProblem(error: unknown): string | null {
  return error instanceof DomainError ? `不符合规则：${error.message}` : null;
}

interface MemberWrite {
  doc: MemberDocument | null;
  state: MemberState;
  changes: MemberChanges;
}

/**
 * Member imports (导入人员) with their roles, by phone (手机号): a new phone
 * is a new member, registered by the caller; a known one is changed only
 * where the caller may manage them (as updateMember). Each role row follows
 * assignRole's rules: the role fits the unit, and the caller holds on the
 * unit every permission the role carries (授权不越权, judgeGrant), or that
 * row is refused (FORBIDDEN). Every row is checked before anything is written.
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly repository: MemberRepository,
    private readonly orgTree: OrgTree,
    @Inject(ORG_UNITS_REPLICA) private readonly units: StateReplica<typeof orgUnitState.schema>,
  ) {}

  async import(access: Access, rawTownshipId: string, rawRows: readonly MemberImportRow[], dryRun: boolean): Promise<ImportCounts> {
    const { townshipId, units } = importScope(access, this.orgTree, this.units, rawTownshipId, rawRows);
    const lookup = unitLookupOf(units, townshipId);
    const { members, errors } = validateMemberRows(rawRows, lookup);
    const stored = new Map((await this.repository.findByPhones([...new Set(members.map((m) => m.phone))])).map((doc) => [doc.phone, doc]));
    const now = new Date();
    const actor = access.actorId();
    const writes = new Map<string, MemberWrite>();
    let unchanged = 0;
    const byPhone = new Map<string, ImportedMemberRow[]>();
    for (const row of members) byPhone.set(row.phone, [...(byPhone.get(row.phone) ?? []), row]);

    for (const [phone, rows] of byPhone) {
      const [first] = rows;
      const doc = stored.get(phone) ?? null;
      const state: MemberState = doc
        ? { ...doc }
        : { _id: uuidv7(), name: first.name, phone, isPartyMember: first.isPartyMember, skills: first.skills, status: 'ACTIVE', assignments: [], createdBy: actor, updatedBy: actor, version: 1 };
      const changes: MemberChanges = {};
      const rowErrors: ImportRowError[] = [];
      if (doc) {
        if (doc.name !== first.name) changes.name = first.name;
        if (first.skills.length > 0 && first.skills.join('\u0000') !== doc.skills.join('\u0000')) changes.skills = first.skills;
        if (doc.isPartyMember !== first.isPartyMember) {
          changes.isPartyMember = first.isPartyMember;
          try {
            checkMemberUpdate(factsOf(doc), { isPartyMember: first.isPartyMember }, now);
          } catch (error) {
            const problem = ruleProblem(error);
            if (!problem) throw error;
            rowErrors.push(rowError(first.row, 'isPartyMember', L.isPartyMember, problem));
          }
        }
      }
      let assignments: AssignmentDocument[] = [...state.assignments];
      for (const row of rows) {
        if (!row.role) continue;
        const { role, unit, path } = row.role;
        if (assignments.some((a) => a.unitId === unit.id && a.role === role && isActiveAt({ ...a, to: a.to ?? null }, now))) continue;
        const verdict = judgeGrant(access, role, this.orgTree.pathOf(unit.id) ?? path);
        if (!verdict.allowed) {
          rowErrors.push(rowError(row.row, 'role', L.role, `越权授予（${role}）：${verdict.reason}`, 'FORBIDDEN'));
          continue;
        }
        try {
          checkAssignment(
            { id: state._id, isPartyMember: changes.isPartyMember ?? state.isPartyMember, status: state.status, assignments: assignments.map((a) => ({ ...a, to: a.to ?? null })) },
            { id: unit.id, level: unit.level, status: unit.status },
            role,
            now,
          );
        } catch (error) {
          const problem = ruleProblem(error);
          if (!problem) throw error;
          rowErrors.push(rowError(row.row, 'role', L.role, problem));
          continue;
        }
        assignments = [...assignments, { id: uuidv7(), unitId: unit.id, orgPath: path, role, from: now, to: null }];
      }
      if (assignments.length !== state.assignments.length) changes.assignments = assignments;
      if (doc && Object.keys(changes).length > 0 && !canManageMember(access, doc, (id) => this.orgTree.pathOf(id), now)) {
        rowErrors.push(rowError(first.row, 'phone', L.phone, `对应的人员在本单位管辖范围之外，不能修改（${phone.slice(0, 3)}****${phone.slice(-4)}）`, 'FORBIDDEN'));
      }
      errors.push(...rowErrors);
      if (rowErrors.length > 0) continue;
      if (doc && Object.keys(changes).length === 0) unchanged += 1;
      else writes.set(phone, { doc, state, changes });
    }
    if (errors.length > 0) throw new ImportRowsError(errors);
    const counts = { created: [...writes.values()].filter((w) => !w.doc).length, updated: [...writes.values()].filter((w) => w.doc).length, unchanged };
    if (dryRun) return counts;

    for (const { doc, state, changes } of writes.values()) {
      if (!doc) {
        const member: MemberState = { ...state, ...changes };
        await this.repository.insert(member, [memberStateEvent(member)]);
        continue;
      }
      const set: MemberChanges = { ...changes, updatedBy: actor };
      const next: MemberState = { ...doc, ...set, version: doc.version + 1 };
      const saved = await this.repository.tryUpdate(doc._id, doc.version, set, [memberStateEvent(next)]);
      if (!saved) throw new ConflictError(`Member ${doc._id} was changed by someone else meanwhile; import the file again (已导入的行不会重复写入)`);
    }
    return counts;
  }
}

function factsOf(doc: MemberDocument) {
  return { id: doc._id, isPartyMember: doc.isPartyMember, status: doc.status, assignments: doc.assignments.map((a) => ({ ...a, to: a.to ?? null })) };
}
