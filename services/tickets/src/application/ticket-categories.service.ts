import { Inject, Injectable } from '@nestjs/common';
import type { Access } from '@steward/auth';
import { parseInput } from '@steward/errors';
import { OrgTree } from '@steward/replicas';
import { z } from 'zod';
import { categoryDefinitionSchema, type CategoryVersion } from '../domain/category-fields';
import type { TicketPolicies } from '../domain/policies';
import { assertMayDefineCategories } from '../domain/ticket-access';
import type { DefineTicketCategoryInput } from '../graphql/ticket.input';
import type { TicketCategory } from '../graphql/ticket.model';
import { CategoryCatalogue } from './category-catalogue';
import { TICKET_POLICIES } from './ticket.tokens';

const codeSchema = z.string().trim().min(1).max(50);
const versionSchema = z.number().int().min(0);

/** GraphQL sends absent optional input fields as null; the definition schema speaks undefined (its defaults). */
function definitionOf(input: DefineTicketCategoryInput): unknown {
  const drop = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined));
  return { ...drop(input), fields: (input.fields ?? []).map((field) => drop({ ...field })) };
}

/**
 * The ticket category catalogue (工单类别) for one caller: any signed-in
 * caller reads it; only a city-wide administrator stores a new version
 * (`assertMayDefineCategories`, checked before the input).
 */
@Injectable()
export class TicketCategoriesService {
  constructor(
    private readonly catalogue: CategoryCatalogue,
    private readonly orgTree: OrgTree,
    @Inject(TICKET_POLICIES) private readonly policies: TicketPolicies,
  ) {}

  async list(access: Access): Promise<TicketCategory[]> {
    access.authenticated();
    return (await this.catalogue.currentAll()).map((version) => this.view(version));
  }

  /** The current version of `code`, or the version asked for; null when there is none. */
  async find(access: Access, code: string, version: number | undefined): Promise<TicketCategory | null> {
    access.authenticated();
    const checkedCode = parseInput(codeSchema, code, 'code');
    const found =
      version === undefined ? await this.catalogue.current(checkedCode) : await this.catalogue.version(checkedCode, parseInput(versionSchema, version, 'version'));
    return found ? this.view(found) : null;
  }

  /** Stores the next version of a category (version 1 of a new code). */
  async define(access: Access, input: DefineTicketCategoryInput, expectedVersion: number | undefined): Promise<TicketCategory> {
    assertMayDefineCategories(access, (unitId) => this.orgTree.unit(unitId)?.ancestors.length === 0);
    const definition = parseInput(categoryDefinitionSchema, definitionOf(input));
    const expected = expectedVersion === undefined ? undefined : parseInput(versionSchema, expectedVersion, 'expectedVersion');
    return this.view(await this.catalogue.define(definition, expected, access.actorId(), new Date()));
  }

  private view(version: CategoryVersion): TicketCategory {
    return { ...version, startLevelAtGrid: this.policies.catalogue.startLevel(version.code, 'GRID') };
  }
}
