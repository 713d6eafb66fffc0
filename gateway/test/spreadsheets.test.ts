// Issue 19 items 2 and 3: spreadsheet import and export through the gateway,
// as the signed-in caller, on the real stack. 20,000 households are imported
// from an .xlsx made here, exported again and compared row by row, and
// imported a second time (all unchanged); a file with one bad row answers the
// row in Chinese and writes nothing; a members import refuses a role the
// caller may not grant, and another township's dispatcher is FORBIDDEN; the
// tickets export shows the reporter's phone as the reader sees it in GraphQL;
// the assessment export has a row per child unit.
import { authorizeStack, graphql, graphqlData, uniqueName } from '@steward/testing';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createMemberWithPhone, createPlace, createUnit, report, type Place } from '../../services/tickets/test/helpers';
import { startStack } from '../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Headers = Record<string, string>;

const PASSWORD = 'Sheets-test-2026';
/** Households in the round-trip file: the 20,000 (`SPREADSHEET_TEST_HOUSEHOLDS` to change it). */
const HOUSEHOLDS = Number(process.env.SPREADSHEET_TEST_HOUSEHOLDS ?? 20_000);
const TAGS = ['贫困户', '独居老人', '留守儿童', '残疾人', '军属', '低保户', '其他'];
const HEADER = ['户编号 (Household code)', '网格 (Grid)', '户主姓名 (Head name)', '住址 (Address)', '户人口 (Size)', '标签 (Tags)', '联系电话 (Phone)'];

/** An .xlsx of one sheet, written with exceljs's streaming writer. */
async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('户');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Every row of the first sheet as text cells. */
async function rowsOf(body: ArrayBuffer, columns = HEADER.length): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(Array.from({ length: columns }, (_, i) => (values[i] === null || values[i] === undefined ? '' : String(values[i]))));
  });
  return rows;
}

describe('spreadsheet import and export (电子表格, issue 19)', () => {
  let stack: Stack;
  let base: string;
  let url: string;
  let place: Place;
  let grid2: string;
  let otherTownship: string;
  type Who = 'dispatcher' | 'secretary' | 'gridMember' | 'otherDispatcher';
  const as: Record<Who, Headers> = { dispatcher: {}, secretary: {}, gridMember: {}, otherDispatcher: {} };
  const phones: Partial<Record<Who, string>> = {};
  /** Signs everyone in again: a slow machine can outlast a token between two steps. */
  const signInAgain = async () => {
    for (const [who, phone] of Object.entries(phones) as [Who, string][]) as[who] = await stack.login(phone, PASSWORD);
  };

  const post = async (route: string, body: Buffer, headers: Headers) => {
    const response = await fetch(`${base}${route}`, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    return { status: response.status, json: (await response.json()) as { created?: number; updated?: number; unchanged?: number; errors?: { message: string; extensions: { code: string; errors?: string[] } }[] } };
  };
  const download = (route: string, headers: Headers) => fetch(`${base}${route}`, { headers });
  const householdCount = async () =>
    (await graphqlData<{ households: { totalCount: number } }>(url, 'query($u: ID!) { households(filter: { within: $u }, first: 1) { totalCount } }', { u: place.township }, as.dispatcher)).households.totalCount;

  beforeAll(async () => {
    const databasePrefix = uniqueName('sheets').replace(/-/g, '_');
    stack = await startStack({ portOffset: 2800, databasePrefix, logDir: path.join(__dirname, '../../.local/logs', databasePrefix), env: { TICKETS_SWEEP_INTERVAL_MS: '0' }, timeoutMs: 300_000 });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    base = url.replace(/\/graphql$/, '');
    place = await createPlace(url);
    grid2 = await createUnit(url, { level: 'GRID', name: '太平村第二网格', parentId: place.village });
    otherTownship = await createUnit(url, { level: 'TOWNSHIP', name: '仙踪镇', parentId: place.district });
    const people = {
      dispatcher: await createMemberWithPhone(url, '调度员', place.township, 'TOWNSHIP_DISPATCHER'),
      secretary: await createMemberWithPhone(url, '汤自迁', place.village, 'VILLAGE_SECRETARY'),
      gridMember: await createMemberWithPhone(url, '汤晓琴', place.grid, 'GRID_MEMBER'),
      otherDispatcher: await createMemberWithPhone(url, '外镇调度员', otherTownship, 'TOWNSHIP_DISPATCHER'),
    };
    // members learns of the second grid from the org topic: a role there waits until it has
    await createMemberWithPhone(url, '二网格员', grid2, 'GRID_MEMBER');
    for (const [who, { id, phone }] of Object.entries(people) as [keyof typeof people, { id: string; phone: string }][]) {
      await graphqlData(url, 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id, p: PASSWORD });
      phones[who] = phone;
    }
    await signInAgain();
  }, 600_000);

  beforeEach(signInAgain, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe(`households (户): ${HOUSEHOLDS} in one .xlsx`, () => {
    const rows: string[][] = Array.from({ length: HOUSEHOLDS }, (_, i) => {
      const n = i + 1;
      const tags = [TAGS[n % 7], ...(n % 3 === 0 ? [TAGS[(n + 2) % 7]] : [])].filter((tag, k, all) => all.indexOf(tag) === k);
      const phone = n % 5 === 0 ? '' : n % 5 === 1 ? `0555-${String(2000000 + n)}` : `13${String(n % 7 + 3)}${String(n).padStart(8, '0')}`;
      return [`QX-${String(n).padStart(5, '0')}`, n % 2 === 0 ? '太平村第一网格' : '太平村第二网格', `户主${n}`, `太平村${n % 40}组${n}号`, String((n % 6) + 1), tags.join('、'), phone];
    });
    let file: Buffer;

    beforeAll(async () => {
      file = await xlsxOf([HEADER, ...rows.map((row) => row.map((cell, i) => (i === 4 ? Number(cell) : cell)))]);
    }, 120_000);

    it('imports them as the township dispatcher, exports the same rows, and a second import changes nothing', async () => {
      const first = await post(`/imports/households?townshipId=${place.township}`, file, as.dispatcher);
      expect(first).toEqual({ status: 200, json: { created: HOUSEHOLDS, updated: 0, unchanged: 0, rows: HOUSEHOLDS } });
      expect(await householdCount()).toBe(HOUSEHOLDS);

      const exported = await download(`/exports/households.xlsx?unitId=${place.township}`, as.dispatcher);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="_____.xlsx"; filename*=UTF-8''${encodeURIComponent('户_清溪镇.xlsx')}`);
      const [header, ...back] = await rowsOf(await exported.arrayBuffer());
      expect(header).toEqual(HEADER);
      const byCode = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
      expect(back.sort(byCode)).toEqual([...rows].sort(byCode));

      await signInAgain();
      const again = await post(`/imports/households?townshipId=${place.township}`, file, as.dispatcher);
      expect(again).toEqual({ status: 200, json: { created: 0, updated: 0, unchanged: HOUSEHOLDS, rows: HOUSEHOLDS } });
    }, 1_800_000);

    it('answers a bad row in Chinese with its row and column, and writes nothing', async () => {
      const before = await householdCount();
      const small = Array.from({ length: 30 }, (_, i) => [`XY-${i + 2}`, '太平村第一网格', `新户${i}`, `太平村新${i}号`, 2, '贫困户', i + 2 === 12 ? '1381234' : '13900000000']);
      const answer = await post(`/imports/households?townshipId=${place.township}`, await xlsxOf([HEADER, ...small]), as.dispatcher);
      expect(answer.status).toBe(400);
      expect(answer.json.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        errors: ['行 12: 联系电话格式错误（须为手机号或带区号的固定电话，如 13812345678、0555-2345678）'],
      });
      expect(await householdCount()).toBe(before);
    }, 300_000);
  });

  describe('members (人员) with roles', () => {
    const header = ['姓名 (Name)', '手机号 (Phone)', '党员 (Party member)', '特长 (Skills)', '岗位 (Role)', '任职单位 (Unit)'];
    const hotline = ['李热线', '13700001234', '否', '普通话', '热线坐席', '清溪镇'];

    it('refuses the row of a role the caller may not grant, and writes nothing', async () => {
      const answer = await post(`/imports/members?townshipId=${place.township}`, await xlsxOf([header, hotline, ['王管理', '13700005678', '是', '', '管理员', '清溪镇']]), as.dispatcher);
      expect(answer.status).toBe(400);
      expect(answer.json.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.json.errors?.[0].extensions.errors).toEqual([expect.stringMatching(/^行 3: 岗位越权授予（ADMIN）/)]);
      // nothing was written: the valid row alone creates its member now, once
      const valid = await xlsxOf([header, hotline]);
      expect((await post(`/imports/members?townshipId=${place.township}`, valid, as.dispatcher)).json).toEqual({ created: 1, updated: 0, unchanged: 0, rows: 1 });
      expect((await post(`/imports/members?townshipId=${place.township}`, valid, as.dispatcher)).json).toEqual({ created: 0, updated: 0, unchanged: 1, rows: 1 });
      const { members } = await graphqlData<{ members: { edges: { node: { name: string; assignments: { role: string }[] } }[] } }>(
        url,
        'query($u: ID!) { members(filter: { within: $u, role: HOTLINE_OPERATOR }, first: 10) { edges { node { name assignments { role } } } } }',
        { u: place.township },
        as.dispatcher,
      );
      expect(members.edges.map(({ node }) => node)).toEqual([{ name: '李热线', assignments: [{ role: 'HOTLINE_OPERATOR' }] }]);
    }, 300_000);

    it("is FORBIDDEN to another township's dispatcher", async () => {
      const answer = await post(`/imports/members?townshipId=${place.township}`, await xlsxOf([header, ['赵外来', '13700009999', '否', '', '', '']]), as.otherDispatcher);
      expect(answer.status).toBe(403);
      expect(answer.json.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }, 120_000);
  });

  describe('exports', () => {
    it('shows the reporter phone in the tickets export as the reader sees it', async () => {
      const ticket = await report(url, { title: '村道塌陷', category: 'ROADS', channel: 'HOTLINE', unitId: place.grid, reporter: { name: '吴中翠', phone: '13955501234' } });
      for (const who of ['secretary', 'gridMember'] as const) {
        const seen = await graphqlData<{ ticket: { reporter: { phone: string } } }>(url, 'query($id: ID!) { ticket(id: $id) { reporter { phone } } }', { id: ticket.id }, as[who]);
        const response = await download(`/exports/tickets.xlsx?unitId=${place.village}&from=2020-01-01`, as[who]);
        expect(response.status).toBe(200);
        const [header, ...rows] = await rowsOf(await response.arrayBuffer(), 30);
        expect(header.slice(0, 3)).toEqual(['工单编号 (Number)', '标题 (Title)', '类别 (Category)']);
        expect(rows.map((row) => row[0])).toEqual([ticket.number]);
        expect(rows[0][header.indexOf('反映人电话 (Reporter phone)')]).toBe(seen.ticket.reporter.phone);
        if (who === 'gridMember') expect(seen.ticket.reporter.phone).toContain('****');
      }
    }, 300_000);

    it("has one row per child unit in the assessment report (考核报表), in Chinese", async () => {
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const response = await download(`/exports/assessment.xlsx?unitId=${place.village}&period=${month}`, as.dispatcher);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(encodeURIComponent(`考核报表_太平村_${month}.xlsx`));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await response.arrayBuffer());
      const sheet = book.worksheets[0];
      expect((sheet.getRow(1).values as string[]).slice(1, 6)).toEqual(['单位 (Unit)', '区划代码 (Division code)', '受理数 (Received)', '办结数 (Resolved)', '办结率 (Completion rate)']);
      const units: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) units.push(String(row.getCell(1).value));
      });
      expect(units.sort()).toEqual(['太平村第一网格', '太平村第二网格']);
    }, 120_000);

    it('answers 401 without a token, 400 for bad parameters and 403 outside the caller’s units, in JSON', async () => {
      const anonymous = await download(`/exports/households.xlsx?unitId=${place.township}`, {});
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const bad = await download(`/exports/assessment.xlsx?unitId=${place.township}&period=next`, as.dispatcher);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const outside = await download(`/exports/households.xlsx?unitId=${place.township}`, as.otherDispatcher);
      expect(outside.status).toBe(403);
      expect(((await outside.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
      const noFile = await fetch(`${base}/imports/households?townshipId=${place.township}`, { method: 'POST', headers: as.dispatcher });
      expect(noFile.status).toBe(400);
      expect(await graphql(url, '{ __typename }')).toMatchObject({ data: { __typename: 'Query' } });
    }, 120_000);
  });
});
