// The assessment subgraph as a process (tools/stack.cjs) on real Kafka and
// FerretDB: scores, rankings among peers, scoring policy versions, a frozen
// period report with later adjustments, and the rebuild CLI swapping in a
// fresh generation while the service runs.
import { ALL_UNITS } from '@steward/auth';
import { createEvent, EventProducer, ticketResolved } from '@steward/events';
import { graphql, graphqlData, MONGO_URL, uniqueName, waitFor, authorizeStack } from '@steward/testing';
import { MongoClient } from 'mongodb';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectionGroupId } from '../src/persistence/generation';
import { readGeneration } from '../src/persistence/generation.store';
import { ProjectionStore } from '../src/persistence/projection.store';
import { caughtUp } from './projection-helpers';
import { createTopics, makeTree, orgEvents, produce, REPORTED_AT, testKafka, workload } from './fixtures';
import { startStack } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;

const repoRoot = path.resolve(__dirname, '../../..');
const MONTH = '{ kind: MONTH, key: "2026-11" }';
const SCORE_FIELDS = 'subjectId subjectType received resolved onTime feedbacks satisfied visits householdsCovered completionRate onTimeRate satisfactionRate score rank policyVersion';

describe('assessment subgraph', () => {
  const kafka = testKafka();
  const topics = { tickets: uniqueName('t.tickets'), visits: uniqueName('t.visits') };
  const database = uniqueName('svc').replace(/-/g, '_');
  const env = {
    ASSESSMENT_TICKET_TOPIC: topics.tickets,
    ASSESSMENT_VISIT_TOPIC: topics.visits,
    ASSESSMENT_GENERATION_POLL_MS: '300',
  };
  const tree = makeTree({ towns: 1, villages: 2, grids: 2 });
  const [g1, g2, g3] = tree.grids;
  let stack: Stack;
  let url: string;

  const query = <T>(text: string) => graphqlData<T>(url, text);
  const scoreOf = async (id: string) => (await query<{ score: Record<string, unknown> | null }>(`{ score(subjectId: "${id}", period: ${MONTH}) { ${SCORE_FIELDS} } }`)).score;

  beforeAll(async () => {
    await createTopics(kafka, topics.tickets, topics.visits);
    const producer = new EventProducer(kafka);
    await producer.send(orgEvents(tree));
    await producer.disconnect();
    // g1: 8 tickets, g2: 8 (every third one late), g3: 8; 30 visits
    await produce(kafka, topics, workload(tree, 24, 30).events);
    stack = await startStack({
      only: ['assessment'],
      portOffset: 600,
      databasePrefix: database,
      env,
      logDir: path.join(repoRoot, '.local/logs', database),
    });
    authorizeStack(stack);
    url = stack.subgraphUrl('assessment');
    // the service's consumer group has committed every event: all of them are counted
    await caughtUp(kafka, projectionGroupId(`${database}_assessment`, 'g0'), [topics.tickets, topics.visits]);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('scores members and units from the events, with rates, policy version and rank', async () => {
    // 24 tickets over 4 grids: g1 gets tickets 0, 4, 8, 12, 16, 20
    const grid = await scoreOf(g1.id);
    expect(grid).toMatchObject({ subjectType: 'GRID', received: 6, resolved: 6, feedbacks: 6, policyVersion: 1 });
    // tickets 0, 4, 8, 12, 16, 20: late when i % 3 == 0 → 0, 12 → 4 on time; satisfied unless i % 3 == 2 → 8, 20 unsatisfied
    expect(grid).toMatchObject({ onTime: 4, satisfied: 4, completionRate: 1, onTimeRate: 4 / 6, satisfactionRate: 4 / 6 });
    // (30×1 + 25×4/6 + 30×4/6) / 85 = (30 + 16.667 + 20) / 85 = 0.78431 → 78.43 (no compliance weeks yet)
    expect(grid?.score).toBe(78.43);
    expect(await scoreOf(g1.handler)).toMatchObject({ subjectType: 'MEMBER', received: 6, rank: null });
    expect(await scoreOf(tree.city)).toMatchObject({ subjectType: 'CITY', received: 24, resolved: 24, visits: 30 });
    expect(await scoreOf('nobody')).toBeNull();
  });

  it('ranks peers under a parent, best first, with pages', async () => {
    const village = tree.villages[0];
    const ranking = await query<{ ranking: { totalCount: number; edges: { node: { subjectId: string; rank: number; score: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      `{ ranking(parentId: "${village}", level: GRID, period: ${MONTH}, first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { subjectId rank score } } } }`,
    );
    expect(ranking.ranking.totalCount).toBe(2);
    expect(ranking.ranking.pageInfo.hasNextPage).toBe(true);
    const first = ranking.ranking.edges[0].node;
    const next = await query<{ ranking: { edges: { node: { subjectId: string; rank: number; score: number } }[] } }>(
      `{ ranking(parentId: "${village}", level: GRID, period: ${MONTH}, after: "${ranking.ranking.pageInfo.endCursor}") { edges { node { subjectId rank score } } } }`,
    );
    const second = next.ranking.edges[0].node;
    expect([first.rank, second.rank]).toEqual([1, 2]);
    expect(first.score).toBeGreaterThanOrEqual(second.score);
    expect([first.subjectId, second.subjectId].sort()).toEqual([g1.id, g2.id].sort());
    // OrgUnit.ranking: the villages of the township by default
    const [, , town] = g1.path;
    const entity = await query<{ _entities: { ranking: { totalCount: number; edges: { node: { subjectType: string } }[] } }[] }>(
      `{ _entities(representations: [{ __typename: "OrgUnit", id: "${town}" }]) { ... on OrgUnit { ranking(period: ${MONTH}) { totalCount edges { node { subjectType } } } } } }`,
    );
    expect(entity._entities[0].ranking.totalCount).toBe(2);
    expect(entity._entities[0].ranking.edges.map((edge) => edge.node.subjectType)).toEqual(['ADMIN_VILLAGE', 'ADMIN_VILLAGE']);
    // bad input
    const unknown = await graphql(url, `{ ranking(parentId: "nowhere", level: GRID, period: ${MONTH}) { totalCount } }`);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const upward = await graphql(url, `{ ranking(parentId: "${village}", level: TOWNSHIP, period: ${MONTH}) { totalCount } }`);
    expect(upward.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badKey = await graphql(url, `{ score(subjectId: "${g1.id}", period: { kind: MONTH, key: "2026-W48" }) { received } }`);
    expect(badKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stores scoring policy versions, refuses bad weights, and scores with the latest', async () => {
    for (const weights of ['completion: -1, onTime: 1, satisfaction: 1, compliance: 1', 'completion: 0, onTime: 0, satisfaction: 0, compliance: 0']) {
      const refused = await graphql(url, `mutation { setScoringPolicy(input: { ${weights} }) { version } }`);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await query<{ scoringPolicy: { version: number } }>('{ scoringPolicy { version } }')).scoringPolicy.version).toBe(1);
    const set = await query<{ setScoringPolicy: { version: number; weights: Record<string, number> } }>(
      'mutation { setScoringPolicy(input: { completion: 1, onTime: 0, satisfaction: 1, compliance: 0, note: "half and half" }) { version weights { completion onTime satisfaction compliance } } }',
    );
    expect(set.setScoringPolicy).toEqual({ version: 2, weights: { completion: 1, onTime: 0, satisfaction: 1, compliance: 0 } });
    const old = await query<{ scoringPolicy: { version: number; weights: { completion: number } } }>('{ scoringPolicy(version: 1) { version weights { completion } } }');
    expect(old.scoringPolicy).toEqual({ version: 1, weights: { completion: 30 } });
    // g1 under version 2: (1×1 + 1×4/6) / 2 = 0.8333 → 83.33
    expect(await scoreOf(g1.id)).toMatchObject({ policyVersion: 2, score: 83.33 });
  });

  it('freezes a period report; later events become adjustments; a rebuild swaps in an equal generation', async () => {
    const [, , town] = g1.path;
    const closed = await query<{ closePeriod: { policyVersion: number; score: { received: number; resolved: number }; subjects: { subjectId: string; subjectType: string; rank: number | null }[]; adjustments: unknown[] } }>(
      `mutation { closePeriod(period: ${MONTH}, unitId: "${town}") { policyVersion score { received resolved } subjects { subjectId subjectType rank } adjustments { eventId } } }`,
    );
    expect(closed.closePeriod.policyVersion).toBe(2);
    expect(closed.closePeriod.score).toEqual({ received: 24, resolved: 24 });
    expect(closed.closePeriod.subjects.filter((subject) => subject.subjectType === 'GRID').map((subject) => subject.rank).sort()).toEqual([1, 1, 2, 2]);
    expect(closed.closePeriod.subjects.some((subject) => subject.subjectId === g1.handler)).toBe(true);
    expect(closed.closePeriod.subjects.some((subject) => subject.subjectId === tree.city)).toBe(false);
    expect(closed.closePeriod.adjustments).toEqual([]);
    const again = await graphql(url, `mutation { closePeriod(period: ${MONTH}, unitId: "${town}") { id } }`);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // a late resolution of a November ticket in g3 (a second one, e.g. after a reopen)
    const late = createEvent(ticketResolved, {
      subject: 'late-ticket',
      aggregateVersion: 9,
      data: {
        ticketId: 'late-ticket', number: 'T-late', status: 'RESOLVED', level: 'GRID', unitId: g3.id, orgPath: g3.path,
        category: 'ROADS', priority: 'NORMAL', handlerId: g3.handler, actorId: g3.handler, occurredAt: new Date().toISOString(),
        reportedAt: REPORTED_AT, resolveDueAt: null, resolution: 'fixed later', onTime: false,
      },
    });
    const producer = new EventProducer(kafka);
    await producer.publish([{ topic: topics.tickets, envelope: late }]);
    await producer.disconnect();
    await waitFor(async () => (await scoreOf(town))?.resolved === 25, { description: 'the live score to count the late event' });

    type Report = { assessmentReport: { score: { resolved: number }; adjustments: { eventId: string; subjectId: string; changes: { resolved: number } }[]; adjustedBy: { resolved: number } } };
    const reportQuery = `{ assessmentReport(unitId: "${town}", period: ${MONTH}) { score { resolved } adjustments { eventId subjectId changes { resolved } } adjustedBy { resolved } } }`;
    // candidates are written right after the counters: wait for them
    const report = await waitFor(
      async () => {
        const current = await query<Report>(reportQuery);
        return current.assessmentReport.adjustments.length === 4 && current;
      },
      { description: 'the late event to show as adjustments' },
    );
    expect(report.assessmentReport.score.resolved).toBe(24);
    expect(report.assessmentReport.adjustedBy.resolved).toBe(1);
    expect(report.assessmentReport.adjustments.map((adjustment) => adjustment.subjectId).sort()).toEqual([town, g3.handler, g3.id, g3.path[3]].sort());
    expect(new Set(report.assessmentReport.adjustments.map((adjustment) => adjustment.eventId))).toEqual(new Set([late.id]));

    // rebuild from offset 0 into a fresh generation while the service runs
    const before = { town: await scoreOf(town), g1: await scoreOf(g1.id), member: await scoreOf(g3.handler) };
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'services/assessment/dist/cli/rebuild.js')], {
      cwd: repoRoot,
      env: { ...process.env, ...env, MONGO_DB: `${database}_assessment`, LOG_LEVEL: 'warn' },
    });
    // 24 tickets × 4 events + 30 visits + the late resolution
    expect(stdout).toMatch(/assessment rebuilt into generation k-\w+ \(swapped in for g0\) from .*: 127 events in [\d.]+ s = \d+ events\/s/);
    // the service follows the pointer; the rebuilt state equals the live one, adjustments included
    await waitFor(async () => (await query<Report>(reportQuery)).assessmentReport.adjustments.length === 4 && (await scoreOf(town))?.resolved === 25, {
      description: 'the report to read the rebuilt generation',
    });
    expect({ town: await scoreOf(town), g1: await scoreOf(g1.id), member: await scoreOf(g3.handler) }).toEqual(before);
    // and it keeps counting new events in the new generation
    const after = createEvent(ticketResolved, { subject: 'late-ticket-2', aggregateVersion: 9, data: { ...late.data, ticketId: 'late-ticket-2' } });
    const producer2 = new EventProducer(kafka);
    await producer2.publish([{ topic: topics.tickets, envelope: after }]);
    await producer2.disconnect();
    await waitFor(async () => (await scoreOf(town))?.resolved === 26, { description: 'the new generation to count a new event' });
    // …because the service consumes into the generation the rebuild created (the CLI has exited)
    const generation = /generation (k-\w+)/.exec(stdout)?.[1] as string;
    const client = await MongoClient.connect(MONGO_URL);
    try {
      const db = client.db(`${database}_assessment`);
      expect(await readGeneration(db as never)).toMatchObject({ current: generation, previous: 'g0' });
      const store = new ProjectionStore(db as never, generation);
      // the service may still read g0 for up to one pointer poll; the new generation catches up from the rebuild's offsets
      await waitFor(async () => (await store.findRow({ kind: 'MONTH', key: '2026-11' }, town, ALL_UNITS))?.counters.resolved === 26, {
        description: 'the rebuilt generation to count the new event',
      });
    } finally {
      await client.close();
    }
  });
});
