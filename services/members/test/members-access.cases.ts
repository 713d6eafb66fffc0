// Who may see and change which members and households, and who sees their
// phones and addresses: principals × operations × inside / outside their
// units, against the running members service. Called from members.test.ts so
// it shares that file's stack (port offset 400).
import type { Principal } from '@steward/auth';
import { graphql, uniqueName, waitFor, type Credentials, type GraphQLResponse } from '@steward/testing';
import type { Db, Document } from 'mongodb';

export interface MembersAccessContext {
  url: string;
  orgUrl: string;
  db: Db;
  signedHeaders(principal: Principal): Credentials;
  /** village A (太平村) with its grids, under the township */
  units: { township: string; village: string; grid1: string; grid2: string };
}

type Who = 'gridMemberA' | 'secretaryA' | 'dispatcher' | 'memberB' | 'serviceRead' | 'serviceNoRead' | 'anonymous' | 'unsigned' | 'admin';
type Record4 = 'mA' | 'mB' | 'mEnded' | 'mNone';
const RECORDS: Record4[] = ['mA', 'mB', 'mEnded', 'mNone'];
type Outcome<T extends string> = T[] | 'FORBIDDEN' | 'UNAUTHENTICATED';
const PASSWORD = 'Steward-2026-pass';

export function describeMembersAccess(context: () => MembersAccessContext): void {
  describe('access by org scope (principals × operations × scope)', () => {
    const tag = uniqueName('acl');
    let seq = 0;
    const phone = () => `15${String(Date.now()).slice(-7)}${String(seq++ % 100).padStart(2, '0')}`;
    const ids = {} as Record<Record4 | 'hA' | 'hB' | 'villageB' | 'gridB1' | 'endedAssignment', string>;
    const phones = {} as Record<Record4, string>;
    let principals: Record<Who, Principal | null>;

    const call = <T = Record<string, unknown>>(who: Who, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => {
      const principal = who === 'admin' || who === 'unsigned' ? null : principals[who];
      const headers = who === 'unsigned' ? {} : principal ? context().signedHeaders(principal) : undefined;
      return graphql<T>(context().url, query, variables, headers);
    };
    const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}, url = context().url): Promise<T> => {
      const result = await graphql<T>(url, query, variables);
      if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const createMember = async (name: string) => {
      const number = phone();
      const { createMember: created } = await asAdmin<{ createMember: { id: string } }>(
        `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
        { input: { name, phone: number, isPartyMember: true } },
      );
      return { id: created.id, phone: number };
    };
    const assign = async (memberId: string, unitId: string) => {
      const { assignRole } = await asAdmin<{ assignRole: { assignments: { id: string; unitId: string }[] } }>(
        `mutation($input: AssignRoleInput!) { assignRole(input: $input) { assignments { id unitId } } }`,
        { input: { memberId, unitId, role: 'GRID_MEMBER', from: '2026-01-01T00:00:00Z' } },
      );
      return assignRole.assignments.filter((a) => a.unitId === unitId).at(-1)!.id;
    };
    const memberOn = async (unitId: string) => {
      const member = await createMember(`${tag}-成员`);
      return { ...member, assignmentId: await assign(member.id, unitId) };
    };
    const createHousehold = async (gridId: string) =>
      (
        await asAdmin<{ createHousehold: { id: string } }>(`mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`, {
          input: { gridId, address: '青山村3组12号', head: `${tag}-户主`, size: 3, phone: '13912345678' },
        })
      ).createHousehold.id;
    const gridB = () => ids.gridB1;
    /** Members, households and passwords as stored, without what the outbox relay changes on its own. */
    const stored = async () => {
      const { db } = context();
      const all = (name: string) => db.collection(name).find({}, { projection: { outbox: 0, outboxPending: 0 } }).sort({ _id: 1 }).toArray();
      return { members: await all('members'), households: await all('households'), credentials: await all('credentials') };
    };
    const audits = (filter: Document) => context().db.collection('audit_log').countDocuments({ action: 'PII_READ', ...filter });
    const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code as 'FORBIDDEN' | 'UNAUTHENTICATED' | undefined;

    beforeAll(async () => {
      const { orgUrl, units } = context();
      const createUnit = async (level: string, name: string, parentId: string) =>
        (await asAdmin<{ createOrgUnit: { id: string } }>(`mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`, { input: { level, name, parentId } }, orgUrl))
          .createOrgUnit.id;
      ids.villageB = await createUnit('ADMIN_VILLAGE', `${tag}-村B`, units.township);
      ids.gridB1 = await createUnit('GRID', `${tag}-村B网格`, ids.villageB);

      const a = await createMember(`${tag}-甲`);
      const b = await createMember(`${tag}-乙`);
      const ended = await createMember(`${tag}-丙`);
      const none = await createMember(`${tag}-丁`);
      Object.assign(ids, { mA: a.id, mB: b.id, mEnded: ended.id, mNone: none.id });
      Object.assign(phones, { mA: a.phone, mB: b.phone, mEnded: ended.phone, mNone: none.phone });
      await assign(a.id, units.grid1);
      // members learns the new grid from org's state topic
      await waitFor(async () => (await graphql(context().url, `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, {
        input: { memberId: b.id, unitId: ids.gridB1, role: 'GRID_MEMBER', from: '2026-01-01T00:00:00Z' },
      })).errors === undefined, { description: 'members to know the new grid' });
      ids.endedAssignment = await assign(ended.id, units.grid1);
      await asAdmin(`mutation($id: ID!) { endAssignment(id: $id, to: "2026-06-01T00:00:00Z") { id } }`, { id: ids.endedAssignment });
      ids.hA = await createHousehold(units.grid1);
      ids.hB = await createHousehold(ids.gridB1);

      principals = {
        gridMemberA: { kind: 'MEMBER', id: ids.mA, grants: [{ role: 'GRID_MEMBER', unitId: units.grid1 }] },
        secretaryA: { kind: 'MEMBER', id: `${tag}-sec`, grants: [{ role: 'VILLAGE_SECRETARY', unitId: units.village }] },
        dispatcher: { kind: 'MEMBER', id: `${tag}-disp`, grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: units.township }] },
        memberB: { kind: 'MEMBER', id: ids.mB, grants: [{ role: 'GRID_MEMBER', unitId: ids.gridB1 }] },
        serviceRead: { kind: 'SERVICE', id: 'warehouse', permissions: ['read'] },
        serviceNoRead: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
        anonymous: { kind: 'ANONYMOUS' },
        unsigned: null,
        admin: null,
      };
    });

    describe('reads', () => {
      const listQuery = `query($filter: MemberFilter, $after: String) { members(filter: $filter, first: 100, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
      type Listed = { members: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      /** Which of this suite's members the caller's list shows, after checking totalCount counts exactly the visible ones. */
      const listedAs = async (who: Who, filter: Record<string, unknown> = {}): Promise<Outcome<Record4>> => {
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const result: GraphQLResponse<Listed> = await call<Listed>(who, listQuery, { filter, after });
          const code = codeOf(result);
          if (code) return code;
          const page = result.data!.members;
          seen.push(...page.edges.map((edge) => edge.node.id));
          expect(page.totalCount).toBeGreaterThanOrEqual(seen.length);
          if (!page.pageInfo.hasNextPage) {
            expect(page.totalCount).toBe(seen.length);
            return RECORDS.filter((record) => seen.includes(ids[record]));
          }
          after = page.pageInfo.endCursor;
        }
      };

      it.each<[Who, Outcome<Record4>, Outcome<Record4>]>([
        ['gridMemberA', ['mA', 'mEnded'], ['mA']],
        ['secretaryA', ['mA', 'mEnded'], ['mA']],
        ['dispatcher', ['mA', 'mB', 'mEnded'], ['mA', 'mB']],
        ['memberB', ['mB'], ['mB']],
        ['serviceRead', RECORDS, ['mA', 'mB']],
        ['admin', RECORDS, ['mA', 'mB']],
        ['serviceNoRead', 'FORBIDDEN', 'FORBIDDEN'],
        ['anonymous', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
        ['unsigned', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
      ])('members as %s → %j; members(within: township) → %j', async (who, all, within) => {
        expect(await listedAs(who)).toEqual(all);
        expect(await listedAs(who, { within: context().units.township })).toEqual(within);
      });

      it.each<[Who, Outcome<Record4>]>([
        ['gridMemberA', []],
        ['memberB', ['mB']],
        ['dispatcher', ['mB']],
      ])('responsibleMembers(grid B1) as %s → %j', async (who, expected) => {
        const result = await call<{ responsibleMembers: { id: string }[] }>(who, `query($u: ID!) { responsibleMembers(unitId: $u) { id } }`, { u: ids.gridB1 });
        expect(codeOf(result) ?? RECORDS.filter((r) => result.data!.responsibleMembers.some((m) => m.id === ids[r]))).toEqual(expected);
      });

      it.each<[Who, 'household' | 'households', Outcome<'hA' | 'hB'>]>([
        ['gridMemberA', 'households', ['hA']],
        ['secretaryA', 'households', ['hA']],
        ['dispatcher', 'households', ['hA', 'hB']],
        ['memberB', 'households', ['hB']],
        ['serviceRead', 'households', ['hA', 'hB']],
        ['serviceNoRead', 'households', 'FORBIDDEN'],
        ['anonymous', 'households', 'UNAUTHENTICATED'],
      ])('%s lists %s → %j', async (who, _field, expected) => {
        const result = await call<{ households: { totalCount: number; edges: { node: { id: string } }[] } }>(
          who,
          `query($f: HouseholdFilter) { households(filter: $f, first: 100) { totalCount edges { node { id } } } }`,
          { f: { within: context().units.township } },
        );
        const code = codeOf(result);
        if (code) return expect(code).toBe(expected);
        const nodes = result.data!.households.edges.map((edge) => edge.node.id);
        expect(result.data!.households.totalCount).toBe(nodes.length);
        expect((['hA', 'hB'] as const).filter((h) => nodes.includes(ids[h]))).toEqual(expected);
      });

      const byId: Record<'Member' | 'Household', string> = {
        Member: `query($id: ID!) { member(id: $id) { id } }`,
        Household: `query($id: ID!) { household(id: $id) { id } }`,
      };
      const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } ... on Household { id } } }`;
      it.each<[Who, 'Member' | 'Household', Record4 | 'hA' | 'hB', 'data' | 'FORBIDDEN' | 'UNAUTHENTICATED']>([
        ['gridMemberA', 'Member', 'mA', 'data'],
        ['gridMemberA', 'Member', 'mEnded', 'data'],
        ['gridMemberA', 'Member', 'mB', 'FORBIDDEN'],
        ['gridMemberA', 'Member', 'mNone', 'FORBIDDEN'],
        ['gridMemberA', 'Household', 'hA', 'data'],
        ['gridMemberA', 'Household', 'hB', 'FORBIDDEN'],
        ['secretaryA', 'Member', 'mEnded', 'data'],
        ['secretaryA', 'Member', 'mB', 'FORBIDDEN'],
        ['dispatcher', 'Member', 'mB', 'data'],
        ['dispatcher', 'Household', 'hB', 'data'],
        ['memberB', 'Member', 'mA', 'FORBIDDEN'],
        ['memberB', 'Household', 'hA', 'FORBIDDEN'],
        ['serviceRead', 'Member', 'mNone', 'data'],
        ['serviceNoRead', 'Member', 'mA', 'FORBIDDEN'],
        ['serviceNoRead', 'Household', 'hA', 'FORBIDDEN'],
        ['anonymous', 'Member', 'mA', 'UNAUTHENTICATED'],
        ['unsigned', 'Household', 'hA', 'UNAUTHENTICATED'],
        ['admin', 'Member', 'mNone', 'data'],
      ])('as %s, %s %s by id and as an entity reference → %s', async (who, type, record, expected) => {
        const one = await call<Record<string, { id: string } | null>>(who, byId[type], { id: ids[record] });
        const reference = await call<{ _entities: ({ id: string } | null)[] }>(who, entities, { r: [{ __typename: type, id: ids[record] }] });
        if (expected !== 'data') {
          expect([codeOf(one), codeOf(reference)]).toEqual([expected, expected]);
          return;
        }
        expect([one.errors, reference.errors]).toEqual([undefined, undefined]);
        expect(Object.values(one.data!)[0]).toEqual({ id: ids[record] });
        expect(reference.data!._entities).toEqual([{ id: ids[record] }]);
      });

      it('answers null, not FORBIDDEN, for unknown ids', async () => {
        const result = await call('gridMemberA', `{ member(id: "no-such-member") { id } household(id: "no-such-household") { id } }`);
        expect(result).toEqual({ data: { member: null, household: null } });
      });
    });

    describe('personal data (PII)', () => {
      const actor = (who: Who) => {
        const principal = principals[who];
        return principal && principal.kind !== 'ANONYMOUS' ? `${principal.kind}:${principal.id}` : 'ADMIN:admin';
      };

      it.each<[Who, Record4, 'full' | 'masked', boolean]>([
        ['gridMemberA', 'mA', 'full', false], // their own record
        ['gridMemberA', 'mEnded', 'masked', false],
        ['secretaryA', 'mA', 'full', true],
        ['dispatcher', 'mB', 'full', true],
        ['memberB', 'mB', 'full', false],
        ['serviceRead', 'mA', 'masked', false],
        ['admin', 'mNone', 'full', true],
      ])("as %s, %s's phone is %s (audited: %s), by id and as an entity", async (who, record, view, audited) => {
        const filter = { actor: actor(who), entity: 'Member', entityId: ids[record] };
        const before = await audits(filter);
        const expected = view === 'full' ? phones[record] : `${phones[record].slice(0, 3)}****${phones[record].slice(-4)}`;
        const one = await call<{ member: { phone: string } }>(who, `query($id: ID!) { member(id: $id) { phone } }`, { id: ids[record] });
        const reference = await call<{ _entities: { phone: string }[] }>(
          who,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { phone } } }`,
          { r: [{ __typename: 'Member', id: ids[record] }] },
        );
        expect([one.data?.member.phone, reference.data?._entities[0].phone]).toEqual([expected, expected]);
        expect(await audits(filter)).toBe(before + (audited ? 2 : 0));
      });

      it.each<[Who, 'full' | 'masked']>([
        ['gridMemberA', 'masked'],
        ['secretaryA', 'full'],
        ['dispatcher', 'full'],
        ['serviceRead', 'masked'],
      ])("as %s, a household's address and phone are %s; full reads audited once per household and request", async (who, view) => {
        const filter = { actor: actor(who), entity: 'Household', entityId: ids.hA };
        const before = await audits(filter);
        const result = await call<{ household: { address: string; phone: string } }>(who, `query($id: ID!) { household(id: $id) { address phone } }`, { id: ids.hA });
        expect(result.data?.household).toEqual(view === 'full' ? { address: '青山村3组12号', phone: '13912345678' } : { address: '青山村****', phone: '139****5678' });
        expect(await audits(filter)).toBe(before + (view === 'full' ? 1 : 0));
        if (view === 'full') {
          const [entry] = await context().db.collection('audit_log').find(filter).sort({ at: -1 }).limit(1).toArray();
          expect([...(entry.fields as string[])].sort()).toEqual(['address', 'phone']);
        }
      });

      it('shows a member their own phone through me, unaudited', async () => {
        const filter = { actor: actor('gridMemberA'), entityId: ids.mA };
        const before = await audits(filter);
        const result = await call<{ me: { member: { phone: string } } }>('gridMemberA', `{ me { member { phone } } }`);
        expect(result.data?.me.member.phone).toBe(phones.mA);
        expect(await audits(filter)).toBe(before);
      });
    });

    describe('mutations', () => {
      type Kind = 'createMember' | 'updateMember' | 'assignRole' | 'endAssignment' | 'setMemberPassword' | 'createHousehold' | 'updateHousehold';
      /** inside / outside village A for the member or household; unit-outside: the member inside, the target unit (or new grid) outside */
      type Place = 'inside' | 'outside' | 'unit-outside';
      const mutations: Record<Kind, string> = {
        createMember: `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
        updateMember: `mutation($id: ID!) { updateMember(id: $id, input: { name: "改名", skills: ["电工"] }) { id } }`,
        assignRole: `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`,
        endAssignment: `mutation($id: ID!) { endAssignment(id: $id) { id } }`,
        setMemberPassword: `mutation($id: ID!) { setMemberPassword(memberId: $id, password: "${PASSWORD}") }`,
        createHousehold: `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`,
        updateHousehold: `mutation($id: ID!, $input: UpdateHouseholdInput!) { updateHousehold(id: $id, input: $input) { id } }`,
      };
      /** A fresh target per case (made by the administrator), so allowed cases do not disturb each other. */
      const prepare = async (kind: Kind, place: Place): Promise<Record<string, unknown>> => {
        const { grid1, grid2 } = context().units;
        const home = place === 'outside' ? gridB() : grid1;
        switch (kind) {
          case 'createMember':
            return { input: { name: `${tag}-新人`, phone: phone() } };
          case 'createHousehold':
            return { input: { gridId: home, address: '青山村5组1号', head: `${tag}-新户`, size: 2 } };
          case 'updateHousehold': {
            const id = await createHousehold(home);
            return { id, input: place === 'unit-outside' ? { gridId: gridB() } : { size: 4 } };
          }
          case 'assignRole': {
            const member = await memberOn(home);
            return { input: { memberId: member.id, unitId: place === 'unit-outside' ? gridB() : grid2, role: 'GRID_MEMBER' } };
          }
          case 'endAssignment':
            return { id: (await memberOn(home)).assignmentId };
          default:
            return { id: (await memberOn(home)).id };
        }
      };

      const kinds: Kind[] = ['createMember', 'updateMember', 'assignRole', 'endAssignment', 'setMemberPassword', 'createHousehold', 'updateHousehold'];
      type Case = [Who, Kind, Place, 'done' | 'FORBIDDEN' | 'UNAUTHENTICATED'];
      const everywhere = (who: Who, expected: Case[3]): Case[] => kinds.map((kind) => [who, kind, 'inside', expected]);
      const cases: Case[] = [
        ...everywhere('gridMemberA', 'FORBIDDEN'),
        ...everywhere('memberB', 'FORBIDDEN'),
        ...everywhere('serviceRead', 'FORBIDDEN'),
        ...everywhere('serviceNoRead', 'FORBIDDEN'),
        ...everywhere('anonymous', 'UNAUTHENTICATED'),
        ...everywhere('unsigned', 'UNAUTHENTICATED'),
        ...everywhere('secretaryA', 'done'),
        // a dispatcher does not hold visits:record, which grid roles carry: they may not give one (see judgeGrant)
        ...everywhere('dispatcher', 'done').map((testCase): Case => (testCase[1] === 'assignRole' ? ['dispatcher', 'assignRole', 'inside', 'FORBIDDEN'] : testCase)),
        ...kinds.filter((kind) => kind !== 'createMember').map((kind): Case => ['secretaryA', kind, 'outside', 'FORBIDDEN']),
        ['secretaryA', 'assignRole', 'unit-outside', 'FORBIDDEN'],
        ['secretaryA', 'updateHousehold', 'unit-outside', 'FORBIDDEN'],
        ...kinds.map((kind): Case => ['admin', kind, 'outside', 'done']),
      ];

      it.each(cases)('as %s, %s %s → %s', async (who, kind, place, expected) => {
        const variables = await prepare(kind, place);
        const before = await stored();
        const result = await call(who, mutations[kind], variables);
        if (expected === 'done') {
          expect(result.errors).toBeUndefined();
          return;
        }
        expect(codeOf(result)).toBe(expected);
        expect(await stored()).toEqual(before);
      });

      it('records who registered a member, who may then give them a first role in their units; others may not', async () => {
        const created = await call<{ createMember: { id: string } }>('secretaryA', mutations.createMember, { input: { name: `${tag}-登记`, phone: phone() } });
        const memberId = created.data!.createMember.id;
        const doc = await context().db.collection('members').findOne({ _id: memberId } as Document);
        expect(doc).toMatchObject({ createdBy: principals.secretaryA && 'id' in principals.secretaryA ? principals.secretaryA.id : '' });

        const input = { memberId, unitId: context().units.grid1, role: 'GRID_MEMBER' };
        const before = await stored();
        expect(codeOf(await call('dispatcher', mutations.assignRole, { input }))).toBe('FORBIDDEN');
        expect(await stored()).toEqual(before);
        expect(codeOf(await call('secretaryA', mutations.assignRole, { input: { ...input, unitId: gridB() } }))).toBe('FORBIDDEN');
        expect(await stored()).toEqual(before);
        expect((await call('secretaryA', mutations.assignRole, { input })).errors).toBeUndefined();
        // now the member serves in village A: the dispatcher of its township manages them too
        expect((await call('dispatcher', mutations.updateMember, { id: memberId })).errors).toBeUndefined();
      });
    });
  });
}
