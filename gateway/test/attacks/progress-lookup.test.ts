// The resident's progress lookup (进度查询) attacked through the gateway, without
// a token: enumerating the last four digits of a reporter's phone, telling a
// wrong pair of digits from an unknown number, and riding the one anonymous
// query to other fields. A hotline operator signed in for real reports the
// tickets with a reporter phone.
import { graphql, graphqlData, waitFor } from '@steward/testing';
import { randomInt } from 'node:crypto';
import { dispatch } from '../chain-fixtures';
import { startAttackWorld, type AttackWorld, type SignedInMember } from './attack-world';

const MAX_FAILURES = 3;
const LOOKUP = `query($n: String!, $d: String!) {
  ticketProgress(number: $n, phoneLast4: $d) { number status level categoryName unitName reportedAt deadline overdue timeline { at action from to level unitName automatic } }
}`;

interface Answer {
  status: number;
  text: string;
  json: { data?: { ticketProgress: Record<string, unknown> | null } | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A request without any Authorization header, answered as raw text and parsed. */
async function anonymous(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Answer['json'] };
}

/** A phone nobody else in the test uses, with its last four digits and four that are wrong. */
function reporterPhone() {
  const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
  const last4 = phone.slice(-4);
  const wrong = String((Number(last4) + 1 + randomInt(9000)) % 10_000).padStart(4, '0');
  return { phone, last4, wrong };
}

describe('attack: guessing a resident’s progress lookup (进度查询)', () => {
  let world: AttackWorld;
  let url: string;
  let operator: SignedInMember;
  let handler: SignedInMember;

  /** Reports as the hotline operator, with the reporter's name and phone; returns id and number. */
  async function report(reporter: { name: string; phone: string; anonymous?: boolean }) {
    return waitFor(
      async () =>
        (
          await graphql<{ reportTicket: { id: string; number: string } }>(
            url,
            'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id number } }',
            { input: { title: '灌溉渠堵塞', category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: world.units.taipingGrid, reporter } },
            operator.headers,
          )
        ).data?.reportTicket,
      { description: 'tickets to know the grid and the operator' },
    );
  }

  beforeAll(async () => {
    world = await startAttackWorld(1900, 'atk-progress', {
      TICKETS_PROGRESS_LOOKUP_MAX_FAILURES: String(MAX_FAILURES),
      GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP: '100',
    });
    url = world.url;
    operator = await world.member('热线坐席', world.units.qingxi, 'HOTLINE_OPERATOR');
    handler = await world.member('网格员李四', world.units.taipingGrid, 'GRID_MEMBER');
  }, 300_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('shows the reporter the public view with the right digits: status, level, unit name, deadline, timeline, and no name, phone or actor anywhere', async () => {
    const { phone, last4 } = reporterPhone();
    const ticket = await report({ name: '吴中翠', phone });
    await graphqlData(url, 'mutation($id: ID!) { acceptTicket(id: $id, note: "已电话联系吴中翠") { status } }', { id: ticket.id });
    await dispatch(url, ticket.id, handler.id);

    const answer = await anonymous(url, LOOKUP, { n: ticket.number, d: last4 });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    const progress = answer.json.data?.ticketProgress;
    expect(progress).toMatchObject({ number: ticket.number, status: 'DISPATCHED', level: 'GRID', categoryName: '水利灌溉', unitName: '太平村第一网格', overdue: false });
    expect(progress?.deadline).toEqual(expect.any(String));
    expect((progress?.timeline as { action: string; to: string }[]).map((step) => [step.action, step.to])).toEqual([
      ['report', 'REPORTED'],
      ['accept', 'ACCEPTED'],
      ['dispatch', 'DISPATCHED'],
    ]);
    // (the four digits alone may occur in a date or the number: the whole phone must not)
    for (const secret of ['吴中翠', phone, '已电话联系', operator.id, operator.phone, handler.id, handler.phone, '李四', 'admin', world.units.taipingGrid, ticket.id]) {
      expect([secret, answer.text.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('finds an anonymous reporter’s ticket by that reporter’s phone', async () => {
    const { phone, last4 } = reporterPhone();
    const ticket = await report({ name: '匿名', phone, anonymous: true });
    const answer = await anonymous(url, LOOKUP, { n: ticket.number, d: last4 });
    expect(answer.json.data?.ticketProgress).toMatchObject({ number: ticket.number, status: 'REPORTED' });
    expect(answer.text).not.toContain(phone);
  });

  it('answers wrong digits byte for byte as it answers an unknown number', async () => {
    const { phone, wrong } = reporterPhone();
    const ticket = await report({ name: '王大爷', phone });
    const unknownNumber = `${ticket.number.slice(0, 9)}9${ticket.number.slice(10)}`;
    const wrongDigits = await anonymous(url, LOOKUP, { n: ticket.number, d: wrong });
    const unknown = await anonymous(url, LOOKUP, { n: unknownNumber, d: wrong });
    expect(JSON.parse(wrongDigits.text)).toEqual({ data: { ticketProgress: null } });
    expect([unknown.status, unknown.text]).toEqual([wrongDigits.status, wrongDigits.text]);
  });

  it(`stops guessing of one number after ${MAX_FAILURES} failures: then even the right digits are RATE_LIMITED, as an unknown number is after as many`, async () => {
    const { phone, last4, wrong } = reporterPhone();
    const ticket = await report({ name: '赵老汉', phone });
    const unknownNumber = `${ticket.number.slice(0, 9)}8${ticket.number.slice(10)}`;
    const guesses = [];
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) guesses.push(await anonymous(url, LOOKUP, { n: ticket.number, d: wrong }));
    expect(guesses.map((guess) => guess.json.data?.ticketProgress)).toEqual(Array.from({ length: MAX_FAILURES }, () => null));

    const right = await anonymous(url, LOOKUP, { n: ticket.number, d: last4 });
    expect(right.json.data?.ticketProgress).toBeNull();
    expect(right.json.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);

    // a number nobody was given locks after as many lookups, with the same answer
    for (let attempt = 0; attempt < MAX_FAILURES; attempt += 1) await anonymous(url, LOOKUP, { n: unknownNumber, d: last4 });
    const lockedUnknown = await anonymous(url, LOOKUP, { n: unknownNumber, d: last4 });
    expect([lockedUnknown.status, lockedUnknown.text]).toEqual([right.status, right.text]);

    // other numbers are not affected
    const other = reporterPhone();
    const otherTicket = await report({ name: '钱阿姨', phone: other.phone });
    expect((await anonymous(url, LOOKUP, { n: otherTicket.number, d: other.last4 })).json.data?.ticketProgress).toMatchObject({ number: otherTicket.number });
  });

  it('lets no other field ride along: an anonymous operation with anything beside ticketProgress is refused whole, and any other field alone is UNAUTHENTICATED', async () => {
    const { phone, last4 } = reporterPhone();
    const ticket = await report({ name: '孙大娘', phone });
    const combined = await anonymous(
      url,
      `query($n: String!, $d: String!, $id: ID!) { ticketProgress(number: $n, phoneLast4: $d) { status } ticket(id: $id) { reporter { name phone } } ...F }
       fragment F on Query { members(first: 1) { totalCount } }`,
      { n: ticket.number, d: last4, id: ticket.id },
    );
    expect(combined.status).toBe(401);
    expect(combined.json.data).toBeUndefined();
    expect(combined.json.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(combined.text).not.toContain('孙大娘');

    for (const query of ['{ me { id } }', '{ tickets(first: 1) { totalCount } }', 'query($id: ID!) { ticket(id: $id) { number } }', '{ ticketCategories { code } }', 'mutation($id: ID!) { closeTicket(id: $id) { status } }']) {
      const answer = await anonymous(url, query, { id: ticket.id });
      expect([query, answer.json.errors?.[0]?.extensions?.code, answer.json.data ?? null]).toEqual([query, 'UNAUTHENTICATED', null]);
    }
    // the public timeline is bounded like every list (cost estimate and the service alike)
    const tooMany = await anonymous(url, 'query($n: String!, $d: String!) { ticketProgress(number: $n, phoneLast4: $d) { timeline(last: 201) { action } } }', { n: ticket.number, d: last4 });
    expect(tooMany.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // several lookups in one request (aliases) are refused before any is tried
    const aliased = await anonymous(url, `{ a: ticketProgress(number: "${ticket.number}", phoneLast4: "0000") { status } b: ticketProgress(number: "${ticket.number}", phoneLast4: "0001") { status } }`);
    expect([aliased.status, aliased.json.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  describe('per IP (按来源限流)', () => {
    beforeAll(async () => {
      // a fresh window with a small limit: only this test's lookups count
      await world.stack.restart('gateway', { GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP: '4' });
    });

    it('answers RATE_LIMITED (429) after GATEWAY_PROGRESS_LOOKUP_RATE_LIMIT_IP lookups from one address, over many numbers, while sign-ins go on', async () => {
      const answers = [];
      for (let attempt = 0; attempt < 6; attempt += 1) answers.push(await anonymous(url, LOOKUP, { n: `20200101-${String(attempt).padStart(6, '0')}`, d: '1234' }));
      expect(answers.map((answer) => [answer.status, answer.json.errors?.[0]?.extensions?.code ?? null])).toEqual([
        [200, null],
        [200, null],
        [200, null],
        [200, null],
        [429, 'RATE_LIMITED'],
        [429, 'RATE_LIMITED'],
      ]);
      const signIn = await anonymous(url, 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', { p: world.stack.admin.phone, w: world.stack.admin.password });
      expect(signIn.json.errors).toBeUndefined();
    });
  });
});
