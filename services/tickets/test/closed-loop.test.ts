// The closed loop (发现问题 → 平台接受 → 派单 → 线下处置 → 过程监控 → 回复反馈) on the
// real services: every transition writes state, timeline and its event in one
// update, and the events reach the tickets topic in version order. At the end, who may do what
// (access-matrix.ts), on the same stack.
import { graphql, graphqlData, headersFor, MONGO_URL } from '@steward/testing';
import { MongoClient } from 'mongodb';
import { createHash, randomBytes } from 'node:crypto';
import { describeAccess } from './access-matrix';
import {
  as,
  createMemberWithRole,
  createPlace,
  createUnit,
  dispatch,
  memberPrincipal,
  mutate,
  mutateOk,
  EVIDENCE_FIELDS,
  readTicket,
  report,
  startTicketsStack,
  TicketTopicReader,
  uploadEvidence,
  type EvidenceView,
  type Place,
  type TicketsStack,
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
  /** headers are signed with a timestamp: sign afresh for each call */
  const asOperator = () => as(env, memberPrincipal(operator, 'HOTLINE_OPERATOR', place.township));
  const asGridMember = () => as(env, memberPrincipal(gridMember, 'GRID_LEADER', place.grid));
  const asVillageStaff = () => as(env, memberPrincipal(villageStaff, 'VILLAGE_SECRETARY', place.village));
  const asDispatcher = () => as(env, memberPrincipal(dispatcher, 'TOWNSHIP_DISPATCHER', place.township));
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
    }, asOperator());
    const id = reported.id;
    expect(reported).toMatchObject({
      status: 'REPORTED',
      level: 'ADMIN_VILLAGE',
      unit: { id: place.village },
      location: { address: '太平村村东路口', geo: { lat: 31.6, lng: 118.5 }, unit: { id: loopGrid } },
      // the hotline operator may read PII: the phone in clear (audited)
      reporter: { name: '吴中翠', phone: '13955501234', anonymous: false },
      version: 1,
    });
    expect(reported.acceptDueAt).not.toBeNull();
    expect(reported.number).toMatch(/^\d{8}-\d{6}$/);

    // 2. The village service centre accepts and dispatches to its secretary; the township supervises (督办).
    const accepted = await mutateOk(url, 'acceptTicket', 'id: $id, expectedVersion: $expectedVersion', { id, expectedVersion: 1 }, asVillageStaff());
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(accepted.resolveDueAt).not.toBeNull();
    await dispatch(url, id, { handlerId: villageStaff, note: '请今日到场' }, asVillageStaff());
    const supervised = await mutateOk(url, 'superviseTicket', 'id: $id, note: $requiredNote', { id, requiredNote: '请三日内办结' }, asDispatcher());
    expect(supervised.supervisionCount).toBe(1);

    // 3. On site, a progress note, resolved in time.
    await mutateOk(url, 'startTicket', 'id: $id, note: $note', { id, note: '已到现场' }, asVillageStaff());
    await mutateOk(url, 'addProgress', 'id: $id, input: $progress', { id, progress: { note: '已设置警示标志' } }, asVillageStaff());
    const resolved = await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '临时回填' } }, asVillageStaff());
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedOnTime: true });
    expect(resolved.autoCloseAt).not.toBeNull();

    // 4. 回访: unsatisfied — the feedback policy reopens it at once.
    const reopened = await mutateOk(
      url,
      'recordFeedback',
      'id: $id, input: $feedback',
      { id, feedback: { satisfaction: 'UNSATISFIED', comment: '回填后又塌了' } },
      asOperator(),
    );
    expect(reopened).toMatchObject({ status: 'ACCEPTED', reopenCount: 1, handler: null, feedback: { satisfaction: 'UNSATISFIED', comment: '回填后又塌了' } });

    // 5. The village cannot fix it: escalated exactly one level, to the township dispatch centre.
    const escalated = await mutateOk(url, 'escalateTicket', 'id: $id, reason: $reason', { id, reason: '需要施工队，村里解决不了' }, asVillageStaff());
    expect(escalated).toMatchObject({ status: 'ACCEPTED', level: 'TOWNSHIP', unit: { id: place.township }, escalationCount: 1, handler: null });
    const queue = await graphqlData<{ myQueue: { id: string }[] }>(url, `query { myQueue { id } }`, {}, asDispatcher());
    expect(queue.myQueue.map((t) => t.id)).toContain(id);

    // 6. Resolved at the township.
    await dispatch(url, id, { handlerId: dispatcher }, asDispatcher());
    await mutateOk(url, 'startTicket', 'id: $id', { id }, asDispatcher());
    await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '镇里安排施工队重铺路面' } }, asDispatcher());

    // 7. Satisfied, then closed.
    const satisfied = await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'SATISFIED' } }, asOperator());
    expect(satisfied.status).toBe('RESOLVED');
    const closed = await mutateOk(url, 'closeTicket', 'id: $id', { id }, asDispatcher());
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
      ['supervision from the same level', () => mutate(url, 'superviseTicket', 'id: $id, note: $requiredNote', { id, requiredNote: '快点' }, asGridMember()), 'FORBIDDEN'],
      ['supervision without signing in', () => mutate(url, 'superviseTicket', 'id: $id, note: $requiredNote', { id, requiredNote: '快点' }, as(env, { kind: 'ANONYMOUS' })), 'UNAUTHENTICATED'],
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

  describe('evidence (图文)', () => {
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    // above the 100 kB a JSON body may have by default
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300 * 1024)]);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]);

    async function openTicket(title: string): Promise<string> {
      const ticket = await report(url, { title, category: 'SANITATION', channel: 'HOTLINE', unitId: place.grid });
      await mutateOk(url, 'acceptTicket', 'id: $id', { id: ticket.id });
      await dispatch(url, ticket.id, { handlerId: gridMember });
      return ticket.id;
    }

    async function upload(ticketId: string, fileName: string, contentType: string, bytes: Buffer): Promise<EvidenceView> {
      const result = await uploadEvidence(url, { ticketId, fileName, contentType, bytes }, asGridMember());
      if (result.errors?.length || !result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.uploadEvidence;
    }

    async function timelineEvidence(id: string) {
      const { ticket } = await graphqlData<{ ticket: { timeline: { action: string; evidence: EvidenceView[] }[] } }>(
        url,
        `query($id: ID!) { ticket(id: $id) { timeline { action evidence { ${EVIDENCE_FIELDS} } } } }`,
        { id },
      );
      return ticket.timeline;
    }

    async function storedFiles(): Promise<{ files: number; chunks: number }> {
      const client = await MongoClient.connect(MONGO_URL);
      try {
        const db = client.db(`${env.databasePrefix}_tickets`);
        return { files: await db.collection('evidence.files').countDocuments(), chunks: await db.collection('evidence.chunks').countDocuments() };
      } finally {
        await client.close();
      }
    }

    it('uploads photos and documents, references them from start, progress and resolve, and serves the same bytes', async () => {
      const id = await openTicket('垃圾堆放');
      const photoEvidence = await upload(id, '../现场 照片(1).jpg', 'image/jpeg', photo);
      expect(photoEvidence).toEqual({
        id: expect.any(String),
        fileName: '现场 照片(1).jpg',
        contentType: 'image/jpeg',
        size: photo.length,
        sha256: sha256(photo),
        uploadedAt: expect.any(String),
        uploadedBy: gridMember,
        downloadPath: `/evidence/${photoEvidence.id}`,
      });
      // a retried upload of the same file returns the evidence stored first
      expect(await upload(id, 'again.jpg', 'image/jpeg', photo)).toEqual(photoEvidence);
      const pdfEvidence = await upload(id, '处置报告.pdf', 'application/pdf', pdf);

      await mutateOk(url, 'startTicket', 'id: $id, evidenceIds: $evidenceIds', { id, evidenceIds: [photoEvidence.id] }, asGridMember());
      await mutateOk(url, 'addProgress', 'id: $id, input: $progress', { id, progress: { note: '已联系清运车', evidenceIds: [pdfEvidence.id] } }, asGridMember());
      const resolved = await mutateOk(
        url,
        'resolveTicket',
        'id: $id, input: $resolve',
        { id, resolve: { resolution: '已清运', evidenceIds: [photoEvidence.id, pdfEvidence.id, photoEvidence.id] } },
        asGridMember(),
      );
      expect(resolved.status).toBe('RESOLVED');

      const timeline = await timelineEvidence(id);
      expect(timeline.map((entry) => [entry.action, entry.evidence.map((evidence) => evidence.id)])).toEqual([
        ['report', []],
        ['accept', []],
        ['dispatch', []],
        ['start', [photoEvidence.id]],
        ['progress', [pdfEvidence.id]],
        ['resolve', [photoEvidence.id, pdfEvidence.id]],
      ]);
      expect(timeline[5].evidence).toEqual([photoEvidence, pdfEvidence]);

      for (const [evidence, bytes] of [[photoEvidence, photo], [pdfEvidence, pdf]] as const) {
        const target = new URL(evidence.downloadPath, url);
        const response = await fetch(target, { headers: await headersFor(asGridMember(), target) });
        const body = Buffer.from(await response.arrayBuffer());
        expect(response.status).toBe(200);
        expect(body.equals(bytes)).toBe(true);
        expect(sha256(body)).toBe(evidence.sha256);
        expect({
          type: response.headers.get('content-type'),
          length: response.headers.get('content-length'),
          etag: response.headers.get('etag'),
          nosniff: response.headers.get('x-content-type-options'),
        }).toEqual({ type: evidence.contentType, length: String(bytes.length), etag: `"${evidence.sha256}"`, nosniff: 'nosniff' });
      }
      const photoUrl = new URL(photoEvidence.downloadPath, url);
      const photoResponse = await fetch(photoUrl, { headers: await headersFor(asGridMember(), photoUrl) });
      await photoResponse.arrayBuffer();
      expect(photoResponse.headers.get('content-disposition')).toBe(
        `attachment; filename="__ __(1).jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%281%29.jpg`,
      );
      const revalidated = await fetch(photoUrl, {
        headers: { ...(await headersFor(asGridMember(), photoUrl)), 'if-none-match': `"${photoEvidence.sha256}"` },
      });
      expect(revalidated.status).toBe(304);
      const unknown = new URL('/evidence/no-such-evidence', url);
      expect((await fetch(unknown, { headers: await headersFor(asGridMember(), unknown) })).status).toBe(404);

      // the events name the evidence too
      const events = await topic.waitForEvents(id, 6);
      expect(events.slice(3).map((event) => [event.type.split('.')[2], event.data.evidenceIds])).toEqual([
        ['started', [photoEvidence.id]],
        ['progress-added', [pdfEvidence.id]],
        ['resolved', [photoEvidence.id, pdfEvidence.id]],
      ]);
    });

    it('refuses oversize, wrong-type, mismatched and foreign evidence with a reason, storing and changing nothing', async () => {
      const id = await openTicket('垃圾桶破损');
      await mutateOk(url, 'startTicket', 'id: $id', { id });
      const other = await openTicket('另一处垃圾');
      const foreign = await upload(other, 'foreign.pdf', 'application/pdf', pdf);
      const ticketBefore = await readTicket(url, id);
      const stored = await storedFiles();

      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const oversize = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 1 - png.length)]);
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00');
      const uploads: [string, Parameters<typeof uploadEvidence>[1], string, string | undefined][] = [
        ['a file over 5 MiB', { ticketId: id, fileName: 'big.png', contentType: 'image/png', bytes: oversize }, 'BAD_USER_INPUT', 'EVIDENCE_TOO_LARGE'],
        ['a GIF', { ticketId: id, fileName: 'a.gif', contentType: 'image/gif', bytes: gif }, 'BAD_USER_INPUT', 'EVIDENCE_TYPE_NOT_ALLOWED'],
        ['a GIF declared as PNG', { ticketId: id, fileName: 'a.png', contentType: 'image/png', bytes: gif }, 'BAD_USER_INPUT', 'EVIDENCE_TYPE_NOT_ALLOWED'],
        ['a PNG declared as JPEG', { ticketId: id, fileName: 'a.jpg', contentType: 'image/jpeg', bytes: png }, 'BAD_USER_INPUT', 'EVIDENCE_TYPE_MISMATCH'],
        ['a file for an unknown ticket', { ticketId: 'no-such-ticket', fileName: 'a.pdf', contentType: 'application/pdf', bytes: pdf }, 'NOT_FOUND', undefined],
      ];
      for (const [name, input, code, reason] of uploads) {
        const result = await uploadEvidence(url, input);
        expect({ name, code: result.errors?.[0]?.extensions?.code, reason: result.errors?.[0]?.extensions?.reason }).toEqual({ name, code, reason });
      }
      const references: [string, () => ReturnType<typeof mutate>][] = [
        ['progress with evidence of another ticket', () => mutate(url, 'addProgress', 'id: $id, input: $progress', { id, progress: { note: '照片', evidenceIds: [foreign.id] } })],
        ['resolve with unknown evidence', () => mutate(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '已修', evidenceIds: ['no-such-evidence'] } })],
      ];
      for (const [name, run] of references) {
        const result = await run();
        expect({ name, code: result.errors?.[0]?.extensions?.code, reason: result.errors?.[0]?.extensions?.reason }).toEqual({
          name,
          code: 'BAD_USER_INPUT',
          reason: 'EVIDENCE_NOT_ON_TICKET',
        });
      }

      expect(await storedFiles()).toEqual(stored);
      expect(await readTicket(url, id)).toEqual(ticketBefore);
    });
  });

  describeAccess(() => ({ env, place }));
});
