import { Injectable } from '@nestjs/common';
import { samePath, scopeBelow, type Access } from '@steward/auth';
import { NotFoundError, parseInput } from '@steward/errors';
import { readByIds, type BatchResult } from '@steward/persistence';
import { OrgTree } from '@steward/replicas';
import { repathEach, toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { idSchema } from '../domain/member-rules';
import type { CreateHouseholdInput, HouseholdFilter, UpdateHouseholdInput } from '../graphql/household.input';
import type { Household } from '../graphql/household.model';
import { HouseholdRepository, SYSTEM_SCOPE, type HouseholdChanges, type HouseholdState } from '../persistence/household.repository';
import { householdStateEvent } from '../events/household-state';
import type { HouseholdDocument } from '../persistence/household.schema';
import { checkHouseholdGrid, createHouseholdInputSchema, HOUSEHOLD_TAGS, updateHouseholdInputSchema } from '../domain/household-rules';

const filterSchema = z.object({
  gridId: z.string().min(1).nullish(),
  within: z.string().min(1).nullish(),
  tags: z.array(z.enum(HOUSEHOLD_TAGS)).nullish(),
});

export function toHousehold(doc: HouseholdState): Household {
  return {
    id: doc._id,
    code: doc.code ?? null,
    gridId: doc.gridId,
    address: doc.address,
    head: doc.head,
    size: doc.size,
    tags: doc.tags,
    phone: doc.phone ?? null,
    orgPath: doc.orgPath,
  };
}


const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

@Injectable()
export class HouseholdsService {
  constructor(
    private readonly repository: HouseholdRepository,
    private readonly orgTree: OrgTree,
  ) {}

  /** null when unknown; FORBIDDEN when its grid lies outside the caller's units. */
  async findById(access: Access, rawId: string): Promise<Household | null> {
    const scope = access.readScope();
    const doc = await this.repository.findById(parseInput(idSchema, rawId, 'id'), scope);
    return doc ? toHousehold(doc) : null;
  }

  /** `findById` of each id at once (one query), in the ids' order; an error is that id's alone. For entity references. */
  findByIds(access: Access, rawIds: readonly string[]): Promise<BatchResult<Household>[]> {
    const scope = access.readScope();
    return readByIds(rawIds, (raw) => parseInput(idSchema, raw, 'id'), (ids) => this.repository.findByIds(ids, scope), toHousehold);
  }

  /** The households inside the caller's units; totalCount counts only those. */
  async list(access: Access, rawFilter: HouseholdFilter = {}, pageArgs: PageArgs = {}): Promise<Page<Household>> {
    const page = toPageRequest(pageArgs);
    const filter = parseInput(filterSchema, rawFilter, 'filter');
    // a grid or subtree inside the caller's units needs no second placement condition
    const restrictedTo = filter.gridId ?? filter.within;
    const scope = scopeBelow(access.readScope(), restrictedTo ? this.orgTree.pathOf(restrictedTo) : undefined);
    const { rows, total } = await this.repository.page(
      { gridId: filter.gridId ?? undefined, within: filter.within ?? undefined, tags: filter.tags ?? undefined },
      page,
      scope,
    );
    return toPage(rows.map(toHousehold), page.limit, total);
  }

  /** Registers a household (登记户) under an active grid, known from the local replica of the org tree. Needs members:manage on the grid. */
  async create(access: Access, rawInput: CreateHouseholdInput): Promise<Household> {
    access.authenticated();
    const input = parseInput(createHouseholdInputSchema, rawInput);
    const orgPath = this.gridPath(access, input.gridId);
    const household: HouseholdState = {
      _id: uuidv7(),
      gridId: input.gridId,
      orgPath,
      address: input.address,
      head: input.head,
      size: input.size,
      tags: input.tags,
      phone: input.phone,
      createdBy: access.actorId(),
      updatedBy: access.actorId(),
      version: 1,
    };
    await this.repository.insert(household, [householdStateEvent(household)]);
    return toHousehold(household);
  }

  /** Needs members:manage on the household's grid, and on the new grid when it moves. */
  async update(access: Access, rawId: string, rawInput: UpdateHouseholdInput): Promise<Household> {
    access.authenticated();
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateHouseholdInputSchema, rawInput);
    const doc = await this.repository.findById(id, SYSTEM_SCOPE);
    if (!doc) throw new NotFoundError('Household', id);
    access.assertCan('members:manage', doc.orgPath);

    const changes: HouseholdChanges = {};
    if (input.gridId !== undefined && input.gridId !== doc.gridId) {
      changes.orgPath = this.gridPath(access, input.gridId);
      changes.gridId = input.gridId;
    }
    if (input.address !== undefined && input.address !== doc.address) changes.address = input.address;
    if (input.head !== undefined && input.head !== doc.head) changes.head = input.head;
    if (input.size !== undefined && input.size !== doc.size) changes.size = input.size;
    if (input.tags !== undefined && !sameList(input.tags, doc.tags)) changes.tags = input.tags;
    if (input.phone !== undefined && input.phone !== doc.phone) changes.phone = input.phone;
    if (Object.keys(changes).length === 0) return toHousehold(doc);
    changes.updatedBy = access.actorId();

    const next: HouseholdState = { ...toState(doc), ...changes, version: doc.version + 1 };
    await this.repository.update(id, doc.version, changes, [householdStateEvent(next)]);
    return toHousehold(next);
  }

  /**
   * After the grid `gridId` moved to `path`: its households take the new path,
   * each in one guarded update with its state event (the state carries the
   * path), as any change of a household (see `OrgPathRepather`). Returns how
   * many changed.
   */
  async repathGrid(gridId: string, path: readonly string[]): Promise<number> {
    return repathEach({
      candidates: await this.repository.findByGrid(gridId),
      plan: (doc) => (samePath(doc.orgPath, path) ? null : { orgPath: [...path] }),
      write: (doc, changes: HouseholdChanges) => {
        const next: HouseholdState = { ...toState(doc), ...changes, version: doc.version + 1 };
        return this.repository.tryUpdate(doc._id, doc.version, changes, [householdStateEvent(next)]);
      },
      reread: (doc) => this.repository.findById(doc._id, SYSTEM_SCOPE),
      describe: (doc) => `Household ${doc._id}`,
    });
  }

  /** The grid's path from the org replica, after checking the caller's members:manage there and that it is an active GRID. */
  private gridPath(access: Access, gridId: string): string[] {
    const unit = this.orgTree.unit(gridId);
    const path = this.orgTree.pathOf(gridId);
    if (!unit || !path) throw new NotFoundError('OrgUnit', gridId);
    access.assertCan('members:manage', path);
    checkHouseholdGrid({ id: unit.id, level: unit.level, status: unit.status });
    return path;
  }
}

function toState(doc: HouseholdDocument): HouseholdState {
  const { outbox: _outbox, createdAt: _createdAt, updatedAt: _updatedAt, ...state } = doc;
  return state;
}
