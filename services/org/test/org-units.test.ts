// The org subgraph against real FerretDB and Kafka: refused mutations write
// nothing, a township move reaches every unit below it and the replica of
// another process, interrupted moves are finished, and a fresh replica built
// from the state topic equals the service's tree.
import { waitFor } from '@steward/testing';
import type { Document } from 'mongodb';
import { describeOrgAccess } from './org-access.cases';
import {
  OrgClient,
  outboxDrained,
  snapshot,
  startOrg,
  startReplica,
  writeLikeTheService,
  type OrgHarness,
  type Replica,
  type UnitView,
} from './org-harness';

const CITY_CODE = '340500000000';

describe('org units (service process + FerretDB + Kafka)', () => {
  let org: OrgHarness;
  let client: OrgClient;
  let replica: Replica;
  // 马鞍山市 › 含山县 / 和县 › 清溪镇 › 太平村 › 东头 › 网格 …
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    org = await startOrg();
    client = new OrgClient(org.url);
    replica = await startReplica(org.kafka);

    ids.city = await client.create({ level: 'CITY', name: '马鞍山市', code: CITY_CODE });
    ids.hanshan = await client.create({ level: 'DISTRICT', name: '含山县', parentId: ids.city, code: '340522000000' });
    ids.hexian = await client.create({ level: 'DISTRICT', name: '和县', parentId: ids.city, code: '340523000000' });
    ids.oldDistrict = await client.create({ level: 'DISTRICT', name: '撤并区', parentId: ids.city });
    ids.qingxi = await client.create({ level: 'TOWNSHIP', name: '清溪镇', parentId: ids.hanshan, code: '340522100000' });
    ids.taiping = await client.create({
      level: 'ADMIN_VILLAGE',
      name: '太平村',
      parentId: ids.qingxi,
      households: 812,
      population: 2930,
      partyOrg: { kind: 'GENERAL_BRANCH', name: '中共太平村总支部委员会', secretaryName: '王建国' },
    });
    ids.dongtou = await client.create({ level: 'NATURAL_VILLAGE', name: '东头', parentId: ids.taiping });
    ids.grid1 = await client.create({
      level: 'GRID',
      name: '太平村第一网格',
      parentId: ids.dongtou,
      partyOrg: { kind: 'GRID_GROUP', name: '第一网格党小组' },
    });
    ids.grid2 = await client.create({ level: 'GRID', name: '太平村第二网格', parentId: ids.dongtou });
    ids.grid3 = await client.create({ level: 'GRID', name: '太平村第三网格', parentId: ids.taiping });
    ids.xiwang = await client.create({ level: 'ADMIN_VILLAGE', name: '西王村', parentId: ids.qingxi });
    ids.xiwangNatural = await client.create({ level: 'NATURAL_VILLAGE', name: '西王', parentId: ids.xiwang });
    ids.xiwangGrid = await client.create({ level: 'GRID', name: '西王网格', parentId: ids.xiwangNatural });
    ids.oldVillage = await client.create({ level: 'ADMIN_VILLAGE', name: '已撤并村', parentId: ids.qingxi });
    ids.oldGrid = await client.create({ level: 'GRID', name: '旧网格', parentId: ids.taiping });
    for (const retired of [ids.oldDistrict, ids.oldVillage, ids.oldGrid]) {
      expect((await client.retire(retired)).errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await replica?.replica.stop();
    await org?.close();
  });

  describe('refused mutations: a stable code, and nothing written', () => {
    type Case = [string, () => Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>, string, string | undefined];
    const create = (input: Record<string, unknown>) =>
      client.request(`mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`, { input });

    const cases: Case[] = [
      ['create: a TOWNSHIP under the CITY', () => create({ level: 'TOWNSHIP', name: '错镇', parentId: ids.city }), 'BAD_USER_INPUT', 'LEVEL_ORDER'],
      ['create: a GRID under a TOWNSHIP', () => create({ level: 'GRID', name: '错网格', parentId: ids.qingxi }), 'BAD_USER_INPUT', 'LEVEL_ORDER'],
      ['create: a DISTRICT without a parent', () => create({ level: 'DISTRICT', name: '无上级区' }), 'BAD_USER_INPUT', 'LEVEL_ORDER'],
      ['create: a bad division code', () => create({ level: 'DISTRICT', name: '花山区', parentId: ids.city, code: '34050' }), 'BAD_USER_INPUT', undefined],
      ['create: a duplicate division code', () => create({ level: 'DISTRICT', name: '花山区', parentId: ids.city, code: CITY_CODE }), 'CONFLICT', 'DUPLICATE_CODE'],
      ['create: under a retired parent', () => create({ level: 'GRID', name: '新网格', parentId: ids.oldVillage }), 'BAD_USER_INPUT', 'RETIRED_PARENT'],
      ['create: a branch on a grid', () => create({ level: 'GRID', name: '网格', parentId: ids.taiping, partyOrg: { kind: 'BRANCH', name: '支部' } }), 'BAD_USER_INPUT', 'PARTY_ORG_LEVEL'],
      ['create: an unknown parent', () => create({ level: 'GRID', name: '网格', parentId: 'no-such-unit' }), 'NOT_FOUND', undefined],
      ['create: a blank name', () => create({ level: 'GRID', name: '  ', parentId: ids.taiping }), 'BAD_USER_INPUT', undefined],
      ['update: a bad division code', () => client.update(ids.qingxi, { code: '3405221000001' }), 'BAD_USER_INPUT', undefined],
      ['update: a duplicate division code', () => client.update(ids.qingxi, { name: '清溪镇(新)', code: CITY_CODE }), 'CONFLICT', 'DUPLICATE_CODE'],
      ['update: a stale expectedVersion', () => client.update(ids.qingxi, { name: '清溪', expectedVersion: 99 }), 'CONFLICT', 'STALE_VERSION'],
      ['update: a grid party group on a village', () => client.update(ids.taiping, { partyOrg: { kind: 'GRID_GROUP', name: '小组' } }), 'BAD_USER_INPUT', 'PARTY_ORG_LEVEL'],
      ['update: a retired unit', () => client.update(ids.oldGrid, { name: '复活网格' }), 'CONFLICT', 'RETIRED_UNIT'],
      ['update: nothing to change', () => client.update(ids.qingxi, {}), 'BAD_USER_INPUT', undefined],
      ['update: negative households', () => client.update(ids.taiping, { households: -1 }), 'BAD_USER_INPUT', undefined],
      ['update: an unknown unit', () => client.update('no-such-unit', { name: '无' }), 'NOT_FOUND', undefined],
      ['move: a township under its own village', () => client.move(ids.qingxi, ids.taiping), 'BAD_USER_INPUT', 'MOVE_CYCLE'],
      ['move: a township under itself', () => client.move(ids.qingxi, ids.qingxi), 'BAD_USER_INPUT', 'MOVE_CYCLE'],
      ['move: the city under a district', () => client.move(ids.city, ids.hexian), 'BAD_USER_INPUT', 'MOVE_CYCLE'],
      ['move: a township under the city', () => client.move(ids.qingxi, ids.city), 'BAD_USER_INPUT', 'LEVEL_ORDER'],
      ['move: a grid under a township', () => client.move(ids.grid3, ids.qingxi), 'BAD_USER_INPUT', 'LEVEL_ORDER'],
      ['move: a township under a retired district', () => client.move(ids.qingxi, ids.oldDistrict), 'BAD_USER_INPUT', 'RETIRED_PARENT'],
      ['move: a retired grid', () => client.move(ids.oldGrid, ids.dongtou), 'CONFLICT', 'RETIRED_UNIT'],
      ['move: under an unknown unit', () => client.move(ids.qingxi, 'no-such-unit'), 'NOT_FOUND', undefined],
      ['retire: a village with active children', () => client.retire(ids.taiping), 'CONFLICT', 'HAS_ACTIVE_CHILDREN'],
      ['retire: the city', () => client.retire(ids.city), 'CONFLICT', 'HAS_ACTIVE_CHILDREN'],
      ['retire: an unknown unit', () => client.retire('no-such-unit'), 'NOT_FOUND', undefined],
    ];

    it.each(cases)('%s', async (_label, act, code, reason) => {
      await outboxDrained(org.units);
      const before = await snapshot(org.units);
      const result = await act();
      expect(result.errors?.[0]?.extensions).toMatchObject(reason ? { code, reason } : { code });
      expect(await snapshot(org.units)).toEqual(before);
    });
  });

  describe('update and retire', () => {
    it('renames and recodes a unit, attaches a party organisation, and keeps a version history', async () => {
      const before = await client.unit(ids.grid2);
      const result = await client.update(ids.grid2, {
        name: '太平村二组网格',
        code: '340522100201',
        households: 96,
        population: 310,
        partyOrg: { kind: 'GRID_GROUP', name: '第二网格党小组', secretaryName: '李红' },
        expectedVersion: before.version,
      });
      expect(result.errors).toBeUndefined();
      const updated = result.data!.updateOrgUnit;
      expect(updated).toMatchObject({
        name: '太平村二组网格',
        code: '340522100201',
        households: 96,
        population: 310,
        partyOrg: { kind: 'GRID_GROUP', name: '第二网格党小组', secretaryName: '李红' },
        version: before.version + 1,
      });
      expect(updated.history.at(-1)).toMatchObject({ action: 'UPDATED', version: before.version + 1 });
      expect([...(updated.history.at(-1)?.fields ?? [])].sort()).toEqual(['code', 'households', 'name', 'partyOrg', 'population']);
      expect(await client.unit(ids.grid2)).toEqual(updated);

      const byCode = await client.data<{ orgUnitByCode: { id: string } | null }>(`{ orgUnitByCode(code: "340522100201") { id } }`);
      expect(byCode.orgUnitByCode?.id).toBe(ids.grid2);

      await waitFor(() => replica.tree.unit(ids.grid2)?.name === '太平村二组网格', { description: 'the replica to see the rename' });
      expect(replica.tree.partyOrgOf(ids.grid2)).toEqual({ kind: 'GRID_GROUP', name: '第二网格党小组', secretaryName: '李红' });
    });

    it('changes nothing (and publishes nothing) when the update repeats the current values', async () => {
      const current = await client.unit(ids.grid2);
      await outboxDrained(org.units);
      const before = await snapshot(org.units);
      const result = await client.update(ids.grid2, { name: current.name, households: current.households });
      expect(result.data?.updateOrgUnit.version).toBe(current.version);
      expect(await snapshot(org.units)).toEqual(before);
    });

    it('removes a code and a party organisation with null', async () => {
      const result = await client.update(ids.grid2, { code: null, partyOrg: null });
      expect(result.data?.updateOrgUnit).toMatchObject({ code: null, partyOrg: null });
      // the code is free again
      const reuse = await client.update(ids.grid1, { code: '340522100201' });
      expect(reuse.data?.updateOrgUnit.code).toBe('340522100201');
    });

    it('retires a leaf softly: kept, dated, out of the active lists, and inactive in the replica', async () => {
      const leaf = await client.create({ level: 'GRID', name: '临时网格', parentId: ids.taiping });
      const result = await client.retire(leaf);
      expect(result.errors).toBeUndefined();
      expect(result.data?.retireOrgUnit).toMatchObject({ status: 'RETIRED', validTo: expect.any(String) });
      expect(result.data?.retireOrgUnit.history.map((h) => h.action)).toEqual(['CREATED', 'RETIRED']);

      const active = await client.all({ parentId: ids.taiping, status: 'ACTIVE' });
      expect(active.map((u) => u.id)).not.toContain(leaf);
      const retired = await client.all({ parentId: ids.taiping, status: 'RETIRED' });
      expect(retired.map((u) => u.id).sort()).toEqual([ids.oldGrid, leaf].sort());

      // retiring again is a no-op
      expect((await client.retire(leaf)).data?.retireOrgUnit.version).toBe(result.data?.retireOrgUnit.version);
      await waitFor(() => replica.tree.unit(leaf)?.status === 'RETIRED', { description: 'the replica to see the retirement' });
      expect(replica.tree.isActive(leaf)).toBe(false);
    });
  });

  describe('queries', () => {
    it('answers the breadcrumb root first, children by level, and subtree, level and name filters', async () => {
      const data = await client.data<{
        orgUnit: { ancestors: { name: string }[]; children: { name: string }[]; grids: { name: string }[] };
      }>(
        `query($id: ID!) { orgUnit(id: $id) {
          ancestors { name } children { name } grids: children(level: GRID, status: ACTIVE) { name } } }`,
        { id: ids.taiping },
      );
      expect(data.orgUnit.ancestors.map((u) => u.name)).toEqual(['马鞍山市', '含山县', '清溪镇']);
      expect(data.orgUnit.children.map((u) => u.name)).toEqual(expect.arrayContaining(['东头', '太平村第三网格', '旧网格']));
      expect(data.orgUnit.grids.map((u) => u.name)).toEqual(['太平村第三网格']);

      const grids = await client.all({ within: ids.qingxi, level: 'GRID', status: 'ACTIVE' });
      expect(grids.map((u) => u.id).sort()).toEqual([ids.grid1, ids.grid2, ids.grid3, ids.xiwangGrid].sort());
      const named = await client.all({ within: ids.city, nameContains: '西王' });
      expect(named.map((u) => u.id).sort()).toEqual([ids.xiwang, ids.xiwangNatural, ids.xiwangGrid].sort());
    });

    it('pages with first/after and a total count', async () => {
      const page = (after: string | null) =>
        client.data<{ orgUnits: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
          `query($after: String, $within: ID) { orgUnits(filter: { within: $within }, first: 3, after: $after) {
            totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after, within: ids.qingxi },
        );
      const first = await page(null);
      const second = await page(first.orgUnits.pageInfo.endCursor);
      expect(first.orgUnits.edges).toHaveLength(3);
      expect(first.orgUnits.pageInfo.hasNextPage).toBe(true);
      const seen = [...first.orgUnits.edges, ...second.orgUnits.edges].map((edge) => edge.node.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(first.orgUnits.totalCount).toBe((await client.all({ within: ids.qingxi })).length);
    });

    it('refuses a malformed code lookup and an invalid page size', async () => {
      const lookup = await client.request(`{ orgUnitByCode(code: "12ab") { id } }`);
      expect(lookup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const page = await client.request(`{ orgUnits(first: 0) { totalCount } }`);
      expect(page.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('moving a township', () => {
    it('gives every unit below it new ancestors, and the other process’s replica follows', async () => {
      const below = await client.all({ within: ids.qingxi });
      expect(below.length).toBeGreaterThanOrEqual(10);
      const versionsBefore = new Map(below.map((u) => [u.id, u.version]));

      const result = await client.move(ids.qingxi, ids.hexian);
      expect(result.errors).toBeUndefined();
      expect(result.data?.moveOrgUnit).toMatchObject({ parentId: ids.hexian, ancestors: [{ id: ids.city }, { id: ids.hexian }] });
      expect(result.data?.moveOrgUnit.history.at(-1)).toMatchObject({ action: 'MOVED', fromParentId: ids.hanshan, toParentId: ids.hexian });

      // the service's own view: every descendant's ancestors start with the new path
      const after = await client.all({ within: ids.qingxi });
      expect(after.map((u) => u.id).sort()).toEqual(below.map((u) => u.id).sort());
      for (const unit of after) {
        const path = unit.ancestors.map((a) => a.id);
        expect(path.slice(0, 3)).toEqual([ids.city, ids.hexian, ids.qingxi]);
        expect(path).not.toContain(ids.hanshan);
        expect(unit.version).toBe(versionsBefore.get(unit.id)! + 1);
        expect(unit.history.at(-1)).toMatchObject({ action: 'ANCESTOR_MOVED', movedUnitId: ids.qingxi });
      }
      expect((await client.all({ within: ids.hanshan })).map((u) => u.id)).toEqual([]);
      expect(await org.units.countDocuments({ pendingMove: { $exists: true } })).toBe(0);

      // another process's view, from the state events alone
      await waitFor(
        () => [ids.qingxi, ...after.map((u) => u.id)].every((id) => replica.tree.isWithin(id, ids.hexian) && !replica.tree.isWithin(id, ids.hanshan)),
        { description: 'the replica to place the whole township under 和县' },
      );
      expect(replica.tree.pathOf(ids.grid1)).toEqual([ids.city, ids.hexian, ids.qingxi, ids.taiping, ids.dongtou, ids.grid1]);
      expect(replica.tree.breadcrumb(ids.grid3).map((u) => u.name)).toEqual(['马鞍山市', '和县', '清溪镇', '太平村', '太平村第三网格']);
    });

    it('moves a grid from its natural village up to the admin village', async () => {
      const result = await client.move(ids.grid2, ids.taiping);
      expect(result.data?.moveOrgUnit.ancestors.map((a) => a.id)).toEqual([ids.city, ids.hexian, ids.qingxi, ids.taiping]);
    });
  });

  describe('an interrupted move', () => {
    /** A fresh township under 含山县 with two villages, natural villages and grids; returns its ids. */
    async function township(name: string): Promise<{ township: string; below: string[] }> {
      const t = await client.create({ level: 'TOWNSHIP', name, parentId: ids.hanshan });
      const v1 = await client.create({ level: 'ADMIN_VILLAGE', name: `${name}一村`, parentId: t });
      const n1 = await client.create({ level: 'NATURAL_VILLAGE', name: `${name}一村东`, parentId: v1 });
      const g1 = await client.create({ level: 'GRID', name: `${name}一村东网格`, parentId: n1 });
      const g2 = await client.create({ level: 'GRID', name: `${name}一村网格`, parentId: v1 });
      const v2 = await client.create({ level: 'ADMIN_VILLAGE', name: `${name}二村`, parentId: t });
      const g3 = await client.create({ level: 'GRID', name: `${name}二村网格`, parentId: v2 });
      return { township: t, below: [v1, n1, g1, g2, v2, g3] };
    }

    /**
     * The state a crash leaves after the move's first write and the first
     * descendant's update: the township and one village moved, the rest not.
     */
    async function crashMidMove(townshipId: string, firstChild: string): Promise<void> {
      await writeLikeTheService(org.units, townshipId, {
        parentId: ids.hexian,
        ancestors: [ids.city, ids.hexian],
        pendingMove: { id: `crash-${townshipId}`, at: new Date() },
      });
      await writeLikeTheService(org.units, firstChild, { ancestors: [ids.city, ids.hexian, townshipId] });
    }

    async function expectFinished(townshipId: string, below: string[], firstChild: string, firstChildVersion: number): Promise<void> {
      for (const id of below) {
        const unit = await client.unit(id);
        expect(unit.ancestors.map((a) => a.id).slice(0, 3)).toEqual([ids.city, ids.hexian, townshipId]);
      }
      // the unit already done before the crash was not rewritten again
      expect((await client.unit(firstChild)).version).toBe(firstChildVersion);
      expect(await org.units.countDocuments({ _id: townshipId, pendingMove: { $exists: true } } as Document)).toBe(0);
      await waitFor(() => below.every((id) => replica.tree.isWithin(id, ids.hexian)), {
        description: 'the replica to see the finished move',
      });
    }

    it('is finished by retrying the same move, touching only what was left', async () => {
      const { township: t, below } = await township('姚庙镇');
      const [firstChild] = below;
      await outboxDrained(org.units);
      await crashMidMove(t, firstChild);
      const firstChildVersion = (await client.unit(firstChild)).version;

      const retried = await client.move(t, ids.hexian);
      expect(retried.errors).toBeUndefined();
      await expectFinished(t, below, firstChild, firstChildVersion);

      // retrying once more writes nothing
      await outboxDrained(org.units);
      const before = await snapshot(org.units);
      await client.move(t, ids.hexian);
      expect(await snapshot(org.units)).toEqual(before);
    });

    it('is finished by the repair when the service starts again', async () => {
      const { township: t, below } = await township('仙踪镇');
      const [firstChild] = below;
      await outboxDrained(org.units);
      await org.stack.kill('org');
      await crashMidMove(t, firstChild);
      const firstChildVersion = ((await org.units.findOne({ _id: firstChild } as Document)) as Document).version as number;

      await org.stack.restart('org');
      await expectFinished(t, below, firstChild, firstChildVersion);
    });
  });

  describe('the state topic', () => {
    it('builds a fresh replica equal to the service’s tree', async () => {
      await outboxDrained(org.units);
      const units = await client.all();
      const fresh = await startReplica(org.kafka);
      try {
        const fromService = units.map((u: UnitView) => ({
          id: u.id,
          parentId: u.parentId,
          ancestors: u.ancestors.map((a) => a.id),
          name: u.name,
          level: u.level,
          code: u.code,
          status: u.status,
          households: u.households,
          population: u.population,
          partyOrg: u.partyOrg,
        }));
        const fromTopic = units.map((u) => {
          const s = fresh.tree.unit(u.id);
          return s && {
            id: s.id,
            parentId: s.parentId,
            ancestors: s.ancestors,
            name: s.name,
            level: s.level,
            code: s.code ?? null,
            status: s.status,
            households: s.households,
            population: s.population,
            partyOrg: s.partyOrg ? { ...s.partyOrg, secretaryName: s.partyOrg.secretaryName ?? null } : null,
          };
        });
        expect(fromTopic).toEqual(fromService);
      } finally {
        await fresh.replica.stop();
      }
    });
  });

  describeOrgAccess(() => org);
});
