// Bench data made through the public API (as the bootstrap administrator,
// `api` = endpoint(gatewayUrl, adminAuthorization)): a township with villages
// and grids, a handler per grid, and dispatched tickets.
import { eventually } from './graphql.mjs';

const CREATE_UNIT = 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }';

async function unit(api, input) {
  return (await api.call(CREATE_UNIT, { input })).createOrgUnit.id;
}

/** 1 city › 1 district › 1 township › `villages` villages › `gridsPerVillage` grids, a GRID_MEMBER on each grid. */
export async function createTownship(api, { villages = 4, gridsPerVillage = 3 } = {}) {
  const city = await unit(api, { level: 'CITY', name: '基准市' });
  const district = await unit(api, { level: 'DISTRICT', name: '基准区', parentId: city });
  const township = await unit(api, { level: 'TOWNSHIP', name: '基准镇', parentId: district });
  const grids = [];
  for (let v = 0; v < villages; v += 1) {
    const village = await unit(api, { level: 'ADMIN_VILLAGE', name: `基准村${v + 1}`, parentId: township });
    for (let g = 0; g < gridsPerVillage; g += 1) {
      const grid = await unit(api, { level: 'GRID', name: `基准村${v + 1}第${g + 1}网格`, parentId: village });
      const phone = `137${String(v * 100 + g).padStart(8, '0')}`;
      const { createMember } = await api.call('mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
        input: { name: `网格员${v + 1}-${g + 1}`, phone, isPartyMember: true },
      });
      grids.push({ id: grid, village, handlerId: createMember.id, handlerPhone: phone });
    }
  }
  for (const grid of grids) {
    await eventually(() =>
      api.call('mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', {
        input: { memberId: grid.handlerId, unitId: grid.id, role: 'GRID_MEMBER' },
      }),
    );
  }
  return { city, district, township, grids };
}

/** Reports (a hotline call, taken by the administrator) and accepts a ticket on `grid`; returns its id. */
export async function reportAccepted(api, grid, title) {
  const { reportTicket } = await eventually(() =>
    api.call('mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }', {
      input: { title, category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid.id, reporter: { name: '基准来电人', phone: '13800000000' } },
    }),
  );
  await api.call('mutation($id: ID!) { acceptTicket(id: $id) { id } }', { id: reportTicket.id });
  return reportTicket.id;
}

export const DISPATCH = 'mutation($id: ID!, $input: DispatchTicketInput!) { dispatchTicket(id: $id, input: $input) { id version } }';

/** `count` tickets spread over the grids, each dispatched to its grid's handler. */
export async function createDispatchedTickets(api, grids, count) {
  const ids = [];
  for (let i = 0; i < count; i += 1) {
    const grid = grids[i % grids.length];
    const id = await reportAccepted(api, grid, `基准工单 ${i + 1}`);
    await eventually(() => api.call(DISPATCH, { id, input: { handlerId: grid.handlerId } }));
    ids.push(id);
  }
  return ids;
}

/** The month key the scores of today land in (Asia/Shanghai). */
export function currentMonthKey() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}
