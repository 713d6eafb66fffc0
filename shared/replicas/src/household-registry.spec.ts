import { HouseholdRegistry, type HouseholdSnapshot } from './household-registry';

const household = (id: string, gridId: string, overrides: Partial<HouseholdSnapshot> = {}): HouseholdSnapshot => ({
  id,
  gridId,
  orgPath: ['city', gridId],
  head: '张三',
  address: '太平村 1 号',
  size: 3,
  tags: [],
  ...overrides,
});

describe('HouseholdRegistry', () => {
  it('answers a household by id and the households of a grid, ordered by id', () => {
    const registry = new HouseholdRegistry();
    registry.apply('h-2', household('h-2', 'g-1'));
    registry.apply('h-1', household('h-1', 'g-1', { tags: ['POOR'] }));
    registry.apply('h-3', household('h-3', 'g-2'));

    expect(registry.household('h-1')?.tags).toEqual(['POOR']);
    expect(registry.householdsOfGrid('g-1').map((h) => h.id)).toEqual(['h-1', 'h-2']);
    expect(registry.householdsOfGrid('g-unknown')).toEqual([]);
    expect(registry.size).toBe(3);
  });

  it('moves a household to its new grid when its state changes', () => {
    const registry = new HouseholdRegistry();
    registry.apply('h-1', household('h-1', 'g-1'));
    registry.apply('h-1', household('h-1', 'g-2', { size: 4 }));

    expect(registry.householdsOfGrid('g-1')).toEqual([]);
    expect(registry.householdsOfGrid('g-2')).toEqual([expect.objectContaining({ id: 'h-1', size: 4 })]);
  });

  it('forgets a household on a tombstone', () => {
    const registry = new HouseholdRegistry();
    registry.apply('h-1', household('h-1', 'g-1'));
    registry.apply('h-1', undefined);

    expect(registry.household('h-1')).toBeUndefined();
    expect(registry.householdsOfGrid('g-1')).toEqual([]);
    expect(registry.size).toBe(0);
  });
});
