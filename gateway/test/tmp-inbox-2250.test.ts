// The inbox end to end: real Kafka and FerretDB, the whole stack behind the
// gateway, members who sign in with passwords. A dispatch puts exactly one
// message in the handler's inbox, also when the dispatched event is delivered
// twice and when notifications is SIGKILLed while it works through a batch;
// nobody reads or marks another member's messages.
import { Topics } from '@steward/events';
import { graphql, graphqlData, KAFKA_BROKERS, TopicReader, uniqueName, waitFor } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { codeOf, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attacks/attack-world';
import { dispatch, reportAndAccept } from './chain-fixtures';

jest.setTimeout(900_000);

interface InboxMessage {
  id: string;
  text: string;
  template: string;
  ticketId: string;
  readAt: string | null;
}

const INBOX = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount
    edges { cursor node { id text template ticketId readAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function inbox(url: string, headers: Headers, unreadOnly = false): Promise<{ total: number; messages: InboxMessage[] }> {
  const data = await graphqlData<{ myNotifications: { totalCount: number; edges: { node: InboxMessage }[] } }>(url, INBOX, { unreadOnly, first: 200 }, headers);
  return { total: data.myNotifications.totalCount, messages: data.myNotifications.edges.map((edge) => edge.node) };
}

/** The member's messages about `ticketId` of one template, once at least `atLeast` are there. */
async function messagesOf(url: string, member: SignedInMember, ticketId: string, template: string, atLeast = 1): Promise<InboxMessage[]> {
  return waitFor(
    async () => {
      const found = (await inbox(url, member.headers)).messages.filter((message) => message.ticketId === ticketId && message.template === template);
      return found.length >= atLeast ? found : undefined;
    },
    { description: `${template} of ${ticketId} in the inbox`, timeoutMs: 60_000 },
  );
}

describe('notifications: the inbox through the gateway', () => {
  let world: AttackWorld;
  let url: string;
  let dispatcher: SignedInMember;
  let handler: SignedInMember;
  let neighbour: SignedInMember;
  const ticketEvents = new TopicReader(Topics.ticketEvents);

  beforeAll(async () => {
    world = await startAttackWorld(2250, 'notifications-inbox');
    url = world.url;
    dispatcher = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
    handler = await world.member('张网格', world.units.taipingGrid, 'GRID_MEMBER');
    neighbour = await world.member('李网格', world.units.taipingGrid, 'GRID_MEMBER');
    await ticketEvents.start();
  });

  afterAll(async () => {
    await ticketEvents.stop();
    await world?.stop();
  });

  it('tells the unit dispatcher of a report and the handler of the dispatch, in Chinese with number, title and unit', async () => {
    const ticketId = await reportAndAccept(url, world.units.taipingGrid, '池塘清淤');
    await dispatch(url, ticketId, handler.id);

    const [reported] = await messagesOf(url, dispatcher, ticketId, 'ticket.reported');
    expect(reported?.text).toMatch(/^新工单 \d{8}-\d+「池塘清淤」待受理，责任单位：太平村第一网格，受理时限：\d{4}-\d\d-\d\d \d\d:\d\d。$/);
    const [dispatched] = await messagesOf(url, handler, ticketId, 'ticket.dispatched');
    expect(dispatched?.text).toMatch(/^工单 \d{8}-\d+「池塘清淤」已派给您，责任单位：太平村第一网格，办结时限：\d{4}-\d\d-\d\d \d\d:\d\d。$/);
    expect((await inbox(url, neighbour.headers)).messages.filter((message) => message.ticketId === ticketId)).toEqual([]);
  });

  it('puts exactly one message in the inbox when the dispatched event is delivered twice', async () => {
    const ticketId = await reportAndAccept(url, world.units.taipingGrid, '路灯不亮');
    await dispatch(url, ticketId, handler.id);
    await messagesOf(url, handler, ticketId, 'ticket.dispatched');

    const original = await waitFor(() => ticketEvents.of(ticketId).find((message) => message.type === 'steward.ticket.dispatched.v1'), {
      description: 'the dispatched event on the topic',
    });
    const kafka = new Kafka({ clientId: uniqueName('republish'), brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: Topics.ticketEvents, messages: [{ key: ticketId, value: original.raw }, { key: ticketId, value: original.raw }] });
    await producer.disconnect();
    // a later event of the same ticket shares its partition: once its message is there, the duplicates were consumed
    await graphqlData(url, 'mutation($id: ID!) { superviseTicket(id: $id, note: "请本周内完成") { status } }', { id: ticketId });
    const [supervised] = await messagesOf(url, handler, ticketId, 'ticket.supervised');
    expect(supervised?.text).toContain('被督办：请本周内完成');

    expect(await messagesOf(url, handler, ticketId, 'ticket.dispatched')).toHaveLength(1);
  });

  it('puts exactly one message per dispatch in the inbox when notifications is SIGKILLed mid-batch', async () => {
    const tickets: string[] = [];
    for (let index = 0; index < 8; index += 1) tickets.push(await reportAndAccept(url, world.units.taipingGrid, `积水第${index + 1}处`));
    const before = (await inbox(url, handler.headers)).total;
    await Promise.all(tickets.map((ticketId) => dispatch(url, ticketId, handler.id)));
    // kill it as soon as it has stored the first of them: the rest of the batch is in flight or not yet read
    await waitFor(async () => ((await inbox(url, handler.headers)).total > before ? true : undefined), { description: 'the first message', timeoutMs: 60_000 });
    await world.stack.kill('notifications');
    await world.stack.restart('notifications');

    for (const ticketId of tickets) expect(await messagesOf(url, handler, ticketId, 'ticket.dispatched')).toHaveLength(1);
    expect((await inbox(url, handler.headers)).total).toBe(before + tickets.length);
  });

  it('keeps every inbox private: no reading, marking or counting of another member’s messages', async () => {
    const ticketId = await reportAndAccept(url, world.units.taipingGrid, '垃圾清运');
    await dispatch(url, ticketId, handler.id);
    const [message] = await messagesOf(url, handler, ticketId, 'ticket.dispatched');
    if (!message) throw new Error('no message');

    const foreign = await graphql(url, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }', { ids: [message.id] }, neighbour.headers);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const mixed = await graphql(url, 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }', { ids: [message.id, 'nothing-here'] }, handler.headers);
    expect(codeOf(mixed)).toBe('NOT_FOUND');
    expect((await inbox(url, handler.headers, true)).messages.map((unread) => unread.id)).toContain(message.id);
    expect((await inbox(url, neighbour.headers)).messages.map((seen) => seen.id)).not.toContain(message.id);

    const count = 'query { me { member { id unreadNotificationCount } } }';
    const ownCount = (await graphqlData<{ me: { member: { unreadNotificationCount: number } } }>(url, count, {}, handler.headers)).me.member.unreadNotificationCount;
    expect(ownCount).toBe((await inbox(url, handler.headers, true)).total);
    const othersCount = await graphqlData<{ member: { unreadNotificationCount: number | null } }>(
      url,
      'query($id: ID!) { member(id: $id) { unreadNotificationCount } }',
      { id: handler.id },
      dispatcher.headers,
    );
    expect(othersCount.member.unreadNotificationCount).toBeNull();

    const blank = await graphql(url, 'mutation { markNotificationsRead(ids: []) { id } }', {}, handler.headers);
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');

    const marked = await graphqlData<{ markNotificationsRead: { id: string; readAt: string | null }[] }>(
      url,
      'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }',
      { ids: [message.id] },
      handler.headers,
    );
    expect(marked.markNotificationsRead).toEqual([{ id: message.id, readAt: expect.any(String) }]);
    expect((await inbox(url, handler.headers, true)).messages.map((unread) => unread.id)).not.toContain(message.id);
    const afterCount = (await graphqlData<{ me: { member: { unreadNotificationCount: number } } }>(url, count, {}, handler.headers)).me.member.unreadNotificationCount;
    expect(afterCount).toBe(ownCount - 1);
  });
});
