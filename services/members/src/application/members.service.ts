import { Injectable } from '@nestjs/common';
import { assertCanGrant, scopeBelow, type Access } from '@steward/auth';
import { ConflictError, NotFoundError, parseInput } from '@steward/errors';
import { readByIds, retry, RetryPolicies, type BatchResult } from '@steward/persistence';
import { repathEach, toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { OrgTree } from '@steward/replicas';
import type { AssignRoleInput, CreateMemberInput, MemberFilter, UpdateMemberInput } from '../graphql/member.input';
import type { Assignment, Member } from '../graphql/member.model';
import { MemberRepository, SYSTEM_SCOPE, type MemberChanges } from '../persistence/member.repository';
import { assertCanManageMember, memberPaths } from '../domain/member-access';
import type { AssignmentDocument, MemberDocument } from '../persistence/member.schema';
import { memberStateEvent, type MemberState } from '../events/member-state';
import { liveEndedSessions, nextCredentialsVersion, withEndedSession } from '../domain/session-rules';
import { repathAssignments } from '../domain/member-repath';
import {
  assignRoleInputSchema,
  checkAssignment,
  checkEnd,
  checkMemberUpdate,
  createMemberInputSchema,
  dateSchema,
  idSchema,
  isActiveAt,
  MEMBER_ROLES,
  updateMemberInputSchema,
  type MemberFacts,
  type MemberRole,
} from '../domain/member-rules';

const optionalDateSchema = dateSchema.nullish();
const optionalRoleSchema = z.enum(MEMBER_ROLES).nullish();

export function toAssignment(doc: AssignmentDocument): Assignment {
  return { id: doc.id, unitId: doc.unitId, role: doc.role, from: doc.from, to: doc.to ?? null };
}

export function toMember(doc: MemberDocument): Member {
  return {
    orgPaths: memberPaths(doc),
    id: doc._id,
    name: doc.name,
    phone: doc.phone,
    isPartyMember: doc.isPartyMember,
    skills: doc.skills,
    status: doc.status,
    assignments: doc.assignments.map(toAssignment),
  };
}

/** The rule inputs of a stored member; `to` is normalised to null for documents written without it. */
function factsOf(doc: MemberDocument): Omit<MemberFacts, 'assignments'> & { assignments: AssignmentDocument[] } {
  return {
    id: doc._id,
    isPartyMember: doc.isPartyMember,
    status: doc.status,
    assignments: doc.assignments.map((a) => ({ ...a, to: a.to ?? null })),
  };
}

@Injectable()
export class MembersService {
  constructor(
    private readonly repository: MemberRepository,
    private readonly orgTree: OrgTree,
  ) {}

  /** null when unknown; FORBIDDEN when the member serves (or served) only outside the caller's units. */
  async findById(access: Access, rawId: string): Promise<Member | null> {
    const scope = access.readScope();
    const doc = await this.repository.findById(parseInput(idSchema, rawId, 'id'), scope);
    return doc ? toMember(doc) : null;
  }

  /** `findById` of each id at once (one query), in the ids' order; an error is that id's alone. For entity references. */
  findByIds(access: Access, rawIds: readonly string[]): Promise<BatchResult<Member>[]> {
    const scope = access.readScope();
    return readByIds(rawIds, (raw) => parseInput(idSchema, raw, 'id'), (ids) => this.repository.findByIds(ids, scope), toMember);
  }

  /** The members the caller may see; totalCount counts only those. */
  async list(access: Access, filter: MemberFilter = {}, pageArgs: PageArgs = {}): Promise<Page<Member>> {
    // a subtree inside the caller's units needs no second placement condition
    const scope = scopeBelow(access.readScope(), filter.within ? this.orgTree.pathOf(filter.within) : undefined);
    const page = toPageRequest(pageArgs);
    const query = {
      within: filter.within ?? undefined,
      role: filter.role ?? undefined,
      isPartyMember: filter.isPartyMember ?? undefined,
      status: filter.status ?? undefined,
      activeAt: parseInput(optionalDateSchema, filter.activeAt, 'filter.activeAt') ?? undefined,
    };
    const { rows, total } = await this.repository.page(query, page, new Date(), scope);
    return toPage(rows.map(toMember), page.limit, total);
  }

  /**
   * Who held a role on exactly `unitId` at `at` (default now): past
   * assignments that have ended still answer (谁在当时负责). Ordered by member
   * id; only members the caller may see.
   */
  async responsibleAt(access: Access, rawUnitId: string, rawRole?: MemberRole | null, rawAt?: Date | null): Promise<Member[]> {
    const scope = access.readScope();
    const unitId = parseInput(idSchema, rawUnitId, 'unitId');
    const role = parseInput(optionalRoleSchema, rawRole, 'role') ?? undefined;
    const at = parseInput(optionalDateSchema, rawAt, 'at') ?? new Date();
    const docs = await this.repository.findByAssignedUnit(unitId, scope, role);
    return docs
      .filter((doc) =>
        factsOf(doc).assignments.some((a) => a.unitId === unitId && (!role || a.role === role) && isActiveAt(a, at)),
      )
      .map(toMember);
  }

  /** Needs members:manage on some unit: the new member holds no role yet; the caller is recorded as who registered them. */
  async create(access: Access, rawInput: CreateMemberInput): Promise<Member> {
    access.scopeFor('members:manage');
    const input = parseInput(createMemberInputSchema, rawInput);
    const member: MemberState = {
      _id: uuidv7(),
      name: input.name,
      phone: input.phone,
      isPartyMember: input.isPartyMember,
      skills: input.skills,
      status: 'ACTIVE',
      assignments: [],
      createdBy: access.actorId(),
      updatedBy: access.actorId(),
      version: 1,
    };
    await this.repository.insert(member, [memberStateEvent(member)]);
    return toMember({ ...member, outbox: [], createdAt: new Date(), updatedAt: new Date() });
  }

  /**
   * Changes a member's own fields; party membership and status are checked
   * against the member's open assignments. Needs the right to manage the member
   * (see canManageMember): the sign-in phone of someone who also serves
   * elsewhere is not one unit's to change.
   */
  async update(access: Access, rawId: string, rawInput: UpdateMemberInput): Promise<Member> {
    access.authenticated();
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateMemberInputSchema, rawInput);
    const doc = await this.repository.findById(id, SYSTEM_SCOPE);
    if (!doc) throw new NotFoundError('Member', id);
    assertCanManageMember(access, doc, this.currentPath);
    checkMemberUpdate(factsOf(doc), { isPartyMember: input.isPartyMember, status: input.status }, new Date());

    const changes: MemberChanges = {};
    if (input.name !== undefined && input.name !== doc.name) changes.name = input.name;
    if (input.phone !== undefined && input.phone !== doc.phone) {
      if (await this.repository.phoneTaken(input.phone, id, SYSTEM_SCOPE)) {
        throw new ConflictError('This phone number already belongs to another member', { field: 'phone' });
      }
      changes.phone = input.phone;
    }
    if (input.isPartyMember !== undefined && input.isPartyMember !== doc.isPartyMember) changes.isPartyMember = input.isPartyMember;
    if (input.status !== undefined && input.status !== doc.status) {
      changes.status = input.status;
      // a member who leaves (离岗) is signed out everywhere
      if (input.status === 'INACTIVE') changes.credentialsVersion = nextCredentialsVersion(doc.credentialsVersion);
    }
    if (input.skills !== undefined && input.skills.join('\u0000') !== doc.skills.join('\u0000')) changes.skills = input.skills;
    if (Object.keys(changes).length === 0) return toMember(doc);
    return this.save(access, doc, changes);
  }

  /**
   * Gives a member a role on an org unit, checked against the local replica
   * of the org tree. Needs the right to manage the member (see
   * canManageMember) and, on the target unit or above, every permission the
   * role carries (judgeGrant: nobody grants more than they hold; ADMIN only
   * from an administrator).
   */
  async assignRole(access: Access, rawInput: AssignRoleInput): Promise<Member> {
    access.authenticated();
    const input = parseInput(assignRoleInputSchema, rawInput);
    const doc = await this.repository.findById(input.memberId, SYSTEM_SCOPE);
    if (!doc) throw new NotFoundError('Member', input.memberId);
    assertCanManageMember(access, doc, this.currentPath);
    const unit = this.orgTree.unit(input.unitId);
    const orgPath = this.orgTree.pathOf(input.unitId);
    if (!unit || !orgPath) throw new NotFoundError('OrgUnit', input.unitId);
    assertCanGrant(access, input.role, orgPath);

    const from = input.from ?? new Date();
    const facts = factsOf(doc);
    checkAssignment(facts, { id: unit.id, level: unit.level, status: unit.status }, input.role, from);
    const assignments = [...facts.assignments, { id: uuidv7(), unitId: unit.id, orgPath, role: input.role, from, to: null }];
    return this.save(access, doc, { assignments });
  }

  /**
   * Ends an assignment at `to` (default now); it stays in the history (卸任, not
   * deleted) and the member's tokens, which carry the role, stop working. Needs
   * members:manage on the assignment's unit and the right to manage the member.
   */
  async endAssignment(access: Access, rawId: string, rawTo?: Date | null): Promise<Member> {
    access.authenticated();
    const id = parseInput(idSchema, rawId, 'id');
    const explicitTo = parseInput(optionalDateSchema, rawTo, 'to');
    const doc = await this.repository.findByAssignmentId(id, SYSTEM_SCOPE);
    if (!doc) throw new NotFoundError('Assignment', id);
    const { assignments } = factsOf(doc);
    const target = assignments.find((a) => a.id === id);
    if (!target) throw new NotFoundError('Assignment', id);
    access.assertCan('members:manage', this.currentPath(target.unitId) ?? target.orgPath);
    assertCanManageMember(access, doc, this.currentPath);
    // Without `to`, an assignment that has not started yet is called off: it ends where it begins.
    const to = explicitTo ?? new Date(Math.max(Date.now(), target.from.getTime()));
    checkEnd(target, to);
    return this.save(access, doc, {
      assignments: assignments.map((a) => (a.id === id ? { ...a, to } : a)),
      credentialsVersion: nextCredentialsVersion(doc.credentialsVersion),
    });
  }

  /**
   * Ends every token of the member (a password set or changed,
   * signOutEverywhere): raises the credentials version. The caller has
   * checked that `access` may do so. Retried on a concurrent change, since
   * the password it follows has already been written.
   */
  async endAllSessions(access: Access, memberId: string): Promise<void> {
    await this.changeWithRetry(access, memberId, (doc) => ({ credentialsVersion: nextCredentialsVersion(doc.credentialsVersion) }));
  }

  /** Ends one sign-in session of the member (signOut): its token stops working until `until`, when it would have expired. */
  async endSession(access: Access, memberId: string, sessionId: string, until: Date): Promise<void> {
    await this.changeWithRetry(access, memberId, (doc) => ({ endedSessions: withEndedSession(doc.endedSessions ?? [], sessionId, until, new Date()) }));
  }

  private async changeWithRetry(access: Access, memberId: string, changesOf: (doc: MemberDocument) => MemberChanges): Promise<void> {
    await retry(
      RetryPolicies.CONCURRENT_WRITE,
      async () => {
        const doc = await this.repository.findById(memberId, SYSTEM_SCOPE);
        if (!doc) throw new NotFoundError('Member', memberId);
        await this.save(access, doc, changesOf(doc));
      },
      { retryOn: (error) => error instanceof ConflictError },
    );
  }

  /**
   * After `unitId` moved to `path`: the assignments on it take the new path (and
   * the members' `unitPaths` with them), one guarded update and state event per
   * member that needs it, as any change of a member (see `OrgPathRepather`).
   * Returns how many members changed.
   */
  async repathUnit(unitId: string, path: readonly string[]): Promise<number> {
    return repathEach({
      candidates: await this.repository.findByAssignedUnit(unitId, SYSTEM_SCOPE),
      plan: (doc) => repathAssignments(factsOf(doc).assignments, unitId, path),
      write: (doc, assignments) => {
        const next: MemberState = { ...doc, assignments, version: doc.version + 1 };
        return this.repository.tryUpdate(doc._id, doc.version, { assignments }, [memberStateEvent(next)]);
      },
      reread: (doc) => this.repository.findById(doc._id, SYSTEM_SCOPE),
      describe: (doc) => `Member ${doc._id}`,
    });
  }

  /** A unit's path in the current org tree, for permission checks (stored paths date from the assignment). */
  private readonly currentPath = (unitId: string): string[] | undefined => this.orgTree.pathOf(unitId);

  /**
   * Changed fields + version + one state event, in one guarded single-document
   * update. Ended sessions whose tokens have expired are dropped on the way.
   */
  private async save(access: Access, doc: MemberDocument, rawChanges: MemberChanges): Promise<Member> {
    const changes: MemberChanges = { ...rawChanges, updatedBy: access.actorId() };
    const endedSessions = rawChanges.endedSessions ?? doc.endedSessions;
    if (endedSessions?.length) changes.endedSessions = liveEndedSessions(endedSessions, new Date());
    const next: MemberState = { ...doc, ...changes, version: doc.version + 1 };
    await this.repository.update(doc._id, doc.version, changes, [memberStateEvent(next)]);
    return toMember({ ...next, outbox: [], createdAt: doc.createdAt, updatedAt: new Date() });
  }
}
