// Weekly duty verdicts end to end on real FerretDB and Kafka: visits logged
// for an ended week, the week evaluated twice (one verdict per member on the
// visits topic), a visit logged late (one revision), and assessment counting
// the verdicts into weeks / compliantWeeks without counting a week twice.
import { Topics } from '@steward/events';
import { graphqlData } from '@steward/testing';
import {
  ownRecords,
  publishWorld,
  readTopic,
  startVisits,
  VisitsClient,
  waitForConsumed,
  waitForOutboxes,
  waitForWorld,
  type People,
  type Place,
  type TopicRecord,
  type VisitsHarness,
} from './visits-harness';

const local = (dateTime: string) => new Date(`${dateTime}+08:00`).toISOString();

/**
 * 2026-W10: Monday 2 to Sunday 8 March 2026, local time; long over, and
 * older than the recent weeks that long-running stacks evaluate by
 * themselves for every member on the shared topics, this stack's included.
 */
const WEEK = '2026-W10';
const EVALUATE = `mutation($week: String!, $within: ID) {
  evaluateCompliance(week: $week, within: $within) { week members issued revised unchanged skipped }
}`;

interface Evaluation {
  week: string;
  members: number;
  issued: number;
  revised: number;
  unchanged: number;
  skipped: number;
}

interface VerdictData {
  memberId: string;
  unitId: string;
  orgPath: string[];
  week: string;
  required: number;
  achieved: number;
  compliant: boolean;
  previousCompliant: boolean | null;
  duties: { unitId: string; role: string; required: number; achieved: number; compliant: boolean }[];
}

describe('weekly duty verdicts', () => {
  let harness: VisitsHarness;
  let client: VisitsClient;
  let place: Place;
  let people: People;

  beforeAll(async () => {
    harness = await startVisits({ portOffset: 650, only: ['visits', 'assessment'] });
    client = new VisitsClient(harness.url);
    ({ place, people } = await publishWorld(harness.producer, harness.prefix));
    await waitForWorld(client, place, people);
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function logged(input: Record<string, unknown>): Promise<void> {
    const result = await client.request(`mutation($input: LogVisitInput!) { logVisit(input: $input) { id } }`, { input });
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  }

  const evaluate = async () => (await client.data<{ evaluateCompliance: Evaluation }>(EVALUATE, { week: WEEK, within: place.city })).evaluateCompliance;

  const subjectOf = (memberId: string) => `compliance:${memberId}:${WEEK}`;

  /**
   * The verdict events this stack's service published for our members, once
   * its relays have published everything pending (another stack's service may
   * issue verdicts under the same subjects: see ownRecords).
   */
  async function publishedVerdicts(): Promise<Map<string, TopicRecord<VerdictData>[]>> {
    await waitForOutboxes(harness);
    const subjects = new Set([people.instructor, people.staff, people.assistant, people.handler, people.stranger].map(subjectOf));
    const bySubject = new Map<string, TopicRecord<VerdictData>[]>();
    for (const read of await ownRecords<VerdictData>(harness, await readTopic(harness.kafka, Topics.visitEvents))) {
      if (!subjects.has(read.envelope.subject)) continue;
      bySubject.set(read.envelope.subject, [...(bySubject.get(read.envelope.subject) ?? []), read]);
    }
    return bySubject;
  }

  async function scoreOf(subjectId: string, kind: 'WEEK' | 'MONTH' | 'YEAR', key: string) {
    const { score } = await graphqlData<{ score: { weeks: number; compliantWeeks: number; complianceRate: number | null } | null }>(
      harness.subgraphUrl('assessment'),
      `query($id: ID!, $period: PeriodInput!) { score(subjectId: $id, period: $period) { weeks compliantWeeks complianceRate } }`,
      { id: subjectId, period: { kind, key } },
    );
    return score;
  }

  /** Waits until assessment has consumed past every verdict event read. */
  async function assessmentConsumed(verdicts: Map<string, { partition: number; offset: bigint }[]>): Promise<void> {
    const last = new Map<number, bigint>();
    for (const { partition, offset } of [...verdicts.values()].flat()) {
      if ((last.get(partition) ?? -1n) < offset) last.set(partition, offset);
    }
    // assessment's scoring group, named `<database>.ticket-scores` (see its projection/generation.ts)
    await waitForConsumed(harness.kafka, `${harness.prefix}_assessment.ticket-scores`, Topics.visitEvents, last);
  }

  it('refuses a malformed week, a week not yet ended and an unknown unit, and stores nothing', async () => {
    const { weeklyCompliance } = await client.data<{ weeklyCompliance: { week: string }[] }>(`query($m: ID!) { weeklyCompliance(memberId: $m) { week } }`, {
      m: people.staff,
    });
    const currentWeek = weeklyCompliance[0].week;
    for (const [week, within, code] of [
      ['2026-W54', place.city, 'BAD_USER_INPUT'],
      ['2026-46', place.city, 'BAD_USER_INPUT'],
      [currentWeek, place.city, 'BAD_USER_INPUT'],
      ['2099-W01', place.city, 'BAD_USER_INPUT'],
      [WEEK, 'no-such-unit', 'NOT_FOUND'],
    ]) {
      const result = await client.request(EVALUATE, { week, within });
      expect({ week, code: result.errors?.[0].extensions?.code }).toEqual({ week, code });
    }
    expect(await harness.verdicts.countDocuments({})).toBe(0);
  });

  it('issues one verdict per member with a duty, however often and concurrently the week is evaluated', async () => {
    // instructor: one visit in each of the two grids (met); village staff: one day of the two required (missed)
    await logged({ memberId: people.instructor, gridId: place.g1, startedAt: local('2026-03-03T09:00:00'), endedAt: local('2026-03-03T10:00:00') });
    await logged({ memberId: people.instructor, gridId: place.g2, startedAt: local('2026-03-04T09:00:00'), endedAt: local('2026-03-04T10:00:00') });
    await logged({ memberId: people.staff, gridId: place.g1, startedAt: local('2026-03-02T09:00:00'), endedAt: local('2026-03-02T10:00:00') });

    // the assistant's duty starts in 2026-W47, the grid member's role has no rule, the stranger holds nothing
    // two evaluations at once (as two instances would run them), then a third: the first verdicts are issued once
    const racing = await Promise.all([evaluate(), evaluate()]);
    for (const summary of racing) expect(summary).toMatchObject({ week: WEEK, members: 2, revised: 0, skipped: 0 });
    expect(racing.map((summary) => [summary.issued + summary.unchanged])).toEqual([[2], [2]]);
    expect(racing[0].issued + racing[1].issued).toBe(2);
    expect(await evaluate()).toEqual({ week: WEEK, members: 2, issued: 0, revised: 0, unchanged: 2, skipped: 0 });

    const verdicts = await publishedVerdicts();
    expect([...verdicts.keys()].sort()).toEqual([subjectOf(people.instructor), subjectOf(people.staff)].sort());
    const instructor = verdicts.get(subjectOf(people.instructor)) ?? [];
    const staff = verdicts.get(subjectOf(people.staff)) ?? [];
    expect(instructor.map(({ envelope }) => envelope.aggregateversion)).toEqual([1]);
    expect(staff.map(({ envelope }) => envelope.aggregateversion)).toEqual([1]);
    expect(instructor[0].envelope).toMatchObject({
      type: 'steward.visit.compliance-evaluated.v1',
      // an instructor of two grids is credited to the village holding both
      data: { memberId: people.instructor, unitId: place.village, orgPath: [place.city, place.village], week: WEEK, required: 2, achieved: 2, compliant: true, previousCompliant: null },
    });
    expect(staff[0].envelope.data).toMatchObject({ unitId: place.village, required: 2, achieved: 1, compliant: false, previousCompliant: null });
    expect(staff[0].envelope.data.duties).toEqual([{ unitId: place.village, role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', required: 2, achieved: 1, compliant: false }]);

    // assessment counts each member's week once; the rate is no longer null
    await assessmentConsumed(verdicts);
    expect(await scoreOf(people.instructor, 'WEEK', WEEK)).toEqual({ weeks: 1, compliantWeeks: 1, complianceRate: 1 });
    expect(await scoreOf(people.staff, 'MONTH', '2026-03')).toEqual({ weeks: 1, compliantWeeks: 0, complianceRate: 0 });
    expect(await scoreOf(place.village, 'MONTH', '2026-03')).toEqual({ weeks: 2, compliantWeeks: 1, complianceRate: 0.5 });
  });

  it('revises a verdict once when a visit logged late changes the week, and assessment corrects without counting the week again', async () => {
    // a second day for the village staff, logged after the verdict
    await logged({ memberId: people.staff, gridId: place.g2, startedAt: local('2026-03-06T15:00:00'), endedAt: local('2026-03-06T16:00:00') });
    expect(await evaluate()).toEqual({ week: WEEK, members: 2, issued: 0, revised: 1, unchanged: 1, skipped: 0 });
    expect(await evaluate()).toEqual({ week: WEEK, members: 2, issued: 0, revised: 0, unchanged: 2, skipped: 0 });

    const verdicts = await publishedVerdicts();
    expect((verdicts.get(subjectOf(people.instructor)) ?? []).map(({ envelope }) => envelope.aggregateversion)).toEqual([1]);
    const staff = verdicts.get(subjectOf(people.staff)) ?? [];
    expect(staff.map(({ envelope }) => envelope.aggregateversion)).toEqual([1, 2]);
    expect(staff[1].envelope.data).toMatchObject({ unitId: place.village, required: 2, achieved: 2, compliant: true, previousCompliant: false });

    await assessmentConsumed(verdicts);
    expect(await scoreOf(people.staff, 'WEEK', WEEK)).toEqual({ weeks: 1, compliantWeeks: 1, complianceRate: 1 });
    expect(await scoreOf(place.village, 'MONTH', '2026-03')).toEqual({ weeks: 2, compliantWeeks: 2, complianceRate: 1 });
    expect(await scoreOf(place.city, 'YEAR', '2026')).toEqual({ weeks: 2, compliantWeeks: 2, complianceRate: 1 });
  });
});
