import { Injectable } from '@nestjs/common';
import { ALL_UNITS, type Access, type OrgScope } from '@steward/auth';
import { BadUserInputError, NotFoundError, parseInput } from '@steward/errors';
import { HouseholdRegistry, MemberDirectory, OrgTree } from '@steward/replicas';
import { readByIds, type BatchResult } from '@steward/persistence';
import { toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { assertMayRecordVisit } from '../domain/visits-access';
import { DutyRulesRepository } from '../persistence/duty-rules.repository';
import { revisionAfter, visitEventsFor, type VisitSnapshot } from '../events/visit-events';
import type { CompleteVisitInput, LogVisitInput } from '../graphql/visit.input';
import type { VisitLog } from '../graphql/visit.model';
import { VisitRepository, type VisitFields, type VisitQuery } from '../persistence/visit.repository';
import { checkVisit, initialStatus, requireTransition, type VisitDraft, type VisitRuleContext } from '../domain/visit-rules';
import type { VisitDocument } from '../persistence/visit.schema';
import { MANUAL_VISIT_KINDS } from '../domain/visit-terms';

export function toVisitLog(doc: VisitDocument): VisitLog {
  return {
    id: doc._id,
    kind: doc.kind,
    status: doc.status,
    startedAt: doc.startedAt ?? null,
    endedAt: doc.endedAt ?? null,
    visitedAt: doc.visitedAt ?? doc.startedAt ?? doc.endedAt ?? null,
    notes: doc.notes ?? null,
    photos: doc.photos ?? [],
    geo: doc.geo ?? null,
    cancelledAt: doc.cancelledAt ?? null,
    cancelReason: doc.cancelReason ?? null,
    revision: doc.revision ?? 0,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    memberId: doc.memberId,
    gridId: doc.gridId,
    orgPath: doc.orgPath ?? [],
    householdIds: doc.householdIds ?? [],
    ticketId: doc.ticketId ?? null,
  };
}

/** Households one visit may reach. */
export const MAX_HOUSEHOLDS_PER_VISIT = 200;

const entityId = z.string().trim().min(1).max(100);
const householdIds = z
  .array(entityId)
  .max(MAX_HOUSEHOLDS_PER_VISIT)
  .refine((ids) => new Set(ids).size === ids.length, 'each household once');
const photos = z.array(z.string().trim().min(1).max(2048)).max(20);
const notes = z.string().trim().max(2000);
const geo = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

const logVisitSchema = z
  .object({
    memberId: entityId.optional(),
    gridId: entityId,
    kind: z.enum(MANUAL_VISIT_KINDS, { error: 'one of ROUTINE, FOLLOW_UP, AID, PARTY_ACTIVITY (TICKET_HANDLING visits come from tickets)' }).default('ROUTINE'),
    householdIds: householdIds.default([]),
    startedAt: z.date().optional(),
    endedAt: z.date().optional(),
    notes: notes.optional(),
    photos: photos.default([]),
    geo: geo.optional(),
  })
  .refine((input) => !input.endedAt || input.startedAt, { message: 'an ended visit needs startedAt', path: ['endedAt'] });

const completeVisitSchema = z.object({
  startedAt: z.date().optional(),
  endedAt: z.date().optional(),
  householdIds: householdIds.optional(),
  notes: notes.optional(),
  photos: photos.optional(),
  geo: geo.optional(),
});

const reasonSchema = z.string().trim().min(1, 'give a reason').max(500);

/**
 * Visit logs: queries inside the caller's read scope, and the manual
 * lifecycle under the rules in visit-rules.ts for callers holding
 * visits:record on the visit's grid (grid roles: their own visits only).
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly repository: VisitRepository,
    private readonly dutyRules: DutyRulesRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    private readonly households: HouseholdRegistry,
  ) {}

  async findById(id: string, scope: OrgScope): Promise<VisitLog | null> {
    const doc = await this.repository.findById(id, scope);
    return doc ? toVisitLog(doc) : null;
  }

  /** `findById` of each id at once (one query), in the ids' order; an error is that id's alone. For entity references. */
  findByIds(ids: readonly string[], scope: OrgScope): Promise<BatchResult<VisitLog>[]> {
    return readByIds(ids, (id) => id, (valid) => this.repository.findByIds(valid, scope), toVisitLog);
  }

  /** The visits of each ticket (oldest first), in the order of `ticketIds`, in one query. */
  async forTickets(ticketIds: readonly string[], scope: OrgScope): Promise<VisitLog[][]> {
    const byTicket = new Map<string, VisitLog[]>(ticketIds.map((id) => [id, []]));
    for (const doc of await this.repository.findByTickets(ticketIds, scope)) if (doc.ticketId) byTicket.get(doc.ticketId)?.push(toVisitLog(doc));
    return ticketIds.map((id) => byTicket.get(id) ?? []);
  }

  async list(filter: VisitQuery, scope: OrgScope, pageArgs: PageArgs): Promise<Page<VisitLog>> {
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw new BadUserInputError('from must be before to', [{ path: 'filter.to', message: 'not after from' }]);
    }
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, scope, page);
    return toPage(rows.map(toVisitLog), page.limit, total);
  }

  /** When a completed visit inside `scope` last reached each household, in the order of `householdIds`, in one read. */
  async lastVisitedAt(householdIds: readonly string[], scope: OrgScope): Promise<(Date | null)[]> {
    const last = await this.repository.lastVisitedAt(householdIds, scope);
    return householdIds.map((id) => last.get(id) ?? null);
  }

  async logVisit(access: Access, raw: LogVisitInput, now = new Date()): Promise<VisitLog> {
    access.authenticated();
    const input = parseInput(logVisitSchema, raw);
    const memberId = input.memberId ?? access.actorId();
    const orgPath = this.orgTree.pathOf(input.gridId) ?? [input.gridId];
    assertMayRecordVisit(access, memberId, orgPath);
    const startedAt = input.startedAt ?? null;
    const endedAt = input.endedAt ?? null;
    const fields: VisitFields = {
      memberId,
      gridId: input.gridId,
      orgPath,
      kind: input.kind,
      status: initialStatus(startedAt, endedAt),
      ticketId: null,
      householdIds: input.householdIds,
      startedAt,
      endedAt,
      visitedAt: startedAt,
      notes: input.notes ?? null,
      photos: input.photos,
      geo: input.geo ?? null,
      cancelledAt: null,
      cancelReason: null,
      recordedBy: access.actorId(),
    };
    return this.repository.oneChangeOfMember(fields.memberId, async () => {
      await this.check({ id: null, ...fields }, now);
      const id = uuidv7();
      const events = visitEventsFor(null, { id, ...fields }, 0, now);
      const revision = revisionAfter(0, events);
      await this.repository.insert(id, fields, events, revision);
      return toVisitLog({ _id: id, ...fields, revision, createdAt: now, updatedAt: now });
    });
  }

  startVisit(access: Access, id: string, at: Date | undefined, now = new Date()): Promise<VisitLog> {
    return this.asOnlyChangeOfMember(access, id, async (doc) => {
      requireTransition({ ...doc, id: doc._id }, 'start');
      const startedAt = at ?? now;
      await this.check({ ...this.draftOf(doc), status: 'IN_PROGRESS', startedAt }, now);
      return this.change(access, doc, { status: 'IN_PROGRESS', startedAt, visitedAt: startedAt }, now);
    });
  }

  async completeVisit(access: Access, id: string, raw: CompleteVisitInput | undefined, now = new Date()): Promise<VisitLog> {
    access.authenticated();
    const input = parseInput(completeVisitSchema, raw ?? {});
    return this.asOnlyChangeOfMember(access, id, async (doc) => {
      requireTransition({ ...doc, id: doc._id }, 'complete');
      const startedAt = input.startedAt ?? doc.startedAt;
      if (!startedAt) {
        throw new BadUserInputError(`Visit ${id} was never started: give startedAt`, [
          { path: 'input.startedAt', message: 'required for a visit that was only planned' },
        ]);
      }
      const change: Partial<VisitFields> = {
        status: 'COMPLETED',
        startedAt,
        endedAt: input.endedAt ?? now,
        visitedAt: startedAt,
        householdIds: input.householdIds ?? doc.householdIds,
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.photos !== undefined ? { photos: input.photos } : {}),
        ...(input.geo !== undefined ? { geo: input.geo } : {}),
      };
      await this.check({ ...this.draftOf(doc), ...change, status: 'COMPLETED' }, now);
      return this.change(access, doc, change, now);
    });
  }

  async cancelVisit(access: Access, id: string, rawReason: string, now = new Date()): Promise<VisitLog> {
    access.authenticated();
    const reason = parseInput(reasonSchema, rawReason, 'reason');
    return this.asOnlyChangeOfMember(access, id, async (doc) => {
      requireTransition({ ...doc, id: doc._id }, 'cancel');
      return this.change(access, doc, { status: 'CANCELLED', cancelledAt: now, cancelReason: reason }, now);
    });
  }

  /**
   * Runs `work` on the visit as read while holding its member's claim (the
   * only hand-logged change of that member's visits in any instance, so two
   * requests cannot both pass the overlap rule), once the caller may change it.
   */
  private async asOnlyChangeOfMember<T>(access: Access, id: string, work: (doc: VisitDocument) => Promise<T>): Promise<T> {
    access.authenticated();
    const { memberId, orgPath } = await this.load(id);
    assertMayRecordVisit(access, memberId, orgPath ?? []);
    return this.repository.oneChangeOfMember(memberId, async () => work(await this.load(id)));
  }

  /** The visit whatever the caller's read scope: mutations check visits:record on it instead. */
  private async load(id: string): Promise<VisitDocument> {
    const doc = await this.repository.findById(id, ALL_UNITS);
    if (!doc) throw new NotFoundError('Visit', id);
    return doc;
  }

  private draftOf(doc: VisitDocument): VisitDraft {
    return {
      id: doc._id,
      memberId: doc.memberId,
      gridId: doc.gridId,
      kind: doc.kind,
      status: doc.status,
      householdIds: doc.householdIds,
      startedAt: doc.startedAt,
      endedAt: doc.endedAt,
    };
  }

  /** Stores the change with its events in one update guarded by the revision read. */
  private async change(access: Access, doc: VisitDocument, raw: Partial<VisitFields>, now: Date): Promise<VisitLog> {
    const set: Partial<VisitFields> = { ...raw, recordedBy: access.actorId() };
    const after = { ...doc, ...set };
    const snapshot: VisitSnapshot = { id: doc._id, ...after };
    const revision = doc.revision ?? 0;
    const events = visitEventsFor(doc, snapshot, revision, now);
    const next = revisionAfter(revision, events);
    await this.repository.updateOrConflict(doc._id, revision, next, set, events);
    return toVisitLog({ ...after, revision: next, updatedAt: now });
  }

  private async check(draft: VisitDraft, now: Date): Promise<void> {
    const rules = await this.dutyRules.current();
    const ctx: VisitRuleContext = {
      now,
      unit: (id) => this.orgTree.unit(id),
      rolesAt: (memberId, unitId, at) => this.members.rolesAt(memberId, unitId, at),
      householdGrid: (id) => this.households.household(id)?.gridId,
      rolesFromAbove: new Set(rules.rules.map((rule) => rule.role)),
    };
    // the overlap rule weighs all the member's visits, whoever may read them
    const others = draft.startedAt ? await this.repository.overlapCandidates(draft.memberId, draft.startedAt, draft.endedAt, ALL_UNITS) : [];
    checkVisit(draft, ctx, others.map((other) => ({ ...other, id: other._id })));
  }
}
