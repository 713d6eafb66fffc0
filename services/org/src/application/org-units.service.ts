import { Injectable } from '@nestjs/common';
import { scopeBelow, type Access, type OrgScope } from '@steward/auth';
import { NotFoundError, parseInput } from '@steward/errors';
import { readByIds, type BatchResult } from '@steward/persistence';
import { toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { AncestorPropagation } from './ancestor-propagation';
import type { CreateOrgUnitInput, OrgUnitFilter, UpdateOrgUnitInput } from '../graphql/org-unit.input';
import type { OrgUnit } from '../graphql/org-unit.model';
import { duplicateCode, OrgUnitRepository, SYSTEM_SCOPE, type OrgUnitChanges } from '../persistence/org-unit.repository';
import { pathOf } from '../domain/org-visibility';
import type { NewOrgUnit, OrgUnitChange, OrgUnitDocument } from '../persistence/org-unit.schema';
import { stateEventOf, toOrgUnit, withDefaults } from '../events/org-unit.state';
import {
  ancestorsUnder,
  checkChangeable,
  checkExpectedVersion,
  checkMove,
  checkPartyOrg,
  checkPlacement,
  checkRetire,
  codeKeyOf,
  DIVISION_CODE_PATTERN,
  ORG_LEVELS,
  ORG_UNIT_STATUSES,
  PARTY_ORG_KINDS,
  type OrgLevel,
  type OrgUnitStatus,
  type PartyOrg,
} from '../domain/org-rules';

const id = z.string().trim().min(1, 'must not be empty');
const name = z.string().trim().min(1, 'must not be empty').max(100);
const code = z.string().regex(DIVISION_CODE_PATTERN, 'must be a 12-digit division code');
const count = z.number().int().nonnegative().max(100_000_000);
const partyOrg = z.object({
  kind: z.enum(PARTY_ORG_KINDS),
  name: name,
  secretaryName: z.string().trim().min(1).max(50).nullable().optional(),
});

const createInputSchema = z.object({
  parentId: id.optional(),
  level: z.enum(ORG_LEVELS),
  name,
  code: code.optional(),
  households: count.optional(),
  population: count.optional(),
  partyOrg: partyOrg.optional(),
});

const updateInputSchema = z
  .object({
    name: name.optional(),
    code: code.nullable().optional(),
    households: count.optional(),
    population: count.optional(),
    partyOrg: partyOrg.nullable().optional(),
    expectedVersion: z.number().int().positive().optional(),
  })
  .refine((input) => Object.entries(input).some(([key, value]) => key !== 'expectedVersion' && value !== undefined), {
    message: 'give at least one field to change',
  });

const filterSchema = z.object({
  parentId: id.optional(),
  within: id.optional(),
  level: z.enum(ORG_LEVELS).optional(),
  nameContains: z.string().trim().min(1).max(100).optional(),
  status: z.enum(ORG_UNIT_STATUSES).optional(),
});

type UpdateInput = z.output<typeof updateInputSchema>;

function toPartyOrg(input: z.output<typeof partyOrg> | null | undefined): PartyOrg | null {
  return input ? { kind: input.kind, name: input.name, secretaryName: input.secretaryName ?? null } : null;
}

function samePartyOrg(a: PartyOrg | null, b: PartyOrg | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `input` that differ from the stored unit. */
function diffUpdate(unit: OrgUnitDocument, input: UpdateInput): OrgUnitChanges {
  const changes: OrgUnitChanges = {};
  if (input.name !== undefined && input.name !== unit.name) changes.name = input.name;
  if (input.code !== undefined && input.code !== unit.code) {
    changes.code = input.code;
    changes.codeKey = codeKeyOf(unit._id, input.code);
  }
  if (input.households !== undefined && input.households !== unit.households) changes.households = input.households;
  if (input.population !== undefined && input.population !== unit.population) changes.population = input.population;
  if (input.partyOrg !== undefined) {
    const next = toPartyOrg(input.partyOrg);
    if (!samePartyOrg(next, unit.partyOrg)) changes.partyOrg = next;
  }
  return changes;
}

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly repository: OrgUnitRepository,
    private readonly propagation: AncestorPropagation,
  ) {}

  /** Each request's read scope, computed once so the repository reuses what it derived from it. */
  private readonly readScopes = new WeakMap<Access, OrgScope>();

  private readScope(access: Access): OrgScope {
    let scope = this.readScopes.get(access);
    if (!scope) {
      scope = access.readScope();
      this.readScopes.set(access, scope);
    }
    return scope;
  }

  /** A unit a write changes or places under; its permission is checked by the caller, against its path. */
  private async load(unitId: string, path = 'id'): Promise<OrgUnitDocument> {
    const parsed = parseInput(id, unitId, path);
    const doc = await this.repository.findById(parsed, SYSTEM_SCOPE);
    if (!doc) throw new NotFoundError('OrgUnit', parsed);
    return withDefaults(doc);
  }

  /** null when unknown; FORBIDDEN when outside what the caller may see. */
  async findById(access: Access, unitId: string): Promise<OrgUnit | null> {
    const doc = await this.repository.findById(parseInput(id, unitId, 'id'), this.readScope(access));
    return doc ? toOrgUnit(doc) : null;
  }

  /** `findById` of each id at once (one query), in the ids' order; an error is that id's alone. For entity references. */
  findByIds(access: Access, unitIds: readonly string[]): Promise<BatchResult<OrgUnit>[]> {
    const scope = this.readScope(access);
    return readByIds(unitIds, (raw) => parseInput(id, raw, 'id'), (ids) => this.repository.findEachById(ids, scope), toOrgUnit);
  }

  async findByCode(access: Access, divisionCode: string): Promise<OrgUnit | null> {
    const parsed = parseInput(code, divisionCode, 'code');
    const doc = await this.repository.findByCode(parsed, this.readScope(access));
    return doc ? toOrgUnit(doc) : null;
  }

  /** The breadcrumb: ancestors from the city down to the parent. */
  async ancestorsOf(access: Access, unit: OrgUnit): Promise<OrgUnit[]> {
    const docs = await this.repository.findByIds(unit.ancestorIds, this.readScope(access));
    const byId = new Map(docs.map((doc) => [doc._id, toOrgUnit(doc)]));
    return unit.ancestorIds.map((ancestorId) => byId.get(ancestorId)).filter((u): u is OrgUnit => u !== undefined);
  }

  /** The first `limit` children the caller may see, by id. */
  async childrenOf(access: Access, unitId: string, query: { level?: OrgLevel; status?: OrgUnitStatus; limit: number }): Promise<OrgUnit[]> {
    const docs = await this.repository.findChildren([unitId], this.readScope(access), query);
    return docs.map(toOrgUnit);
  }

  /** The units the caller may see; totalCount counts only those. */
  async list(access: Access, filter: OrgUnitFilter = {}, pageArgs: PageArgs = {}): Promise<Page<OrgUnit>> {
    const query = parseInput(filterSchema, filter, 'filter');
    const scope = await this.scopeBelowUnit(this.readScope(access), query.within ?? query.parentId);
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(query, page, scope);
    return toPage(rows.map(toOrgUnit), page.limit, total);
  }

  /** What is left of `scope` to check on a read below `unitId` (children or subtree): nothing when the unit lies inside it. */
  private async scopeBelowUnit(scope: OrgScope, unitId: string | undefined): Promise<OrgScope> {
    if (scope.kind === 'ALL' || !unitId) return scope;
    const unit = await this.repository.findById(unitId, SYSTEM_SCOPE);
    return scopeBelow(scope, unit ? pathOf({ id: unit._id, ancestors: unit.ancestors }) : undefined);
  }

  /** Needs org:manage on the parent's path (a CITY, without parent, on every unit). */
  async create(access: Access, rawInput: CreateOrgUnitInput): Promise<OrgUnit> {
    access.authenticated();
    const input = parseInput(createInputSchema, rawInput);
    const parent = input.parentId ? await this.load(input.parentId, 'input.parentId') : null;
    access.assertCan('org:manage', parent ? pathOf({ id: parent._id, ancestors: parent.ancestors }) : []);
    checkPlacement(input.level, parent ? { id: parent._id, level: parent.level, status: parent.status } : undefined);
    checkPartyOrg(input.level, input.partyOrg);

    const unitId = uuidv7();
    const now = new Date();
    const unit: NewOrgUnit = {
      _id: unitId,
      code: input.code ?? null,
      codeKey: codeKeyOf(unitId, input.code ?? null),
      name: input.name,
      level: input.level,
      parentId: parent?._id ?? null,
      ancestors: parent ? ancestorsUnder({ id: parent._id, ancestors: parent.ancestors }) : [],
      households: input.households ?? 0,
      population: input.population ?? 0,
      partyOrg: toPartyOrg(input.partyOrg),
      status: 'ACTIVE',
      validFrom: now,
      validTo: null,
      version: 1,
      history: [{ version: 1, at: now, action: 'CREATED', actorId: access.actorId() }],
    };
    await this.repository.insert(unit, [stateEventOf(unit)]);
    return toOrgUnit({ ...unit, outbox: [], createdAt: now, updatedAt: now });
  }

  /** Rename, division code, households, population, party organisation. */
  async update(access: Access, unitId: string, rawInput: UpdateOrgUnitInput): Promise<OrgUnit> {
    access.authenticated();
    const input = parseInput(updateInputSchema, rawInput);
    const unit = await this.load(unitId);
    access.assertCan('org:manage', pathOf({ id: unit._id, ancestors: unit.ancestors }));
    checkExpectedVersion({ id: unit._id, version: unit.version }, input.expectedVersion);
    checkChangeable({ id: unit._id, status: unit.status });
    checkPartyOrg(unit.level, input.partyOrg);

    const changes = diffUpdate(unit, input);
    const fields = Object.keys(changes).filter((field) => field !== 'codeKey');
    if (fields.length === 0) return toOrgUnit(unit);
    // the unique index is the guard; asking first gives the clear error without relying on how the store words it
    if (changes.code && (await this.repository.findByCode(changes.code, SYSTEM_SCOPE))) throw duplicateCode(changes.code);
    const change: OrgUnitChange = { version: unit.version + 1, at: new Date(), action: 'UPDATED', fields, actorId: access.actorId() };
    return this.applyChange(unit, changes, change);
  }

  /**
   * Re-parents a unit; every descendant's ancestors change (see
   * AncestorPropagation). Moving to the unit's current parent changes
   * nothing, except that it finishes an interrupted move of it. Needs
   * org:manage on the old parent's path and on the new parent's.
   */
  async move(access: Access, unitId: string, newParentId: string): Promise<OrgUnit> {
    access.authenticated();
    const unit = await this.load(unitId);
    const newParent = await this.load(newParentId, 'newParentId');
    access.assertCan('org:manage', unit.ancestors);
    access.assertCan('org:manage', pathOf({ id: newParent._id, ancestors: newParent.ancestors }));
    if (unit.parentId === newParent._id) {
      if (unit.pendingMove) await this.propagation.propagate(unit._id, unit.pendingMove.id);
      return toOrgUnit(unit);
    }
    const facts = (doc: OrgUnitDocument) => ({ id: doc._id, level: doc.level, status: doc.status, ancestors: doc.ancestors });
    checkMove(facts(unit), facts(newParent));

    const now = new Date();
    const moveId = uuidv7();
    const changes: OrgUnitChanges = {
      parentId: newParent._id,
      ancestors: ancestorsUnder({ id: newParent._id, ancestors: newParent.ancestors }),
      pendingMove: { id: moveId, at: now },
    };
    const moved = await this.applyChange(unit, changes, {
      version: unit.version + 1,
      at: now,
      action: 'MOVED',
      fromParentId: unit.parentId,
      toParentId: newParent._id,
      actorId: access.actorId(),
    });
    await this.propagation.propagate(unit._id, moveId);
    return moved;
  }

  /** Soft retirement (撤销): the unit stays as history; refused while active units hang below it. */
  async retire(access: Access, unitId: string): Promise<OrgUnit> {
    access.authenticated();
    const unit = await this.load(unitId);
    access.assertCan('org:manage', pathOf({ id: unit._id, ancestors: unit.ancestors }));
    if (unit.status === 'RETIRED') return toOrgUnit(unit);
    checkRetire({ id: unit._id }, await this.repository.countActiveChildren(unit._id, SYSTEM_SCOPE));

    // A child created under this unit between the count and the update would
    // hang under a retired unit: without transactions the window stays, but
    // both writes are single guarded updates, so it is as narrow as it gets.
    const now = new Date();
    const change: OrgUnitChange = { version: unit.version + 1, at: now, action: 'RETIRED', actorId: access.actorId() };
    return this.applyChange(unit, { status: 'RETIRED', validTo: now }, change);
  }

  /** One guarded single-document update: new state, history entry and state event together. */
  private async applyChange(unit: OrgUnitDocument, changes: OrgUnitChanges, change: OrgUnitChange): Promise<OrgUnit> {
    const updated: OrgUnitDocument = { ...unit, ...changes, version: change.version, history: [...unit.history, change] };
    await this.repository.applyChange(unit._id, unit.version, changes, change, [stateEventOf(updated)]);
    return toOrgUnit(updated);
  }

}
