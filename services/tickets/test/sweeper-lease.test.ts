// Two tickets instances, each with its overdue sweeper registered as in the
// service (registerSweeper: a periodic task on the holder of the sweeper's
// lease), on their own connections: only one sweeps, every overdue ticket is
// marked once, and when that instance stops the other takes over.
import { LEASES_COLLECTION, Lease, type LeaseDocument, type LeaseTiming } from '@steward/persistence';
import { BackgroundTasks } from '@steward/service-kit/core';
import { waitFor } from '@steward/testing';
import type { Collection } from 'mongodb';
import pino from 'pino';
import { OverdueSweeper, registerSweeper, type SweepResult } from '../src/application/overdue-sweeper';
import {
  as,
  createMemberWithRole,
  createPlace,
  memberPrincipal,
  readTicket,
  report,
  startTicketsStack,
  ticketsInstance,
  type Place,
  type TicketsInstance,
  type TicketsStack,
} from './helpers';

const DAY = 24 * 3_600_000;
const TIMING: Partial<LeaseTiming> = { slotMs: 1_500, renewBeforeMs: 600, graceMs: 300, marginMs: 200, retryMs: 100 };

interface Sweep extends SweepResult {
  instance: string;
}

describe('overdue sweeper on several instances', () => {
  let env: TicketsStack;
  let place: Place;
  let gridMember: string;
  const instances: TicketsInstance[] = [];
  const running: BackgroundTasks[] = [];

  beforeAll(async () => {
    env = await startTicketsStack(1500);
    place = await createPlace(env.org);
    gridMember = await createMemberWithRole(env.members, '周明', place.grid, 'GRID_LEADER');
  });

  afterAll(async () => {
    await Promise.all(running.map((tasks) => tasks.stopAll(() => undefined)));
    await Promise.all(instances.map((instance) => instance.stop()));
    await env?.stack.stop();
  });

  /** An instance of the service as far as the sweeper goes: own connection, replicas, lease; its sweeps are recorded. */
  async function instance(name: string, sweeps: Sweep[], later: Date): Promise<BackgroundTasks> {
    const tickets = await ticketsInstance(env, place);
    instances.push(tickets);
    const logger = pino({ level: 'silent' });
    const lease = new Lease(tickets.connection.collection<LeaseDocument>(LEASES_COLLECTION) as unknown as Collection<LeaseDocument>, { holder: name, timing: TIMING });
    const tasks = new BackgroundTasks();
    registerSweeper(tasks, new OverdueSweeper(tickets.repository, tickets.writer), {
      intervalMs: 200,
      lease,
      logger,
      now: () => later,
      onSweep: (result) => sweeps.push({ instance: name, ...result }),
    });
    running.push(tasks);
    await tasks.startAll();
    return tasks;
  }

  /** A ticket nobody accepts: sixty days on, its acceptance deadline has passed. */
  const unaccepted = (title: string) =>
    report(env.tickets, { title, category: 'STREET_LIGHTING', channel: 'APP', unitId: place.grid }, as(env, memberPrincipal(gridMember, 'GRID_LEADER', place.grid)));

  it('sweeps on the lease holder only, marks each ticket once, and hands over when the holder stops', async () => {
    const tickets = await Promise.all(['路灯不亮 1', '路灯不亮 2', '路灯不亮 3', '路灯不亮 4', '路灯不亮 5', '路灯不亮 6'].map(unaccepted));
    const later = new Date(Date.now() + 60 * DAY);
    const sweeps: Sweep[] = [];
    const [one, two] = await Promise.all([instance('tickets-1', sweeps, later), instance('tickets-2', sweeps, later)]);

    const overdue = async (ids: string[]) => (await Promise.all(ids.map((id) => readTicket(env.tickets, id)))).every((t) => t.overdueCount === 1);
    await waitFor(() => overdue(tickets.map((t) => t.id)), { description: 'every ticket marked overdue', timeoutMs: 60_000, intervalMs: 250 });
    // a few more sweeps (and lease slots) go by
    const swept = sweeps.length;
    await waitFor(() => sweeps.length >= swept + 10, { description: 'more sweeps', timeoutMs: 30_000 });

    const leader = sweeps[0].instance;
    expect(new Set(sweeps.map((sweep) => sweep.instance))).toEqual(new Set([leader]));
    const total = (list: Sweep[]) => list.reduce((sum, sweep) => ({ marked: sum.marked + sweep.marked, lost: sum.lost + sweep.lost }), { marked: 0, lost: 0 });
    expect(total(sweeps)).toEqual({ marked: tickets.length, lost: 0 });
    for (const ticket of tickets) {
      const stored = await readTicket(env.tickets, ticket.id);
      expect([ticket.id, stored.overdueCount, stored.timeline.filter((entry) => entry.action === 'overdue').length]).toEqual([ticket.id, 1, 1]);
    }

    // the leader's instance stops (giving the lease up): the other one sweeps from the next slot on
    await (leader === 'tickets-1' ? one : two).stopAll(() => undefined);
    const late = await unaccepted('路灯不亮 7');
    const marksOfTheOther = () => sweeps.filter((sweep) => sweep.marked > 0 && sweep.instance !== leader);
    await waitFor(() => marksOfTheOther().length > 0, { description: 'the other instance to sweep', timeoutMs: 30_000, intervalMs: 50 });
    expect(await overdue([late.id])).toBe(true);
    const after = marksOfTheOther();
    expect(total(after)).toEqual({ marked: 1, lost: 0 });
    expect(total(sweeps).marked).toBe(tickets.length + 1);
  });
});
