import { afterClaim, checkLeaseTiming, holdsAt, leaseStep, slotOf, type LeaseState, type LeaseTiming } from './lease-schedule';

// slots of 1000 ms: slot 5 is [5000, 6000)
const T: LeaseTiming = { slotMs: 1000, renewBeforeMs: 300, graceMs: 200, marginMs: 100, retryMs: 50 };

describe('leaseStep', () => {
  it.each<[string, number, LeaseState, ReturnType<typeof leaseStep>]>([
    // a newcomer before the grace checks whether anyone held the previous slot
    ['newcomer early in a slot: claim it if the previous slot was vacant, else wait for the grace', 5010, {}, { claim: 5, ifVacant: 4, at: 5200 }],
    ['newcomer after the grace: claim the slot', 5200, {}, { claim: 5, at: 5250 }],
    ['newcomer late in a slot: claim it still', 5950, {}, { claim: 5, at: 6000 }],
    ['refused this slot: wait for the next slot plus the grace', 5300, { refused: 5 }, { at: 6200 }],
    ['refused an older slot: contend for this one', 5300, { refused: 4 }, { claim: 5, at: 5350 }],
    ['holder before its renewal window: wait for it', 5100, { held: 5 }, { at: 5700 }],
    ['holder in its renewal window: claim the next slot', 5700, { held: 5 }, { claim: 6, at: 5750 }],
    ['holder that renewed: wait for the next renewal window', 5800, { held: 6 }, { at: 6700 }],
    ['holder refused the next slot: contend again after it', 5800, { held: 5, refused: 6 }, { at: 6200 }],
    ['holder that missed its renewal: take the slot without the grace', 6050, { held: 5 }, { claim: 6, at: 6100 }],
    ['former holder two slots behind: a newcomer again', 7050, { held: 5 }, { claim: 7, ifVacant: 6, at: 7200 }],
  ])('%s', (_case, now, state, expected) => {
    expect(leaseStep(now, state, T)).toEqual(expected);
  });

  it('always schedules the next step in the future', () => {
    const states: LeaseState[] = [{}, { held: 5 }, { held: 6 }, { refused: 5 }, { held: 5, refused: 6 }, { held: 4 }, { refused: 4 }];
    for (let now = 5000; now < 6000; now += 25) {
      for (const state of states) expect(leaseStep(now, state, T).at).toBeGreaterThan(now);
    }
  });
});

describe('holdsAt', () => {
  it.each<[string, number, LeaseState, boolean]>([
    ['nothing held', 5500, {}, false],
    ['the current slot, well before its end', 5500, { held: 5 }, true],
    ['the current slot, inside the margin before its end', 5900, { held: 5 }, false],
    ['the current and the next slot, inside the margin', 5950, { held: 6 }, true],
    ['only an earlier slot', 6100, { held: 5 }, false],
    ['refused the current slot', 5500, { held: 4, refused: 5 }, false],
  ])('%s', (_case, now, state, expected) => {
    expect(holdsAt(now, state, T)).toBe(expected);
  });
});

describe('two contenders on one clock', () => {
  /** Runs both campaigns step by step over `until` ms; the store is a set of slot keys (an insert fails when taken). */
  function simulate(until: number, aliveUntil: Record<'a' | 'b', number>, offsets: Record<'a' | 'b', number> = { a: 0, b: 0 }) {
    const taken = new Map<number, 'a' | 'b'>();
    const state: Record<'a' | 'b', LeaseState> = { a: {}, b: {} };
    const nextAt: Record<'a' | 'b', number> = { a: offsets.a, b: offsets.b };
    const working: Record<'a' | 'b', number[]> = { a: [], b: [] };
    for (let now = 0; now < until; now += 10) {
      for (const who of ['a', 'b'] as const) {
        if (now >= aliveUntil[who]) continue;
        if (holdsAt(now, state[who], T)) working[who].push(now);
        while (now >= nextAt[who]) {
          const step = leaseStep(now, state[who], T);
          nextAt[who] = step.at;
          if (step.claim === undefined || (step.ifVacant !== undefined && taken.has(step.ifVacant))) break;
          const outcome = taken.has(step.claim) ? 'refused' : 'won';
          if (outcome === 'won') taken.set(step.claim, who);
          state[who] = afterClaim(state[who], step.claim, outcome);
        }
      }
    }
    return { taken, working };
  }

  it('one of them holds every slot and keeps it; they never work at the same time', () => {
    const { taken, working } = simulate(10_000, { a: Infinity, b: Infinity }, { a: 0, b: 40 });
    const holders = new Set(taken.values());
    expect(holders.size).toBe(1);
    expect([...taken.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 11 }, (_, slot) => slot));
    const [leader] = [...holders];
    const other = leader === 'a' ? 'b' : 'a';
    expect(working[other]).toEqual([]);
    expect(working[leader].length).toBeGreaterThan(900);
  });

  it('the other takes over within a slot and its grace after the holder stops renewing, without overlap', () => {
    const { taken, working } = simulate(10_000, { a: 3_500, b: Infinity }, { a: 0, b: 40 });
    expect(taken.get(3)).toBe('a');
    const firstOfB = Math.min(...working.b);
    const lastOfA = Math.max(...working.a);
    expect(firstOfB).toBeGreaterThan(lastOfA);
    // a stopped before its renewal window of slot 3 (3700): b takes slot 4 after its grace, and keeps it
    expect(lastOfA).toBeLessThan(4 * T.slotMs - T.marginMs);
    expect([taken.get(4), taken.get(9)]).toEqual(['b', 'b']);
    expect(firstOfB).toBeLessThanOrEqual(4 * T.slotMs + T.graceMs + 10);
  });

  it('a holder that renewed before it stopped keeps the renewed slot; the other takes the one after', () => {
    const { taken, working } = simulate(10_000, { a: 3_800, b: Infinity }, { a: 0, b: 40 });
    expect([taken.get(3), taken.get(4), taken.get(5)]).toEqual(['a', 'a', 'b']);
    expect(Math.min(...working.b)).toBeGreaterThan(Math.max(...working.a));
    expect(Math.min(...working.b)).toBeLessThanOrEqual(5 * T.slotMs + T.graceMs + 10);
  });
});

describe('slotOf and checkLeaseTiming', () => {
  it('cuts time into slots', () => {
    expect([slotOf(0, T), slotOf(999, T), slotOf(1000, T), slotOf(5432, T)]).toEqual([0, 0, 1, 5]);
  });

  it.each<[string, Partial<LeaseTiming>]>([
    ['renewal not before the margin', { renewBeforeMs: 100, marginMs: 100 }],
    ['renewal longer than a slot', { renewBeforeMs: 1000 }],
    ['grace longer than a slot', { graceMs: 1000 }],
    ['no slot', { slotMs: 0 }],
  ])('refuses a timing with %s', (_case, change) => {
    expect(() => checkLeaseTiming({ ...T, ...change })).toThrow(/does not work/);
  });
});
