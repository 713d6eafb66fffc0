import { AttemptSlots, slotIds, type AttemptSlotStore } from './attempt-slots';

/** Slots in memory; an insert is check-and-set in one step, like a unique-_id insert. */
class MemorySlots implements AttemptSlotStore {
  readonly slots = new Map<string, Date>();
  async insert(id: string, at: Date): Promise<boolean> {
    await Promise.resolve();
    if (this.slots.has(id)) return false;
    this.slots.set(id, at);
    return true;
  }
  async removeTakenBefore(ids: readonly string[], before: Date): Promise<number> {
    const stale = ids.filter((id) => (this.slots.get(id)?.getTime() ?? Infinity) < before.getTime());
    for (const id of stale) this.slots.delete(id);
    return stale.length;
  }
  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.slots.delete(id);
  }
}

const LIMITS = { maxAttempts: 3, windowMs: 60_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 8, 0, seconds));

describe('AttemptSlots', () => {
  type Step = ['claim', number, boolean] | ['succeed'];
  it.each<[string, Step[]]>([
    ['grants up to maxAttempts, then locks', [['claim', 0, true], ['claim', 1, true], ['claim', 2, true], ['claim', 3, false], ['claim', 50, false]]],
    ['frees a slot once it is older than the window', [['claim', 0, true], ['claim', 10, true], ['claim', 20, true], ['claim', 59, false], ['claim', 61, true], ['claim', 62, false], ['claim', 71, true]]],
    ['starts afresh after a successful sign-in', [['claim', 0, true], ['claim', 1, true], ['succeed'], ['claim', 2, true], ['claim', 3, true], ['claim', 4, true], ['claim', 5, false]]],
  ])('%s', async (_label, steps) => {
    const attempts = new AttemptSlots(new MemorySlots(), LIMITS);
    for (const step of steps) {
      if (step[0] === 'succeed') await attempts.clear('phone:13800000000');
      else expect([step[1], await attempts.claim('phone:13800000000', at(step[1]))]).toEqual([step[1], step[2]]);
    }
  });

  it('grants exactly maxAttempts of many concurrent sign-ins, and counts names apart', async () => {
    const attempts = new AttemptSlots(new MemorySlots(), LIMITS);
    const granted = await Promise.all(Array.from({ length: 40 }, () => attempts.claim('phone:13800000000', at(0))));
    expect(granted.filter(Boolean)).toHaveLength(3);
    expect(await attempts.claim('phone:13900000000', at(0))).toBe(true);
    expect(await attempts.claim('client:wechat', at(0))).toBe(true);
  });

  it('keeps phones out of the slot ids', () => {
    const ids = slotIds('phone:13800000000', 2);
    expect(ids).toHaveLength(2);
    expect(ids.join()).not.toContain('13800000000');
    expect(slotIds('phone:13800000000', 2)).toEqual(ids);
    expect(slotIds('phone:13800000001', 2)).not.toEqual(ids);
  });
});
