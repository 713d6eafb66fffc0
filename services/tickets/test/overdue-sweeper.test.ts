// Overdue sweeping on the real database while the tickets service runs (and
// its outbox relay publishes): two sweeper instances race over the same
// tickets and every missed deadline is marked — and escalated or closed by
// policy — exactly once.
import { Access, ALL_UNITS } from '@steward/auth';
import { MONGO_URL } from '@steward/testing';
import mongoose, { type Connection } from 'mongoose';
import { OverdueSweeper, type SweepResult } from '../src/application/overdue-sweeper';
import { handlerMark, ticketReadScope } from '../src/domain/ticket-access';
import { TicketRepository } from '../src/persistence/ticket.repository';
import {
  as,
  createMemberWithRole,
  createPlace,
  dispatch,
  memberPrincipal,
  mutateOk,
  readTicket,
  report,
  startTicketsStack,
  ticketsInstance,
  TicketTopicReader,
  type Place,
  type TicketsInstance,
  type TicketsStack,
} from './helpers';

const DAY = 24 * 3_600_000;

describe('overdue sweeper', () => {
  let env: TicketsStack;
  let url: string;
  let place: Place;
  let gridMember: string;
  const topic = new TicketTopicReader();
  const connections: Connection[] = [];
  const instances: TicketsInstance[] = [];

  beforeAll(async () => {
    env = await startTicketsStack(510);
    url = env.tickets;
    place = await createPlace(env.org);
    gridMember = await createMemberWithRole(env.members, '刘如春', place.grid, 'GRID_LEADER');
    await topic.start();
  });

  afterAll(async () => {
    await topic.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all(connections.map((connection) => connection.close()));
    await env?.stack.stop();
  });

  /** A sweeper of its own (own connection, own replicas) on the service's database, as a second instance would be. */
  async function sweeperInstance(): Promise<TicketsInstance & { sweeper: OverdueSweeper }> {
    const instance = await ticketsInstance(env, place);
    instances.push(instance);
    return { ...instance, sweeper: new OverdueSweeper(instance.repository, instance.writer) };
  }

  const total = (results: SweepResult[]) =>
    results.reduce((sum, r) => ({
      marked: sum.marked + r.marked,
      escalated: sum.escalated + r.escalated,
      closed: sum.closed + r.closed,
      warned: sum.warned + r.warned,
      lost: sum.lost + r.lost,
    }));

  it('marks, escalates and auto-closes once with two sweepers racing', async () => {
    const grid = place.grid;
    // A: a grid ticket in progress — the grid policy escalates a missed resolve deadline.
    const a = await report(url, { title: '灌溉渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid });
    await mutateOk(url, 'acceptTicket', 'id: $id', { id: a.id });
    await dispatch(url, a.id, { handlerId: gridMember });
    await mutateOk(url, 'startTicket', 'id: $id', { id: a.id });
    // B: never accepted — a missed acceptance is marked, a REPORTED ticket cannot climb.
    const b = await report(
      url,
      { title: '路灯不亮', category: 'STREET_LIGHTING', channel: 'APP', unitId: grid },
      as(env, memberPrincipal(gridMember, 'GRID_LEADER', grid)),
    );
    // C: LOW priority — marked, but the policy does not escalate it.
    const c = await report(url, { title: '垃圾桶破损', category: 'SANITATION', channel: 'HOTLINE', priority: 'LOW', unitId: grid });
    await mutateOk(url, 'acceptTicket', 'id: $id', { id: c.id });
    // D: resolved, the resident never answers — closes itself.
    const d = await report(url, { title: '水渠漏水', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid });
    await mutateOk(url, 'acceptTicket', 'id: $id', { id: d.id });
    await dispatch(url, d.id, { handlerId: gridMember });
    await mutateOk(url, 'startTicket', 'id: $id', { id: d.id });
    await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id: d.id, resolve: { resolution: '已修补' } });

    const [one, two] = await Promise.all([sweeperInstance(), sweeperInstance()]);
    // Sixty days on, every deadline above has passed.
    const later = new Date(Date.now() + 60 * DAY);
    const first = total(await Promise.all([one.sweeper.sweepOnce(later), two.sweeper.sweepOnce(later)]));
    expect(first).toMatchObject({ marked: 3, escalated: 1, closed: 1 });

    const [ta, tb, tc, td] = await Promise.all([a, b, c, d].map((t) => readTicket(url, t.id)));
    const count = (timeline: { action: string }[], action: string) => timeline.filter((entry) => entry.action === action).length;
    expect(ta).toMatchObject({ status: 'ACCEPTED', level: 'ADMIN_VILLAGE', unit: { id: place.village }, handler: null, overdueCount: 1, escalationCount: 1, overdue: false });
    expect([count(ta.timeline, 'overdue'), count(ta.timeline, 'escalate')]).toEqual([1, 1]);
    expect(ta.timeline.slice(-2)).toMatchObject([
      { action: 'overdue', automatic: true, actorId: null },
      { action: 'escalate', automatic: true, level: 'ADMIN_VILLAGE' },
    ]);
    expect(tb).toMatchObject({ status: 'REPORTED', level: 'GRID', overdue: true, overdueCount: 1 });
    expect(count(tb.timeline, 'overdue')).toBe(1);
    expect(tc).toMatchObject({ status: 'ACCEPTED', level: 'GRID', overdue: true, overdueCount: 1, escalationCount: 0 });
    expect(count(tc.timeline, 'overdue')).toBe(1);
    expect(td).toMatchObject({ status: 'CLOSED' });
    expect(td.timeline.at(-1)).toMatchObject({ action: 'close', automatic: true });

    // Sweeping again finds nothing new: A's fresh village deadline lies ahead of `later`.
    const second = total(await Promise.all([one.sweeper.sweepOnce(later), two.sweeper.sweepOnce(later)]));
    expect(second).toMatchObject({ marked: 0, escalated: 0, closed: 0 });

    // On the topic: one overdue and one (automatic) escalated event for A, with consecutive versions.
    const events = await topic.waitForEvents(a.id, ta.version);
    const types = events.map((event) => event.type.split('.')[2]);
    expect(types.filter((type) => type === 'overdue')).toHaveLength(1);
    expect(types.filter((type) => type === 'escalated')).toHaveLength(1);
    expect(events.map((event) => event.aggregateversion)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.data).toMatchObject({ automatic: true, fromLevel: 'GRID', toLevel: 'ADMIN_VILLAGE', unitId: place.village });
    expect(events.at(-2)?.data).toMatchObject({ kind: 'RESOLVE', overdue: true });
    const closed = await topic.waitForEvents(d.id, td.version);
    expect(closed.at(-1)).toMatchObject({ type: 'steward.ticket.closed.v1', data: { automatic: true } });
  });

  it('lets exactly one of many writers apply a change read at the same version', async () => {
    const ticket = await report(url, { title: '邻里排水纠纷', category: 'NEIGHBOUR_DISPUTE', channel: 'HOTLINE', unitId: place.grid });
    const [one, two] = await Promise.all([sweeperInstance(), sweeperInstance()]);
    const doc = await one.repository.findById(ticket.id, ALL_UNITS);
    if (!doc) throw new Error('ticket not stored');
    const writers = [one.writer, two.writer, one.writer, two.writer, one.writer, two.writer];
    const outcomes = await Promise.allSettled(writers.map((writer) => writer.executeOn(doc, { type: 'accept' }, { actorId: null })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'CONFLICT' });
    }
    const stored = await readTicket(url, ticket.id);
    expect(stored).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(stored.timeline.map((entry) => entry.action)).toEqual(['report', 'accept']);
  });

  it("decides a command that names no version again on the ticket a sweeper changed after the caller's read; one that names the version read gets CONFLICT", async () => {
    const [caller, sweeping] = await Promise.all([sweeperInstance(), sweeperInstance()]);
    const leader = memberPrincipal(gridMember, 'GRID_LEADER', place.grid);
    /** The caller's read, after which the other instance's sweeper marks the missed accept deadline. */
    const readThenSweep = (ticketId: string) => {
      let raced = false;
      return async () => {
        const doc = await caller.repository.findById(ticketId, ticketReadScope(Access.of(leader)));
        if (!doc?.acceptDueAt) throw new Error('ticket not stored');
        if (!raced) {
          raced = true;
          await sweeping.writer.executeOn(doc, { type: 'markOverdue', kind: 'ACCEPT' }, { actorId: null, now: new Date(doc.acceptDueAt.getTime() + 1) });
        }
        return doc;
      };
    };
    const accept = () => ({ type: 'accept' as const });

    const first = await report(url, { title: '灌溉泵房漏水', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: place.grid });
    const accepted = await caller.writer.executeOnLatest(readThenSweep(first.id), accept, { actorId: gridMember });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 3 });
    expect((await readTicket(url, first.id)).timeline.map((entry) => entry.action)).toEqual(['report', 'overdue', 'accept']);

    const second = await report(url, { title: '灌溉泵房停电', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: place.grid });
    await expect(caller.writer.executeOnLatest(readThenSweep(second.id), accept, { actorId: gridMember, expectedVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const unchanged = await readTicket(url, second.id);
    expect(unchanged).toMatchObject({ status: 'REPORTED', version: 2 });
    expect(unchanged.timeline.map((entry) => entry.action)).toEqual(['report', 'overdue']);
  });

  it('backfills accessPath on tickets stored before it existed, which the handler reads meanwhile', async () => {
    // a village ticket (roads, located at the village) handled for the grid: only the handler mark lets the grid leader see it
    const ticket = await report(url, { title: '村道积水', category: 'ROADS', channel: 'HOTLINE', unitId: place.village });
    await mutateOk(url, 'acceptTicket', 'id: $id', { id: ticket.id });
    await dispatch(url, ticket.id, { handlerId: gridMember, unitId: place.grid });
    const connection = await mongoose.createConnection(MONGO_URL, { dbName: `${env.databasePrefix}_tickets` }).asPromise();
    connections.push(connection);
    await connection.collection<{ _id: string }>('tickets').updateOne({ _id: ticket.id }, { $unset: { accessPath: '' } });
    const store = new TicketRepository(connection);
    const handler = memberPrincipal(gridMember, 'GRID_LEADER', place.grid);

    expect(await store.findById(ticket.id, ticketReadScope(Access.of(handler)))).toMatchObject({ _id: ticket.id });
    // 1, unless the running service's sweeper wrote the ticket (and so its accessPath) first;
    // the outbox relay's write meanwhile does not set it, so the backfill retries past that one
    expect([0, 1]).toContain(await store.backfillAccessPaths());
    expect(await store.backfillAccessPaths()).toBe(0);
    const stored = await store.findById(ticket.id, ALL_UNITS);
    expect(stored?.accessPath).toEqual([place.city, place.district, place.township, place.village, handlerMark(place.grid, gridMember)]);
    // the service writes on after the backfill's revision
    await mutateOk(url, 'startTicket', 'id: $id', { id: ticket.id }, as(env, handler));
  });
});
