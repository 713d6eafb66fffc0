// Who may see and change which org units: principals × operations × inside /
// outside their units, against the running org service. Called from
// org-units.test.ts so it shares that file's stack (port offset 300).
import type { Principal } from '@steward/auth';
import { graphql, uniqueName, type GraphQLResponse } from '@steward/testing';
import type { Document } from 'mongodb';
import { outboxDrained, type OrgHarness } from './org-harness';

type Who = 'gridMemberA' | 'secretaryA' | 'dispatcher' | 'memberB' | 'serviceRead' | 'serviceNoRead' | 'unitAdmin' | 'serviceManage' | 'anonymous' | 'unsigned' | 'admin';
type Unit = 'city' | 'district' | 'township' | 'villageA' | 'gridA1' | 'gridA2' | 'villageB' | 'gridB1' | 'district2' | 'township2' | 'village2';
const ALL_UNITS: Unit[] = ['city', 'district', 'township', 'villageA', 'gridA1', 'gridA2', 'villageB', 'gridB1', 'district2', 'township2', 'village2'];

type Outcome = Unit[] | 'FORBIDDEN' | 'UNAUTHENTICATED';

const actorOf = (principal: Principal | null): string => (principal && principal.kind !== 'ANONYMOUS' ? principal.id : 'admin');

export function describeOrgAccess(harness: () => OrgHarness): void {
  describe('access by org scope (principals × operations × scope)', () => {
    const tag = uniqueName('acl');
    const ids = {} as Record<Unit, string>;
    const nameOf = (unit: Unit) => `${tag}-${unit}`;
    let principals: Record<Who, Principal | null>;

    const call = <T = Record<string, unknown>>(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => {
      const { stack, url } = harness();
      const principal = who === 'admin' || who === 'unsigned' ? null : principals[who];
      const headers = who === 'unsigned' ? {} : principal ? stack.signedHeaders(principal) : undefined;
      return graphql<T>(url, query, variables, headers);
    };
    const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const result = await call<T>('admin', query, variables);
      if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const createUnit = async (level: string, name: string, parentId?: string) =>
      (
        await asAdmin<{ createOrgUnit: { id: string } }>(`mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`, {
          input: { level, name, parentId },
        })
      ).createOrgUnit.id;
    const unitNames = (nodes: { id: string }[]): Unit[] =>
      ALL_UNITS.filter((unit) => nodes.some((node) => node.id === ids[unit]));
    const outcomeOf = (result: GraphQLResponse<unknown>, nodes: () => { id: string }[]): Outcome => {
      if (result.errors?.length) return result.errors[0].extensions?.code as 'FORBIDDEN' | 'UNAUTHENTICATED';
      return unitNames(nodes());
    };
    /** Every stored unit except what the outbox relay changes on its own. */
    const stored = async (): Promise<Document[]> => {
      await outboxDrained(harness().units);
      return harness().units.find({}, { projection: { outbox: 0, outboxPending: 0 } }).sort({ _id: 1 }).toArray();
    };

    beforeAll(async () => {
      // city › township (villages A: grids A1, A2; B: grid B1) and township 2 › village 2
      ids.city = await createUnit('CITY', nameOf('city'));
      ids.district = await createUnit('DISTRICT', nameOf('district'), ids.city);
      ids.township = await createUnit('TOWNSHIP', nameOf('township'), ids.district);
      ids.villageA = await createUnit('ADMIN_VILLAGE', nameOf('villageA'), ids.township);
      ids.gridA1 = await createUnit('GRID', nameOf('gridA1'), ids.villageA);
      ids.gridA2 = await createUnit('GRID', nameOf('gridA2'), ids.villageA);
      ids.villageB = await createUnit('ADMIN_VILLAGE', nameOf('villageB'), ids.township);
      ids.gridB1 = await createUnit('GRID', nameOf('gridB1'), ids.villageB);
      ids.district2 = await createUnit('DISTRICT', nameOf('district2'), ids.city);
      ids.township2 = await createUnit('TOWNSHIP', nameOf('township2'), ids.district2);
      ids.village2 = await createUnit('ADMIN_VILLAGE', nameOf('village2'), ids.township2);
      principals = {
        gridMemberA: { kind: 'MEMBER', id: `${tag}-m1`, grants: [{ role: 'GRID_MEMBER', unitId: ids.gridA1 }] },
        secretaryA: { kind: 'MEMBER', id: `${tag}-m2`, grants: [{ role: 'VILLAGE_SECRETARY', unitId: ids.villageA }] },
        dispatcher: { kind: 'MEMBER', id: `${tag}-m3`, grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: ids.township }] },
        memberB: { kind: 'MEMBER', id: `${tag}-m4`, grants: [{ role: 'GRID_MEMBER', unitId: ids.gridB1 }] },
        unitAdmin: { kind: 'MEMBER', id: `${tag}-m5`, grants: [{ role: 'ADMIN', unitId: ids.township }] },
        serviceRead: { kind: 'SERVICE', id: 'warehouse', permissions: ['read'] },
        serviceNoRead: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
        serviceManage: { kind: 'SERVICE', id: 'org-sync', permissions: ['org:manage'] },
        anonymous: { kind: 'ANONYMOUS' },
        unsigned: null,
        admin: null,
      };
    });

    describe('reads', () => {
      const listed = `query($filter: OrgUnitFilter) { orgUnits(filter: $filter, first: 100) { totalCount edges { node { id } } } }`;
      type Listed = { orgUnits: { totalCount: number; edges: { node: { id: string } }[] } };

      // name search across the whole tree: own subtree + breadcrumb, never siblings
      it.each<[Who, Outcome]>([
        ['gridMemberA', ['city', 'district', 'township', 'villageA', 'gridA1']],
        ['secretaryA', ['city', 'district', 'township', 'villageA', 'gridA1', 'gridA2']],
        ['dispatcher', ['city', 'district', 'township', 'villageA', 'gridA1', 'gridA2', 'villageB', 'gridB1']],
        ['memberB', ['city', 'district', 'township', 'villageB', 'gridB1']],
        ['unitAdmin', ['city', 'district', 'township', 'villageA', 'gridA1', 'gridA2', 'villageB', 'gridB1']],
        ['serviceRead', ALL_UNITS],
        ['admin', ALL_UNITS],
        ['serviceNoRead', 'FORBIDDEN'],
        ['serviceManage', 'FORBIDDEN'],
        ['anonymous', 'UNAUTHENTICATED'],
        ['unsigned', 'UNAUTHENTICATED'],
      ])('orgUnits(nameContains) as %s → %j, totalCount counting only those', async (who, expected) => {
        const result = await call<Listed>(who, listed, { filter: { nameContains: tag } });
        expect(outcomeOf(result, () => result.data!.orgUnits.edges.map((edge) => edge.node))).toEqual(expected);
        if (Array.isArray(expected)) expect(result.data!.orgUnits.totalCount).toBe(expected.length);
      });

      it.each<[Who, Outcome]>([
        ['gridMemberA', ['villageA', 'gridA1']],
        ['secretaryA', ['villageA', 'gridA1', 'gridA2']],
        ['memberB', ['villageB', 'gridB1']],
        ['admin', ['villageA', 'gridA1', 'gridA2', 'villageB', 'gridB1']],
      ])('orgUnits(within: township) as %s → %j', async (who, expected) => {
        const result = await call<Listed>(who, listed, { filter: { within: ids.township } });
        expect(outcomeOf(result, () => result.data!.orgUnits.edges.map((edge) => edge.node))).toEqual(expected);
      });

      it.each<[Who, Outcome, Outcome]>([
        ['gridMemberA', ['villageA'], ['city', 'district', 'township']],
        ['memberB', ['villageB'], ['city', 'district', 'township']],
        ['dispatcher', ['villageA', 'villageB'], ['city', 'district', 'township']],
      ])('township.children as %s → %j; the first one’s ancestors → %j', async (who, children, ancestors) => {
        const result = await call<{ orgUnit: { children: { id: string; ancestors: { id: string }[] }[] } }>(
          who,
          `query($id: ID!) { orgUnit(id: $id) { children { id ancestors { id } } } }`,
          { id: ids.township },
        );
        expect(outcomeOf(result, () => result.data!.orgUnit.children)).toEqual(children);
        expect(outcomeOf(result, () => result.data!.orgUnit.children[0].ancestors)).toEqual(ancestors);
      });

      const byId = `query($id: ID!) { orgUnit(id: $id) { id parent { id } } }`;
      const entity = `query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit { id } } }`;
      it.each<[Who, Unit, 'data' | 'FORBIDDEN' | 'UNAUTHENTICATED']>([
        ['gridMemberA', 'gridA1', 'data'],
        ['gridMemberA', 'villageA', 'data'],
        ['gridMemberA', 'city', 'data'],
        ['gridMemberA', 'gridA2', 'FORBIDDEN'],
        ['gridMemberA', 'villageB', 'FORBIDDEN'],
        ['secretaryA', 'gridA2', 'data'],
        ['secretaryA', 'gridB1', 'FORBIDDEN'],
        ['dispatcher', 'gridB1', 'data'],
        ['dispatcher', 'village2', 'FORBIDDEN'],
        ['memberB', 'gridB1', 'data'],
        ['memberB', 'gridA1', 'FORBIDDEN'],
        ['serviceRead', 'village2', 'data'],
        ['serviceNoRead', 'gridA1', 'FORBIDDEN'],
        ['anonymous', 'gridA1', 'UNAUTHENTICATED'],
        ['unsigned', 'gridA1', 'UNAUTHENTICATED'],
        ['admin', 'village2', 'data'],
      ])('as %s, %s by id and as an entity reference → %s', async (who, unit, expected) => {
        const one = await call<{ orgUnit: { id: string } | null }>(who, byId, { id: ids[unit] });
        const reference = await call<{ _entities: ({ id: string } | null)[] }>(who, entity, { r: [{ __typename: 'OrgUnit', id: ids[unit] }] });
        for (const [result, data] of [
          [one, () => one.data?.orgUnit],
          [reference, () => reference.data?._entities[0]],
        ] as const) {
          if (expected === 'data') {
            expect(result.errors).toBeUndefined();
            expect(data()).toMatchObject({ id: ids[unit] });
          } else {
            expect(result.errors?.[0].extensions?.code).toBe(expected);
          }
        }
      });

      it('answers null, not FORBIDDEN, for an unknown id', async () => {
        const result = await call<{ orgUnit: null }>('gridMemberA', byId, { id: 'no-such-unit' });
        expect(result).toEqual({ data: { orgUnit: null } });
      });
    });

    describe('mutations', () => {
      type Kind = 'create' | 'update' | 'partyOrg' | 'move' | 'retire';
      /** Where the target lies for a township ADMIN: inside their township, outside it, or (move) leaving or entering it. */
      type Place = 'inside' | 'outside' | 'into-outside' | 'from-outside';
      const mutations: Record<Kind, string> = {
        create: `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`,
        update: `mutation($id: ID!) { updateOrgUnit(id: $id, input: { name: "改名", households: 12 }) { id } }`,
        partyOrg: `mutation($id: ID!) { updateOrgUnit(id: $id, input: { partyOrg: { kind: GRID_GROUP, name: "党小组" } }) { id } }`,
        move: `mutation($id: ID!, $to: ID!) { moveOrgUnit(id: $id, newParentId: $to) { id } }`,
        retire: `mutation($id: ID!) { retireOrgUnit(id: $id) { id } }`,
      };
      /** A fresh target per case (created as the administrator), so allowed cases do not disturb each other. */
      const prepare = async (kind: Kind, place: Place): Promise<Record<string, unknown>> => {
        const home = place === 'outside' || place === 'from-outside' ? ids.village2 : ids.villageA;
        if (kind === 'create') return { input: { level: 'GRID', name: `${tag}-new`, parentId: home } };
        const id = await createUnit('GRID', `${tag}-target`, home);
        if (kind !== 'move') return { id };
        const to = place === 'into-outside' ? ids.village2 : place === 'from-outside' ? ids.villageA : ids.villageB;
        return { id, to };
      };

      const kinds: Kind[] = ['create', 'update', 'partyOrg', 'move', 'retire'];
      const refusedEverywhere: [Who, 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
        ['gridMemberA', 'FORBIDDEN'],
        ['secretaryA', 'FORBIDDEN'],
        ['dispatcher', 'FORBIDDEN'],
        ['memberB', 'FORBIDDEN'],
        ['serviceRead', 'FORBIDDEN'],
        ['serviceNoRead', 'FORBIDDEN'],
        ['anonymous', 'UNAUTHENTICATED'],
        ['unsigned', 'UNAUTHENTICATED'],
      ];
      const cases: [Who, Kind, Place, 'done' | 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
        ...refusedEverywhere.flatMap(([who, code]) => kinds.map((kind) => [who, kind, 'inside', code] as [Who, Kind, Place, typeof code])),
        ...kinds.map((kind) => ['unitAdmin', kind, 'inside', 'done'] as [Who, Kind, Place, 'done']),
        ...kinds.map((kind) => ['unitAdmin', kind, 'outside', 'FORBIDDEN'] as [Who, Kind, Place, 'FORBIDDEN']),
        ['unitAdmin', 'move', 'into-outside', 'FORBIDDEN'],
        ['unitAdmin', 'move', 'from-outside', 'FORBIDDEN'],
        ...kinds.map((kind) => ['serviceManage', kind, 'outside', 'done'] as [Who, Kind, Place, 'done']),
        ...kinds.map((kind) => ['admin', kind, 'outside', 'done'] as [Who, Kind, Place, 'done']),
      ];

      it.each(cases)('as %s, %s %s → %s', async (who, kind, place, expected) => {
        const variables = await prepare(kind, place);
        const before = await stored();
        const result = await call(who, mutations[kind], variables);
        if (expected === 'done') {
          expect(result.errors).toBeUndefined();
          if (kind !== 'create') return;
          const created = (result.data as { createOrgUnit: { id: string } }).createOrgUnit.id;
          const doc = await harness().units.findOne({ _id: created } as Document);
          expect(doc?.history).toEqual([expect.objectContaining({ action: 'CREATED', actorId: actorOf(principals[who]) })]);
          return;
        }
        expect(result.errors?.[0].extensions?.code).toBe(expected);
        expect(await stored()).toEqual(before);
      });
    });
  });
}
