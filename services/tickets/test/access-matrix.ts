// Who may read and change which tickets (SECURITY.md), on the built service:
// callers of every kind × every operation × a ticket inside or outside their
// units → data, filtered, FORBIDDEN or UNAUTHENTICATED; refused mutations
// change nothing. Registered inside closed-loop.test.ts so it shares that
// file's stack (the tickets tests have two port offsets, both taken).
import type { Principal } from '@steward/auth';
import { graphql, graphqlData, headersFor, MONGO_URL, type Credentials, type GraphQLResponse } from '@steward/testing';
import { MongoClient } from 'mongodb';
import {
  createMemberWithRole,
  createUnit,
  dispatch,
  EVIDENCE_FIELDS,
  mutate,
  mutateOk,
  readTicket,
  report,
  uploadEvidence,
  type Place,
  type TicketsStack,
  type TicketView,
} from './helpers';

export interface AccessFixture {
  env: TicketsStack;
  place: Place;
}

type Outcome = 'DATA' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
const D: Outcome = 'DATA';
const F: Outcome = 'FORBIDDEN';
const U: Outcome = 'UNAUTHENTICATED';

function outcomeOf(result: GraphQLResponse<unknown>): Outcome | string {
  const code = result.errors?.[0]?.extensions?.code;
  return code ?? 'DATA';
}

export function describeAccess(fixture: () => AccessFixture): void {
  describe('access (权限): callers × operations × inside/outside their units', () => {
    let env: TicketsStack;
    let url: string;
    let place: Place;
    let villageB: string;
    let gridB: string;
    let handlerId: string;
    let P: Record<string, Principal>;
    /** a grid ticket in grid A dispatched to the grid member, and one in grid B; both with a reporter phone */
    let ticketA: TicketView;
    let ticketB: TicketView;
    const headers = (who: string) => env.stack.signedHeaders(P[who]);

    beforeAll(async () => {
      ({ env, place } = fixture());
      url = env.tickets;
      villageB = await createUnit(env.org, { level: 'ADMIN_VILLAGE', name: '八卦村', parentId: place.township });
      gridB = await createUnit(env.org, { level: 'GRID', name: '八卦村第一网格', parentId: villageB });
      handlerId = await createMemberWithRole(env.members, '太平村网格员', place.grid, 'GRID_MEMBER');
      P = {
        gridMemberA: { kind: 'MEMBER', id: handlerId, grants: [{ role: 'GRID_MEMBER', unitId: place.grid }] },
        otherGridMemberA: { kind: 'MEMBER', id: 'sec-grid-a-2', grants: [{ role: 'GRID_MEMBER', unitId: place.grid }] },
        secretaryA: { kind: 'MEMBER', id: 'sec-secretary-a', grants: [{ role: 'VILLAGE_SECRETARY', unitId: place.village }] },
        dispatcher: { kind: 'MEMBER', id: 'sec-dispatcher', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: place.township }] },
        memberB: { kind: 'MEMBER', id: 'sec-secretary-b', grants: [{ role: 'VILLAGE_SECRETARY', unitId: villageB }] },
        serviceRead: { kind: 'SERVICE', id: 'warehouse', permissions: ['read'] },
        serviceNoRead: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
        anonymous: { kind: 'ANONYMOUS' },
        admin: { kind: 'ADMIN', id: 'admin' },
      };
      ticketA = await report(url, {
        title: '太平村垃圾堆放',
        category: 'SANITATION',
        channel: 'HOTLINE',
        unitId: place.grid,
        reporter: { name: '吴中翠', phone: '13955507777' },
      });
      ticketB = await report(url, {
        title: '八卦村垃圾堆放',
        category: 'SANITATION',
        channel: 'HOTLINE',
        unitId: gridB,
        reporter: { name: '尹龙华', phone: '13955508888' },
      });
      await mutateOk(url, 'acceptTicket', 'id: $id', { id: ticketA.id });
      ticketA = await dispatch(url, ticketA.id, { handlerId });
    });

    const READERS = ['gridMemberA', 'secretaryA', 'dispatcher', 'memberB', 'serviceRead', 'serviceNoRead', 'anonymous', 'admin'];
    // [ticket A (grid A), ticket B (grid B)] → what each reader gets by id, as an entity, and in lists
    const BY_ID: Record<string, [Outcome, Outcome]> = {
      gridMemberA: [D, F],
      secretaryA: [D, F],
      dispatcher: [D, D],
      memberB: [F, D],
      serviceRead: [D, D],
      serviceNoRead: [F, F],
      anonymous: [U, U],
      admin: [D, D],
    };

    it('answers ticket(id) and _entities with data inside the scope, FORBIDDEN outside, UNAUTHENTICATED without a principal', async () => {
      const rows: unknown[] = [];
      for (const who of READERS) {
        for (const [index, ticket] of [ticketA, ticketB].entries()) {
          const byId = await graphql(url, `query($id: ID!) { ticket(id: $id) { id } }`, { id: ticket.id }, headers(who));
          const entity = await graphql<{ _entities: ({ id: string } | null)[] }>(
            url,
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id } } }`,
            { r: [{ __typename: 'Ticket', id: ticket.id }] },
            headers(who),
          );
          const byNumber = await graphql(url, `query($n: String!) { ticketByNumber(number: $n) { id } }`, { n: ticket.number }, headers(who));
          rows.push({ who, ticket: index === 0 ? 'A' : 'B', byId: outcomeOf(byId), entity: outcomeOf(entity), byNumber: outcomeOf(byNumber) });
          if (outcomeOf(entity) === 'DATA') expect(entity.data?._entities).toEqual([{ id: ticket.id }]);
        }
      }
      expect(rows).toEqual(
        READERS.flatMap((who) =>
          BY_ID[who].map((expected, index) => ({ who, ticket: index === 0 ? 'A' : 'B', byId: expected, entity: expected, byNumber: expected })),
        ),
      );
      const unknown = await graphql<{ ticket: null }>(url, `query { ticket(id: "no-such-ticket") { id } }`, {}, headers('gridMemberA'));
      expect(unknown).toEqual({ data: { ticket: null } });
    });

    it('filters lists, work queues and unit/member extensions silently, counting only visible tickets', async () => {
      const LISTED: Record<string, [boolean, boolean] | Outcome> = {
        gridMemberA: [true, false],
        secretaryA: [true, false],
        dispatcher: [true, true],
        memberB: [false, true],
        serviceRead: [true, true],
        serviceNoRead: F,
        anonymous: U,
        admin: [true, true],
      };
      for (const who of READERS) {
        const result = await graphql<{ tickets: { totalCount: number; edges: { node: { id: string; unit: { id: string } } }[] } }>(
          url,
          `query($w: ID) { tickets(filter: { within: $w }, first: 100) { totalCount edges { node { id unit { id } } } } }`,
          { w: place.township },
          headers(who),
        );
        const expected = LISTED[who];
        if (typeof expected === 'string') {
          expect({ who, code: outcomeOf(result) }).toEqual({ who, code: expected });
          continue;
        }
        const ids = result.data?.tickets.edges.map((edge) => edge.node.id) ?? [];
        expect({ who, a: ids.includes(ticketA.id), b: ids.includes(ticketB.id) }).toEqual({ who, a: expected[0], b: expected[1] });
        expect({ who, total: result.data?.tickets.totalCount }).toEqual({ who, total: ids.length });
      }

      // the OrgUnit and Member extensions, as the gateway resolves them
      const entities = await graphqlData<{ _entities: { tickets?: { totalCount: number }; assignedTickets?: { totalCount: number } }[] }>(
        url,
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on OrgUnit { tickets { totalCount } } ... on Member { assignedTickets { totalCount } } } }`,
        { r: [{ __typename: 'OrgUnit', id: gridB }, { __typename: 'Member', id: handlerId }] },
        headers('gridMemberA'),
      );
      expect(entities._entities).toEqual([{ tickets: { totalCount: 0 } }, { assignedTickets: { totalCount: 1 } }]);
      const assignedForB = await graphqlData<{ _entities: { assignedTickets: { totalCount: number } }[] }>(
        url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { assignedTickets { totalCount } } } }`,
        { r: [{ __typename: 'Member', id: handlerId }] },
        headers('memberB'),
      );
      expect(assignedForB._entities).toEqual([{ assignedTickets: { totalCount: 0 } }]);

      const queue = await graphqlData<{ myQueue: { id: string }[] }>(url, `query { myQueue { id } }`, {}, headers('gridMemberA'));
      expect(queue.myQueue.map((ticket) => ticket.id)).toContain(ticketA.id);
      expect((await graphql(url, `query { myQueue { id } }`, {}, headers('anonymous'))).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('gives ticketStats inside the scope and FORBIDDEN for a unit outside it', async () => {
      const stats = (who: string, within: string) =>
        graphql(url, `query($w: ID) { ticketStats(within: $w) { received } }`, { w: within }, headers(who)).then(outcomeOf);
      expect({
        gridAOnGridA: await stats('gridMemberA', place.grid),
        gridAOnGridB: await stats('gridMemberA', gridB),
        gridAOnVillageA: await stats('gridMemberA', place.village),
        memberBOnGridA: await stats('memberB', place.grid),
        dispatcherOnGridB: await stats('dispatcher', gridB),
        serviceNoRead: await stats('serviceNoRead', gridB),
        anonymous: await stats('anonymous', gridB),
      }).toEqual({
        gridAOnGridA: D,
        gridAOnGridB: F,
        gridAOnVillageA: F,
        memberBOnGridA: F,
        dispatcherOnGridB: D,
        serviceNoRead: F,
        anonymous: U,
      });
      const entity = await graphql(
        url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit { ticketStats { received } } } }`,
        { r: [{ __typename: 'OrgUnit', id: gridB }] },
        headers('gridMemberA'),
      );
      expect(outcomeOf(entity)).toBe(F);
    });

    it('shows the reporter phone in clear only with pii:read, and audits each clear read', async () => {
      const PHONES: Record<string, string> = {
        gridMemberA: '139****7777',
        secretaryA: '13955507777',
        dispatcher: '13955507777',
        serviceRead: '139****7777',
        admin: '13955507777',
      };
      const since = new Date();
      for (const [who, phone] of Object.entries(PHONES)) {
        const view = await readTicket(url, ticketA.id, headers(who));
        expect({ who, phone: view.reporter?.phone }).toEqual({ who, phone });
      }
      const added = await auditEntries(since, ticketA.id);
      expect(added.map((entry) => entry.actor).sort()).toEqual(['ADMIN:admin', 'MEMBER:sec-dispatcher', 'MEMBER:sec-secretary-a']);
      expect(added[0]).toMatchObject({ action: 'PII_READ', entity: 'Ticket', fields: ['reporter.phone'] });
    });

    /** The audit entries about `entityId` written at or after `since`. */
    async function auditEntries(since: Date, entityId: string): Promise<{ action: string; entity: string; actor: string; fields: string[] }[]> {
      const client = await MongoClient.connect(MONGO_URL);
      try {
        const rows = await client.db(`${env.databasePrefix}_tickets`).collection('audit_log').find({ entityId }).toArray();
        return rows
          .filter((row) => row.at >= since)
          .map(({ action, entity, actor, fields }) => ({ action, entity, actor, fields }));
      } finally {
        await client.close();
      }
    }

    it('serves evidence inside the scope: 401 without a principal, 403 outside, 404 unknown', async () => {
      const pdf = Buffer.from('%PDF-1.7\nevidence of access');
      const uploaded = await uploadEvidence(url, { ticketId: ticketA.id, fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdf }, headers('gridMemberA'));
      const evidence = uploaded.data?.uploadEvidence;
      if (!evidence) throw new Error(JSON.stringify(uploaded.errors));
      expect(evidence.uploadedBy).toBe(handlerId);
      const download = async (credentials: Credentials, downloadPath = evidence.downloadPath) => {
        const target = new URL(downloadPath, url);
        const response = await fetch(target, { headers: await headersFor(credentials, target) });
        const body = Buffer.from(await response.arrayBuffer());
        return { status: response.status, body };
      };
      const statuses: Record<string, number> = {};
      for (const who of READERS) statuses[who] = (await download(headers(who))).status;
      statuses.unsigned = (await download({})).status;
      expect(statuses).toEqual({
        gridMemberA: 200,
        secretaryA: 200,
        dispatcher: 200,
        memberB: 403,
        serviceRead: 200,
        serviceNoRead: 403,
        anonymous: 401,
        admin: 200,
        unsigned: 401,
      });
      expect((await download(headers('gridMemberA'))).body.equals(pdf)).toBe(true);
      const refused = await download(headers('memberB'));
      expect(JSON.parse(refused.body.toString())).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
      expect(JSON.parse((await download(headers('anonymous'))).body.toString())).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect((await download(headers('gridMemberA'), '/evidence/no-such-evidence')).status).toBe(404);
      // the timeline shows it to readers of the ticket only
      const timeline = await graphql(url, `query($id: ID!) { ticket(id: $id) { timeline { evidence { ${EVIDENCE_FIELDS} } } } }`, { id: ticketA.id }, headers('memberB'));
      expect(outcomeOf(timeline)).toBe(F);
    });

    it('refuses a report on a unit outside the caller\'s scope with a clear error, storing nothing (issue 5)', async () => {
      const countIn = async (unitId: string) =>
        (await graphqlData<{ tickets: { totalCount: number } }>(url, `query($w: ID) { tickets(filter: { within: $w }) { totalCount } }`, { w: unitId })).tickets
          .totalCount;
      const before = await countIn(gridB);
      const input = { title: '八卦村路灯坏了', category: 'STREET_LIGHTING', channel: 'GRID_REPORT', unitId: gridB };
      const refused = await mutate(url, 'reportTicket', 'input: $report', { report: input }, headers('gridMemberA'));
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('超出管辖范围') });
      expect(await countIn(gridB)).toBe(before);

      // inside: a grid report entered by the member signed in
      const own = await mutateOk(url, 'reportTicket', 'input: $report', { report: { ...input, unitId: place.grid } }, headers('gridMemberA'));
      expect(own.timeline[0]).toMatchObject({ action: 'report', actorId: handlerId });
      const reportedBy = await graphqlData<{ ticket: { reportedBy: { id: string } | null } }>(url, `query($id: ID!) { ticket(id: $id) { reportedBy { id } } }`, { id: own.id });
      expect(reportedBy.ticket.reportedBy).toEqual({ id: handlerId });

      const outcomes = {
        gridReportByAdmin: outcomeOf(await mutate(url, 'reportTicket', 'input: $report', { report: { ...input, unitId: place.grid } }, headers('admin'))),
        gridReportByService: outcomeOf(await mutate(url, 'reportTicket', 'input: $report', { report: { ...input, unitId: place.grid } }, headers('serviceNoRead'))),
        wechatByService: outcomeOf(
          await mutate(url, 'reportTicket', 'input: $report', { report: { ...input, channel: 'WECHAT', reporter: { name: '微信用户' } } }, headers('serviceNoRead')),
        ),
        hotlineByReadOnlyService: outcomeOf(await mutate(url, 'reportTicket', 'input: $report', { report: { ...input, channel: 'HOTLINE' } }, headers('serviceRead'))),
        anonymous: outcomeOf(await mutate(url, 'reportTicket', 'input: $report', { report: { ...input, channel: 'HOTLINE' } }, headers('anonymous'))),
      };
      expect(outcomes).toEqual({
        gridReportByAdmin: 'BAD_USER_INPUT',
        gridReportByService: 'BAD_USER_INPUT',
        // the WeChat intake account reports anywhere (service accounts are not bound to units)
        wechatByService: D,
        hotlineByReadOnlyService: F,
        anonymous: U,
      });
      expect(await countIn(gridB)).toBe(before + 1);
    });

    it('lets a grid member handling a village ticket read and work it, only while they are its handler', async () => {
      // a road problem of the village (dispatch catalogue); the secretary dispatches it to the grid member. Located at
      // the village itself, not at grid A: the grid team of a problem's location reads it anyway (see ticket-access)
      const villageStaff = await createMemberWithRole(env.members, '太平村文书', place.village, 'VILLAGE_STAFF');
      const ticket = await report(url, { title: '村道坑洼', category: 'ROADS', channel: 'HOTLINE', unitId: place.village });
      expect(ticket).toMatchObject({ level: 'ADMIN_VILLAGE', unit: { id: place.village } });
      const id = ticket.id;
      await mutateOk(url, 'acceptTicket', 'id: $id', { id }, headers('secretaryA'));
      await dispatch(url, id, { handlerId, unitId: place.grid }, headers('secretaryA'));

      const sees = async (who: string) => {
        const byId = outcomeOf(await graphql(url, `query($id: ID!) { ticket(id: $id) { id } }`, { id }, headers(who)));
        const list = await graphqlData<{ tickets: { edges: { node: { id: string } }[] } }>(
          url,
          `query($w: ID) { tickets(filter: { within: $w }, first: 100) { edges { node { id } } } }`,
          { w: place.township },
          headers(who),
        );
        const queue = await graphqlData<{ myQueue: { id: string }[] }>(url, `query { myQueue { id } }`, {}, headers(who));
        return { who, byId, listed: list.tickets.edges.some((edge) => edge.node.id === id), queued: queue.myQueue.some((row) => row.id === id) };
      };
      expect(await sees('gridMemberA')).toEqual({ who: 'gridMemberA', byId: D, listed: true, queued: true });
      // their grid colleague is not the handler
      expect(await sees('otherGridMemberA')).toEqual({ who: 'otherGridMemberA', byId: F, listed: false, queued: false });

      // re-dispatched to the village staff: the grid member loses the ticket, and a refused start changes nothing
      await dispatch(url, id, { handlerId: villageStaff }, headers('secretaryA'));
      expect(await sees('gridMemberA')).toEqual({ who: 'gridMemberA', byId: F, listed: false, queued: false });
      const before = await readTicket(url, id);
      expect(outcomeOf(await mutate(url, 'startTicket', 'id: $id', { id }, headers('gridMemberA')))).toBe(F);
      expect(await readTicket(url, id)).toEqual(before);

      // dispatched back: they start it, attach evidence and resolve it
      await dispatch(url, id, { handlerId, unitId: place.grid }, headers('secretaryA'));
      await mutateOk(url, 'startTicket', 'id: $id', { id }, headers('gridMemberA'));
      const photo = await uploadEvidence(url, { ticketId: id, fileName: 'road.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7\nroad') }, headers('gridMemberA'));
      expect(outcomeOf(photo)).toBe(D);
      const resolved = await mutateOk(
        url,
        'resolveTicket',
        'id: $id, input: $resolve',
        { id, resolve: { resolution: '已填平', evidenceIds: [photo.data?.uploadEvidence.id] } },
        headers('gridMemberA'),
      );
      expect(resolved).toMatchObject({ status: 'RESOLVED', handler: { id: handlerId } });
      // unsatisfied: reopened without a handler, so no longer theirs
      await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'UNSATISFIED' } }, headers('dispatcher'));
      expect(await sees('gridMemberA')).toEqual({ who: 'gridMemberA', byId: F, listed: false, queued: false });
    });

    it('checks every transition against the caller before writing: refused ones change nothing', async () => {
      // two more grid-A tickets and one in grid B, reported and accepted by the administrator
      const fresh = async (unitId: string, title: string, accept = true) => {
        const ticket = await report(url, { title, category: 'SANITATION', channel: 'HOTLINE', unitId });
        if (accept) await mutateOk(url, 'acceptTicket', 'id: $id', { id: ticket.id });
        return ticket.id;
      };
      const loop = await fresh(place.grid, '垃圾桶满了', false);
      const other = await fresh(place.grid, '垃圾桶又满了');
      const inB = await fresh(gridB, '八卦村垃圾桶满了');

      type Row = [string, string, () => Promise<GraphQLResponse<unknown>>, Outcome | 'CONFLICT', string];
      const on = (id: string, field: string, args: string, variables: Record<string, unknown>) => (who: string) => () =>
        mutate(url, field, args, { id, ...variables }, headers(who));
      const accept = on(loop, 'acceptTicket', 'id: $id', {});
      const dispatchTo = on(loop, 'dispatchTicket', 'id: $id, input: $dispatch', { dispatch: { handlerId } });
      const start = on(loop, 'startTicket', 'id: $id', {});
      const progress = on(loop, 'addProgress', 'id: $id, input: $progress', { progress: { note: '已联系清运' } });
      const resolve = on(loop, 'resolveTicket', 'id: $id, input: $resolve', { resolve: { resolution: '已清运' } });
      const feedback = on(loop, 'recordFeedback', 'id: $id, input: $feedback', { feedback: { satisfaction: 'SATISFIED' } });
      const close = on(loop, 'closeTicket', 'id: $id', {});
      const supervise = on(other, 'superviseTicket', 'id: $id, note: $requiredNote', { requiredNote: '请尽快' });
      const transfer = on(other, 'transferTicket', 'id: $id, input: $transfer', { transfer: { unitId: gridB, reason: '属八卦村' } });
      const escalate = on(inB, 'escalateTicket', 'id: $id, reason: $reason', { reason: '网格处理不了' });
      const reject = on(inB, 'rejectTicket', 'id: $id, reason: $reason', { reason: '重复' });
      const merge = on(inB, 'mergeTicket', 'id: $id, intoId: $intoId', { intoId: other });
      const reopen = on(loop, 'reopenTicket', 'id: $id, reason: $reason', { reason: '又满了' });
      const upload = (who: string) => () =>
        uploadEvidence(url, { ticketId: loop, fileName: 'b.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.7\nb') }, headers(who));

      // in order: refusals first, then the permitted call that moves the ticket on
      const rows: Row[] = [
        ['accept', 'anonymous', accept('anonymous'), U, loop],
        ['accept', 'grid member (no tickets:dispatch)', accept('gridMemberA'), F, loop],
        ['accept', 'member of village B', accept('memberB'), F, loop],
        ['accept', 'read-only service', accept('serviceRead'), F, loop],
        ['accept', 'secretary of village A', accept('secretaryA'), D, loop],
        ['dispatch', 'member of village B', dispatchTo('memberB'), F, loop],
        ['dispatch', 'secretary of village A', dispatchTo('secretaryA'), D, loop],
        ['start', 'another grid member of grid A (not the handler)', start('otherGridMemberA'), F, loop],
        ['start', 'member of village B', start('memberB'), F, loop],
        ['start', 'the handler', start('gridMemberA'), D, loop],
        ['uploadEvidence', 'member of village B', upload('memberB'), F, loop],
        ['uploadEvidence', 'another grid member of grid A', upload('otherGridMemberA'), F, loop],
        ['progress', 'read-only service', progress('serviceRead'), F, loop],
        ['progress', 'the handler', progress('gridMemberA'), D, loop],
        ['resolve', 'member of village B', resolve('memberB'), F, loop],
        ['resolve', 'secretary of village A (dispatches there)', resolve('secretaryA'), D, loop],
        ['feedback', 'grid member (no tickets:feedback)', feedback('gridMemberA'), F, loop],
        ['feedback', 'member of village B', feedback('memberB'), F, loop],
        ['feedback', 'township dispatcher', feedback('dispatcher'), D, loop],
        ['reopen', 'grid member', reopen('gridMemberA'), F, loop],
        ['close', 'member of village B', close('memberB'), F, loop],
        ['close', 'secretary of village A', close('secretaryA'), D, loop],
        ['supervise', 'grid member of the same grid', supervise('gridMemberA'), F, other],
        ['supervise', 'member of village B', supervise('memberB'), F, other],
        ['supervise', 'township dispatcher', supervise('dispatcher'), D, other],
        ['transfer', 'secretary of village A (not on the target grid)', transfer('secretaryA'), F, other],
        ['escalate', 'secretary of village A', escalate('secretaryA'), F, inB],
        ['reject', 'grid member of grid A', reject('gridMemberA'), F, inB],
        ['merge', 'member of village B (original outside the scope)', merge('memberB'), F, inB],
        ['merge', 'secretary of village A', merge('secretaryA'), F, inB],
        ['transfer', 'township dispatcher', transfer('dispatcher'), D, other],
        ['escalate', 'member of village B', escalate('memberB'), D, inB],
      ];
      for (const [operation, who, run, expected, ticketId] of rows) {
        const before = await readTicket(url, ticketId);
        const result = await run();
        expect({ operation, who, outcome: outcomeOf(result) }).toEqual({ operation, who, outcome: expected });
        if (expected !== D) expect({ operation, who, ticket: await readTicket(url, ticketId) }).toEqual({ operation, who, ticket: before });
      }
      const done = await readTicket(url, loop);
      expect(done.status).toBe('CLOSED');
      expect(done.timeline.map((entry) => [entry.action, entry.actorId])).toEqual([
        ['report', 'admin'],
        ['accept', 'sec-secretary-a'],
        ['dispatch', 'sec-secretary-a'],
        ['start', handlerId],
        ['progress', handlerId],
        ['resolve', 'sec-secretary-a'],
        ['feedback', 'sec-dispatcher'],
        ['close', 'sec-secretary-a'],
      ]);
      expect(await readTicket(url, other)).toMatchObject({ unit: { id: gridB }, supervisionCount: 1 });
    });
  });
}
