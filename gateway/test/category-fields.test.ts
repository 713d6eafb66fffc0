// Category-specific typed fields (类别专属字段, issue 19 item 4) end to end: real
// Kafka and FerretDB, the whole stack behind the gateway, members who sign in
// with passwords. A city administrator stores new versions of a category; a
// township dispatcher may not. A report is checked against the category's
// current version (nothing is written when it fails), a ticket keeps the
// version it was reported under, and a second tickets instance sees a new
// version: its next report at once (read from the database), its catalogue
// list once its short cache runs out.
import { graphql, waitFor, type GraphQLResponse } from '@steward/testing';
import { codeOf, startAttackWorld, type AttackWorld, type Headers, type SignedInMember } from './attacks/attack-world';

jest.setTimeout(300_000);

const OFFSET = 2700;
const CATEGORY = `code name version active createdAt fields { key label labelEn type unit required min max decimals options { value label labelEn } }`;
const TICKET = `id number category categoryName categoryVersion categoryFields { key label labelEn type unit value displayValue }`;

interface CategoryView {
  code: string;
  version: number;
  fields: { key: string; label: string; required: boolean; type: string }[];
}
interface TicketView {
  id: string;
  number: string;
  categoryVersion: number;
  categoryFields: { key: string; label: string; labelEn: string; unit: string | null; value: string; displayValue: string }[];
}

const AFFECTED_AREA = { key: 'affectedArea', label: '受影响面积', labelEn: 'Affected area', type: 'DECIMAL', unit: '亩', min: 0, decimals: 2 };
const LAND_TYPE = {
  key: 'landType',
  label: '田地类型',
  labelEn: 'Land type',
  type: 'CHOICE',
  options: [
    { value: 'PADDY', label: '水田', labelEn: 'Paddy field' },
    { value: 'DRY_LAND', label: '旱地', labelEn: 'Dry land' },
  ],
};
const WATER = { code: 'WATER_IRRIGATION', name: '水利灌溉', nameEn: 'Water and irrigation', examples: ['水塘清淤', '灌溉渠堵塞'] };

describe('category-specific typed fields (类别专属字段)', () => {
  let world: AttackWorld;
  let url: string;
  let admin: SignedInMember;
  let dispatcher: SignedInMember;
  let grid: string;

  beforeAll(async () => {
    world = await startAttackWorld(OFFSET, 'category-fields', { TICKETS_SWEEP_INTERVAL_MS: '0' });
    url = world.url;
    grid = world.units.taipingGrid;
    admin = await world.member('市管理员', world.units.city, 'ADMIN');
    dispatcher = await world.member('清溪镇调度员', world.units.qingxi, 'TOWNSHIP_DISPATCHER');
  }, 420_000);

  afterAll(async () => {
    await world?.stop();
  });

  const define = (headers: Headers, input: Record<string, unknown>, expectedVersion?: number) =>
    graphql<{ defineTicketCategory: CategoryView }>(
      url,
      `mutation($input: DefineTicketCategoryInput!, $v: Int) { defineTicketCategory(input: $input, expectedVersion: $v) { ${CATEGORY} } }`,
      { input, v: expectedVersion },
      headers,
    );
  const category = async (headers: Headers, code: string, version?: number) =>
    (await graphql<{ ticketCategory: CategoryView | null }>(url, `query($c: String!, $v: Int) { ticketCategory(code: $c, version: $v) { ${CATEGORY} } }`, { c: code, v: version }, headers)).data
      ?.ticketCategory;
  const reportOn = (target: string, headers: Headers | ReturnType<AttackWorld['stack']['signedHeaders']>, fields: { key: string; value: string }[], title = '灌溉渠堵塞') =>
    graphql<{ reportTicket: TicketView }>(
      target,
      `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { ${TICKET} } }`,
      { input: { title, category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid, fields } },
      headers,
    );
  /** Reports through the gateway, waiting while tickets does not know the new grid yet; the answer of the first report past that. */
  const report = (fields: { key: string; value: string }[], title?: string) =>
    waitFor(
      async () => {
        const result = await reportOn(url, dispatcher.headers, fields, title);
        const unknownUnit = result.errors?.some((error) => JSON.stringify(error).includes('input.unitId'));
        return unknownUnit ? undefined : result;
      },
      { description: 'tickets to know the grid' },
    );
  const ticketCount = async () =>
    (await graphql<{ tickets: { totalCount: number } }>(url, 'query($w: ID!) { tickets(filter: { within: $w }) { totalCount } }', { w: grid }, dispatcher.headers)).data?.tickets
      .totalCount;
  const problemsOf = (result: GraphQLResponse<unknown>) => JSON.stringify(result.errors ?? []);

  let v2Ticket: TicketView;

  it('ships version 1 of every category from categories.json, with its optional fields', async () => {
    const water = await category(dispatcher.headers, 'WATER_IRRIGATION');
    expect(water).toMatchObject({ code: 'WATER_IRRIGATION', name: '水利灌溉', version: 1, createdAt: null, fields: [{ key: 'affectedArea', label: '受影响面积', required: false, type: 'DECIMAL' }] });
    const { data } = await graphql<{ ticketCategories: CategoryView[] }>(url, `{ ticketCategories { ${CATEGORY} } }`, {}, dispatcher.headers);
    expect(data?.ticketCategories).toHaveLength(14);
    expect(data?.ticketCategories.find((entry) => entry.code === 'NEIGHBOUR_DISPUTE')?.fields).toEqual([expect.objectContaining({ key: 'households', type: 'INTEGER', required: false })]);
  });

  it('refuses a township dispatcher (FORBIDDEN) and invalid definitions (BAD_USER_INPUT), changing nothing', async () => {
    const forbidden = await define(dispatcher.headers, { ...WATER, fields: [{ ...AFFECTED_AREA, required: true }] }, 1);
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    for (const fields of [
      [AFFECTED_AREA, { ...AFFECTED_AREA, label: '面积' }],
      [AFFECTED_AREA, { ...LAND_TYPE, options: [] }],
      [{ ...AFFECTED_AREA, type: 'INTEGER' }],
    ]) {
      const refused = await define(admin.headers, { ...WATER, fields }, 1);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    }
    expect((await category(admin.headers, 'WATER_IRRIGATION'))?.version).toBe(1);
  });

  it('stores version 2 for the city administrator, and refuses a second writer of the same version (CONFLICT)', async () => {
    const stored = await define(admin.headers, { ...WATER, fields: [{ ...AFFECTED_AREA, required: true }, LAND_TYPE] }, 1);
    expect(stored.errors).toBeUndefined();
    expect(stored.data?.defineTicketCategory).toMatchObject({ version: 2, fields: [{ key: 'affectedArea', required: true }, { key: 'landType', type: 'CHOICE' }] });
    expect(codeOf(await define(admin.headers, { ...WATER, fields: [AFFECTED_AREA] }, 1))).toBe('CONFLICT');
    // previous versions are kept
    expect(await category(dispatcher.headers, 'WATER_IRRIGATION', 1)).toMatchObject({ version: 1, fields: [{ required: false }] });
  });

  it('refuses a report without the required field (BAD_USER_INPUT naming it in Chinese and English) and writes no ticket', async () => {
    const refused = await report([{ key: 'landType', value: 'PADDY' }]);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(problemsOf(refused)).toContain('受影响面积（affectedArea, Affected area）：必填 / is required');
    expect(problemsOf(refused)).toContain('input.fields.affectedArea');
    const outOfBounds = await report([{ key: 'affectedArea', value: '-3' }]);
    expect(problemsOf(outOfBounds)).toContain('须不小于 0 亩 / must be at least 0 亩');
    expect(codeOf(await report([{ key: 'affectedArea', value: '3' }, { key: 'colour', value: 'red' }]))).toBe('BAD_USER_INPUT');
    expect(await ticketCount()).toBe(0);
  });

  it('takes a report with the field and shows it on the ticket', async () => {
    const result = await report([
      { key: 'affectedArea', value: '12.5' },
      { key: 'landType', value: 'PADDY' },
    ]);
    expect(result.errors).toBeUndefined();
    v2Ticket = result.data?.reportTicket as TicketView;
    expect(v2Ticket).toMatchObject({
      categoryName: '水利灌溉',
      categoryVersion: 2,
      categoryFields: [
        { key: 'affectedArea', label: '受影响面积', labelEn: 'Affected area', unit: '亩', value: '12.5', displayValue: '12.5 亩' },
        { key: 'landType', label: '田地类型', value: 'PADDY', displayValue: '水田' },
      ],
    });
    expect(await ticketCount()).toBe(1);
  });

  describe('version 3: a label changed and a field added', () => {
    let second: string;
    const secondHeaders = () => world.stack.signedHeaders();
    const catalogueOn = async (target: string) =>
      (await graphql<{ ticketCategories: CategoryView[] }>(target, `{ ticketCategories { ${CATEGORY} } }`, {}, secondHeaders())).data?.ticketCategories.find(
        (entry) => entry.code === 'WATER_IRRIGATION',
      );

    beforeAll(async () => {
      // a second tickets instance on the same database, which has read version 2 before version 3 exists
      await world.stack.addInstance('tickets', { env: { TICKETS_SWEEP_INTERVAL_MS: '0' } });
      second = world.stack.subgraphUrl('tickets-2');
      expect((await catalogueOn(second))?.version).toBe(2);
      const stored = await define(
        admin.headers,
        {
          ...WATER,
          fields: [
            { ...AFFECTED_AREA, label: '受灾面积', required: true },
            LAND_TYPE,
            { key: 'pumpStation', label: '涉及泵站', labelEn: 'Pump station involved', type: 'BOOLEAN', required: true },
          ],
        },
        2,
      );
      expect(stored.data?.defineTicketCategory.version).toBe(3);
    });

    it('leaves the old ticket with its version-2 labels', async () => {
      const { data } = await graphql<{ ticket: TicketView }>(url, `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id: v2Ticket.id }, dispatcher.headers);
      expect(data?.ticket).toEqual(v2Ticket);
      expect(data?.ticket.categoryFields[0].label).toBe('受影响面积');
    });

    it('checks a new report against version 3', async () => {
      const v2Fields = [
        { key: 'affectedArea', value: '4' },
        { key: 'landType', value: 'DRY_LAND' },
      ];
      const refused = await report(v2Fields);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(problemsOf(refused)).toContain('涉及泵站（pumpStation, Pump station involved）：必填 / is required');
      const taken = await report([...v2Fields, { key: 'pumpStation', value: '否' }], '旱地缺水');
      expect(taken.data?.reportTicket).toMatchObject({
        categoryVersion: 3,
        categoryFields: [
          { key: 'affectedArea', label: '受灾面积', displayValue: '4 亩' },
          { key: 'landType', displayValue: '旱地' },
          { key: 'pumpStation', value: 'false', displayValue: '否' },
        ],
      });
      expect(await ticketCount()).toBe(2);
    });

    it('is what the second tickets instance checks reports against at once, and lists once its short cache runs out', async () => {
      const refused = await reportOn(second, secondHeaders(), [{ key: 'affectedArea', value: '4' }]);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(problemsOf(refused)).toContain('pumpStation');
      const listed = await waitFor(async () => {
        const water = await catalogueOn(second);
        return water?.version === 3 ? water : undefined;
      }, { description: 'tickets-2 to list version 3' });
      expect(listed.fields.map((entry) => entry.label)).toEqual(['受灾面积', '田地类型', '涉及泵站']);
      const { data } = await graphql<{ ticket: TicketView }>(second, `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id: v2Ticket.id }, secondHeaders());
      expect(data?.ticket.categoryFields[0].label).toBe('受影响面积');
    });
  });
});
