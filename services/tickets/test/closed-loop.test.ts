// The closed loop (发现问题 → 平台接受 → 派单 → 线下处置 → 过程监控 → 回复反馈) on the
// real services: every transition writes state, timeline and its event in one
// update, and the events reach the tickets topic in version order.
import { graphql, graphqlData, waitFor } from '@steward/testing';
import {
  createMemberWithRole,
  createPlace,
  createUnit,
  dispatch,
  mutate,
  mutateOk,
  readTicket,
  report,
  startTicketsStack,
  TicketTopicReader,
  type Place,
  type TicketsStack,
  type TicketView,
} from './helpers';

describe('tickets: the closed loop', () => {
  let env: TicketsStack;
  let url: string;
  let place: Place;
  let loopGrid: string;
  let operator: string;
  let gridMember: string;
  let villageStaff: string;
  let dispatcher: string;
  const topic = new TicketTopicReader();

  beforeAll(async () => {
    env = await startTicketsStack(500);
    url = env.tickets;
    place = await createPlace(env.org);
    loopGrid = await createUnit(env.org, { level: 'GRID', name: '太平村第二网格', parentId: place.village });
    [operator, gridMember, villageStaff, dispatcher] = await Promise.all([
      createMemberWithRole(env.members, '热线坐席', place.township, 'HOTLINE_OPERATOR'),
      createMemberWithRole(env.members, '汤晓琴', place.grid, 'GRID_LEADER'),
      createMemberWithRole(env.members, '汤自迁', place.village, 'VILLAGE_SECRETARY'),
      createMemberWithRole(env.members, '调度员', place.township, 'TOWNSHIP_DISPATCHER'),
    ]);
    await topic.start();
  });

  afterAll(async () => {
    await topic.stop();
    await env?.stack.stop();
  });

  it('walks hotline report → accept → dispatch → start → resolve → unsatisfied → reopen → escalate → township → satisfied → close', async () => {
    // 1. 580 hotline: a road problem at a grid starts at the village service centre (dispatch catalogue).
    const reported = await report(url, {
      title: '村道塌陷',
      description: '太平村第二网格村道路面塌陷，影响通行',
      category: 'ROADS',
      channel: 'HOTLINE',
      priority: 'NORMAL',
      unitId: loopGrid,
      address: '太平村村东路口',
      geo: { lat: 31.6, lng: 118.5 },
      reporter: { name: '吴中翠', phone: '13955501234', anonymous: false },
      actorId: operator,
    });
    const id = reported.id;
    expect(reported).toMatchObject({
      status: 'REPORTED',
      level: 'ADMIN_VILLAGE',
      unit: { id: place.village },
      location: { address: '太平村村东路口', geo: { lat: 31.6, lng: 118.5 }, unit: { id: loopGrid } },
      reporter: { name: '吴中翠', phone: '139****1234', anonymous: false },
      version: 1,
    });
    expect(reported.acceptDueAt).not.toBeNull();
    expect(reported.number).toMatch(/^\d{8}-\d{6}$/);

    // 2. The village service centre accepts and dispatches to its secretary; the township supervises (督办).
    const accepted = await mutateOk(url, 'acceptTicket', 'id: $id, expectedVersion: $expectedVersion, actorId: $actorId', {
      id,
      expectedVersion: 1,
      actorId: villageStaff,
    });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(accepted.resolveDueAt).not.toBeNull();
    await dispatch(url, id, { handlerId: villageStaff, note: '请今日到场' }, villageStaff);
    const supervised = await waitForSupervision(id);
    expect(supervised.supervisionCount).toBe(1);

    // 3. On site, a progress note, resolved in time.
    await mutateOk(url, 'startTicket', 'id: $id, note: $note, actorId: $actorId', { id, note: '已到现场', actorId: villageStaff });
    await mutateOk(url, 'addProgress', 'id: $id, input: $progress, actorId: $actorId', { id, progress: { note: '已设置警示标志' }, actorId: villageStaff });
    const resolved = await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve, actorId: $actorId', {
      id,
      resolve: { resolution: '临时回填' },
      actorId: villageStaff,
    });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedOnTime: true });
    expect(resolved.autoCloseAt).not.toBeNull();

    // 4. 回访: unsatisfied — the feedback policy reopens it at once.
    const reopened = await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback, actorId: $actorId', {
      id,
      feedback: { satisfaction: 'UNSATISFIED', comment: '回填后又塌了' },
      actorId: operator,
    });
    expect(reopened).toMatchObject({ status: 'ACCEPTED', reopenCount: 1, handler: null, feedback: { satisfaction: 'UNSATISFIED', comment: '回填后又塌了' } });

    // 5. The village cannot fix it: escalated exactly one level, to the township dispatch centre.
    const escalated = await mutateOk(url, 'escalateTicket', 'id: $id, reason: $reason, actorId: $actorId', {
      id,
      reason: '需要施工队，村里解决不了',
      actorId: villageStaff,
    });
    expect(escalated).toMatchObject({ status: 'ACCEPTED', level: 'TOWNSHIP', unit: { id: place.township }, escalationCount: 1, handler: null });
    const queue = await graphqlData<{ myQueue: { id: string }[] }>(url, `query($a: ID) { myQueue(actorId: $a) { id } }`, { a: dispatcher });
    expect(queue.myQueue.map((t) => t.id)).toContain(id);

    // 6. Resolved at the township.
    await dispatch(url, id, { handlerId: dispatcher }, dispatcher);
    await mutateOk(url, 'startTicket', 'id: $id, actorId: $actorId', { id, actorId: dispatcher });
    await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve, actorId: $actorId', {
      id,
      resolve: { resolution: '镇里安排施工队重铺路面' },
      actorId: dispatcher,
    });

    // 7. Satisfied, then closed.
    const satisfied = await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback, actorId: $actorId', {
      id,
      feedback: { satisfaction: 'SATISFIED' },
      actorId: operator,
    });
    expect(satisfied.status).toBe('RESOLVED');
    const closed = await mutateOk(url, 'closeTicket', 'id: $id, actorId: $actorId', { id, actorId: dispatcher });
    expect(closed).toMatchObject({ status: 'CLOSED', level: 'TOWNSHIP', version: 15 });

    // The timeline is the whole story, one entry per version.
    const ticket = await readTicket(url, id);
    const ACTIONS = ['report', 'accept', 'dispatch', 'supervise', 'start', 'progress', 'resolve', 'feedback', 'reopen', 'escalate', 'dispatch', 'start', 'resolve', 'feedback', 'close'];
    expect(ticket.timeline.map((entry) => entry.action)).toEqual(ACTIONS);
    expect(ticket.timeline.map((entry) => entry.to)).toEqual([
      'REPORTED', 'ACCEPTED', 'DISPATCHED', 'DISPATCHED', 'IN_PROGRESS', 'IN_PROGRESS', 'RESOLVED', 'RESOLVED', 'ACCEPTED', 'ACCEPTED',
      'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'RESOLVED', 'CLOSED',
    ]);
    expect(ticket.timeline[8]).toMatchObject({ action: 'reopen', automatic: true, actorId: null });
    expect(ticket.timeline[9]).toMatchObject({ action: 'escalate', from: 'ACCEPTED', level: 'TOWNSHIP', unit: { id: place.township }, actorId: villageStaff });
    expect(ticket.timeline[7]).toMatchObject({ action: 'feedback', satisfaction: 'UNSATISFIED', actorId: operator });

    // The same story on the topic: one event per step, versions 1..15, in order.
    const events = await topic.waitForEvents(id, 15);
    expect(events.map((event) => event.type)).toEqual(
      ['reported', 'accepted', 'dispatched', 'supervised', 'started', 'progress-added', 'resolved', 'feedback-recorded', 'reopened', 'escalated',
        'dispatched', 'started', 'resolved', 'feedback-recorded', 'closed'].map((name) => `steward.ticket.${name}.v1`),
    );
    expect(events.map((event) => event.aggregateversion)).toEqual(ACTIONS.map((_, index) => index + 1));
    expect(events[9].data).toMatchObject({ fromLevel: 'ADMIN_VILLAGE', toLevel: 'TOWNSHIP', fromUnitId: place.village, unitId: place.township, automatic: false });
    expect(events[7].data).toMatchObject({ satisfaction: 'UNSATISFIED', comment: '回填后又塌了' });
    expect(events[10].data).toMatchObject({ handlerId: dispatcher, status: 'DISPATCHED', level: 'TOWNSHIP' });
    for (const event of events) expect(event.raw).not.toMatch(/13955501234|吴中翠/); // no reporter PII on the topic

    // Figures for the grid where it happened: received, accepted, resolved in time, satisfied.
    const { ticketStats } = await graphqlData<{ ticketStats: Record<string, unknown> }>(
      url,
      `query($w: ID) { ticketStats(within: $w) { received accepted resolved closed overdue completionRate onTimeRate satisfactionRate byStatus { status count } } }`,
      { w: loopGrid },
    );
    expect(ticketStats).toMatchObject({ received: 1, accepted: 1, resolved: 1, closed: 1, overdue: 0, completionRate: 1, onTimeRate: 1, satisfactionRate: 1 });
    expect(ticketStats.byStatus).toContainEqual({ status: 'CLOSED', count: 1 });

    const list = await graphqlData<{ tickets: { totalCount: number; edges: { node: { id: string } }[] } }>(
      url,
      `query($f: TicketFilter) { tickets(filter: $f) { totalCount edges { node { id } } } }`,
      { f: { within: place.township, status: 'CLOSED', level: 'TOWNSHIP', category: 'ROADS', channel: 'HOTLINE', overdue: false } },
    );
    expect(list.tickets.edges.map((edge) => edge.node.id)).toEqual([id]);

    // The same figures on the org unit and the handler, as the gateway resolves them (federated entities).
    const entities = await graphqlData<{ _entities: Record<string, unknown>[] }>(
      url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on OrgUnit { ticketStats { received closed completionRate } tickets(filter: { status: CLOSED }) { totalCount } }
        ... on Member { assignedTickets { edges { node { id status } } } } } }`,
      { r: [{ __typename: 'OrgUnit', id: loopGrid }, { __typename: 'Member', id: dispatcher }] },
    );
    expect(entities._entities).toEqual([
      { ticketStats: { received: 1, closed: 1, completionRate: 1 }, tickets: { totalCount: 1 } },
      { assignedTickets: { edges: [{ node: { id, status: 'CLOSED' } }] } },
    ]);

    // tickets learns the dispatcher's township role from the members topic: retried until it has it.
    async function waitForSupervision(ticketId: string): Promise<TicketView> {
      return waitFor(
        async () => {
          const result = await mutate(url, 'superviseTicket', 'id: $id, note: $requiredNote, actorId: $actorId', {
            id: ticketId,
            requiredNote: '请三日内办结',
            actorId: dispatcher,
          });
          if (result.errors?.[0]?.extensions?.code === 'FORBIDDEN') return undefined;
          if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
          return result.data?.superviseTicket;
        },
        { description: "tickets to know the dispatcher's role" },
      );
    }
  });

  it('numbers concurrent reports uniquely (工单号)', async () => {
    await report(url, { title: '预热', category: 'OTHER', channel: 'API', unitId: place.grid });
    const reports = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        mutateOk(url, 'reportTicket', 'input: $report', {
          report: { title: `同时来电 ${index}`, category: 'SANITATION', channel: 'HOTLINE', unitId: place.grid },
        }),
      ),
    );
    expect(new Set(reports.map((ticket) => ticket.number)).size).toBe(8);
  });

  it('merges a duplicate into its original, which then lists it', async () => {
    const original = await report(url, { title: '水渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: place.grid });
    const duplicate = await report(url, {
      title: '水渠又堵了',
      category: 'WATER_IRRIGATION',
      channel: 'WALK_IN',
      unitId: place.grid,
      reporter: { anonymous: true, name: '汤自会', phone: '13955509999' },
    });
    expect(duplicate.reporter).toEqual({ name: null, phone: null, anonymous: true });
    const merged = await mutateOk(url, 'mergeTicket', 'id: $id, intoId: $intoId', { id: duplicate.id, intoId: original.id });
    expect(merged.status).toBe('MERGED');
    const view = await graphqlData<{ ticket: { duplicates: { id: string; duplicateOf: { id: string } }[] } }>(
      url,
      `query($id: ID!) { ticket(id: $id) { duplicates { id duplicateOf { id } } } }`,
      { id: original.id },
    );
    expect(view.ticket.duplicates).toEqual([{ id: duplicate.id, duplicateOf: { id: original.id } }]);
  });

  it('refuses bad inputs with a stable code and changes nothing', async () => {
    const ticket = await report(url, { title: '垃圾未清运', category: 'SANITATION', channel: 'HOTLINE', unitId: place.grid });
    const id = ticket.id;
    await mutateOk(url, 'acceptTicket', 'id: $id', { id });
    await dispatch(url, id, { handlerId: gridMember }); // makes sure the member replica knows the grid roles
    const before = await readTicket(url, id);
    const countInGrid = async () =>
      (await graphqlData<{ tickets: { totalCount: number } }>(url, `query($w: ID) { tickets(filter: { within: $w }) { totalCount } }`, { w: place.grid }))
        .tickets.totalCount;
    const ticketsBefore = await countInGrid();

    const cases: [string, () => ReturnType<typeof mutate>, string][] = [
      ['an unknown category', () => mutate(url, 'reportTicket', 'input: $report', { report: { title: 'x', category: 'UFO_SIGHTING', channel: 'HOTLINE', unitId: place.grid } }), 'BAD_USER_INPUT'],
      ['a petition without its petitioner', () => mutate(url, 'reportTicket', 'input: $report', { report: { title: 'x', category: 'ROADS', channel: 'PETITION', unitId: place.grid } }), 'BAD_USER_INPUT'],
      ['a unit the org tree does not know', () => mutate(url, 'reportTicket', 'input: $report', { report: { title: 'x', category: 'ROADS', channel: 'HOTLINE', unitId: 'nowhere' } }), 'BAD_USER_INPUT'],
      ['a handler without a role in the unit', () => mutate(url, 'dispatchTicket', 'id: $id, input: $dispatch', { id, dispatch: { handlerId: villageStaff } }), 'BAD_USER_INPUT'],
      ['a transfer to another level', () => mutate(url, 'transferTicket', 'id: $id, input: $transfer', { id, transfer: { unitId: place.village, reason: '转村里' } }), 'BAD_USER_INPUT'],
      ['an empty rejection reason', () => mutate(url, 'rejectTicket', 'id: $id, reason: $reason', { id, reason: '   ' }), 'BAD_USER_INPUT'],
      ['a transition from the wrong state', () => mutate(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '已清运' } }), 'CONFLICT'],
      ['feedback before resolution', () => mutate(url, 'recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'SATISFIED' } }), 'CONFLICT'],
      ['a stale version', () => mutate(url, 'startTicket', 'id: $id, expectedVersion: $expectedVersion', { id, expectedVersion: before.version - 1 }), 'CONFLICT'],
      ['supervision from the same level', () => mutate(url, 'superviseTicket', 'id: $id, note: $requiredNote, actorId: $actorId', { id, requiredNote: '快点', actorId: gridMember }), 'FORBIDDEN'],
      ['supervision without a member', () => mutate(url, 'superviseTicket', 'id: $id, note: $requiredNote', { id, requiredNote: '快点' }), 'FORBIDDEN'],
      ['merging a ticket into itself', () => mutate(url, 'mergeTicket', 'id: $id, intoId: $intoId', { id, intoId: id }), 'CONFLICT'],
      ['an unknown ticket', () => mutate(url, 'acceptTicket', 'id: $id', { id: 'no-such-ticket' }), 'NOT_FOUND'],
    ];
    for (const [name, run, code] of cases) {
      const result = await run();
      expect({ name, code: result.errors?.[0]?.extensions?.code }).toEqual({ name, code });
    }

    const after = await readTicket(url, id);
    expect(after).toEqual(before);
    expect(await countInGrid()).toBe(ticketsBefore);
    // Only the three good steps reached the topic.
    const events = await topic.waitForEvents(id, 3);
    expect(events.map((event) => event.type.split('.')[2])).toEqual(['reported', 'accepted', 'dispatched']);

    const unknownCategoryFilter = await graphql(url, `query { tickets(filter: { category: "UFO_SIGHTING" }) { totalCount } }`);
    expect(unknownCategoryFilter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
