import type { Lease } from '@steward/persistence';
import pino from 'pino';
import { BackgroundTasks } from './background';
import { registerLeaderTask } from './leader-task';

const logger = pino({ level: 'silent' });

/** A lease whose holder the test decides. */
class FakeLease implements Pick<Lease, 'tryAcquire' | 'holds' | 'release'> {
  leader = false;
  readonly released: string[] = [];
  async tryAcquire(): Promise<boolean> {
    return this.leader;
  }
  holds(): boolean {
    return this.leader;
  }
  async release(name: string): Promise<void> {
    this.released.push(name);
  }
}

describe('registerLeaderTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setUp(intervalMs: number, run: (stillLeader: () => boolean) => Promise<unknown>) {
    const lease = new FakeLease();
    const tasks = new BackgroundTasks();
    registerLeaderTask(tasks, { name: 'test:job', lease, intervalMs, logger, run });
    return { lease, tasks };
  }

  it('runs every interval while this instance holds the lease, and not while another does', async () => {
    let runs = 0;
    const { lease, tasks } = setUp(100, async () => (runs += 1));
    await tasks.startAll();

    await jest.advanceTimersByTimeAsync(350);
    expect(runs).toBe(0);
    lease.leader = true;
    await jest.advanceTimersByTimeAsync(300);
    expect(runs).toBe(3);
    lease.leader = false;
    await jest.advanceTimersByTimeAsync(300);
    expect(runs).toBe(3);

    await tasks.stopAll(() => undefined);
    expect(lease.released).toEqual(['test:job']);
  });

  it('tells the run when the lease is lost, and on stop waits for it and runs no more', async () => {
    const seen: boolean[] = [];
    let finish: () => void = () => undefined;
    const { lease, tasks } = setUp(100, async (stillLeader) => {
      seen.push(stillLeader());
      await new Promise<void>((resolve) => (finish = resolve));
      seen.push(stillLeader());
    });
    lease.leader = true;
    await tasks.startAll();
    await jest.advanceTimersByTimeAsync(100);
    lease.leader = false;
    const stopping = tasks.stopAll(() => undefined);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(500);

    expect(seen).toEqual([true, false]);
    expect(lease.released).toEqual(['test:job']);
  });

  it('stays off with an interval of 0', async () => {
    let runs = 0;
    const { lease, tasks } = setUp(0, async () => (runs += 1));
    lease.leader = true;
    await tasks.startAll();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(0);
    await tasks.stopAll(() => undefined);
  });
});
