import { Inject, Injectable } from '@nestjs/common';
import type { Access } from '@steward/auth';
import { BadUserInputError, ConflictError, NotFoundError, parseInput } from '@steward/errors';
import type { orgUnitState } from '@steward/events';
import { OrgTree, type OrgUnitSnapshot, type StateReplica } from '@steward/replicas';
import { ORG_UNITS_REPLICA } from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { gridLookupOf, planHouseholdImport, validateHouseholdRows, type HouseholdImportRow } from '../domain/household-import';
import { ImportRowsError, MAX_IMPORT_ROWS, type ImportCounts } from '../domain/import-rows';
import { idSchema } from '../domain/member-rules';
import { householdStateEvent } from '../events/household-state';
import { HouseholdRepository, type HouseholdState } from '../persistence/household.repository';

const rowsSchema = z.array(z.unknown()).min(1, 'at least one row').max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} rows per call; send bigger files in chunks`);

/**
 * The township (乡镇) an import writes into: known, a TOWNSHIP, and the
 * caller holds members:manage over it (FORBIDDEN otherwise), exactly as for
 * createHousehold and createMember on its units; the rows within the call's
 * limit; and every unit of the org replica, for finding the units rows name.
 */
export function importScope(
  access: Access,
  orgTree: OrgTree,
  units: StateReplica<typeof orgUnitState.schema>,
  rawTownshipId: string,
  rawRows: readonly unknown[],
): { townshipId: string; units: Iterable<OrgUnitSnapshot> } {
  access.authenticated();
  const townshipId = parseInput(idSchema, rawTownshipId, 'townshipId');
  const unit = orgTree.unit(townshipId);
  const path = orgTree.pathOf(townshipId);
  if (!unit || !path) throw new NotFoundError('OrgUnit', townshipId);
  if (unit.level !== 'TOWNSHIP') throw new BadUserInputError(`Imports go into a TOWNSHIP (乡镇); unit ${townshipId} is a ${unit.level}`, [{ path: 'townshipId', message: 'must be a TOWNSHIP' }]);
  access.assertCan('members:manage', path);
  parseInput(rowsSchema, rawRows, 'rows');
  return {
    townshipId,
    units: (function* () {
      for (const [, snapshot] of units.entries()) yield snapshot;
    })(),
  };
}

/**
 * Household imports (导入户) by household code (户编号): every row is checked
 * first and nothing is written when one is bad; the rest is one insert of the
 * new households and one bulk write of the changed ones, each with its state
 * event in the outbox, as createHousehold and updateHousehold write them.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    private readonly repository: HouseholdRepository,
    private readonly orgTree: OrgTree,
    @Inject(ORG_UNITS_REPLICA) private readonly units: StateReplica<typeof orgUnitState.schema>,
  ) {}

  async import(access: Access, rawTownshipId: string, rawRows: readonly HouseholdImportRow[], dryRun: boolean): Promise<ImportCounts> {
    const { townshipId, units } = importScope(access, this.orgTree, this.units, rawTownshipId, rawRows);
    const lookup = gridLookupOf(units, townshipId);
    const { households, errors } = validateHouseholdRows(rawRows, lookup);
    const stored = await this.repository.findByCodes(households.map((household) => household.code));
    const plan = planHouseholdImport(households, stored, townshipId);
    if (errors.length > 0 || plan.errors.length > 0) throw new ImportRowsError([...errors, ...plan.errors]);
    const counts = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
    if (dryRun) return counts;

    const actor = access.actorId();
    await this.repository.insertAll(
      plan.create.map((row) => {
        const household: HouseholdState = {
          _id: uuidv7(),
          code: row.code,
          gridId: row.gridId,
          orgPath: row.orgPath,
          address: row.address,
          head: row.head,
          size: row.size,
          tags: row.tags,
          phone: row.phone,
          createdBy: actor,
          updatedBy: actor,
          version: 1,
        };
        return { household, events: [householdStateEvent(household)] };
      }),
    );
    const updates = plan.update.map(({ stored: doc, changes }) => {
      const { outbox: _outbox, createdAt: _createdAt, updatedAt: _updatedAt, ...state } = doc;
      const next: HouseholdState = { ...state, ...changes, updatedBy: actor, version: doc.version + 1 };
      return { id: doc._id, expected: doc.version, set: { ...changes, updatedBy: actor }, events: [householdStateEvent(next)] };
    });
    const matched = await this.repository.updateAll(updates);
    if (matched < updates.length) {
      throw new ConflictError(`${updates.length - matched} households were changed by someone else meanwhile; import the file again (已导入的行不会重复写入)`, {
        ...counts,
      });
    }
    return counts;
  }
}
