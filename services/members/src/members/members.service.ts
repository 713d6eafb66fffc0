import { Injectable } from '@nestjs/common';
import { createEvent, memberState, type EventProducer, type OutboxRelay } from '@steward/events';
import { NotFoundError, parseInput } from '@steward/errors';
import {
  BackgroundTasks,
  InjectLogger,
  InjectProducer,
  registerOutboxRelay,
  toPage,
  toPageRequest,
  type Logger,
  type Page,
  type PageArgs,
} from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { OrgTree } from '@steward/replicas';
import { z } from 'zod';
import type { AssignRoleInput, CreateMemberInput, MemberFilter } from './member.input';
import type { Assignment, Member } from './member.model';
import { MemberRepository } from './member.repository';
import type { AssignmentDocument, MemberDocument } from './member.schema';
import { checkAssignment, checkEnd, MAINLAND_MOBILE_PATTERN, MEMBER_ROLES } from './member-rules';

const createInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(50),
  phone: z.string().trim().regex(MAINLAND_MOBILE_PATTERN, 'must be an 11-digit mainland mobile number'),
  isPartyMember: z.boolean().nullish().transform((value) => value ?? false),
  skills: z
    .array(z.string().trim().min(1, 'must not be empty').max(30))
    .max(20)
    .nullish()
    .transform((skills) => [...new Set(skills ?? [])]),
});

/** GraphQL's DateTime scalar hands over an Invalid Date for an unparsable string; refuse it with a clear message. */
const dateSchema = z.date({ error: 'must be an ISO-8601 date-time, e.g. 2026-11-30T08:00:00+08:00' });

const assignRoleInputSchema = z.object({
  memberId: z.string().min(1),
  unitId: z.string().min(1),
  role: z.enum(MEMBER_ROLES),
  from: dateSchema.nullish(),
});

const idSchema = z.string().min(1, 'must not be empty');

export function toAssignment(doc: AssignmentDocument): Assignment {
  return { id: doc.id, unitId: doc.unitId, role: doc.role, from: doc.from, to: doc.to ?? null };
}

export function toMember(doc: MemberDocument): Member {
  return {
    id: doc._id,
    name: doc.name,
    phone: doc.phone,
    isPartyMember: doc.isPartyMember,
    skills: doc.skills,
    status: doc.status,
    assignments: doc.assignments.map(toAssignment),
  };
}

type MemberState = Omit<MemberDocument, 'outbox' | 'createdAt' | 'updatedAt'>;

/** The member's full state for the compacted topic; the phone (PII) stays home. */
function stateEvent(doc: MemberState) {
  return createEvent(memberState, {
    subject: doc._id,
    aggregateVersion: doc.version,
    data: {
      id: doc._id,
      name: doc.name,
      isPartyMember: doc.isPartyMember,
      status: doc.status,
      assignments: doc.assignments.map((a) => ({
        id: a.id,
        orgUnitId: a.unitId,
        role: a.role,
        from: a.from.toISOString(),
        to: a.to ? a.to.toISOString() : null,
      })),
    },
  });
}

@Injectable()
export class MembersService {
  private readonly relay: OutboxRelay;

  constructor(
    private readonly repository: MemberRepository,
    private readonly orgTree: OrgTree,
    tasks: BackgroundTasks,
    @InjectProducer() producer: EventProducer,
    @InjectLogger() logger: Logger,
  ) {
    this.relay = registerOutboxRelay(tasks, { collection: repository.collection, producer, logger });
  }

  async findById(id: string): Promise<Member | null> {
    const doc = await this.repository.findById(id);
    return doc ? toMember(doc) : null;
  }

  async list(filter: MemberFilter = {}, pageArgs: PageArgs = {}): Promise<Page<Member>> {
    const page = toPageRequest(pageArgs);
    const query = {
      within: filter.within ?? undefined,
      role: filter.role ?? undefined,
      isPartyMember: filter.isPartyMember ?? undefined,
    };
    const { rows, total } = await this.repository.page(query, page, new Date());
    return toPage(rows.map(toMember), page.limit, total);
  }

  async create(rawInput: CreateMemberInput): Promise<Member> {
    const input = parseInput(createInputSchema, rawInput);
    const member: MemberState = {
      _id: uuidv7(),
      name: input.name,
      phone: input.phone,
      isPartyMember: input.isPartyMember,
      skills: input.skills,
      status: 'ACTIVE',
      assignments: [],
      version: 1,
    };
    await this.repository.insert(member, [stateEvent(member)]);
    this.relay.kick();
    return toMember({ ...member, outbox: [], createdAt: new Date(), updatedAt: new Date() });
  }

  /** Gives a member a role on an org unit, checked against the local replica of the org tree. */
  async assignRole(rawInput: AssignRoleInput): Promise<Member> {
    const input = parseInput(assignRoleInputSchema, rawInput);
    const doc = await this.repository.findById(input.memberId);
    if (!doc) throw new NotFoundError('Member', input.memberId);
    const unit = this.orgTree.unit(input.unitId);
    const orgPath = this.orgTree.pathOf(input.unitId);
    if (!unit || !orgPath) throw new NotFoundError('OrgUnit', input.unitId);

    const from = input.from ?? new Date();
    const assignments = doc.assignments.map((a) => ({ ...a, to: a.to ?? null }));
    checkAssignment(
      { id: doc._id, isPartyMember: doc.isPartyMember, status: doc.status, assignments },
      { id: unit.id, level: unit.level, status: unit.status },
      input.role,
      from,
    );
    const next = [...assignments, { id: uuidv7(), unitId: unit.id, orgPath, role: input.role, from, to: null }];
    return this.saveAssignments(doc, next);
  }

  /** Ends an assignment at `to` (default now). */
  async endAssignment(rawId: string, rawTo?: Date | null): Promise<Member> {
    const id = parseInput(idSchema, rawId, 'id');
    const to = rawTo === undefined || rawTo === null ? new Date() : parseInput(dateSchema, rawTo, 'to');
    const doc = await this.repository.findByAssignmentId(id);
    if (!doc) throw new NotFoundError('Assignment', id);
    const assignments = doc.assignments.map((a) => ({ ...a, to: a.to ?? null }));
    const target = assignments.find((a) => a.id === id);
    if (!target) throw new NotFoundError('Assignment', id);
    checkEnd(target, to);
    return this.saveAssignments(
      doc,
      assignments.map((a) => (a.id === id ? { ...a, to } : a)),
    );
  }

  /** New assignments + version + one state event, in one guarded single-document update. */
  private async saveAssignments(doc: MemberDocument, assignments: AssignmentDocument[]): Promise<Member> {
    const next: MemberState = { ...doc, assignments, version: doc.version + 1 };
    await this.repository.updateAssignments(doc._id, doc.version, assignments, [stateEvent(next)]);
    this.relay.kick();
    return toMember({ ...next, outbox: [], createdAt: doc.createdAt, updatedAt: new Date() });
  }
}
