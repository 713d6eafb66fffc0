import { Injectable } from '@nestjs/common';
import { createEvent, orgUnitState, type EventProducer, type OutboxRelay } from '@steward/events';
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
import { z } from 'zod';
import type { CreateOrgUnitInput, OrgUnitFilter } from './org-unit.input';
import type { OrgUnit } from './org-unit.model';
import { OrgUnitRepository } from './org-unit.repository';
import type { OrgUnitDocument } from './org-unit.schema';
import { checkPlacement, DIVISION_CODE_PATTERN, ORG_LEVELS } from './org-rules';

const createInputSchema = z.object({
  parentId: z.string().min(1).optional(),
  level: z.enum(ORG_LEVELS),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  code: z.string().regex(DIVISION_CODE_PATTERN, 'must be a 12-digit division code').optional(),
  households: z.number().int().nonnegative().optional(),
  population: z.number().int().nonnegative().optional(),
});

export function toOrgUnit(doc: OrgUnitDocument): OrgUnit {
  return {
    id: doc._id,
    code: doc.code,
    name: doc.name,
    level: doc.level,
    parentId: doc.parentId,
    households: doc.households,
    population: doc.population,
    status: doc.status,
    ancestorIds: doc.ancestors,
  };
}

function stateEvent(doc: Omit<OrgUnitDocument, 'outbox' | 'createdAt' | 'updatedAt'>) {
  return createEvent(orgUnitState, {
    subject: doc._id,
    aggregateVersion: doc.version,
    data: {
      id: doc._id,
      code: doc.code,
      name: doc.name,
      level: doc.level,
      parentId: doc.parentId,
      ancestors: doc.ancestors,
      status: doc.status,
      households: doc.households,
      population: doc.population,
    },
  });
}

@Injectable()
export class OrgUnitsService {
  private readonly relay: OutboxRelay;

  constructor(
    private readonly repository: OrgUnitRepository,
    tasks: BackgroundTasks,
    @InjectProducer() producer: EventProducer,
    @InjectLogger() logger: Logger,
  ) {
    this.relay = registerOutboxRelay(tasks, { collection: repository.collection, producer, logger });
  }

  async get(id: string): Promise<OrgUnit> {
    const doc = await this.repository.findById(id);
    if (!doc) throw new NotFoundError('OrgUnit', id);
    return toOrgUnit(doc);
  }

  async findById(id: string): Promise<OrgUnit | null> {
    const doc = await this.repository.findById(id);
    return doc ? toOrgUnit(doc) : null;
  }

  async findByCode(code: string): Promise<OrgUnit | null> {
    const doc = await this.repository.findByCode(code);
    return doc ? toOrgUnit(doc) : null;
  }

  async ancestorsOf(unit: OrgUnit): Promise<OrgUnit[]> {
    const docs = await this.repository.findByIds(unit.ancestorIds);
    const byId = new Map(docs.map((doc) => [doc._id, toOrgUnit(doc)]));
    return unit.ancestorIds.map((id) => byId.get(id)).filter((u): u is OrgUnit => u !== undefined);
  }

  async list(filter: OrgUnitFilter = {}, pageArgs: PageArgs = {}): Promise<Page<OrgUnit>> {
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, page);
    return toPage(rows.map(toOrgUnit), page.limit, total);
  }

  async create(rawInput: CreateOrgUnitInput): Promise<OrgUnit> {
    const input = parseInput(createInputSchema, rawInput);
    const parent = input.parentId ? await this.repository.findById(input.parentId) : null;
    if (input.parentId && !parent) throw new NotFoundError('OrgUnit', input.parentId);
    checkPlacement(input.level, parent ? { id: parent._id, level: parent.level, status: parent.status } : undefined);

    const id = uuidv7();
    const unit = {
      _id: id,
      code: input.code ?? null,
      codeKey: input.code ?? `id:${id}`,
      name: input.name,
      level: input.level,
      parentId: parent?._id ?? null,
      ancestors: parent ? [...parent.ancestors, parent._id] : [],
      households: input.households ?? 0,
      population: input.population ?? 0,
      status: 'ACTIVE' as const,
      version: 1,
    };
    await this.repository.insert(unit, [stateEvent(unit)]);
    this.relay.kick();
    return toOrgUnit({ ...unit, outbox: [], createdAt: new Date(), updatedAt: new Date() });
  }
}
