// The demo profile: the places and people of the story (People's Daily,
// 2017-07-08) through the public GraphQL API — villages with division codes
// and party organisations, a few grids each with their party group, members
// in every role of the grid team, households with tags and a few tickets.
// Idempotent: units are found by division code or by name under their parent,
// role holders by role on their unit, households by grid, tickets by title.
import { createRequire } from 'node:module';

const { loginThrough } = createRequire(import.meta.url)('../stack.cjs');

const PLACES = [
  {
    district: ['含山县', '340522000000'], township: ['清溪镇', '340522104000'], village: ['太平村', '340522104201'], branch: 'GENERAL_BRANCH',
    secretary: '汤自迁', leaders: ['汤德春', '汤自林', '汤晓琴'], residents: [['汤自会', ['ELDERLY_ALONE']], ['吴中翠', ['POOR']]],
  },
  { district: ['博望区', '340506000000'], township: ['丹阳镇', '340506101000'], village: ['八卦村', '340506101201'], branch: 'GENERAL_BRANCH', secretary: '尹龙华', leaders: ['吴大敏', '夏文斌'] },
  { district: ['博望区', '340506000000'], township: ['博望镇', '340506100000'], village: ['西城村', '340506100201'], branch: 'GENERAL_BRANCH', secretary: '张静云', leaders: ['陶明华', '葛春兰'] },
  { district: ['和县', '340523000000'], township: ['白桥镇', '340523103000'], village: ['大许村', '340523103201'], branch: 'BRANCH', secretary: '许德胜', leaders: ['刘如春', '许国平'] },
  { district: ['和县', '340523000000'], township: ['历阳镇', '340523100000'], village: ['华阳社区', '340523100001'], branch: 'GENERAL_BRANCH', secretary: '潘策香', leaders: ['潘玉梅', '戴志刚'] },
];
const GRID_NUMBERS = ['一', '二', '三'];
const TAGS = [['POOR'], ['ELDERLY_ALONE'], ['LEFT_BEHIND_CHILD'], [], ['DISABLED', 'LOW_INCOME'], ['MILITARY_FAMILY'], []];
const TICKETS = [
  { place: 0, grid: 0, title: '太平村灌溉渠堵塞，影响农田用水', description: '村民通过580热线反映：村东灌溉渠被杂物堵塞。', category: 'WATER_IRRIGATION', channel: 'HOTLINE', priority: 'HIGH' , reporter: { name: '王大爷', phone: '13855550101' } },
  { place: 0, grid: 2, title: '荒地水塘需要清淤挖深', description: '村民汤自会反映：几十亩荒地边的水塘淤塞，希望挖好蓄水。', category: 'WATER_IRRIGATION', channel: 'GRID_REPORT', priority: 'NORMAL' , reporter: { name: '汤自会' } },
  { place: 1, grid: 1, title: '村道夜间无照明，建议安装路灯', description: '党员代表提出用补偿款购买路灯进行夜间照明。', category: 'STREET_LIGHTING', channel: 'APP', priority: 'NORMAL' , reporter: { name: '八卦村党员代表' } },
  { place: 4, grid: 0, title: '邻里因排水沟发生矛盾', description: '华阳社区两户因排水沟走向发生争执，请求调解。', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', priority: 'NORMAL' , reporter: { name: '华阳社区居民', phone: '13855550104' } },
  { place: 3, grid: 1, title: '独居老人银行卡丢失需协助挂失', description: '大许村独居老人银行卡丢了，行动不便，请网格员协助。', category: 'ADMINISTRATIVE_SERVICES', channel: 'WECHAT', priority: 'LOW' , reporter: { name: '大许村独居老人', anonymous: false } },
];

/** Demo members sign in with their phone and this password (development data only). */
export const DEMO_PASSWORD = 'steward-demo-2026';

/** The administrator's `authorization` header, set by loadDemoData. */
let credentials = {};

/** One GraphQL call through the gateway, as the administrator unless `headers` (e.g. a member's sign-in) say otherwise. */
async function call(url, query, variables = {}, headers = credentials) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; '));
    error.codes = body.errors.map((e) => e.extensions?.code);
    throw error;
  }
  return body.data;
}

/** Services learn about new units and roles from Kafka state topics: retry while they catch up. */
async function eventually(action, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      const transient = error.codes?.every((code) => code === 'BAD_USER_INPUT' || code === 'NOT_FOUND');
      if (!transient || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const CREATE_UNIT = 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }';

async function unitByCode(url, input) {
  const found = await call(url, 'query($code: String!) { orgUnitByCode(code: $code) { id partyOrg { kind } } }', { code: input.code });
  if (found.orgUnitByCode) {
    if (input.partyOrg && !found.orgUnitByCode.partyOrg) {
      await call(url, 'mutation($id: ID!, $input: UpdateOrgUnitInput!) { updateOrgUnit(id: $id, input: $input) { id } }', { id: found.orgUnitByCode.id, input: { partyOrg: input.partyOrg } });
    }
    return found.orgUnitByCode.id;
  }
  return (await call(url, CREATE_UNIT, { input })).createOrgUnit.id;
}

async function gridOf(url, villageId, name, leader) {
  const found = await call(url, 'query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 50) { edges { node { id name partyOrg { kind } } } } }', {
    f: { parentId: villageId, level: 'GRID' },
  });
  const partyOrg = { kind: 'GRID_GROUP', name: `${name}党小组`, secretaryName: leader };
  const existing = found.orgUnits.edges.find((edge) => edge.node.name === name)?.node;
  if (existing) {
    if (!existing.partyOrg) await call(url, 'mutation($id: ID!, $input: UpdateOrgUnitInput!) { updateOrgUnit(id: $id, input: $input) { id } }', { id: existing.id, input: { partyOrg } });
    return existing.id;
  }
  return (await call(url, CREATE_UNIT, { input: { level: 'GRID', name, parentId: villageId, households: 120, population: 410, partyOrg } })).createOrgUnit.id;
}

/** Gives `role` on `unitId` to a new member unless someone already holds it there. */
async function ensureRole(url, unitId, role, person) {
  const found = await eventually(() => call(url, 'query($f: MemberFilter) { members(filter: $f, first: 1) { totalCount } }', { f: { within: unitId, role } }));
  if (found.members.totalCount > 0) return;
  const phone = `1390555${String(person.phoneNo).padStart(4, '0')}`;
  const created = await call(url, 'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
    input: { name: person.name, phone, isPartyMember: person.isPartyMember, skills: person.skills ?? [] },
  }).catch((error) => {
    if (error.codes?.includes('CONFLICT')) return undefined; // this phone exists from an earlier, interrupted run
    throw error;
  });
  if (!created) return;
  await eventually(() => call(url, 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', { input: { memberId: created.createMember.id, unitId, role } }));
  await call(url, 'mutation($id: ID!, $password: String!) { setMemberPassword(memberId: $id, password: $password) }', { id: created.createMember.id, password: DEMO_PASSWORD });
}

async function ensureHouseholds(url, gridId, villageName, gridIndex, residents) {
  const found = await call(url, 'query($f: HouseholdFilter) { households(filter: $f, first: 1) { totalCount } }', { f: { gridId } });
  if (found.households.totalCount > 0) return 0;
  const heads = [...residents, ...['王德明', '李秀英', '张建国', '陈桂珍', '刘春兰'].map((name, i) => [name, TAGS[(gridIndex + i) % TAGS.length]])].slice(0, 5);
  for (const [index, [head, tags]] of heads.entries()) {
    await eventually(() =>
      call(url, 'mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }', {
        input: { gridId, address: `${villageName}${GRID_NUMBERS[gridIndex]}组${index + 1}号`, head, size: tags.includes('ELDERLY_ALONE') ? 1 : 2 + (index % 4), tags, phone: `1385555${String(gridIndex * 10 + index).padStart(4, '0')}` },
      }),
    );
  }
  return heads.length;
}

const MEMBER_CHANNELS = new Set(['GRID_REPORT', 'APP']);

/**
 * GRID_REPORT and APP reports are entered by the member signed in: the grid's
 * GRID_MEMBER signs in (the administrator reads the phone in clear) and reports as themselves.
 */
async function signInAsGridMember(url, gridId) {
  const found = await eventually(async () => {
    const result = await call(url, 'query($f: MemberFilter) { members(filter: $f, first: 1) { edges { node { phone } } } }', { f: { within: gridId, role: 'GRID_MEMBER' } });
    const phone = result.members.edges[0]?.node.phone;
    if (!phone) throw Object.assign(new Error(`no GRID_MEMBER on grid ${gridId} yet`), { codes: ['NOT_FOUND'] });
    return phone;
  });
  return loginThrough(url, found, DEMO_PASSWORD);
}

/**
 * Registers a webhook for the demo township (清溪镇) pointing at `webhookUrl`,
 * first disabling earlier ones to that URL (their secrets were shown once and
 * are gone); returns the new signing secret.
 */
async function registerDemoWebhook(url, townshipId, webhookUrl) {
  const { webhooks } = await eventually(() => call(url, 'query($u: ID!) { webhooks(unitId: $u) { id url status } }', { u: townshipId }));
  for (const old of webhooks.filter((webhook) => webhook.url === webhookUrl && webhook.status === 'ACTIVE')) {
    await call(url, 'mutation($id: ID!) { disableWebhook(id: $id) { id } }', { id: old.id });
  }
  const { registerWebhook } = await call(url, 'mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { signingSecret webhook { id } } }', {
    input: { unitId: townshipId, url: webhookUrl, description: '演示接收端 (tools/webhook-receiver.mjs)' },
  });
  return registerWebhook.signingSecret;
}

/**
 * Loads the story's places, people, households and tickets through the gateway, as the administrator (`auth`: `{ authorization }`).
 * With `webhook.url`, the demo township gets a webhook to it before the tickets are reported (`webhook.trust` receives its secret).
 */
export async function loadDemoData(url, auth, webhook) {
  credentials = auth;
  const city = await unitByCode(url, { level: 'CITY', name: '马鞍山市', code: '340500000000', population: 2_290_000 });
  const gridsByPlace = [];
  let phoneNo = 0;
  const person = (name, isPartyMember, skills) => ({ name, isPartyMember, skills, phoneNo: (phoneNo += 1) });
  for (const place of PLACES) {
    const district = await unitByCode(url, { level: 'DISTRICT', name: place.district[0], code: place.district[1], parentId: city });
    const township = await unitByCode(url, { level: 'TOWNSHIP', name: place.township[0], code: place.township[1], parentId: district });
    const village = await unitByCode(url, {
      level: 'ADMIN_VILLAGE', name: place.village[0], code: place.village[1], parentId: township, population: 3537,
      partyOrg: { kind: place.branch, name: `${place.village[0]}${place.branch === 'GENERAL_BRANCH' ? '党总支' : '党支部'}`, secretaryName: place.secretary },
    });
    await ensureRole(url, township, 'TOWNSHIP_DISPATCHER', person(`${place.township[0]}调度员`, false));
    await ensureRole(url, village, 'VILLAGE_SECRETARY', person(place.secretary, true));
    const grids = [];
    for (const [index, leader] of place.leaders.entries()) {
      const grid = await gridOf(url, village, `${place.village[0]}第${GRID_NUMBERS[index]}网格`, leader);
      await ensureRole(url, grid, 'GRID_LEADER', person(leader, true, index === 2 && place.village[0] === '太平村' ? ['养殖'] : []));
      await ensureRole(url, grid, 'GRID_MEMBER', person(`${place.village[0]}网格员${index + 1}`, true));
      // 是党员的干部担任网格指导员，不是党员的干部担任网格助理员
      await ensureRole(url, grid, 'GRID_INSTRUCTOR', person(`${place.township[0]}指导员${index + 1}`, true));
      await ensureRole(url, grid, 'GRID_ASSISTANT', person(`${place.village[0]}助理员${index + 1}`, false));
      await ensureHouseholds(url, grid, place.village[0], index, index === 0 ? place.residents ?? [] : []);
      grids.push(grid);
    }
    gridsByPlace.push(grids);
    if (webhook && place.village[0] === '太平村') webhook.trust(await registerDemoWebhook(url, township, webhook.url));
  }
  const existing = await call(url, 'query($f: TicketFilter) { tickets(filter: $f, first: 100) { edges { node { title } } } }', { f: { within: city } });
  const titles = new Set(existing.tickets.edges.map((edge) => edge.node.title));
  for (const ticket of TICKETS) {
    if (titles.has(ticket.title)) continue;
    const { place, grid, ...input } = ticket;
    const unitId = gridsByPlace[place][grid];
    // GRID_REPORT and APP reports are entered by a member: the grid's own team, signed in; the rest by the administrator.
    const reporterHeaders = MEMBER_CHANNELS.has(input.channel) ? await signInAsGridMember(url, unitId) : credentials;
    await eventually(() =>
      call(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { number } }', { input: { ...input, unitId } }, reporterHeaders),
    );
  }
  console.log(`[demo] ${PLACES.length} villages of the story with their grids, party organisations, grid teams, households and ${TICKETS.length} tickets are loaded`);
}
