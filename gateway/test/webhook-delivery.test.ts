// Webhook deliveries end to end: real Kafka and FerretDB, the whole stack
// behind the gateway, administrators who sign in with passwords, and a local
// receiver scripted to fail. A receiver that answers 500 three times accepts
// exactly one delivery (four tries, one Idempotency-Key, one body, a valid
// signature); one that answers 400 dead-letters it with failed.v1 on the
// topic; webhooks are managed only by administrators of the unit.
import { Topics } from '@steward/events';
import { graphql, graphqlData, TopicReader, waitFor } from '@steward/testing';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { codeOf, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attacks/attack-world';
import { dispatch, reportAndAccept } from './chain-fixtures';

jest.setTimeout(300_000);

interface Received {
  path: string;
  idempotencyKey: string;
  signature: string;
  body: string;
  answered: number;
}

/** A receiver: `/flaky` answers 500 to the first three tries of each delivery, then 200; `/reject` always 400. */
async function startReceiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = String(request.headers['idempotency-key'] ?? '');
      const tries = received.filter((entry) => entry.idempotencyKey === key).length;
      const answered = request.url === '/reject' ? 400 : tries < 3 ? 500 : 200;
      received.push({ path: request.url ?? '', idempotencyKey: key, signature: String(request.headers['x-steward-signature'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const REGISTER = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { signingSecret webhook { id unitId url status eventTypes } }
}`;

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  ticketId: string;
  recipientKind: string;
}

const DELIVERIES = `query($webhookId: ID, $unitId: ID, $status: DeliveryStatus) {
  webhookDeliveries(webhookId: $webhookId, unitId: $unitId, status: $status, first: 50) {
    totalCount edges { node { id status attempts lastError ticketId recipientKind } }
  }
}`;

async function deliveries(url: string, headers: Headers, args: Record<string, string>): Promise<DeliveryRow[]> {
  const data = await graphqlData<{ webhookDeliveries: { edges: { node: DeliveryRow }[] } }>(url, DELIVERIES, args, headers);
  return data.webhookDeliveries.edges.map((edge) => edge.node);
}

/** The delivery of `ticketId` to the webhook once it reached `status`. */
function settled(url: string, headers: Headers, webhookId: string, ticketId: string, status: string): Promise<DeliveryRow> {
  return waitFor(async () => (await deliveries(url, headers, { webhookId })).find((row) => row.ticketId === ticketId && row.status === status), {
    description: `the ${status} delivery of ${ticketId}`,
    timeoutMs: 60_000,
  });
}

describe('notifications: webhook deliveries through the gateway', () => {
  let world: AttackWorld;
  let url: string;
  let admin: SignedInMember;
  let otherAdmin: SignedInMember;
  let secretary: SignedInMember;
  let handler: SignedInMember;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const notificationEvents = new TopicReader(Topics.notificationEvents);

  /** Registers as `member`, retrying while notifications' replica does not know the unit yet. */
  const register = (member: SignedInMember, input: Record<string, unknown>) =>
    waitFor(
      async () => {
        const result = await graphql<{ registerWebhook: { signingSecret: string; webhook: { id: string; status: string } } }>(url, REGISTER, { input }, member.headers);
        return codeOf(result) === 'NOT_FOUND' ? undefined : result;
      },
      { description: 'the unit in the notifications replica' },
    );

  beforeAll(async () => {
    receiver = await startReceiver();
    world = await startAttackWorld(2100, 'webhook-delivery', {
      NOTIFICATIONS_DISPATCH_INTERVAL_MS: '100',
      NOTIFICATIONS_RETRY_BASE_MS: '50',
      NOTIFICATIONS_RETRY_MAX_MS: '400',
    });
    url = world.url;
    admin = await world.member('清溪镇管理员', world.units.qingxi, 'ADMIN');
    otherAdmin = await world.member('丹阳镇管理员', world.units.danyang, 'ADMIN');
    secretary = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
    handler = await world.member('张网格', world.units.taipingGrid, 'GRID_MEMBER');
    await notificationEvents.start();
  });

  afterAll(async () => {
    await notificationEvents.stop();
    await world?.stop();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('delivers exactly once to a receiver that fails three times: four tries, one key, one body, a valid signature', async () => {
    const registered = await register(admin, { unitId: world.units.qingxi, url: `${receiver.base}/flaky`, eventTypes: ['steward.ticket.dispatched.v1'], description: '测试接收端' });
    expect(registered.errors).toBeUndefined();
    const { signingSecret, webhook } = registered.data!.registerWebhook;
    expect(webhook.status).toBe('ACTIVE');
    expect(signingSecret).toMatch(/^whsec_/);

    const ticketId = await reportAndAccept(url, world.units.taipingGrid, '河道漂浮物');
    await dispatch(url, ticketId, handler.id);
    const delivered = await settled(url, admin.headers, webhook.id, ticketId, 'DELIVERED');
    expect(delivered).toMatchObject({ attempts: 4, lastError: 'HTTP 500', recipientKind: 'HANDLER' });

    const tries = receiver.received.filter((entry) => entry.idempotencyKey === delivered.id);
    expect(tries.map((entry) => entry.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(tries.map((entry) => entry.body)).size).toBe(1);
    const accepted = receiver.received.filter((entry) => entry.answered === 200 && JSON.parse(entry.body).ticket.id === ticketId);
    expect(accepted).toHaveLength(1);

    const [{ body, signature }] = accepted;
    const { t, v1 } = Object.fromEntries(signature.split(',').map((part) => part.split('='))) as { t: string; v1: string };
    expect(v1).toBe(createHmac('sha256', signingSecret).update(`${t}.${body}`).digest('hex'));
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ id: delivered.id, type: 'steward.ticket.dispatched.v1', template: 'ticket.dispatched', ticket: { id: ticketId }, recipient: { kind: 'HANDLER', memberId: handler.id } });
    expect(payload.text).toContain('河道漂浮物');
    expect(body).not.toContain(handler.phone);

    const sent = await waitFor(() => notificationEvents.of(delivered.id).find((message) => message.type === 'steward.notification.sent.v1'), { description: 'sent.v1' });
    expect(sent.data).toMatchObject({ channel: 'WEBHOOK', recipientId: webhook.id, attempts: 4 });
  });

  it('dead-letters a delivery the receiver refuses with 400, with failed.v1 on the topic', async () => {
    const registered = await register(admin, { unitId: world.units.taiping, url: `${receiver.base}/reject`, eventTypes: ['steward.ticket.dispatched.v1'] });
    const webhookId = registered.data!.registerWebhook.webhook.id;

    const ticketId = await reportAndAccept(url, world.units.taipingGrid, '路面塌陷');
    await dispatch(url, ticketId, handler.id);
    const dead = await settled(url, admin.headers, webhookId, ticketId, 'DEAD');
    expect(dead).toMatchObject({ attempts: 1, lastError: 'HTTP 400' });
    expect((await deliveries(url, admin.headers, { unitId: world.units.qingxi, status: 'DEAD' })).map((row) => row.id)).toContain(dead.id);

    const failed = await waitFor(() => notificationEvents.of(dead.id).find((message) => message.type === 'steward.notification.failed.v1'), { description: 'failed.v1' });
    expect(failed.data).toMatchObject({ channel: 'WEBHOOK', recipientId: webhookId, attempts: 1, reason: 'HTTP 400', sourceEventType: 'steward.ticket.dispatched.v1' });
  });

  it('lets only administrators of the unit manage its webhooks, and refuses bad URLs changing nothing', async () => {
    const before = await graphqlData<{ webhooks: { id: string }[] }>(url, 'query($u: ID!) { webhooks(unitId: $u) { id url } }', { u: world.units.qingxi }, admin.headers);
    expect(before.webhooks.length).toBeGreaterThanOrEqual(2);

    expect(codeOf(await graphql(url, REGISTER, { input: { unitId: world.units.qingxi, url: `${receiver.base}/x` } }, otherAdmin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url, REGISTER, { input: { unitId: world.units.taiping, url: `${receiver.base}/x` } }, secretary.headers))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url, 'query($u: ID!) { webhooks(unitId: $u) { id } }', { u: world.units.qingxi }, otherAdmin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url, DELIVERIES, { webhookId: before.webhooks[0].id }, otherAdmin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await graphql(url, 'mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: before.webhooks[0].id }, secretary.headers))).toBe('FORBIDDEN');

    for (const bad of ['ftp://example.com/hook', 'not a url', 'javascript:alert(1)']) {
      expect(codeOf(await graphql(url, REGISTER, { input: { unitId: world.units.qingxi, url: bad } }, admin.headers))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await graphql(url, DELIVERIES, {}, admin.headers))).toBe('BAD_USER_INPUT');
    const after = await graphqlData<{ webhooks: { id: string }[] }>(url, 'query($u: ID!) { webhooks(unitId: $u) { id } }', { u: world.units.qingxi }, admin.headers);
    expect(after.webhooks).toHaveLength(before.webhooks.length);

    const disabled = await graphqlData<{ disableWebhook: { status: string } }>(url, 'mutation($id: ID!) { disableWebhook(id: $id) { status } }', { id: before.webhooks[0].id }, admin.headers);
    expect(disabled.disableWebhook.status).toBe('DISABLED');
  });
});
