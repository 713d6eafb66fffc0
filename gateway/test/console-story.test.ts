// Issue 18 acceptance: the web console (管理平台) in a real browser. Debian's
// Chromium, driven by playwright-core, walks the 太平村 pond story through
// http://<gateway>/console against the whole stack, each step signed in as
// the person whose role it is: the 580 hotline reports 池塘清淤 on 太平村第一网格,
// the grid leader accepts and dispatches to the grid member, who starts and
// escalates to the village; the village secretary escalates to the township;
// the township dispatcher takes it on and resolves it; the hotline records
// the resident's satisfaction and the dispatcher closes it. A grid member of
// 八卦村 sees neither the ticket nor its figures, and a stale screen's command
// gets the conflict message. Screenshots go to .local/console-story/.
import { graphql, graphqlData } from '@steward/testing';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { codeOf, PASSWORD, startAttackWorld, type AttackWorld, type SignedInMember } from './attacks/attack-world';

jest.setTimeout(600_000);

const REPO = path.join(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, '.local/console-story');
const CONFLICT_TEXT = '工单已被他人更新，请刷新后重试';

/** Installs Debian's Chromium when missing, as `npm test` does (infra/scripts/tools.mjs). */
function ensureChromium(): void {
  if (existsSync(CHROMIUM) && existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')) return;
  execFileSync(process.execPath, ['--input-type=module', '-e', "import('./infra/scripts/tools.mjs').then((tools) => tools.ensureChromium())"], { cwd: REPO, stdio: 'inherit' });
}

describe('the web console in a browser (issue 18)', () => {
  let world: AttackWorld;
  let browser: Browser;
  let consoleUrl: string;
  const people: Record<'operator' | 'gridLeader' | 'gridMember' | 'secretary' | 'dispatcher' | 'baguaMember', SignedInMember> = {} as never;
  let step = 0;

  beforeAll(async () => {
    ensureChromium();
    mkdirSync(SHOTS, { recursive: true });
    // a browser beside six services on two cores: give the start-up more time than the other stacks
    world = await startAttackWorld(2400, 'console-story', {}, { timeoutMs: 420_000 });
    consoleUrl = world.url.replace(/\/graphql$/, '/console/');
    people.operator = await world.member('热线坐席小王', world.units.qingxi, 'HOTLINE_OPERATOR');
    people.gridLeader = await world.member('网格长老李', world.units.taipingGrid, 'GRID_LEADER');
    people.gridMember = await world.member('网格员汤晓琴', world.units.taipingGrid, 'GRID_MEMBER');
    people.secretary = await world.member('汤书记', world.units.taiping, 'VILLAGE_SECRETARY');
    people.dispatcher = await world.member('镇调度员周', world.units.qingxi, 'TOWNSHIP_DISPATCHER');
    people.baguaMember = await world.member('八卦村网格员', world.units.baguaGrid, 'GRID_MEMBER');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });

  afterAll(async () => {
    await browser?.close();
    await world?.stop();
  });

  /** A fresh browser (no shared storage) signed in through the console's form as `who`. */
  async function signIn(who: SignedInMember, viewport = { width: 1280, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(consoleUrl);
    await page.locator('#login-phone').fill(who.phone);
    await page.locator('#login-password').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('我的待办').waitFor();
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    step += 1;
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  async function openTicket(page: Page, id: string): Promise<void> {
    await page.goto(`${consoleUrl}#/tickets/${id}`);
    await page.reload(); // the same address again changes no hash: load it afresh
    await page.getByTestId('ticket-status').waitFor();
  }

  /** Clicks the command's button (only there when the server offers it), fills the dialog, submits, and waits for the new status. */
  async function act(page: Page, action: string, fill: (page: Page) => Promise<void>, status: string): Promise<void> {
    await page.getByTestId(`action-${action}`).click();
    await page.locator('.ant-modal').waitFor();
    await fill(page);
    await page.getByTestId('action-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await expectText(page.getByTestId('ticket-status'), status);
  }

  async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
  }

  const typeText = (text: string) => async (page: Page) => page.getByTestId('action-text').fill(text);

  async function actions(page: Page): Promise<string[]> {
    const buttons = page.getByTestId('ticket-actions').locator('button');
    return (await buttons.allTextContents()).map((text) => text.replace(/\s+/g, ''));
  }

  async function selectOption(page: Page, trigger: ReturnType<Page['locator']>, text: string, search?: string): Promise<void> {
    await trigger.click();
    if (search) await page.keyboard.type(search);
    await page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first().click();
  }

  it('walks the pond story: report → accept → dispatch → start → escalate → escalate → dispatch, start, resolve → feedback → close', async () => {
    // 1. 580 hotline: the operator enters the caller's report on the grid.
    const operator = await signIn(people.operator);
    await operator.goto(`${consoleUrl}#/report`);
    await operator.locator('#report-title').fill('池塘清淤');
    await selectOption(operator, operator.getByTestId('report-category'), '水利灌溉', '水利');
    await selectOption(operator, operator.getByTestId('report-unit'), '太平村第一网格');
    await operator.locator('#report-address').fill('太平村东头池塘');
    await operator.locator('#report-description').fill('池塘淤积发臭，影响灌溉');
    await operator.locator('#report-reporter-name').fill('吴中翠');
    await operator.locator('#report-reporter-phone').fill('13955501234');
    await shot(operator, 'report-form');
    await operator.getByTestId('report-submit').click();
    await expectText(operator.getByTestId('ticket-status'), '待受理');
    const id = decodeURIComponent(operator.url().split('#/tickets/')[1] ?? '');
    expect(id).not.toBe('');
    await expectText(operator.getByTestId('ticket-level'), '网格');
    // the operator holds pii:read: the caller's number in clear
    await expectText(operator.getByTestId('ticket-reporter'), '13955501234');
    expect(await operator.getByTestId('no-actions').isVisible()).toBe(true);
    await shot(operator, 'reported');

    // 2. The grid leader finds it in the queue, accepts and dispatches to the grid member.
    const leader = await signIn(people.gridLeader);
    await expectText(leader.getByTestId('queue-counts'), '待受理');
    await shot(leader, 'queue');
    await leader.locator('tr', { hasText: '池塘清淤' }).click();
    await leader.getByTestId('ticket-status').waitFor();
    expect(await actions(leader)).toEqual(['受理', '不予受理', '合并']);
    await shot(leader, 'leader-queue-ticket');
    await act(leader, 'accept', typeText('受理，请网格员处理'), '已受理');
    await act(
      leader,
      'dispatch',
      async (page) => {
        await selectOption(page, page.getByTestId('handler-picker'), '网格员汤晓琴');
        await page.getByTestId('action-text').fill('请今日到场');
      },
      '已派单',
    );
    await shot(leader, 'dispatched');

    // 3. The grid member starts on site, then escalates to the village (needs a dredger).
    const handler = await signIn(people.gridMember);
    await leader.context().close();
    await handler.locator('tr', { hasText: '池塘清淤' }).click();
    await handler.getByTestId('ticket-status').waitFor();
    expect(await actions(handler)).toEqual(['开始处置', '上报上级']);
    await act(
      handler,
      'start',
      async (page) => {
        await page.getByTestId('action-text').fill('已到现场');
        await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'pond.png', mimeType: 'image/png', buffer: PNG_PIXEL });
        await page.locator('.ant-upload-list-item-done').waitFor();
      },
      '处置中',
    );
    await handler.getByTestId('evidence-thumb').first().waitFor();
    await shot(handler, 'started-with-evidence');
    await act(handler, 'escalate', typeText('淤泥量大，需村里协调清淤机械'), '已受理');
    await expectText(handler.getByTestId('ticket-level'), '村级');
    await shot(handler, 'escalated-to-village');
    await handler.context().close();

    // 4. The village secretary escalates again, to the township.
    const secretary = await signIn(people.secretary);
    await openTicket(secretary, id);
    await expectText(secretary.getByTestId('ticket-unit'), '太平村');
    await act(secretary, 'escalate', typeText('村里无清淤设备，请镇里支援'), '已受理');
    await expectText(secretary.getByTestId('ticket-level'), '镇级');
    await shot(secretary, 'escalated-to-township');
    await secretary.context().close();

    // 5. The township dispatcher takes it on himself, starts and resolves it.
    const dispatcher = await signIn(people.dispatcher);
    await dispatcher.locator('tr', { hasText: '池塘清淤' }).click();
    await dispatcher.getByTestId('ticket-status').waitFor();
    await act(dispatcher, 'dispatch', async (page) => selectOption(page, page.getByTestId('handler-picker'), '镇调度员周'), '已派单');
    await act(dispatcher, 'start', typeText('清淤队进场'), '处置中');
    await act(dispatcher, 'resolve', typeText('镇里调清淤船完成清淤'), '已办结');
    await shot(dispatcher, 'resolved');

    // 6. The hotline calls back: satisfied.
    await openTicket(operator, id);
    expect(await actions(operator)).toEqual(['回访']);
    await act(operator, 'feedback', typeText('群众表示满意'), '已办结');
    await operator.getByTestId('no-actions').waitFor();
    await shot(operator, 'feedback');
    await operator.context().close();

    // 7. The dispatcher closes it; the timeline tells the whole story.
    await openTicket(dispatcher, id);
    await act(dispatcher, 'close', async () => undefined, '已关闭');
    const timeline = await dispatcher.getByTestId('ticket-timeline').innerText();
    for (const label of ['上报', '受理', '派单', '开始处置', '上报上级', '办结', '回访', '办结归档']) expect(timeline).toContain(label);
    expect(timeline.match(/上报上级/g)).toHaveLength(2);
    await shot(dispatcher, 'closed-timeline');

    // The township's dashboard counts it: received 1, resolved 1.
    await dispatcher.goto(`${consoleUrl}#/dashboard`);
    await expectText(dispatcher.getByTestId('ticket-stats'), '受理量');
    await dispatcher.getByTestId('trend-chart').locator('canvas').waitFor();
    await shot(dispatcher, 'dashboard');
    await dispatcher.context().close();

    // A grid member of 八卦村 sees neither the ticket nor its figures.
    const neighbour = await signIn(people.baguaMember);
    expect(await neighbour.locator('tr', { hasText: '池塘清淤' }).count()).toBe(0);
    await neighbour.goto(`${consoleUrl}#/tickets/${id}`);
    await neighbour.getByText('工单不存在或不在您的管辖范围内').waitFor();
    await neighbour.goto(`${consoleUrl}#/dashboard`);
    const stats = neighbour.getByTestId('ticket-stats');
    await stats.waitFor();
    expect(await neighbour.getByTestId('dashboard-unit').innerText()).toContain('八卦村第一网格');
    expect((await stats.innerText()).replace(/\s+/g, ' ')).toMatch(/受理量 0 办结量 0/);
    await shot(neighbour, 'neighbour-dashboard');
    await neighbour.context().close();
    const figures = await graphql(world.url, 'query($id: ID!) { ticketStats(within: $id) { received } }', { id: world.units.taiping }, people.baguaMember.headers);
    expect(codeOf(figures)).toBe('FORBIDDEN');
  });

  it('shows the conflict message when the screen is stale', async () => {
    const { reportTicket } = await graphqlData<{ reportTicket: { id: string } }>(
      world.url,
      'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }',
      { input: { title: '路灯不亮', category: 'STREET_LIGHTING', channel: 'HOTLINE', unitId: world.units.taipingGrid } },
      people.operator.headers,
    );
    const leader = await signIn(people.gridLeader);
    await openTicket(leader, reportTicket.id);
    // meanwhile the township supervises it (督办): the version moves on, the status stays
    await graphqlData(world.url, 'mutation($id: ID!) { superviseTicket(id: $id, note: "请尽快受理") { version } }', { id: reportTicket.id }, people.dispatcher.headers);
    await leader.getByTestId('action-accept').click();
    // as in act(): the dialog open before its button is pressed
    await leader.locator('.ant-modal').waitFor();
    await leader.getByTestId('action-submit').click();
    await expectText(leader.getByTestId('action-error'), CONFLICT_TEXT);
    await shot(leader, 'stale-conflict');
    // after a refresh the command goes through
    await leader.locator('.ant-modal-close').click();
    await leader.getByTestId('ticket-refresh').click();
    await expectText(leader.getByTestId('ticket-timeline'), '督办');
    await act(leader, 'accept', async () => undefined, '已受理');
    await leader.context().close();
  });

  it('serves the console with a Content-Security-Policy, and GraphiQL from its own build', async () => {
    const page = await fetch(consoleUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const context = await browser.newContext();
    const graphiql = await context.newPage();
    const outside: string[] = [];
    graphiql.on('request', (request) => {
      if (!request.url().startsWith(world.url.replace(/\/graphql$/, '')) && !/^(data|blob):/.test(request.url())) outside.push(request.url());
    });
    await graphiql.goto(world.url.replace(/\/graphql$/, '/graphiql'));
    await graphiql.locator('.graphiql-container').waitFor();
    expect(outside).toEqual([]);
    await context.close();
  });

  it('fits a phone-sized screen and signs out', async () => {
    const page = await signIn(people.gridMember, { width: 390, height: 844 });
    await page.getByTestId('queue-counts').waitFor();
    // nothing wider than the phone: no sideways scrolling of the page
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'phone-queue');
    await page.getByRole('button', { name: /logout/ }).click();
    await page.getByTestId('login-notice').waitFor();
    await page.context().close();
  });
});

/** A 1×1 PNG, the evidence photo. */
const PNG_PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
