// Who may read and change what in the assessment subgraph (README.md of this service, "Access"), on the
// built service with real Kafka and FerretDB: callers of every kind × every
// operation × a subject inside or outside their units → data, null,
// FORBIDDEN or UNAUTHENTICATED; refused mutations leave nothing behind.
import type { Principal } from '@steward/auth';
import { EventProducer } from '@steward/events';
import { authorizeStack, graphql, MONGO_URL, uniqueName, type GraphQLResponse } from '@steward/testing';
import { MongoClient, type Db } from 'mongodb';
import path from 'node:path';
import { CLOSURES_COLLECTION, POLICIES_COLLECTION, projectionGroupId, REPORTS_COLLECTION } from '../src/persistence/generation';
import { createTopics, makeTree, orgEvents, produce, testKafka, workload } from './fixtures';
import { caughtUp } from './projection-helpers';
import { startStack } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const repoRoot = path.resolve(__dirname, '../../..');
const MONTH = '{ kind: MONTH, key: "2026-11" }';
const WEEK = '{ kind: WEEK, key: "2026-W48" }';

// city › district › township › village A (grids g1, g2), village B (grids g3, g4)
const tree = makeTree({ towns: 1, villages: 2, grids: 2 });
const [g1, g2, g3, g4] = tree.grids;
const [villageA, villageB] = tree.villages;
const [town] = tree.towns;

const PRINCIPALS = {
  gridMemberA: { kind: 'MEMBER', id: 'sec-grid-a', grants: [{ role: 'GRID_MEMBER', unitId: g1.id }] },
  secretaryA: { kind: 'MEMBER', id: 'sec-secretary-a', grants: [{ role: 'VILLAGE_SECRETARY', unitId: villageA }] },
  dispatcher: { kind: 'MEMBER', id: 'sec-dispatcher', grants: [{ role: 'TOWNSHIP_DISPATCHER', unitId: town }] },
  memberB: { kind: 'MEMBER', id: 'sec-grid-b', grants: [{ role: 'GRID_MEMBER', unitId: g3.id }] },
  serviceRead: { kind: 'SERVICE', id: 'warehouse', permissions: ['read'] },
  serviceNoRead: { kind: 'SERVICE', id: 'wechat', permissions: ['tickets:report'] },
  anonymous: { kind: 'ANONYMOUS' },
  admin: { kind: 'ADMIN', id: 'sec-admin' },
  /** holds the ADMIN role on the township only: manages assessment there, not city-wide */
  townAdmin: { kind: 'MEMBER', id: 'sec-town-admin', grants: [{ role: 'ADMIN', unitId: town }] },
  /** a service account that closes periods but may not read */
  closer: { kind: 'SERVICE', id: 'closer', permissions: ['assessment:manage'] },
} satisfies Record<string, Principal>;
type Who = keyof typeof PRINCIPALS;
const idOf = (who: Who): string | undefined => {
  const principal: Principal = PRINCIPALS[who];
  return principal.kind === 'ANONYMOUS' ? undefined : principal.id;
};
const READERS: Who[] = ['gridMemberA', 'secretaryA', 'dispatcher', 'memberB', 'serviceRead', 'serviceNoRead', 'anonymous', 'admin'];

type Outcome = 'DATA' | 'NULL' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const D: Outcome = 'DATA';
const N: Outcome = 'NULL';
const F: Outcome = 'FORBIDDEN';
const U: Outcome = 'UNAUTHENTICATED';

interface ReadCase {
  operation: string;
  query: string;
  variables?: Record<string, unknown>;
  /** the value the operation answers with, from `data` */
  pick: (data: Record<string, unknown> | null | undefined) => unknown;
  expected: Partial<Record<Who, Outcome>>;
}

const field = (name: string) => (data: Record<string, unknown> | null | undefined) => data?.[name];
const firstEntity = (data: Record<string, unknown> | null | undefined) => ((data?._entities as (Record<string, unknown> | null)[] | undefined) ?? [null])[0];
const entity = (data: Record<string, unknown> | null | undefined) => {
  const first = firstEntity(data);
  return first && (first.score !== undefined ? first.score : first.ranking);
};
const scoreQuery = (subjectId: string) => ({ query: `{ score(subjectId: "${subjectId}", period: ${MONTH}) { subjectId received rank } }`, pick: field('score') });
const rankingQuery = (parentId: string, level: string) => ({
  query: `{ ranking(parentId: "${parentId}", level: ${level}, period: ${MONTH}) { totalCount edges { node { subjectId score } } } }`,
  pick: field('ranking'),
});
const entityQuery = (typename: 'OrgUnit' | 'Member', id: string, selection = `score(period: ${MONTH}) { received }`) => ({
  query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
  variables: { representations: [{ __typename: typename, id }] },
  pick: entity,
});
const reportQuery = (unitId: string, period = MONTH) => ({
  query: `{ assessmentReport(unitId: "${unitId}", period: ${period}) { unitId score { received } subjects { subjectId } adjustments { eventId } } }`,
  pick: field('assessmentReport'),
});

// Reading: readers of grid A see grid A's scores and its members'; village B's only the township and above.
const INSIDE_A: Record<Who, Outcome> = { gridMemberA: D, secretaryA: D, dispatcher: D, memberB: F, serviceRead: D, serviceNoRead: F, anonymous: U, admin: D, townAdmin: D, closer: F };
const INSIDE_B: Record<Who, Outcome> = { ...INSIDE_A, gridMemberA: F, secretaryA: F, memberB: D };
const VILLAGE_A: Record<Who, Outcome> = { ...INSIDE_A, gridMemberA: F };
const TOWNSHIP: Record<Who, Outcome> = { ...INSIDE_A, gridMemberA: F, secretaryA: F };
const UNKNOWN: Record<Who, Outcome> = { gridMemberA: N, secretaryA: N, dispatcher: N, memberB: N, serviceRead: N, serviceNoRead: F, anonymous: U, admin: N, townAdmin: N, closer: F };

const READ_CASES: ReadCase[] = [
  { operation: 'score of grid A (by id)', ...scoreQuery(g1.id), expected: INSIDE_A },
  { operation: 'score of grid B (by id)', ...scoreQuery(g3.id), expected: INSIDE_B },
  { operation: 'score of a member working in grid A', ...scoreQuery(g1.handler), expected: INSIDE_A },
  { operation: 'score of a member working in grid B', ...scoreQuery(g3.handler), expected: INSIDE_B },
  { operation: 'score of village A', ...scoreQuery(villageA), expected: VILLAGE_A },
  { operation: 'score of the township', ...scoreQuery(town), expected: TOWNSHIP },
  { operation: 'score of an unknown subject', ...scoreQuery('nobody-at-all'), expected: UNKNOWN },
  { operation: 'ranking of the grids of village A (list)', ...rankingQuery(villageA, 'GRID'), expected: VILLAGE_A },
  { operation: 'ranking of the villages of the township (list)', ...rankingQuery(town, 'ADMIN_VILLAGE'), expected: TOWNSHIP },
  // the reference alone (no field of this subgraph asked): decided by @ResolveReference from the raw context
  { operation: 'OrgUnit reference grid B → id only', ...entityQuery('OrgUnit', g3.id, 'id'), pick: firstEntity, expected: INSIDE_B },
  {
    operation: 'Member reference → id only',
    ...entityQuery('Member', g3.handler, 'id'),
    pick: firstEntity,
    expected: { gridMemberA: D, memberB: D, serviceRead: D, serviceNoRead: F, anonymous: U, admin: D, closer: F },
  },
  { operation: 'OrgUnit reference grid A → score', ...entityQuery('OrgUnit', g1.id), expected: INSIDE_A },
  { operation: 'OrgUnit reference grid B → score', ...entityQuery('OrgUnit', g3.id), expected: INSIDE_B },
  { operation: 'OrgUnit reference township → ranking', ...entityQuery('OrgUnit', town, `ranking(period: ${MONTH}) { totalCount }`), expected: TOWNSHIP },
  { operation: 'Member reference in grid A → score', ...entityQuery('Member', g1.handler), expected: INSIDE_A },
  { operation: 'Member reference in grid B → score', ...entityQuery('Member', g3.handler), expected: INSIDE_B },
  { operation: 'frozen report of village A', ...reportQuery(villageA), expected: VILLAGE_A },
  { operation: 'frozen report of village B', ...reportQuery(villageB), expected: { ...VILLAGE_A, secretaryA: F, memberB: F } },
  { operation: 'report of grid A, not closed', ...reportQuery(g1.id), expected: { ...INSIDE_A, gridMemberA: N, secretaryA: N, dispatcher: N, serviceRead: N, admin: N, townAdmin: N } },
  {
    operation: 'scoring policy',
    query: '{ scoringPolicy { version weights { completion } } }',
    pick: field('scoringPolicy'),
    expected: { gridMemberA: D, secretaryA: D, dispatcher: D, memberB: D, serviceRead: D, serviceNoRead: D, anonymous: U, admin: D, townAdmin: D, closer: D },
  },
];

function outcomeOf(response: GraphQLResponse<Record<string, unknown>>, pick: ReadCase['pick']): Outcome | string {
  const code = response.errors?.[0]?.extensions?.code;
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return pick(response.data) == null ? code : `${code} with data`;
  if (code) return String(code);
  return pick(response.data) === null ? N : D;
}

describe('assessment access control', () => {
  const kafka = testKafka();
  const topics = { tickets: uniqueName('t.tickets'), visits: uniqueName('t.visits') };
  const database = uniqueName('a8sec').replace(/-/g, '_');
  let stack: Stack;
  let url: string;
  let client: MongoClient;
  let db: Db;

  const as = (who: Who, query: string, variables: Record<string, unknown> = {}) => graphql(url, query, variables, stack.signedHeaders(PRINCIPALS[who]));

  beforeAll(async () => {
    await createTopics(kafka, topics.tickets, topics.visits);
    const producer = new EventProducer(kafka);
    await producer.send(orgEvents(tree));
    await producer.disconnect();
    await produce(kafka, topics, workload(tree, 16, 8).events);
    stack = await startStack({
      only: ['assessment'],
      portOffset: 610,
      databasePrefix: database,
      env: { ASSESSMENT_TICKET_TOPIC: topics.tickets, ASSESSMENT_VISIT_TOPIC: topics.visits },
      logDir: path.join(repoRoot, '.local/logs', database),
    });
    authorizeStack(stack);
    url = stack.subgraphUrl('assessment');
    await caughtUp(kafka, projectionGroupId(`${database}_assessment`, 'g0'), [topics.tickets, topics.visits]);
    client = await MongoClient.connect(MONGO_URL);
    db = client.db(`${database}_assessment`);
    for (const village of [villageA, villageB]) {
      const closed = await as('admin', `mutation { closePeriod(period: ${MONTH}, unitId: "${village}") { id } }`);
      expect(closed.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await stack?.stop();
  });

  describe.each(READ_CASES)('$operation', ({ query, variables, pick, expected }) => {
    const rows = READERS.concat(['townAdmin', 'closer']).filter((who) => expected[who] !== undefined);
    it.each(rows)('as %s', async (who) => {
      expect(outcomeOf(await as(who, query, variables), pick)).toBe(expected[who]);
    });
  });

  it('answers the counters a caller may see, and the rank of their own unit among peers they may not see', async () => {
    const own = await as('gridMemberA', `{ score(subjectId: "${g1.id}", period: ${MONTH}) { received rank } }`);
    expect(own.errors).toBeUndefined();
    // 16 tickets over 4 grids
    expect(own.data?.score).toEqual({ received: 4, rank: expect.any(Number) });
    const ranking = await as('secretaryA', `{ ranking(parentId: "${villageA}", level: GRID, period: ${MONTH}) { totalCount edges { node { subjectId } } } }`);
    expect(ranking.data?.ranking).toMatchObject({ totalCount: 2 });
  });

  it('refuses calls without a gateway signature', async () => {
    const response = await graphql(url, `{ score(subjectId: "${g1.id}", period: ${MONTH}) { received } }`, {}, {});
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('closePeriod needs assessment:manage on the unit', () => {
    const reportId = (unitId: string) => `${unitId}|WEEK|2026-W48`;
    const close = (who: Who, unitId: string) => as(who, `mutation { closePeriod(period: ${WEEK}, unitId: "${unitId}") { unitId subjects { subjectId } } }`);

    it.each<[Who, string, string, Outcome]>([
      ['gridMemberA', 'grid A', g1.id, F],
      ['secretaryA', 'village A', villageA, F],
      ['dispatcher', 'the township', town, F],
      ['memberB', 'grid B', g3.id, F],
      ['serviceRead', 'grid A', g1.id, F],
      ['serviceNoRead', 'grid A', g1.id, F],
      ['anonymous', 'grid A', g1.id, U],
      ['townAdmin', 'the city (outside)', tree.city, F],
    ])('%s closing %s (%s): %s, nothing written', async (who, _label, unitId, outcome) => {
      const response = await close(who, unitId);
      expect(response.errors?.[0]?.extensions?.code).toBe(outcome);
      expect(response.data?.closePeriod ?? null).toBeNull();
      expect(await db.collection(CLOSURES_COLLECTION).findOne({ _id: reportId(unitId) as never })).toBeNull();
      expect(await db.collection(REPORTS_COLLECTION).findOne({ _id: reportId(unitId) as never })).toBeNull();
      expect((await as('admin', reportQuery(unitId, WEEK).query)).data?.assessmentReport).toBeNull();
    });

    it.each<[Who, string, string]>([
      ['admin', 'grid B2', g4.id],
      ['townAdmin', 'grid A2 (inside)', g2.id],
      ['closer', 'village B (a service without read)', villageB],
    ])('%s closing %s (%s): the report, recorded as closed by them', async (who, _label, unitId) => {
      const response = await close(who, unitId);
      expect(response.errors).toBeUndefined();
      expect(response.data?.closePeriod).toMatchObject({ unitId });
      expect(await db.collection(REPORTS_COLLECTION).findOne({ _id: reportId(unitId) as never })).toMatchObject({ closedBy: idOf(who) });
    });
  });

  describe('setScoringPolicy needs assessment:manage city-wide', () => {
    const WEIGHTS = 'completion: 1, onTime: 1, satisfaction: 1, compliance: 1';
    const setPolicy = (who: Who, weights = WEIGHTS) => as(who, `mutation { setScoringPolicy(input: { ${weights} }) { version } }`);
    const versions = async () => db.collection(POLICIES_COLLECTION).countDocuments();

    it.each<[Who, Outcome]>([
      ['gridMemberA', F],
      ['secretaryA', F],
      ['dispatcher', F],
      ['memberB', F],
      ['serviceRead', F],
      ['serviceNoRead', F],
      ['anonymous', U],
      ['townAdmin', F],
    ])('%s: %s, no version stored', async (who, outcome) => {
      const before = await versions();
      const response = await setPolicy(who);
      expect(response.errors?.[0]?.extensions?.code).toBe(outcome);
      expect(await versions()).toBe(before);
    });

    it('tells a refused caller FORBIDDEN, not what is wrong with the input', async () => {
      const response = await setPolicy('gridMemberA', 'completion: -1, onTime: 1, satisfaction: 1, compliance: 1');
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it.each<Who>(['admin', 'closer'])('%s stores the next version, recorded as theirs', async (who) => {
      const before = await versions();
      const response = await setPolicy(who);
      expect(response.errors).toBeUndefined();
      const version = (response.data?.setScoringPolicy as { version: number }).version;
      expect(await versions()).toBe(before + 1);
      expect(await db.collection(POLICIES_COLLECTION).findOne({ _id: version as never })).toMatchObject({ createdBy: idOf(who) });
    });
  });
});
