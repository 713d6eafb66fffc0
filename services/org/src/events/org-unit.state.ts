import { createEvent, orgUnitState, type EventEnvelope } from '@steward/events';
import type { OrgUnit } from '../graphql/org-unit.model';
import type { NewOrgUnit, OrgUnitDocument } from '../persistence/org-unit.schema';

/** The unit's full current state for the compacted topic `steward.org.units.v1` (key = id). */
export function stateEventOf(doc: NewOrgUnit): EventEnvelope {
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
      partyOrg: doc.partyOrg,
      validFrom: doc.validFrom.toISOString(),
      validTo: doc.validTo ? doc.validTo.toISOString() : null,
    },
  });
}

/** Units stored before partyOrg, validity and history existed read with neutral values. */
export function withDefaults(doc: OrgUnitDocument): OrgUnitDocument {
  return {
    ...doc,
    partyOrg: doc.partyOrg ?? null,
    validFrom: doc.validFrom ?? doc.createdAt,
    validTo: doc.validTo ?? null,
    history: doc.history ?? [],
  };
}

export function toOrgUnit(stored: OrgUnitDocument): OrgUnit {
  const doc = withDefaults(stored);
  return {
    id: doc._id,
    code: doc.code,
    name: doc.name,
    level: doc.level,
    parentId: doc.parentId,
    households: doc.households,
    population: doc.population,
    partyOrg: doc.partyOrg ? { ...doc.partyOrg, secretaryName: doc.partyOrg.secretaryName ?? null } : null,
    status: doc.status,
    validFrom: doc.validFrom,
    validTo: doc.validTo,
    version: doc.version,
    history: doc.history.map((change) => ({
      version: change.version,
      at: change.at,
      action: change.action,
      fields: change.fields ?? null,
      fromParentId: change.fromParentId ?? null,
      toParentId: change.toParentId ?? null,
      movedUnitId: change.movedUnitId ?? null,
      actorId: change.actorId ?? null,
    })),
    ancestorIds: doc.ancestors,
  };
}
