// Demo data: the places of the story (People's Daily, 2017-07-08) with a grid
// each, a grid member per grid and one reported ticket. Idempotent: units are
// found by division code or by name under their parent, members by grid.
const PLACES = [
  { district: ['含山县', '340522000000'], township: ['清溪镇', '340522104000'], village: ['太平村', '340522104201'] },
  { district: ['博望区', '340506000000'], township: ['丹阳镇', '340506101000'], village: ['八卦村', '340506101201'] },
  { district: ['博望区', '340506000000'], township: ['博望镇', '340506100000'], village: ['西城村', '340506100201'] },
  { district: ['和县', '340523000000'], township: ['白桥镇', '340523103000'], village: ['大许村', '340523103201'] },
  { district: ['和县', '340523000000'], township: ['历阳镇', '340523100000'], village: ['华阳社区', '340523100001'] },
];

async function call(url, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
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

async function unitByCode(url, input) {
  const found = await call(url, 'query($code: String!) { orgUnitByCode(code: $code) { id } }', { code: input.code });
  if (found.orgUnitByCode) return found.orgUnitByCode.id;
  const created = await call(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', { input });
  return created.createOrgUnit.id;
}

async function gridOf(url, villageId, name) {
  const found = await call(
    url,
    'query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 50) { edges { node { id name } } } }',
    { f: { parentId: villageId, level: 'GRID' } },
  );
  const existing = found.orgUnits.edges.find((edge) => edge.node.name === name);
  if (existing) return existing.node.id;
  const created = await call(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', {
    input: { level: 'GRID', name, parentId: villageId, households: 120, population: 410 },
  });
  return created.createOrgUnit.id;
}

async function ensureGridMember(url, gridId, name, phone) {
  const found = await call(url, 'query($f: MemberFilter) { members(filter: $f, first: 1) { totalCount } }', {
    f: { within: gridId },
  });
  if (found.members.totalCount > 0) return;
  const existing = await call(url, 'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
    input: { name, phone, isPartyMember: true },
  }).catch(() => undefined);
  if (!existing) return;
  await eventually(() =>
    call(url, 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', {
      input: { memberId: existing.createMember.id, unitId: gridId, role: 'GRID_LEADER' },
    }),
  );
}

export async function loadDemoData(url) {
  const city = await unitByCode(url, { level: 'CITY', name: '马鞍山市', code: '340500000000', population: 2_290_000 });
  const grids = [];
  for (const [index, place] of PLACES.entries()) {
    const district = await unitByCode(url, { level: 'DISTRICT', name: place.district[0], code: place.district[1], parentId: city });
    const township = await unitByCode(url, { level: 'TOWNSHIP', name: place.township[0], code: place.township[1], parentId: district });
    const village = await unitByCode(url, {
      level: 'ADMIN_VILLAGE', name: place.village[0], code: place.village[1], parentId: township, population: 3537,
    });
    const grid = await gridOf(url, village, `${place.village[0]}第一网格`);
    await ensureGridMember(url, grid, `${place.village[0]}网格长`, `1390555000${index}`);
    grids.push(grid);
  }
  const tickets = await call(url, 'query($f: TicketFilter) { tickets(filter: $f, first: 1) { totalCount } }', {
    f: { within: city },
  });
  if (tickets.tickets.totalCount === 0) {
    await eventually(() =>
      call(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { number } }', {
        input: {
          title: '太平村灌溉渠堵塞，影响农田用水',
          description: '村民通过580热线反映：村东灌溉渠被杂物堵塞。',
          category: 'WATER_IRRIGATION',
          channel: 'HOTLINE',
          priority: 'HIGH',
          unitId: grids[0],
        },
      }),
    );
  }
  console.log(`[demo] ${PLACES.length} villages of the story with a grid each, grid leaders and a reported ticket are loaded`);
}
