/*
 * The slot arithmetic of a leader lease (lease.ts), pure so it can be tested
 * without a database or a clock.
 *
 * Time is cut into slots of `slotMs`. Holding slot n means having inserted the
 * lease document `<name>#<n>` (an insert of an existing `_id` fails atomically,
 * on FerretDB too, so each slot has at most one holder). The holder of slot n
 * claims n + 1 `renewBeforeMs` before n ends, so it keeps the lease; others
 * claim a slot only `graceMs` after it began (or at once when nobody held the
 * slot before it), so a holder that died is replaced within about one slot.
 * The holder works while `now < end of its last slot − marginMs`, which keeps
 * its work clear of the next holder's by `marginMs + graceMs` of clock skew.
 */

export interface LeaseTiming {
  /** the length of a slot */
  slotMs: number;
  /** the holder claims the next slot this long before its slot ends */
  renewBeforeMs: number;
  /** others claim a slot this long after it began */
  graceMs: number;
  /** the holder stops working this long before its last slot ends */
  marginMs: number;
  /** a claim that failed (an error, not a refusal) is tried again after this */
  retryMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { slotMs: 15_000, renewBeforeMs: 5_000, graceMs: 3_000, marginMs: 2_000, retryMs: 1_000 };

/** What an instance knows of one lease. */
export interface LeaseState {
  /** the latest slot this instance holds */
  held?: number;
  /** the latest slot it found held by another instance */
  refused?: number;
}

/** The next step of a campaign for a lease. */
export interface LeaseStep {
  /** insert this slot now */
  claim?: number;
  /** …but only if this (the previous) slot has no holder; otherwise wait until `at` */
  ifVacant?: number;
  /** when to take the next step (epoch ms) */
  at: number;
}

export function slotOf(now: number, timing: Pick<LeaseTiming, 'slotMs'>): number {
  return Math.floor(now / timing.slotMs);
}

export function slotStart(slot: number, timing: Pick<LeaseTiming, 'slotMs'>): number {
  return slot * timing.slotMs;
}

/** Throws when the timing cannot work (each part shorter than a slot, the renewal earlier than the margin). */
export function checkLeaseTiming(timing: LeaseTiming): LeaseTiming {
  const { slotMs, renewBeforeMs, graceMs, marginMs, retryMs } = timing;
  const valid =
    slotMs > 0 &&
    renewBeforeMs > marginMs &&
    marginMs >= 0 &&
    renewBeforeMs < slotMs &&
    graceMs >= 0 &&
    graceMs < slotMs &&
    retryMs > 0;
  if (!valid) throw new Error(`Lease timing does not work: ${JSON.stringify(timing)}`);
  return timing;
}

/** What to do at `now`: claim a slot (renewing, replacing a dead holder, or first), or wait. */
export function leaseStep(now: number, state: LeaseState, timing: LeaseTiming): LeaseStep {
  const slot = slotOf(now, timing);
  const end = slotStart(slot + 1, timing);
  const { held, refused } = state;
  if (held !== undefined && held > slot) return { at: slotStart(held + 1, timing) - timing.renewBeforeMs };
  if (held === slot) {
    const renewAt = end - timing.renewBeforeMs;
    if (now < renewAt) return { at: renewAt };
    if (refused !== undefined && refused > slot) return { at: end + timing.graceMs };
    return { claim: slot + 1, at: now + timing.retryMs };
  }
  if (refused !== undefined && refused >= slot) return { at: end + timing.graceMs };
  // the holder of the previous slot missed its renewal window: it takes this one without waiting
  if (held === slot - 1) return { claim: slot, at: now + timing.retryMs };
  const claimAt = slotStart(slot, timing) + timing.graceMs;
  if (now < claimAt) return { claim: slot, ifVacant: slot - 1, at: claimAt };
  return { claim: slot, at: now + timing.retryMs };
}

/** Whether an instance in `state` may work at `now`: it holds the current slot and the slot is not about to end (or it holds the next one too). */
export function holdsAt(now: number, state: LeaseState, timing: LeaseTiming): boolean {
  const slot = slotOf(now, timing);
  if (state.held === undefined || state.held < slot) return false;
  if (state.held > slot) return true;
  return now < slotStart(slot + 1, timing) - timing.marginMs;
}

/** The state after trying to claim `slot`: won, refused (another instance holds it), or failed (an error: nothing learnt). */
export function afterClaim(state: LeaseState, slot: number, outcome: 'won' | 'refused' | 'failed'): LeaseState {
  if (outcome === 'won') return { ...state, held: Math.max(state.held ?? slot, slot) };
  if (outcome === 'refused') return { ...state, refused: Math.max(state.refused ?? slot, slot) };
  return state;
}
