import { householdState, type EventDataOf, type EventLogger } from '@steward/events';
import type { Kafka } from 'kafkajs';
import { StateReplica } from './state-replica';

export type HouseholdSnapshot = EventDataOf<typeof householdState>;

/**
 * Households (户) and the grid each belongs to, from a local replica of the
 * `steward.households.v1` topic. It keeps a per-grid index, so it is fed
 * change by change (`apply`, the replica's `onChange`) rather than reading
 * the replica's map; `createHouseholdRegistry` wires the two together.
 */
export class HouseholdRegistry {
  private readonly households = new Map<string, HouseholdSnapshot>();
  private readonly idsByGrid = new Map<string, Set<string>>();

  get size(): number {
    return this.households.size;
  }

  household(id: string): HouseholdSnapshot | undefined {
    return this.households.get(id);
  }

  /** The grid's households, ordered by id. */
  householdsOfGrid(gridId: string): HouseholdSnapshot[] {
    const ids = this.idsByGrid.get(gridId);
    if (!ids) return [];
    return [...ids]
      .sort()
      .map((id) => this.households.get(id))
      .filter((household): household is HouseholdSnapshot => household !== undefined);
  }

  /** Applies the latest state of one household; `undefined` (a tombstone) forgets it. */
  readonly apply = (id: string, value: HouseholdSnapshot | undefined): void => {
    const previous = this.households.get(id);
    if (previous) this.idsByGrid.get(previous.gridId)?.delete(id);
    if (!value) {
      this.households.delete(id);
      return;
    }
    this.households.set(id, value);
    let ids = this.idsByGrid.get(value.gridId);
    if (!ids) {
      ids = new Set();
      this.idsByGrid.set(value.gridId, ids);
    }
    ids.add(id);
  };
}

export interface HouseholdRegistryOptions {
  kafka: Kafka;
  /** Identifies the replica in consumer-group names and logs, e.g. 'visits'. */
  owner: string;
  logger: EventLogger;
}

/** A registry and the replica that feeds it; `replica.start()` loads the topic, `replica.stop()` leaves it. */
export function createHouseholdRegistry(options: HouseholdRegistryOptions): {
  registry: HouseholdRegistry;
  replica: StateReplica<typeof householdState.schema>;
} {
  const registry = new HouseholdRegistry();
  const replica = new StateReplica({ ...options, definition: householdState, onChange: registry.apply });
  return { registry, replica };
}
