// The visits subgraph against real FerretDB and Kafka: visits logged by hand
// under the rules (a refused one writes nothing), their events on the visits
// topic, weekly duty compliance and household coverage from what was logged,
// and ticket-driven visits that end the same however the ticket events arrive.
import {
  createEvent,
  ticketDispatched,
  ticketEscalated,
  ticketResolved,
  ticketStarted,
  Topics,
  type EventEnvelope,
} from '@steward/events';
import type { Document } from 'mongodb';
import {
  ownRecords,
  publish,
  publishWorld,
  readTopic,
  startVisits,
  VisitsClient,
  waitForConsumed,
  waitForOutboxes,
  waitForWorld,
  type Households,
  type People,
  type Place,
  type VisitsHarness,
} from './visits-harness';

/** A local (Asia/Shanghai) wall-clock time as an ISO instant. */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`).toISOString();

const VISIT_FIELDS = `id kind status startedAt endedAt visitedAt notes photos geo { lat lng } cancelledAt cancelReason revision
  member { id } grid { id } households { id } ticket { id }`;

interface VisitView {
  id: string;
  kind: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  notes: string | null;
  photos: string[];
  geo: { lat: number; lng: number } | null;
  cancelReason: string | null;
  revision: number;
  member: { id: string };
  grid: { id: string };
  households: { id: string }[];
  ticket: { id: string } | null;
}

interface DutyView {
  unit: { id: string };
  role: string;
  measure: string;
  required: number;
  achieved: number;
  compliant: boolean;
}
interface WeekView {
  member: { id: string };
  week: string;
  compliant: boolean;
  duties: DutyView[];
}
const WEEK_FIELDS = 'member { id } week compliant duties { unit { id } role measure required achieved compliant }';

describe('visits subgraph', () => {
  let harness: VisitsHarness;
  let client: VisitsClient;
  let place: Place;
  let people: People;
  let households: Households;

  beforeAll(async () => {
    harness = await startVisits();
    client = new VisitsClient(harness.url);
    ({ place, people, households } = await publishWorld(harness.producer, harness.prefix));
    // the service follows the state topics: wait until its replicas know the grids, households and members
    await waitForWorld(client, place, people);
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function logVisit(input: Record<string, unknown>) {
    return client.request<{ logVisit: VisitView }>(`mutation($input: LogVisitInput!) { logVisit(input: $input) { ${VISIT_FIELDS} } }`, {
      input,
    });
  }

  async function logged(input: Record<string, unknown>): Promise<VisitView> {
    const result = await logVisit(input);
    if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.logVisit;
  }

  /** Hand-logged visits as stored, less the outbox the relay drains meanwhile (ticket visits come with other tests' ticket events). */
  const manualVisits = (): Promise<Document[]> =>
    harness.visits.find({ ticketId: null }, { projection: { outbox: 0, outboxPending: 0 } }).sort({ _id: 1 }).toArray();

  /**
   * Types of the visit events this stack's service published for each
   * subject, in topic order, once its relays have published everything
   * pending; a republished event (same envelope id, at-least-once delivery)
   * counts once. Other stacks' services publish the same ticket visits under
   * the same subjects: only this stack's records count (see ownRecords).
   */
  async function visitEventTypes(subjects: string[]): Promise<Record<string, string[]>> {
    await waitForOutboxes(harness);
    const seen: Record<string, string[]> = Object.fromEntries(subjects.map((subject) => [subject, []]));
    const ids = new Set<string>();
    for (const { envelope } of await ownRecords(harness, await readTopic(harness.kafka, Topics.visitEvents))) {
      if (ids.has(envelope.id)) continue;
      ids.add(envelope.id);
      seen[envelope.subject]?.push(envelope.type);
    }
    return seen;
  }

  describe('logging visits by hand', () => {
    it('logs, starts, completes and cancels visits and publishes their events', async () => {
      const done = await logged({
        memberId: people.instructor,
        gridId: place.g1,
        householdIds: [households.plain, households.poor],
        startedAt: local('2026-11-17T09:00:00'),
        endedAt: local('2026-11-17T10:00:00'),
        notes: '了解灌溉情况',
        photos: ['https://img.example/1.jpg', 'att-2'],
        geo: { lat: 31.71, lng: 118.51 },
      });
      expect(done).toMatchObject({
        kind: 'ROUTINE',
        status: 'COMPLETED',
        member: { id: people.instructor },
        grid: { id: place.g1 },
        households: [{ id: households.plain }, { id: households.poor }],
        photos: ['https://img.example/1.jpg', 'att-2'],
        geo: { lat: 31.71, lng: 118.51 },
        ticket: null,
        revision: 2,
      });

      const planned = await logged({ memberId: people.instructor, gridId: place.g2, kind: 'AID' });
      expect(planned).toMatchObject({ status: 'PLANNED', startedAt: null, kind: 'AID' });
      const started = await client.data<{ startVisit: VisitView }>(
        `mutation($id: ID!, $at: DateTime) { startVisit(id: $id, startedAt: $at) { ${VISIT_FIELDS} } }`,
        { id: planned.id, at: local('2026-11-19T09:00:00') },
      );
      expect(started.startVisit).toMatchObject({ status: 'IN_PROGRESS', startedAt: local('2026-11-19T09:00:00') });
      const completed = await client.data<{ completeVisit: VisitView }>(
        `mutation($id: ID!, $input: CompleteVisitInput) { completeVisit(id: $id, input: $input) { ${VISIT_FIELDS} } }`,
        { id: planned.id, input: { endedAt: local('2026-11-19T10:30:00'), householdIds: [households.inG2], notes: '送慰问品' } },
      );
      expect(completed.completeVisit).toMatchObject({
        status: 'COMPLETED',
        endedAt: local('2026-11-19T10:30:00'),
        households: [{ id: households.inG2 }],
        notes: '送慰问品',
      });

      const toCancel = await logged({ memberId: people.handler, gridId: place.g1 });
      const cancelled = await client.data<{ cancelVisit: VisitView }>(
        `mutation($id: ID!) { cancelVisit(id: $id, reason: "天气原因") { ${VISIT_FIELDS} } }`,
        { id: toCancel.id },
      );
      expect(cancelled.cancelVisit).toMatchObject({ status: 'CANCELLED', cancelReason: '天气原因' });

      const fetched = await client.data<{ visit: VisitView }>(`query($id: ID!) { visit(id: $id) { ${VISIT_FIELDS} } }`, { id: planned.id });
      expect(fetched.visit).toEqual(completed.completeVisit);

      const expected = {
        [done.id]: ['steward.visit.logged.v1', 'steward.visit.completed.v1'],
        [planned.id]: ['steward.visit.logged.v1', 'steward.visit.started.v1', 'steward.visit.completed.v1'],
        [toCancel.id]: ['steward.visit.logged.v1', 'steward.visit.cancelled.v1'],
      };
      expect(await visitEventTypes(Object.keys(expected))).toEqual(expected);
    });

    it('refuses bad visits with a clear error and a stable code, and writes nothing', async () => {
      const base = await logged({
        memberId: people.staff,
        gridId: place.g1,
        householdIds: [households.plain],
        startedAt: local('2026-11-10T09:00:00'),
        endedAt: local('2026-11-10T11:00:00'),
      });
      const before = await manualVisits();
      const tomorrow = new Date(Date.now() + 86_400_000);
      const attempt = { memberId: people.staff, gridId: place.g1, startedAt: local('2026-11-11T09:00:00'), endedAt: local('2026-11-11T10:00:00') };

      const refusals: [string, Promise<{ errors?: { message: string; extensions?: Record<string, unknown> }[] }>, string, string | undefined, RegExp][] = [
        ['a household of another grid', logVisit({ ...attempt, householdIds: [households.inG2] }), 'BAD_USER_INPUT', 'VISIT_HOUSEHOLD_OTHER_GRID', /belongs to another grid/],
        ['a member holding nothing', logVisit({ ...attempt, memberId: people.stranger }), 'BAD_USER_INPUT', 'VISIT_MEMBER_NOT_ASSIGNED', /held no assignment/],
        [
          'a member before their assignment began',
          logVisit({ ...attempt, memberId: people.assistant }),
          'BAD_USER_INPUT',
          'VISIT_MEMBER_NOT_ASSIGNED',
          /held no assignment on grid 太平村第一网格/,
        ],
        ['a member of another village', logVisit({ ...attempt, gridId: place.g3 }), 'BAD_USER_INPUT', 'VISIT_MEMBER_NOT_ASSIGNED', /held no assignment/],
        ['an end before the start', logVisit({ ...attempt, endedAt: local('2026-11-11T08:00:00') }), 'BAD_USER_INPUT', 'VISIT_END_BEFORE_START', /before it starts/],
        [
          'a visit in the future',
          logVisit({ ...attempt, startedAt: tomorrow.toISOString(), endedAt: new Date(tomorrow.getTime() + 3_600_000).toISOString() }),
          'BAD_USER_INPUT',
          'VISIT_IN_FUTURE',
          /in the future/,
        ],
        [
          'an overlap with another visit of the member',
          logVisit({ ...attempt, startedAt: local('2026-11-10T10:00:00'), endedAt: local('2026-11-10T12:00:00') }),
          'BAD_USER_INPUT',
          'VISIT_OVERLAP',
          new RegExp(`overlaps visit ${base.id}`),
        ],
        ['a ticket-handling visit by hand', logVisit({ ...attempt, kind: 'TICKET_HANDLING' }), 'BAD_USER_INPUT', undefined, /TICKET_HANDLING visits come from tickets/],
        ['a unit that is not a grid', logVisit({ ...attempt, gridId: place.village }), 'BAD_USER_INPUT', 'VISIT_UNIT_NOT_GRID', /not a GRID/],
        [
          'completing a completed visit',
          client.request(`mutation($id: ID!) { completeVisit(id: $id) { id } }`, { id: base.id }),
          'CONFLICT',
          'VISIT_STATUS',
          /is COMPLETED; cannot complete/,
        ],
        [
          'cancelling without a reason',
          client.request(`mutation($id: ID!) { cancelVisit(id: $id, reason: "  ") { id } }`, { id: base.id }),
          'BAD_USER_INPUT',
          undefined,
          /give a reason/,
        ],
        ['starting a visit that does not exist', client.request(`mutation { startVisit(id: "no-such-visit") { id } }`), 'NOT_FOUND', undefined, /was not found/],
      ];
      for (const [name, pending, code, rule, message] of refusals) {
        const result = await pending;
        const error = result.errors?.[0];
        expect({ name, code: error?.extensions?.code, rule: error?.extensions?.rule }).toEqual({ name, code, rule });
        expect(error?.message).toMatch(message);
      }
      expect(await manualVisits()).toEqual(before);
    });
  });

  describe('weekly duty compliance (2026-W47: Monday 16 to Sunday 22 November, local time)', () => {
    beforeAll(async () => {
      // village staff: two visits on Monday, one day in the grids of the village
      await logged({ memberId: people.staff, gridId: place.g1, startedAt: local('2026-11-16T09:00:00'), endedAt: local('2026-11-16T10:00:00') });
      await logged({ memberId: people.staff, gridId: place.g2, startedAt: local('2026-11-16T14:00:00'), endedAt: local('2026-11-16T15:00:00') });
    });

    const nonCompliantIn = async (within: string, week: string) =>
      (
        await client.data<{ weeklyCompliance: WeekView[] }>(
          `query($w: ID!, $week: String) { weeklyCompliance(within: $w, week: $week, compliant: false) { ${WEEK_FIELDS} } }`,
          { w: within, week },
        )
      ).weeklyCompliance;

    it('lists the non-compliant members of a subtree in a week', async () => {
      const list = await nonCompliantIn(place.village, '2026-W47');
      expect(list.map((row) => row.member.id).sort()).toEqual([people.assistant, people.staff].sort());
      expect(list.find((row) => row.member.id === people.staff)?.duties).toEqual([
        { unit: { id: place.village }, role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', required: 2, achieved: 1, compliant: false },
      ]);
      expect(await nonCompliantIn(place.otherVillage, '2026-W47')).toEqual([]);
    });

    it("shows a multi-grid instructor's weeks: one visit in each grid makes the week", async () => {
      const { weeklyCompliance } = await client.data<{ weeklyCompliance: WeekView[] }>(
        `query($m: ID!) { weeklyCompliance(memberId: $m, week: "2026-W47", weeks: 2) { ${WEEK_FIELDS} } }`,
        { m: people.instructor },
      );
      const duty = (unit: string, achieved: number) => ({
        unit: { id: unit },
        role: 'GRID_INSTRUCTOR',
        measure: 'COMPLETED_VISITS',
        required: 1,
        achieved,
        compliant: achieved >= 1,
      });
      expect(weeklyCompliance).toEqual([
        { member: { id: people.instructor }, week: '2026-W47', compliant: true, duties: [duty(place.g1, 1), duty(place.g2, 1)].sort((a, b) => a.unit.id.localeCompare(b.unit.id)) },
        { member: { id: people.instructor }, week: '2026-W46', compliant: false, duties: [duty(place.g1, 0), duty(place.g2, 0)].sort((a, b) => a.unit.id.localeCompare(b.unit.id)) },
      ]);
    });

    it('counts a visit at 23:30 on Sunday local time in that week, for an assistant assigned mid-week', async () => {
      await logged({ memberId: people.assistant, gridId: place.g1, startedAt: local('2026-11-22T23:30:00'), endedAt: local('2026-11-22T23:50:00') });
      expect((await nonCompliantIn(place.village, '2026-W47')).map((row) => row.member.id)).toEqual([people.staff]);
      const { weeklyCompliance } = await client.data<{ weeklyCompliance: WeekView[] }>(
        `query($m: ID!) { weeklyCompliance(memberId: $m, week: "2026-W48", weeks: 3) { week compliant duties { achieved } } }`,
        { m: people.assistant },
      );
      expect(weeklyCompliance).toEqual([
        { week: '2026-W48', compliant: false, duties: [{ achieved: 0 }] },
        { week: '2026-W47', compliant: true, duties: [{ achieved: 1 }] },
        { week: '2026-W46', compliant: true, duties: [] },
      ]);
    });

    it('refuses a week that does not exist and a query without a member or a unit', async () => {
      const badWeek = await client.request(`query($m: ID!) { weeklyCompliance(memberId: $m, week: "2026-W54") { week } }`, { m: people.staff });
      expect(badWeek.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const nobody = await client.request(`{ weeklyCompliance(week: "2026-W47") { week } }`);
      expect(nobody.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('household coverage', () => {
    it('reports distinct households visited against households in the grid', async () => {
      const { householdCoverage } = await client.data<{ householdCoverage: Record<string, unknown> }>(
        `query($g: ID!, $from: DateTime!, $to: DateTime!) { householdCoverage(gridId: $g, from: $from, to: $to) {
          grid { id } households visitedHouseholds coverageRate completedVisits } }`,
        { g: place.g1, from: local('2026-11-16T00:00:00'), to: local('2026-11-23T00:00:00') },
      );
      expect(householdCoverage).toEqual({ grid: { id: place.g1 }, households: 3, visitedHouseholds: 2, coverageRate: 2 / 3, completedVisits: 3 });
    });

    it('lists households not visited for a while, POOR and ELDERLY_ALONE first', async () => {
      const unvisited = async (sinceDays: number, tags?: string[]) =>
        (
          await client.data<{ unvisitedHouseholds: { household: { id: string }; priority: boolean; lastVisitedAt: string | null }[] }>(
            `query($g: ID!, $d: Int, $t: [String!]) { unvisitedHouseholds(gridId: $g, sinceDays: $d, tags: $t) { household { id } priority lastVisitedAt } }`,
            { g: place.g1, d: sinceDays, t: tags },
          )
        ).unvisitedHouseholds;
      expect(await unvisited(1)).toEqual([
        { household: { id: households.elderly }, priority: true, lastVisitedAt: null },
        { household: { id: households.poor }, priority: true, lastVisitedAt: local('2026-11-17T09:00:00') },
        { household: { id: households.plain }, priority: false, lastVisitedAt: local('2026-11-17T09:00:00') },
      ]);
      expect((await unvisited(3650)).map((row) => row.household.id)).toEqual([households.elderly]);
      expect((await unvisited(1, ['POOR'])).map((row) => row.household.id)).toEqual([households.poor]);
      const badTag = await client.request(`query($g: ID!) { unvisitedHouseholds(gridId: $g, tags: ["RICH"]) { priority } }`, { g: place.g1 });
      expect(badTag.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('extends Household, Member and OrgUnit with their visits', async () => {
      const { _entities } = await client.data<{ _entities: Record<string, unknown>[] }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on Household { lastVisitedAt visits { totalCount } }
          ... on Member { visits(filter: { status: COMPLETED }) { totalCount } }
          ... on OrgUnit { visits(filter: { from: "2026-11-16T00:00:00+08:00", to: "2026-11-23T00:00:00+08:00", status: COMPLETED }) { totalCount } } } }`,
        {
          reps: [
            { __typename: 'Household', id: households.plain },
            { __typename: 'Member', id: people.instructor },
            { __typename: 'OrgUnit', id: place.village },
          ],
        },
      );
      expect(_entities).toEqual([
        { lastVisitedAt: local('2026-11-17T09:00:00'), visits: { totalCount: 2 } },
        { visits: { totalCount: 2 } },
        { visits: { totalCount: 5 } },
      ]);
    });
  });

  describe('changing the duty rules', () => {
    it('stores a new table and measures against it; a stale version is a CONFLICT', async () => {
      const defaults = await client.data<{ dutyRules: { version: number; rules: unknown[] } }>(`{ dutyRules { version rules { role measure minimum } } }`);
      expect(defaults.dutyRules.version).toBe(0);
      const rules = [
        { role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', minimum: 1 },
        { role: 'GRID_ASSISTANT', measure: 'COMPLETED_VISITS', minimum: 1 },
        { role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', minimum: 1 },
      ];
      const set = `mutation($input: SetDutyRulesInput!) { setDutyRules(input: $input) { version rules { role minimum } } }`;
      const stored = await client.data<{ setDutyRules: { version: number } }>(set, { input: { rules, expectedVersion: 0 } });
      expect(stored.setDutyRules.version).toBe(1);
      const stale = await client.request(set, { input: { rules, expectedVersion: 0 } });
      expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
      const invalid = await client.request(set, { input: { rules: [...rules, rules[0]], expectedVersion: 1 } });
      expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

      const { weeklyCompliance } = await client.data<{ weeklyCompliance: WeekView[] }>(
        `query($w: ID!) { weeklyCompliance(within: $w, week: "2026-W47", compliant: false) { member { id } } }`,
        { w: place.village },
      );
      expect(weeklyCompliance).toEqual([]);
    });
  });

  describe('ticket-driven visits', () => {
    /** dispatched to the grid handler → escalated to the village → dispatched to village staff → started → resolved. */
    function ticketEvents(ticketId: string): EventEnvelope[] {
      const gridPath = [place.city, place.village, place.g1];
      const villagePath = [place.city, place.village];
      const base = (version: number, status: string, handlerId: string | null, atVillage: boolean) => ({
        ticketId,
        number: `T-${ticketId}`,
        status,
        level: atVillage ? ('ADMIN_VILLAGE' as const) : ('GRID' as const),
        unitId: atVillage ? place.village : place.g1,
        orgPath: atVillage ? villagePath : gridPath,
        category: 'WATER_IRRIGATION',
        priority: 'NORMAL' as const,
        handlerId,
        actorId: null,
        occurredAt: new Date(Date.UTC(2026, 10, 25, version)).toISOString(),
        reportedAt: new Date(Date.UTC(2026, 10, 25, 0)).toISOString(),
        resolveDueAt: null,
      });
      const event = <T extends Parameters<typeof createEvent>[0]>(definition: T, version: number, data: unknown) =>
        createEvent(definition, { subject: ticketId, aggregateVersion: version, data: data as never });
      return [
        event(ticketDispatched, 3, { ...base(3, 'DISPATCHED', people.handler, false), previousHandlerId: null, handlerUnitId: place.g1 }),
        event(ticketEscalated, 4, {
          ...base(4, 'ACCEPTED', null, true),
          fromLevel: 'GRID',
          toLevel: 'ADMIN_VILLAGE',
          reason: '需村级协调',
          previousHandlerId: people.handler,
          fromUnitId: place.g1,
        }),
        event(ticketDispatched, 5, { ...base(5, 'DISPATCHED', people.staff, true), previousHandlerId: null, handlerUnitId: place.village }),
        event(ticketStarted, 6, base(6, 'IN_PROGRESS', people.staff, true)),
        event(ticketResolved, 7, { ...base(7, 'RESOLVED', people.staff, true), resolution: '渠道已疏通', onTime: true }),
      ];
    }

    interface TicketVisitView {
      id: string;
      kind: string;
      status: string;
      startedAt: string | null;
      endedAt: string | null;
      cancelledAt: string | null;
      notes: string | null;
      cancelReason: string | null;
      member: { id: string };
      grid: { id: string };
    }

    async function visitsOfTicket(ticketId: string): Promise<TicketVisitView[]> {
      const { visits } = await client.data<{ visits: { edges: { node: TicketVisitView }[] } }>(
        `query($t: ID!) { visits(filter: { ticketId: $t }) { edges { node {
          id kind status startedAt endedAt cancelledAt notes cancelReason member { id } grid { id } } } } }`,
        { t: ticketId },
      );
      return visits.edges.map((edge) => ({ ...edge.node, id: edge.node.id.replace(ticketId, '<ticket>') })).sort((a, b) => a.id.localeCompare(b.id));
    }

    it('leaves the same visits when the events arrive in order, twice, or swapped with duplicates', async () => {
      const inOrder = `${harness.prefix}-tA`;
      const twice = `${harness.prefix}-tB`;
      const swapped = `${harness.prefix}-tC`;
      const a = ticketEvents(inOrder);
      const b = ticketEvents(twice);
      const [dispatched, escalated, redispatched, started, resolved] = ticketEvents(swapped);
      const offsets = [
        await publish(harness.producer, Topics.ticketEvents, a),
        await publish(harness.producer, Topics.ticketEvents, [...b, ...b]),
        await publish(harness.producer, Topics.ticketEvents, [resolved, redispatched, started, escalated, dispatched, resolved, escalated]),
      ];
      for (const last of offsets) await waitForConsumed(harness.kafka, harness.ticketGroupId, Topics.ticketEvents, last);

      const expected = [
        {
          id: `ticket:<ticket>:${people.handler}`,
          kind: 'TICKET_HANDLING',
          status: 'CANCELLED',
          startedAt: null,
          endedAt: null,
          cancelledAt: '2026-11-25T04:00:00.000Z',
          notes: null,
          cancelReason: 'ticket escalated: 需村级协调',
          member: { id: people.handler },
          grid: { id: place.g1 },
        },
        {
          id: `ticket:<ticket>:${people.staff}`,
          kind: 'TICKET_HANDLING',
          status: 'COMPLETED',
          startedAt: '2026-11-25T06:00:00.000Z',
          endedAt: '2026-11-25T07:00:00.000Z',
          cancelledAt: null,
          notes: '渠道已疏通',
          cancelReason: null,
          member: { id: people.staff },
          grid: { id: place.village },
        },
      ].sort((x, y) => x.id.localeCompare(y.id));
      expect(await visitsOfTicket(inOrder)).toEqual(expected);
      expect(await visitsOfTicket(twice)).toEqual(expected);
      expect(await visitsOfTicket(swapped)).toEqual(expected);

      const { _entities } = await client.data<{ _entities: { visits: { status: string; member: { id: string } }[] }[] }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Ticket { visits { status member { id } } } } }`,
        { reps: [{ __typename: 'Ticket', id: inOrder }] },
      );
      expect(_entities[0].visits).toHaveLength(2);

      const manualActions = await client.request(`mutation($id: ID!) { cancelVisit(id: $id, reason: "不去了") { id } }`, {
        id: `ticket:${inOrder}:${people.staff}`,
      });
      expect(manualActions.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', rule: 'VISIT_FOLLOWS_TICKET' });

      // every running stack's visits service plans visits for these tickets: a hand-logged visit, whose id only
      // this stack knows, marks the events of this stack's service among theirs
      await logged({ memberId: people.handler, gridId: place.g1, notes: '标记本栈事件' });
      const staffVisit = `ticket:${inOrder}:${people.staff}`;
      expect((await visitEventTypes([staffVisit]))[staffVisit]).toEqual([
        'steward.visit.logged.v1',
        'steward.visit.started.v1',
        'steward.visit.completed.v1',
      ]);
    });
  });
});
