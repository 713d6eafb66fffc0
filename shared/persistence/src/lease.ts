import { isDuplicateKeyError, processInstanceId, silentLogger, type EventLogger } from '@steward/events';
import type { Collection } from 'mongodb';
import {
  afterClaim,
  checkLeaseTiming,
  DEFAULT_LEASE_TIMING,
  holdsAt,
  leaseStep,
  slotOf,
  type LeaseState,
  type LeaseTiming,
} from './lease-schedule';

/** Where a service's leases live: one collection in its own database. */
export const LEASES_COLLECTION = 'leases';

/** One slot of one lease, held by whoever inserted it. */
export interface LeaseDocument {
  _id: string;
  name: string;
  slot: number;
  holder: string;
  at: Date;
}

export interface LeaseOptions {
  /** names this instance; default processInstanceId() (host, pid, random) */
  holder?: string;
  /** slot length, renewal, grace and margin; default DEFAULT_LEASE_TIMING (15 s slots) */
  timing?: Partial<LeaseTiming>;
  logger?: EventLogger;
  /** the clock (epoch ms); default Date.now */
  now?: () => number;
}

interface Campaign {
  state: LeaseState;
  timer: NodeJS.Timeout | null;
  /** the step running or last run; steps never overlap */
  stepping: Promise<void>;
  stopped: boolean;
}

/**
 * Leader leases per named job (`tickets:overdue-sweeper`): among the
 * instances of a service, at most one holds a lease at any time, and work
 * guarded by it runs on that one only. Built on inserts of time-slotted
 * documents `<name>#<slot>` (see lease-schedule.ts for the rules), because an
 * insert of an existing `_id` fails atomically on MongoDB and FerretDB alike,
 * while FerretDB's conditional updates are a read and a separate write
 * (FerretDB #3040).
 *
 * `tryAcquire(name)` joins the campaign for a lease: from then on this
 * instance renews it while it holds it and tries to take it over when its
 * holder stops renewing, in the background, until `release(name)`. `holds`
 * says whether this instance may work now; long work asks again between
 * steps, as the lease can be lost (a paused process, a lost connection). A
 * lease is a first line of defence: work under it keeps its per-document
 * guards, since clocks and pauses can still let two holders overlap briefly.
 */
export class Lease {
  readonly holder: string;
  private readonly timing: LeaseTiming;
  private readonly logger: EventLogger;
  private readonly now: () => number;
  private readonly campaigns = new Map<string, Campaign>();

  constructor(
    private readonly collection: Collection<LeaseDocument>,
    options: LeaseOptions = {},
  ) {
    this.holder = options.holder ?? processInstanceId();
    this.timing = checkLeaseTiming({ ...DEFAULT_LEASE_TIMING, ...options.timing });
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** Joins the campaign for `name` (if not yet) and takes its next step now; true when this instance holds the lease. */
  async tryAcquire(name: string): Promise<boolean> {
    let campaign = this.campaigns.get(name);
    if (!campaign) {
      campaign = { state: {}, timer: null, stepping: Promise.resolve(), stopped: false };
      this.campaigns.set(name, campaign);
    }
    await this.step(name, campaign);
    return this.holds(name);
  }

  /** Whether this instance holds `name` now (no round trip: what its campaign knows). */
  holds(name: string): boolean {
    const campaign = this.campaigns.get(name);
    return campaign !== undefined && !campaign.stopped && holdsAt(this.now(), campaign.state, this.timing);
  }

  /** Runs `work` if this instance holds `name`; `work` gets `stillLeader` to ask between its steps. Undefined when another instance holds it. */
  async runIfLeader<T>(name: string, work: (stillLeader: () => boolean) => Promise<T>): Promise<T | undefined> {
    if (!(await this.tryAcquire(name))) return undefined;
    return work(() => this.holds(name));
  }

  /** Leaves the campaign for `name` and gives up the slots it holds from now on, so another instance takes over at its next step. */
  async release(name: string): Promise<void> {
    const campaign = this.campaigns.get(name);
    if (!campaign) return;
    campaign.stopped = true;
    if (campaign.timer) clearTimeout(campaign.timer);
    this.campaigns.delete(name);
    await campaign.stepping;
    if (campaign.state.held === undefined) return;
    await this.collection.deleteMany({ name, holder: this.holder, slot: { $gte: slotOf(this.now(), this.timing) } });
  }

  /** Releases every lease this instance campaigns for (shutdown). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.campaigns.keys()].map((name) => this.release(name)));
  }

  /** Takes the campaign's next step after the one running (if any), then schedules the one after. */
  private step(name: string, campaign: Campaign): Promise<void> {
    campaign.stepping = campaign.stepping.then(async () => {
      if (campaign.stopped) return;
      if (campaign.timer) clearTimeout(campaign.timer);
      campaign.timer = null;
      let at: number;
      try {
        at = await this.advance(name, campaign);
      } catch (error) {
        this.logger.warn({ err: error, lease: name }, 'lease step failed; trying again');
        at = this.now() + this.timing.retryMs;
      }
      if (campaign.stopped) return;
      campaign.timer = setTimeout(() => void this.step(name, campaign), Math.max(0, at - this.now()));
      campaign.timer.unref();
    });
    return campaign.stepping;
  }

  /** Claims what the schedule says until it says wait; returns when to step next. */
  private async advance(name: string, campaign: Campaign): Promise<number> {
    for (;;) {
      const next = leaseStep(this.now(), campaign.state, this.timing);
      if (next.claim === undefined) return next.at;
      if (next.ifVacant !== undefined && (await this.collection.findOne({ _id: slotKey(name, next.ifVacant) }, { projection: { _id: 1 } }))) {
        return next.at;
      }
      const outcome = await this.insertSlot(name, next.claim);
      campaign.state = afterClaim(campaign.state, next.claim, outcome);
      if (outcome === 'won') this.cleanUp(name, next.claim);
    }
  }

  private async insertSlot(name: string, slot: number): Promise<'won' | 'refused'> {
    try {
      await this.collection.insertOne({ _id: slotKey(name, slot), name, slot, holder: this.holder, at: new Date(this.now()) });
      return 'won';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'refused';
      throw error;
    }
  }

  /** Deletes the slots of `name` before the previous one (nobody claims them again). */
  private cleanUp(name: string, slot: number): void {
    this.collection.deleteMany({ name, slot: { $lt: slot - 1 } }).catch((error: unknown) => {
      this.logger.warn({ err: error, lease: name }, 'old lease slots not removed; the next claim tries again');
    });
  }
}

function slotKey(name: string, slot: number): string {
  return `${name}#${slot}`;
}
