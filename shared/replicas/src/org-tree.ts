import type { EventDataOf, orgUnitState } from '@steward/events';

export type OrgUnitSnapshot = EventDataOf<typeof orgUnitState>;
export type PartyOrgSnapshot = NonNullable<OrgUnitSnapshot['partyOrg']>;

export interface OrgUnitLookup {
  get(id: string): OrgUnitSnapshot | undefined;
}

/** Answers path and scope questions about the org tree from a local replica, without a network call. */
export class OrgTree {
  constructor(private readonly units: OrgUnitLookup) {}

  unit(id: string): OrgUnitSnapshot | undefined {
    return this.units.get(id);
  }

  /** Ids from the city down to and including `id`; undefined when the unit is unknown. */
  pathOf(id: string): string[] | undefined {
    const unit = this.units.get(id);
    return unit ? [...unit.ancestors, unit.id] : undefined;
  }

  /** True when `id` is `scopeId` itself or lies in its subtree. */
  isWithin(id: string, scopeId: string): boolean {
    const path = this.pathOf(id);
    return path !== undefined && path.includes(scopeId);
  }

  /**
   * True when the unit is known and not retired (撤销). New records must only
   * point at active units; a retired unit has no active units below it.
   */
  isActive(id: string): boolean {
    return this.units.get(id)?.status === 'ACTIVE';
  }

  /** The units from the city down to and including `id` (breadcrumb); unknown ancestors are left out. */
  breadcrumb(id: string): OrgUnitSnapshot[] {
    const path = this.pathOf(id) ?? [];
    return path.map((unitId) => this.units.get(unitId)).filter((unit): unit is OrgUnitSnapshot => unit !== undefined);
  }

  /** The party organisation (党组织) attached to the unit, if any. */
  partyOrgOf(id: string): PartyOrgSnapshot | undefined {
    return this.units.get(id)?.partyOrg ?? undefined;
  }
}
