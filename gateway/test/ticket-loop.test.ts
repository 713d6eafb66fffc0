// Issue 5 acceptance: the whole closed loop (闭环) of one ticket through the
// gateway, each step done by the person whose job it is, signed in with their
// own password: the 580 hotline reports, the village service centre accepts and
// dispatches to a grid member who works it, the hotline calls back (回访),
// unsatisfied, the village escalates and the township resolves it, satisfied,
// closed. Then the timeline as the gateway shows it (actors resolved by the
// members subgraph) and the ticket's events on the tickets topic.
import { authorizeStack, graphqlData, uniqueName } from '@steward/testing';
import path from 'node:path';
import {
  createMemberWithPhone,
  createPlace,
  dispatch,
  mutateOk,
  report,
  TicketTopicReader,
} from '../../services/tickets/test/helpers';

import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const PASSWORD = 'loop-password-2026';

interface TimelineView {
  action: string;
  from: string | null;
  to: string;
  level: string;
  automatic: boolean;
  actor: { id: string; name: string } | null;
  unit: { id: string } | null;
  handler: { id: string } | null;
}

describe('the ticket loop through the gateway (issue 5)', () => {
  let stack: Stack;
  let url: string;
  const topic = new TicketTopicReader();

  beforeAll(async () => {
    const databasePrefix = uniqueName('t6_loop').replace(/-/g, '_');
    stack = await startStack({ portOffset: 520, databasePrefix, logDir: path.join(__dirname, '../../.local/logs', databasePrefix), timeoutMs: 240_000 });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    await topic.start();
    // six processes and a consumer-group join on a shared machine
  }, 360_000);

  afterAll(async () => {
    await topic.stop();
    await stack?.stop();
  });

  it('walks hotline report → accept → dispatch → start → resolve → unsatisfied → reopen → escalate → township → satisfied → close', async () => {
    // The administrator sets up the township and its people through the gateway.
    const place = await createPlace(url);
    const people = {
      operator: await createMemberWithPhone(url, '热线坐席', place.township, 'HOTLINE_OPERATOR'),
      secretary: await createMemberWithPhone(url, '汤自迁', place.village, 'VILLAGE_SECRETARY'),
      gridMember: await createMemberWithPhone(url, '汤晓琴', place.grid, 'GRID_MEMBER'),
      dispatcher: await createMemberWithPhone(url, '调度员', place.township, 'TOWNSHIP_DISPATCHER'),
    };
    const signedIn: Record<keyof typeof people, Record<string, string>> = { operator: {}, secretary: {}, gridMember: {}, dispatcher: {} };
    for (const [who, { id, phone }] of Object.entries(people) as [keyof typeof people, { id: string; phone: string }][]) {
      await graphqlData(url, 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id, p: PASSWORD });
      signedIn[who] = await stack.login(phone, PASSWORD);
    }
    const as = (who: keyof typeof people) => signedIn[who];

    // 1. 580 hotline: a road problem at a grid is the village service centre's (dispatch catalogue).
    const reported = await report(
      url,
      { title: '村道塌陷', category: 'ROADS', channel: 'HOTLINE', unitId: place.grid, reporter: { name: '吴中翠', phone: '13955501234' } },
      as('operator'),
    );
    const id = reported.id;
    expect(reported).toMatchObject({ status: 'REPORTED', level: 'ADMIN_VILLAGE', unit: { id: place.village } });

    // 2. The village accepts and dispatches to the grid member, who works it for the grid.
    await mutateOk(url, 'acceptTicket', 'id: $id', { id }, as('secretary'));
    await dispatch(url, id, { handlerId: people.gridMember.id, unitId: place.grid, note: '请今日到场' }, as('secretary'));
    await mutateOk(url, 'startTicket', 'id: $id, note: $note', { id, note: '已到现场' }, as('gridMember'));
    const resolved = await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '临时回填' } }, as('gridMember'));
    expect(resolved).toMatchObject({ status: 'RESOLVED', handler: { id: people.gridMember.id } });

    // 3. 回访 unsatisfied: the feedback policy reopens it, without a handler.
    const reopened = await mutateOk(
      url,
      'recordFeedback',
      'id: $id, input: $feedback',
      { id, feedback: { satisfaction: 'UNSATISFIED', comment: '回填后又塌了' } },
      as('operator'),
    );
    expect(reopened).toMatchObject({ status: 'ACCEPTED', reopenCount: 1, handler: null });

    // 4. The village escalates one level; the township dispatcher takes it on and resolves it.
    const escalated = await mutateOk(url, 'escalateTicket', 'id: $id, reason: $reason', { id, reason: '需要施工队' }, as('secretary'));
    expect(escalated).toMatchObject({ status: 'ACCEPTED', level: 'TOWNSHIP', unit: { id: place.township } });
    await dispatch(url, id, { handlerId: people.dispatcher.id }, as('dispatcher'));
    await mutateOk(url, 'startTicket', 'id: $id', { id }, as('dispatcher'));
    await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '镇里安排施工队重铺路面' } }, as('dispatcher'));

    // 5. Satisfied, then closed.
    await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'SATISFIED' } }, as('operator'));
    const closed = await mutateOk(url, 'closeTicket', 'id: $id', { id }, as('dispatcher'));
    expect(closed).toMatchObject({ status: 'CLOSED', level: 'TOWNSHIP', version: 13 });

    // The timeline through the gateway, as the township dispatcher reads it: who did what, in order.
    const { ticket } = await graphqlData<{ ticket: { timeline: TimelineView[] } }>(
      url,
      `query($id: ID!) { ticket(id: $id) { timeline { action from to level automatic actor { id name } unit { id } handler { id } } } }`,
      { id },
      as('dispatcher'),
    );
    const name = (who: keyof typeof people | null) => (who ? { id: people[who].id, name: { operator: '热线坐席', secretary: '汤自迁', gridMember: '汤晓琴', dispatcher: '调度员' }[who] } : null);
    const STEPS: [string, string, keyof typeof people | null][] = [
      ['report', 'REPORTED', 'operator'],
      ['accept', 'ACCEPTED', 'secretary'],
      ['dispatch', 'DISPATCHED', 'secretary'],
      ['start', 'IN_PROGRESS', 'gridMember'],
      ['resolve', 'RESOLVED', 'gridMember'],
      ['feedback', 'RESOLVED', 'operator'],
      ['reopen', 'ACCEPTED', null],
      ['escalate', 'ACCEPTED', 'secretary'],
      ['dispatch', 'DISPATCHED', 'dispatcher'],
      ['start', 'IN_PROGRESS', 'dispatcher'],
      ['resolve', 'RESOLVED', 'dispatcher'],
      ['feedback', 'RESOLVED', 'operator'],
      ['close', 'CLOSED', 'dispatcher'],
    ];
    expect(ticket.timeline.map(({ action, to, actor }) => [action, to, actor])).toEqual(STEPS.map(([action, to, who]) => [action, to, name(who)]));
    expect(ticket.timeline[2]).toMatchObject({ level: 'ADMIN_VILLAGE', unit: { id: place.village }, handler: { id: people.gridMember.id } });
    expect(ticket.timeline[6]).toMatchObject({ automatic: true, handler: null });
    expect(ticket.timeline[7]).toMatchObject({ from: 'ACCEPTED', level: 'TOWNSHIP', unit: { id: place.township } });

    // The same story on steward.tickets.events.v1: one event per step, versions 1..13, by the same actors.
    const events = await topic.waitForEvents(id, STEPS.length);
    expect(events.map((event) => [event.type, event.aggregateversion, event.data.actorId])).toEqual(
      ['reported', 'accepted', 'dispatched', 'started', 'resolved', 'feedback-recorded', 'reopened', 'escalated', 'dispatched', 'started', 'resolved', 'feedback-recorded', 'closed'].map(
        (type, index) => {
          const who = STEPS[index][2];
          return [`steward.ticket.${type}.v1`, index + 1, who ? people[who].id : null];
        },
      ),
    );
    expect(events[7].data).toMatchObject({ fromLevel: 'ADMIN_VILLAGE', toLevel: 'TOWNSHIP', fromUnitId: place.village, unitId: place.township });
    for (const event of events) expect(event.raw).not.toMatch(/13955501234|吴中翠/); // no reporter PII on the topic
  }, 240_000);
});
