import { orgUnitState, type EventLogger } from '@steward/events';
import { StateReplica, type OrgUnitSnapshot } from '@steward/replicas';
import type { Kafka } from 'kafkajs';
import { ORG_LEVELS, type OrgLevel } from '../domain/ranking';

/** What assessment needs of the org tree: levels, paths and the units below a unit. */
export interface UnitDirectory {
  unit(id: string): OrgUnitSnapshot | undefined;
  /** Active units of `level` anywhere below `parentId`. */
  descendantsAt(parentId: string, level: OrgLevel): string[];
  /** Ancestors and the unit itself, city first; undefined for a unit the tree does not know. */
  pathOf(id: string): string[] | undefined;
  /** Units without a parent (the city). */
  rootIds(): string[];
}

export function levelOf(unit: OrgUnitSnapshot | undefined): OrgLevel | undefined {
  return unit && (ORG_LEVELS as readonly string[]).includes(unit.level) ? (unit.level as OrgLevel) : undefined;
}

/** The org tree with a children index, from units given directly (tests) or kept by OrgIndex. */
export class UnitTree implements UnitDirectory {
  private readonly units = new Map<string, OrgUnitSnapshot>();
  private readonly children = new Map<string, Set<string>>();

  constructor(units: Iterable<OrgUnitSnapshot> = []) {
    for (const unit of units) this.set(unit.id, unit);
  }

  set(id: string, unit: OrgUnitSnapshot | undefined): void {
    const before = this.units.get(id);
    if (before?.parentId) this.children.get(before.parentId)?.delete(id);
    if (!unit) {
      this.units.delete(id);
      return;
    }
    this.units.set(id, unit);
    if (unit.parentId) {
      const siblings = this.children.get(unit.parentId) ?? new Set<string>();
      siblings.add(id);
      this.children.set(unit.parentId, siblings);
    }
  }

  unit(id: string): OrgUnitSnapshot | undefined {
    return this.units.get(id);
  }

  pathOf(id: string): string[] | undefined {
    const unit = this.units.get(id);
    return unit ? [...unit.ancestors, unit.id] : undefined;
  }

  rootIds(): string[] {
    return [...this.units.values()].filter((unit) => !unit.parentId).map((unit) => unit.id);
  }

  descendantsAt(parentId: string, level: OrgLevel): string[] {
    const found: string[] = [];
    const queue = [...(this.children.get(parentId) ?? [])];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const unit = this.units.get(id);
      if (!unit || unit.status !== 'ACTIVE') continue;
      if (unit.level === level) found.push(id);
      else queue.push(...(this.children.get(id) ?? []));
    }
    return found.sort();
  }
}

/** A UnitTree kept from the compacted `steward.org.units.v1` topic. */
export class OrgIndex extends UnitTree {
  readonly replica: StateReplica<typeof orgUnitState.schema>;

  constructor(kafka: Kafka, owner: string, logger: EventLogger) {
    super();
    this.replica = new StateReplica({
      kafka,
      definition: orgUnitState,
      owner,
      logger,
      onChange: (key, value) => this.set(key, value),
    });
  }
}
