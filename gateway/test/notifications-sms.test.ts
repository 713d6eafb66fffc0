// SMS to residents end to end: real Kafka and FerretDB, the whole stack behind
// the gateway, members who sign in with passwords, and a local stand-in for
// Tencent Cloud SMS that verifies the API 3.0 signature. A resident's phone
// travels only on the restricted contacts topic, never on the ticket events;
// the resident is texted on acceptance (once, though the provider throttles),
// a merged duplicate's resident and member reporter hear of the surviving
// ticket's resolution (also when the merge comes after it), and a text due in
// quiet hours waits for their end.
import { Topics } from '@steward/events';
import { FakeSmsProvider, graphql, graphqlData, TopicReader, waitFor, type ReceivedSms } from '@steward/testing';
import { codeOf, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attacks/attack-world';

jest.setTimeout(400_000);

const SECRET_ID = 'AKIDsmsTest';
const SECRET_KEY = 'sms-test-secret-key';
const TEMPLATE_IDS: Record<string, string> = {
  'sms.ticket.accepted': '2100001',
  'sms.ticket.rejected': '2100002',
  'sms.ticket.resolved': '2100003',
  'sms.ticket.merged-resolved': '2100004',
  'sms.ticket.closed': '2100005',
};

const MINUTE_MS = 60_000;
const SHANGHAI_MS = 8 * 60 * MINUTE_MS;
/** HH:MM of `at` in Asia/Shanghai. */
const shanghaiClock = (at: Date) => new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(11, 16);
/** The minute `at` lies in. */
const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);

let phoneCounter = 0;
/** A resident's mobile number as a hotline operator might type it, and its E.164 form. */
function residentPhone(): { typed: string; e164: string } {
  const digits = `137${String(Date.now()).slice(-6)}${String((phoneCounter += 1) % 100).padStart(2, '0')}`;
  return { typed: `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`, e164: `+86${digits}` };
}

describe('notifications: SMS to residents through the Tencent Cloud adapter', () => {
  const provider = new FakeSmsProvider({ secretId: SECRET_ID, secretKey: SECRET_KEY });
  const ticketEvents = new TopicReader(Topics.ticketEvents);
  let world: AttackWorld;
  let url: string;
  let operator: SignedInMember;
  let secretary: SignedInMember;
  let gridReporter: SignedInMember;
  let handler: SignedInMember;

  beforeAll(async () => {
    await provider.start();
    // quiet hours far from now, so only the quiet-hours case (which restarts notifications with its own window) meets them
    const now = new Date();
    const farQuiet = `${shanghaiClock(new Date(now.getTime() + 10 * 60 * MINUTE_MS))}-${shanghaiClock(new Date(now.getTime() + 11 * 60 * MINUTE_MS))}`;
    world = await startAttackWorld(2200, 'notifications-sms', {
      SMS_PROVIDER: 'tencent',
      SMS_TENCENT_SECRET_ID: SECRET_ID,
      SMS_TENCENT_SECRET_KEY: SECRET_KEY,
      SMS_TENCENT_SDK_APP_ID: '1400009999',
      SMS_TENCENT_SIGN_NAME: '村民大管家',
      SMS_TENCENT_ENDPOINT: provider.url,
      SMS_TEMPLATE_IDS: JSON.stringify(TEMPLATE_IDS),
      NOTIFICATIONS_QUIET_HOURS: farQuiet,
      NOTIFICATIONS_DISPATCH_INTERVAL_MS: '300',
      NOTIFICATIONS_RETRY_BASE_MS: '200',
      NOTIFICATIONS_RETRY_MAX_MS: '1000',
    });
    url = world.url;
    operator = await world.member('热线坐席', world.units.qingxi, 'HOTLINE_OPERATOR');
    secretary = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
    gridReporter = await world.member('张网格', world.units.taipingGrid, 'GRID_MEMBER');
    handler = await world.member('李网格', world.units.taipingGrid, 'GRID_MEMBER');
    await ticketEvents.start();
  });

  afterAll(async () => {
    await ticketEvents.stop();
    await world?.stop();
    await provider.stop();
  });

  const mutate = async <T>(headers: Headers, query: string, variables: Record<string, unknown>): Promise<T> => graphqlData<T>(url, query, variables, headers);

  async function report(headers: Headers, channel: string, title: string, phone: string | null, anonymous = false): Promise<{ id: string; number: string }> {
    const reporter = phone === null ? undefined : { name: '王大妈', phone, anonymous };
    const { reportTicket } = await mutate<{ reportTicket: { id: string; number: string } }>(
      headers,
      'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id number } }',
      { input: { title, category: 'WATER_IRRIGATION', channel, unitId: world.units.taipingGrid, reporter } },
    );
    return reportTicket;
  }
  const accept = (id: string) => mutate(secretary.headers, 'mutation($id: ID!) { acceptTicket(id: $id) { status } }', { id });
  async function resolve(id: string): Promise<void> {
    await mutate(secretary.headers, 'mutation($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { status } }', { id, input: { handlerId: handler.id } });
    await mutate(handler.headers, 'mutation($id: ID!) { startTicket(id: $id) { status } }', { id });
    await mutate(handler.headers, 'mutation($id: ID!, $input: ResolveTicketInput!) { resolveTicket(id: $id, input: $input) { status } }', { id, input: { resolution: '已清理疏通' } });
  }
  const merge = (id: string, intoId: string) => mutate(secretary.headers, 'mutation($id: ID!, $into: ID!) { mergeTicket(id: $id, intoId: $into) { status } }', { id, into: intoId });

  /** The texts the provider accepted for `phone` with the template of `template`, once there are `atLeast`. */
  const textsTo = (phone: string, template: string, atLeast = 1): Promise<ReceivedSms[]> =>
    waitFor(
      () => {
        const found = provider.delivered(phone).filter((sms) => sms.templateId === TEMPLATE_IDS[template]);
        return found.length >= atLeast ? found : undefined;
      },
      { description: `${template} texted to ${phone}`, timeoutMs: 90_000 },
    );

  const inboxOf = async (member: SignedInMember, ticketId: string, template: string) =>
    waitFor(
      async () => {
        const data = await graphqlData<{ myNotifications: { edges: { node: { ticketId: string; template: string; text: string } }[] } }>(
          url,
          'query { myNotifications(first: 100) { edges { node { ticketId template text } } } }',
          {},
          member.headers,
        );
        return data.myNotifications.edges.map((edge) => edge.node).find((node) => node.ticketId === ticketId && node.template === template);
      },
      { description: `${template} of ${ticketId} in the inbox`, timeoutMs: 90_000 },
    );

  it('texts the resident of a hotline report once on acceptance, though the provider throttles the first try; no phone on the ticket events', async () => {
    const phone = residentPhone();
    const ticket = await report(operator.headers, 'HOTLINE', '水渠堵塞', phone.typed);
    provider.failNext({ kind: 'status', code: 'LimitExceeded.PhoneNumberThirtySecondLimit', message: 'too often' });
    await accept(ticket.id);

    const [sms] = await textsTo(phone.e164, 'sms.ticket.accepted');
    expect(sms).toMatchObject({
      smsSdkAppId: '1400009999',
      signName: '村民大管家',
      templateId: '2100001',
      phoneNumberSet: [phone.e164],
      templateParamSet: [ticket.number, expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)],
    });
    expect(provider.refused).toEqual([]);
    // a later text to the same resident went out after it: by then a repeat of the acceptance would have too
    await resolve(ticket.id);
    await textsTo(phone.e164, 'sms.ticket.resolved');
    const accepted = provider.received.filter((request) => request.phoneNumberSet.includes(phone.e164) && request.templateId === '2100001');
    expect(accepted.map((request) => request.answered)).toEqual(['LimitExceeded.PhoneNumberThirtySecondLimit', 'Ok']);

    const events = ticketEvents.of(ticket.id);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.raw.toString()).not.toContain(phone.e164.slice(3));
  });

  it('texts a merged duplicate resident and tells its member reporter when the surviving ticket is resolved', async () => {
    const survivorPhone = residentPhone();
    const duplicatePhone = residentPhone();
    const survivor = await report(operator.headers, 'HOTLINE', '村口路灯不亮', survivorPhone.typed);
    const duplicate = await report(gridReporter.headers, 'GRID_REPORT', '路灯坏了', duplicatePhone.typed);
    await accept(survivor.id);
    await merge(duplicate.id, survivor.id);
    await inboxOf(gridReporter, duplicate.id, 'ticket.merged');
    await resolve(survivor.id);

    const [sms] = await textsTo(duplicatePhone.e164, 'sms.ticket.merged-resolved');
    expect(sms?.templateParamSet).toEqual([survivor.number]);
    await textsTo(survivorPhone.e164, 'sms.ticket.resolved');
    const message = await inboxOf(gridReporter, survivor.id, 'ticket.merged-resolved');
    expect(message?.text).toContain(survivor.number);
  });

  it('tells a duplicate merged after the surviving ticket was resolved (the merge is consumed after the resolution)', async () => {
    const duplicatePhone = residentPhone();
    const survivor = await report(operator.headers, 'HOTLINE', '河道漂浮物', residentPhone().typed);
    await accept(survivor.id);
    await resolve(survivor.id);
    await waitFor(() => ticketEvents.of(survivor.id).find((event) => event.type === 'steward.ticket.resolved.v1'), { description: 'the resolution on the topic' });
    const duplicate = await report(gridReporter.headers, 'GRID_REPORT', '河里有垃圾', duplicatePhone.typed);
    await merge(duplicate.id, survivor.id);

    const [sms] = await textsTo(duplicatePhone.e164, 'sms.ticket.merged-resolved');
    expect(sms?.templateParamSet).toEqual([survivor.number]);
    expect(await inboxOf(gridReporter, survivor.id, 'ticket.merged-resolved')).toBeDefined();
  });

  it('texts nobody of an anonymous report, and refuses a bad merge without texting', async () => {
    const phone = residentPhone();
    const ticket = await report(operator.headers, 'HOTLINE', '噪音扰民', phone.typed, true);
    await accept(ticket.id);
    const bad = await graphql(url, 'mutation($id: ID!) { mergeTicket(id: $id, intoId: $id) { status } }', { id: ticket.id }, secretary.headers);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    // the acceptance reached the member inbox of the operator; no SMS to the anonymous resident
    await inboxOf(operator, ticket.id, 'ticket.accepted');
    expect(provider.received.filter((request) => request.phoneNumberSet.includes(phone.e164))).toEqual([]);
  });

  it('holds a resident text due in quiet hours until the window ends, then sends it', async () => {
    // a window from the minute before now to a minute boundary at least 45 s ahead, Asia/Shanghai
    const now = new Date();
    const start = new Date(minuteOf(now).getTime() - MINUTE_MS);
    const end = new Date(minuteOf(new Date(now.getTime() + 45_000)).getTime() + MINUTE_MS);
    await world.stack.kill('notifications');
    await world.stack.restart('notifications', { NOTIFICATIONS_QUIET_HOURS: `${shanghaiClock(start)}-${shanghaiClock(end)}` });

    const phone = residentPhone();
    const ticket = await report(operator.headers, 'HOTLINE', '化粪池外溢', phone.typed);
    await accept(ticket.id);
    const acceptedAt = new Date();
    await inboxOf(operator, ticket.id, 'ticket.accepted');
    const notedInWindow = new Date();
    if (notedInWindow >= end) throw new Error('the stack took longer than the quiet window; the case proves nothing (widen the window)');
    expect(provider.received.filter((request) => request.phoneNumberSet.includes(phone.e164))).toEqual([]);

    const [sms] = await textsTo(phone.e164, 'sms.ticket.accepted');
    expect(acceptedAt.getTime()).toBeLessThan(end.getTime());
    expect(sms?.at.getTime()).toBeGreaterThanOrEqual(end.getTime());
  });
});
