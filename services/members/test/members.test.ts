// The members subgraph against real FerretDB and Kafka, with the org subgraph
// beside it: refused mutations write nothing, ended assignments still answer
// "who was responsible on date D", and replicas built from the state topics
// match what the service holds.
import { createEvent, EventProducer, householdState, memberState, silentLogger } from '@steward/events';
import { AggregateStore } from '@steward/persistence';
import { createHouseholdRegistry, MemberDirectory, StateReplica } from '@steward/replicas';
import { graphql, graphqlData, KAFKA_BROKERS, MONGO_URL, uniqueName, waitFor, authorizeStack } from '@steward/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient, type Db } from 'mongodb';
import mongoose from 'mongoose';
import path from 'node:path';
import { memberSchema, type MemberDocument } from '../src/persistence/member.schema';
import { backfillUnitPaths } from '../src/persistence/unit-paths-backfill';
import { describeMembersAccess } from './members-access.cases';
import { startStack } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const MEMBER_FIELDS = 'id name phone isPartyMember skills status assignments { id unitId role from to }';
const HOUSEHOLD_FIELDS = 'id gridId address head size tags phone';

interface AssignmentView {
  id: string;
  unitId: string;
  role: string;
  from: string;
  to: string | null;
}
interface MemberView {
  id: string;
  name: string;
  isPartyMember: boolean;
  status: string;
  assignments: AssignmentView[];
}
interface HouseholdView {
  id: string;
  gridId: string;
  address: string;
  head: string;
  size: number;
  tags: string[];
  phone: string | null;
}
interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('members subgraph', () => {
  const prefix = uniqueName('members').replace(/-/g, '_');
  let stack: Stack;
  let orgUrl: string;
  let url: string;
  let mongo: MongoClient;
  let db: Db;
  let phoneSeq = 0;
  const units: Record<'city' | 'district' | 'township' | 'village' | 'natural' | 'grid1' | 'grid2' | 'retiredGrid', string> = {
    city: '',
    district: '',
    township: '',
    village: '',
    natural: '',
    grid1: '',
    grid2: '',
    retiredGrid: '',
  };

  /** A fresh mobile number per member: 13 + the last 7 digits of the clock + a sequence digit pair. */
  const nextPhone = () => `13${String(Date.now()).slice(-7)}${String(phoneSeq++ % 100).padStart(2, '0')}`;

  async function createUnit(input: Record<string, unknown>): Promise<string> {
    const data = await graphqlData<{ createOrgUnit: { id: string } }>(
      orgUrl,
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`,
      { input },
    );
    return data.createOrgUnit.id;
  }

  async function createMember(name: string, isPartyMember: boolean): Promise<string> {
    const data = await graphqlData<{ createMember: { id: string } }>(
      url,
      `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
      { input: { name, phone: nextPhone(), isPartyMember } },
    );
    return data.createMember.id;
  }

  async function assign(memberId: string, unitId: string, role: string, from?: string): Promise<string> {
    const data = await graphqlData<{ assignRole: MemberView }>(
      url,
      `mutation($input: AssignRoleInput!) { assignRole(input: $input) { ${MEMBER_FIELDS} } }`,
      { input: { memberId, unitId, role, from } },
    );
    const created = data.assignRole.assignments.filter((a) => a.unitId === unitId && a.role === role && a.to === null);
    return created[created.length - 1].id;
  }

  async function endAssignment(id: string, to: string): Promise<void> {
    await graphqlData(url, `mutation($id: ID!, $to: DateTime) { endAssignment(id: $id, to: $to) { id } }`, { id, to });
  }

  async function createHousehold(input: Record<string, unknown>): Promise<string> {
    const data = await graphqlData<{ createHousehold: { id: string } }>(
      url,
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`,
      { input },
    );
    return data.createHousehold.id;
  }

  /** The first error's code and rule of an assignRole attempt, which never writes when it fails. */
  async function assignRoleError(memberId: string, unitId: string, role: string) {
    const result = await graphql(url, `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, {
      input: { memberId, unitId, role },
    });
    return result.errors?.[0]?.extensions;
  }

  /** Every member and household document without the outbox (which the relay drains on its own). */
  async function storedState() {
    const [members, households] = await Promise.all([
      db.collection('members').find({}, { projection: { outbox: 0, outboxPending: 0 } }).sort({ _id: 1 }).toArray(),
      db.collection('households').find({}, { projection: { outbox: 0, outboxPending: 0 } }).sort({ _id: 1 }).toArray(),
    ]);
    return { members, households };
  }

  async function allPages<T>(field: string, query: string, variables: Record<string, unknown> = {}): Promise<T[]> {
    const nodes: T[] = [];
    let after: string | null = null;
    for (;;) {
      const data: Record<string, Connection<T>> = await graphqlData(url, query, { ...variables, after });
      const page: Connection<T> = data[field];
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    stack = await startStack({
      only: ['org', 'members'],
      portOffset: 400,
      databasePrefix: prefix,
      logDir: path.join(__dirname, '../../../.local/logs', prefix),
    });
    authorizeStack(stack);
    orgUrl = stack.subgraphUrl('org');
    url = stack.subgraphUrl('members');
    mongo = await MongoClient.connect(MONGO_URL);
    db = mongo.db(`${prefix}_members`);

    units.city = await createUnit({ level: 'CITY', name: '马鞍山市' });
    units.district = await createUnit({ level: 'DISTRICT', name: '含山县', parentId: units.city });
    units.township = await createUnit({ level: 'TOWNSHIP', name: '清溪镇', parentId: units.district });
    units.village = await createUnit({ level: 'ADMIN_VILLAGE', name: '太平村', parentId: units.township });
    units.natural = await createUnit({ level: 'NATURAL_VILLAGE', name: '大张村', parentId: units.village });
    units.grid1 = await createUnit({ level: 'GRID', name: '大张村第一网格', parentId: units.natural });
    units.grid2 = await createUnit({ level: 'GRID', name: '大张村第二网格', parentId: units.natural });
    units.retiredGrid = await createUnit({ level: 'GRID', name: '太平村老网格', parentId: units.village });

    // members learns units from org's state topic. An inactive member's assignRole probes its
    // replica without writing: NOT_FOUND while the unit is unknown, MEMBER_INACTIVE once known.
    const probe = await createMember('探针', false);
    await graphqlData(url, `mutation($id: ID!) { updateMember(id: $id, input: { status: INACTIVE }) { id } }`, { id: probe });
    for (const unitId of Object.values(units)) {
      await waitFor(async () => (await assignRoleError(probe, unitId, 'GRID_MEMBER'))?.code === 'BAD_USER_INPUT', {
        description: `members to know unit ${unitId}`,
      });
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.dropDatabase();
    await mongo?.close();
  });

  describe('refused mutations', () => {
    const ids: Record<string, string> = {};
    let before: Awaited<ReturnType<typeof storedState>>;

    beforeAll(async () => {
      ids.party = await createMember('党员甲', true);
      ids.nonParty = await createMember('群众乙', false);
      ids.instructor = await createMember('指导员丙', true);
      ids.assistant = await createMember('助理员丁', false);
      ids.holder = await createMember('网格员戊', true);
      ids.holderPhone = (
        await graphqlData<{ member: { phone: string } }>(url, `query($id: ID!) { member(id: $id) { phone } }`, { id: ids.holder })
      ).member.phone;
      await assign(ids.instructor, units.grid1, 'GRID_INSTRUCTOR');
      await assign(ids.assistant, units.grid1, 'GRID_ASSISTANT');
      ids.holderAssignment = await assign(ids.holder, units.grid1, 'GRID_MEMBER', '2026-02-01T00:00:00Z');
      ids.household = await createHousehold({ gridId: units.grid1, address: '大张村 1 号', head: '张大爷', size: 1, tags: ['ELDERLY_ALONE'] });

      // Retire a grid the holder serves on: until members sees the retirement, assigning the same
      // role again is refused as an overlap; afterwards as a retired unit. Neither attempt writes.
      await assign(ids.holder, units.retiredGrid, 'GRID_MEMBER');
      await graphqlData(orgUrl, `mutation($id: ID!) { retireOrgUnit(id: $id) { id } }`, { id: units.retiredGrid });
      await waitFor(async () => (await assignRoleError(ids.holder, units.retiredGrid, 'GRID_MEMBER'))?.rule === 'UNIT_RETIRED', {
        description: 'members to see the retired grid',
      });
      before = await storedState();
    });

    const assignRole = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;
    const updateMember = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`;
    const createHouseholdMutation = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { id } }`;
    const household = (gridId: string) => ({ gridId, address: '大张村 2 号', head: '李四', size: 3 });

    it.each<[string, string, () => Record<string, unknown>, Record<string, unknown>]>([
      ['an instructor outside the party', assignRole, () => ({ input: { memberId: ids.nonParty, unitId: units.grid1, role: 'GRID_INSTRUCTOR' } }), { code: 'BAD_USER_INPUT', rule: 'ROLE_NEEDS_PARTY_MEMBER' }],
      ['an assistant in the party', assignRole, () => ({ input: { memberId: ids.party, unitId: units.grid1, role: 'GRID_ASSISTANT' } }), { code: 'BAD_USER_INPUT', rule: 'ROLE_NEEDS_NON_PARTY_MEMBER' }],
      ['a grid role on an administrative village', assignRole, () => ({ input: { memberId: ids.party, unitId: units.village, role: 'GRID_MEMBER' } }), { code: 'BAD_USER_INPUT', rule: 'ROLE_UNIT_LEVEL_MISMATCH' }],
      ['a dispatcher on a district', assignRole, () => ({ input: { memberId: ids.party, unitId: units.district, role: 'TOWNSHIP_DISPATCHER' } }), { code: 'BAD_USER_INPUT', rule: 'ROLE_UNIT_LEVEL_MISMATCH' }],
      ['a role on a retired grid', assignRole, () => ({ input: { memberId: ids.party, unitId: units.retiredGrid, role: 'GRID_MEMBER' } }), { code: 'BAD_USER_INPUT', rule: 'UNIT_RETIRED' }],
      ['an overlapping duplicate', assignRole, () => ({ input: { memberId: ids.holder, unitId: units.grid1, role: 'GRID_MEMBER', from: '2026-06-01T00:00:00Z' } }), { code: 'BAD_USER_INPUT', rule: 'ASSIGNMENT_OVERLAP' }],
      ['a role on an unknown unit', assignRole, () => ({ input: { memberId: ids.party, unitId: 'no-such-unit', role: 'GRID_MEMBER' } }), { code: 'NOT_FOUND' }],
      ['an end before the start', `mutation($id: ID!, $to: DateTime) { endAssignment(id: $id, to: $to) { id } }`, () => ({ id: ids.holderAssignment, to: '2026-01-15T00:00:00Z' }), { code: 'BAD_USER_INPUT', rule: 'ASSIGNMENT_END_BEFORE_START' }],
      ['an instructor leaving the party', updateMember, () => ({ id: ids.instructor, input: { isPartyMember: false } }), { code: 'BAD_USER_INPUT', rule: 'PARTY_CHANGE_CONFLICTS_WITH_ROLE' }],
      ['an assistant joining the party', updateMember, () => ({ id: ids.assistant, input: { isPartyMember: true } }), { code: 'BAD_USER_INPUT', rule: 'PARTY_CHANGE_CONFLICTS_WITH_ROLE' }],
      ['going inactive while holding roles', updateMember, () => ({ id: ids.holder, input: { status: 'INACTIVE', name: '改名' } }), { code: 'BAD_USER_INPUT', rule: 'MEMBER_HAS_OPEN_ASSIGNMENTS' }],
      ['a member phone that is not a mobile', updateMember, () => ({ id: ids.party, input: { phone: '0555-2345678' } }), { code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: 'input.phone' })] }],
      ["a new member with another member's phone", `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`, () => ({ input: { name: '重号', phone: ids.holderPhone } }), { code: 'CONFLICT', field: 'phone' }],
      ["another member's phone", updateMember, () => ({ id: ids.party, input: { phone: ids.holderPhone } }), { code: 'CONFLICT', field: 'phone' }],
      ['a household on a natural village', createHouseholdMutation, () => ({ input: household(units.natural) }), { code: 'BAD_USER_INPUT', rule: 'HOUSEHOLD_UNIT_NOT_GRID' }],
      ['a household on a retired grid', createHouseholdMutation, () => ({ input: household(units.retiredGrid) }), { code: 'BAD_USER_INPUT', rule: 'UNIT_RETIRED' }],
      ['a household with a bad phone', createHouseholdMutation, () => ({ input: { ...household(units.grid1), phone: '0123' } }), { code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: 'input.phone' })] }],
      ['moving a household to a township', `mutation($id: ID!, $input: UpdateHouseholdInput!) { updateHousehold(id: $id, input: $input) { id } }`, () => ({ id: ids.household, input: { gridId: units.township, size: 2 } }), { code: 'BAD_USER_INPUT', rule: 'HOUSEHOLD_UNIT_NOT_GRID' }],
    ])('refuses %s with a stable code and writes nothing', async (_case, mutation, variables, extensions) => {
      const result = await graphql(url, mutation, variables());
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0].extensions).toMatchObject(extensions);
      expect(await storedState()).toEqual(before);
    });
  });

  describe('concurrent writes to one member document', () => {
    it('keep every change while the outbox relay publishes the previous one', async () => {
      // Each assignRole follows its member's creation at once, while the relay removes the
      // creation's event from the same document: both writes must survive.
      const memberIds = await Promise.all(Array.from({ length: 12 }, (_unused, i) => createMember(`接续${i}`, true)));
      await Promise.all(memberIds.map((memberId) => assign(memberId, units.city, 'ADMIN')));
      await waitFor(
        async () => {
          const docs = await db.collection<{ _id: string; outbox?: unknown[] }>('members').find({ _id: { $in: memberIds } }).toArray();
          return docs.every((doc) => !doc.outbox?.length);
        },
        { description: 'the relay to publish the new members' },
      );
      const docs = await db
        .collection<{ _id: string; version: number; assignments: { role: string }[] }>('members')
        .find({ _id: { $in: memberIds } })
        .toArray();
      expect(docs.map((doc) => [doc.version, doc.assignments.map((a) => a.role)])).toEqual(memberIds.map(() => [2, ['ADMIN']]));
    });

    it('never lose an acknowledged change: each one lands or is refused with CONFLICT', async () => {
      const memberId = await createMember('并发网格员', true);
      const attempts = [
        [units.grid1, 'GRID_MEMBER'],
        [units.grid1, 'GRID_INSTRUCTOR'],
        [units.grid2, 'GRID_MEMBER'],
        [units.grid2, 'GRID_INSTRUCTOR'],
      ];
      const results = await Promise.all(
        attempts.map(([unitId, role]) =>
          graphql(url, `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, { input: { memberId, unitId, role } }),
        ),
      );
      const landed = attempts.filter((_attempt, i) => !results[i].errors);
      for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(landed.length).toBeGreaterThan(0);

      const { member } = await graphqlData<{ member: MemberView }>(url, `query($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} } }`, { id: memberId });
      const held = member.assignments.map((a) => [a.unitId, a.role]);
      expect(held.sort()).toEqual([...landed].sort());
    });
  });

  describe('who was responsible on date D', () => {
    let first: string;
    let second: string;
    const responsible = `query($unitId: ID!, $role: MemberRole, $at: DateTime) {
      responsibleMembers(unitId: $unitId, role: $role, at: $at) { id name }
    }`;
    const responsibleAt = async (at: string, role: string | null = 'GRID_LEADER') =>
      (await graphqlData<{ responsibleMembers: { id: string }[] }>(url, responsible, { unitId: units.grid2, role, at }))
        .responsibleMembers.map((m) => m.id);

    beforeAll(async () => {
      first = await createMember('老网格长', true);
      second = await createMember('新网格长', true);
      const firstTerm = await assign(first, units.grid2, 'GRID_LEADER', '2026-01-01T00:00:00+08:00');
      await endAssignment(firstTerm, '2026-03-01T00:00:00+08:00');
      await assign(second, units.grid2, 'GRID_LEADER', '2026-03-01T00:00:00+08:00');
      // With every assignment ended, the first leader may leave; history must still name them.
      await graphqlData(url, `mutation($id: ID!) { updateMember(id: $id, input: { status: INACTIVE }) { id } }`, { id: first });
    });

    it.each<[string, string, string | null, 'first' | 'second' | 'none']>([
      ['before anyone served', '2025-12-31T23:59:59+08:00', 'GRID_LEADER', 'none'],
      ['during the first term', '2026-02-15T12:00:00+08:00', 'GRID_LEADER', 'first'],
      ['during the first term, any role', '2026-02-15T12:00:00+08:00', null, 'first'],
      ['at the hand-over (ends are exclusive)', '2026-03-01T00:00:00+08:00', 'GRID_LEADER', 'second'],
      ['during the second term', '2026-11-30T09:00:00+08:00', 'GRID_LEADER', 'second'],
    ])('answers %s', async (_case, at, role, who) => {
      const expected = who === 'none' ? [] : [who === 'first' ? first : second];
      expect(await responsibleAt(at, role)).toEqual(expected);
    });

    it('filters members by role inside a subtree at an instant, and now by default', async () => {
      const leadersIn = async (activeAt?: string) =>
        (
          await graphqlData<{ members: Connection<{ id: string }> }>(
            url,
            `query($filter: MemberFilter) { members(filter: $filter) { edges { node { id } } } }`,
            { filter: { within: units.township, role: 'GRID_LEADER', activeAt } },
          )
        ).members.edges.map((edge) => edge.node.id);
      expect(await leadersIn('2026-02-15T12:00:00+08:00')).toEqual([first]);
      expect(await leadersIn('2026-04-01T00:00:00+08:00')).toEqual([second]);
      expect(await leadersIn()).toEqual([second]);
    });

    it('finds members stored before unitPaths existed once the start-up backfill wrote it', async () => {
      const leaders = async () =>
        (
          await graphqlData<{ members: Connection<{ id: string }> }>(url, `query($filter: MemberFilter) { members(filter: $filter) { edges { node { id } } } }`, {
            filter: { within: units.township, role: 'GRID_LEADER' },
          })
        ).members.edges.map((edge) => edge.node.id);
      // this service started on an empty database: the backfill ran, found nothing, and is recorded
      expect(await db.collection('schema_backfills').findOne({ _id: 'members.unitPaths.v1' as never })).toMatchObject({ documents: 0 });

      await db.collection('members').updateOne({ _id: second as never }, { $unset: { unitPaths: '' } });
      expect(await leaders()).toEqual([]);
      const connection = await mongoose.createConnection(MONGO_URL, { dbName: db.databaseName }).asPromise();
      try {
        const members = new AggregateStore(connection.model<MemberDocument>('Member', memberSchema));
        expect(await backfillUnitPaths(members)).toBe(1);
        expect(await backfillUnitPaths(members)).toBe(0);
      } finally {
        await connection.close();
      }
      expect(await leaders()).toEqual([second]);
    });
  });

  describe('replicas built from the state topics', () => {
    let kafka: Kafka;
    let movedHousehold: string;
    const replicas: { stop(): Promise<void> }[] = [];

    beforeAll(async () => {
      kafka = new Kafka({ clientId: 'members-test', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
      movedHousehold = await createHousehold({ gridId: units.grid1, address: '大张村 3 号', head: '王五', size: 4, tags: ['POOR', 'LOW_INCOME'], phone: '0555-2345678' });
      await createHousehold({ gridId: units.grid2, address: '大张村 9 号', head: '赵六', size: 2, tags: ['MILITARY_FAMILY'], phone: '13912345678' });
      await graphqlData(url, `mutation($id: ID!, $input: UpdateHouseholdInput!) { updateHousehold(id: $id, input: $input) { id } }`, {
        id: movedHousehold,
        input: { gridId: units.grid2, size: 5, tags: ['POOR'] },
      });
      // Everything the service wrote has left the outboxes once no document holds a pending entry.
      await waitFor(
        async () => {
          const docs = await Promise.all(
            ['members', 'households'].map((name) => db.collection<{ outbox?: unknown[] }>(name).find({}, { projection: { outbox: 1 } }).toArray()),
          );
          return docs.flat().every((doc) => !doc.outbox?.length);
        },
        { description: 'the outbox relays to publish every state change' },
      );
    });

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.stop()));
    });

    it('gives a MemberDirectory equal to the members the service holds', async () => {
      const replica = new StateReplica({ kafka, definition: memberState, owner: 'members-test', logger: silentLogger });
      replicas.push(replica);
      await replica.start();
      const directory = new MemberDirectory(replica);

      const members = await allPages<MemberView>(
        'members',
        `query($after: String) { members(first: 200, after: $after) { edges { node { ${MEMBER_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      );
      expect(members.length).toBeGreaterThanOrEqual(8);
      for (const member of members) {
        // no personal data on the topic: the name stays in the service
        expect(directory.member(member.id)).not.toHaveProperty('name');
        expect(directory.member(member.id)).toEqual({
          id: member.id,
          isPartyMember: member.isPartyMember,
          status: member.status,
          assignments: member.assignments.map((a) => ({ id: a.id, orgUnitId: a.unitId, role: a.role, from: a.from, to: a.to })),
          credentialsVersion: expect.any(Number),
          endedSessions: [],
        });
      }
      const [firstLeader] = await graphqlData<{ responsibleMembers: { id: string }[] }>(
        url,
        `query($unitId: ID!, $at: DateTime) { responsibleMembers(unitId: $unitId, role: GRID_LEADER, at: $at) { id } }`,
        { unitId: units.grid2, at: '2026-02-15T12:00:00+08:00' },
      ).then((data) => data.responsibleMembers);
      expect(directory.rolesAt(firstLeader.id, units.grid2, new Date('2026-02-15T12:00:00+08:00'))).toEqual(['GRID_LEADER']);
      expect(directory.rolesAt(firstLeader.id, units.grid2, new Date('2026-04-01T00:00:00+08:00'))).toEqual([]);
    });

    it('gives a HouseholdRegistry equal to the households the service holds, grid by grid', async () => {
      const { registry, replica } = createHouseholdRegistry({ kafka, owner: 'members-test', logger: silentLogger });
      replicas.push(replica);
      await replica.start();

      for (const gridId of [units.grid1, units.grid2]) {
        const households = await allPages<HouseholdView>(
          'households',
          `query($filter: HouseholdFilter, $after: String) { households(filter: $filter, first: 200, after: $after) { edges { node { ${HOUSEHOLD_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { filter: { gridId } },
        );
        expect(households.length).toBeGreaterThan(0);
        // no personal data in clear on the topic: the head's name, the address and the phone stay in the service
        const expected = households.map((h) => ({
          id: h.id,
          gridId: h.gridId,
          orgPath: [units.city, units.district, units.township, units.village, units.natural, gridId],
          size: h.size,
          tags: h.tags,
        }));
        expect(registry.householdsOfGrid(gridId)).toStrictEqual(expected);
      }
      expect(registry.household(movedHousehold)).toMatchObject({ gridId: units.grid2, size: 5, tags: ['POOR'] });
    });

    it('supersedes the state records of older builds, which carried names, heads and addresses, by republishing at the next start', async () => {
      const REPUBLISHED = ['members.stateWithoutName.v1', 'households.stateWithoutHeadAndAddress.v1'];
      const backfills = db.collection<{ _id: string; documents: number }>('schema_backfills');
      // this service's first start (an empty database) ran them in the background
      await waitFor(async () => (await backfills.countDocuments({ _id: { $in: REPUBLISHED } })) === 2, { description: 'the republish backfills of the first start' });

      // what an older build left on the topics for one member and one household
      const memberId = await createMember('旧记录', true);
      await waitFor(async () => !(await db.collection<{ _id: string; outbox?: unknown[] }>('members').findOne({ _id: memberId }))?.outbox?.length, {
        description: 'the new member on the topic',
      });
      const producer = new EventProducer(kafka);
      try {
        await producer.send([
          createEvent(memberState, { subject: memberId, aggregateVersion: 1, data: { id: memberId, name: '旧记录', isPartyMember: true, status: 'ACTIVE', assignments: [] } }),
          createEvent(householdState, {
            subject: movedHousehold,
            aggregateVersion: 1,
            data: { id: movedHousehold, gridId: units.grid1, orgPath: [units.city, units.grid1], head: '王五', address: '大张村 3 号', size: 4, tags: ['POOR'] },
          }),
        ]);
      } finally {
        await producer.disconnect();
      }

      // as if this build started for the first time on that database
      await backfills.deleteMany({ _id: { $in: REPUBLISHED } });
      await stack.restart('members');
      const records = await waitFor(async () => {
        const done = await backfills.find({ _id: { $in: REPUBLISHED } }).sort({ _id: 1 }).toArray();
        return done.length === 2 && done;
      }, { description: 'the republish backfills to finish', timeoutMs: 60_000 });
      const [households, members] = await Promise.all([db.collection('households').countDocuments(), db.collection('members').countDocuments()]);
      expect(records.map((record) => [record._id, record.documents])).toEqual([
        ['households.stateWithoutHeadAndAddress.v1', households],
        ['members.stateWithoutName.v1', members],
      ]);

      const memberReplica = new StateReplica({ kafka, definition: memberState, owner: 'members-test', logger: silentLogger });
      const { registry, replica: householdReplica } = createHouseholdRegistry({ kafka, owner: 'members-test', logger: silentLogger });
      replicas.push(memberReplica, householdReplica);
      await Promise.all([memberReplica.start(), householdReplica.start()]);
      const member = await waitFor(() => {
        const latest = memberReplica.get(memberId);
        return latest && !('name' in latest) && latest;
      }, { description: 'a state of the member without the name' });
      expect(member).toMatchObject({ id: memberId, status: 'ACTIVE', credentialsVersion: 0, endedSessions: [] });
      const household = await waitFor(() => {
        const latest = registry.household(movedHousehold);
        return latest && !('head' in latest) && latest;
      }, { description: 'a state of the household without head and address' });
      expect(household).toStrictEqual({ id: movedHousehold, gridId: units.grid2, orgPath: [units.city, units.district, units.township, units.village, units.natural, units.grid2], size: 5, tags: ['POOR'] });
    });
  });

  // Uses the households written above: 张大爷 (grid 1), 王五 and 赵六 (grid 2).
  it('filters households by subtree and tags', async () => {
    const tagged = async (tags: string[]) =>
      (
        await graphqlData<{ households: Connection<{ head: string }> & { totalCount: number } }>(
          url,
          `query($filter: HouseholdFilter) { households(filter: $filter) { totalCount edges { node { head } } } }`,
          { filter: { within: units.township, tags } },
        )
      ).households.edges.map((edge) => edge.node.head).sort();
    expect(await tagged(['POOR'])).toEqual(['王五']);
    expect(await tagged(['ELDERLY_ALONE', 'MILITARY_FAMILY'])).toEqual(['张大爷', '赵六'].sort());
    expect(await tagged([])).toEqual(['张大爷', '王五', '赵六'].sort());
  });

  // Last: it adds members and households the tests above do not expect.
  describeMembersAccess(() => ({ url, orgUrl, db, signedHeaders: (principal) => stack.signedHeaders(principal), units }));
});
