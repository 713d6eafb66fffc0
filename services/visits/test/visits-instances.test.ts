// Two visits services on one database (two processes, as two replicas of a
// Deployment run): the overlap rule of a member's hand-logged visits holds
// across them, whichever instance takes which request.
import { publishWorld, startVisits, VisitsClient, waitForWorld, type People, type Place, type VisitsHarness } from './visits-harness';

/** A local (Asia/Shanghai) wall-clock time as an ISO instant. */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`).toISOString();

/** Concurrent attempts per race, spread over both instances. */
const ATTEMPTS = 8;

interface Outcome {
  id?: string;
  code?: unknown;
  rule?: unknown;
}

describe('visits with two instances on one database', () => {
  const harnesses: VisitsHarness[] = [];
  let clients: VisitsClient[];
  let place: Place;
  let people: People;

  beforeAll(async () => {
    const first = await startVisits({ portOffset: 1600, prefixBase: 'v2i' });
    harnesses.push(first);
    harnesses.push(await startVisits({ portOffset: 1650, prefix: first.prefix }));
    clients = harnesses.map((harness) => new VisitsClient(harness.url));
    ({ place, people } = await publishWorld(first.producer, first.prefix));
    for (const client of clients) await waitForWorld(client, place, people);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(harnesses.map((harness) => harness.close()));
  });

  async function race(request: (client: VisitsClient, attempt: number) => Promise<{ data?: Record<string, { id: string }> | null; errors?: { extensions?: Record<string, unknown> }[] }>): Promise<Outcome[]> {
    const results = await Promise.all(Array.from({ length: ATTEMPTS }, (_, attempt) => request(clients[attempt % clients.length], attempt)));
    return results.map((result) => {
      const [field] = Object.values(result.data ?? {});
      const error = result.errors?.[0]?.extensions;
      return field ? { id: field.id } : { code: error?.code, rule: error?.rule };
    });
  }

  /** One success; every other attempt refused by the overlap rule, or told to retry while the member's claim was held. */
  function expectOneThrough(outcomes: Outcome[]): string {
    const through = outcomes.filter((outcome) => outcome.id);
    expect(through).toHaveLength(1);
    for (const refused of outcomes.filter((outcome) => !outcome.id)) {
      expect([{ code: 'BAD_USER_INPUT', rule: 'VISIT_OVERLAP' }, { code: 'CONFLICT', rule: undefined }]).toContainEqual(refused);
    }
    return through[0].id as string;
  }

  it('logs one of several overlapping visits of a member sent to both instances at once', async () => {
    const days = ['2026-11-02', '2026-11-03', '2026-11-04'];
    const logged: string[] = [];
    for (const day of days) {
      const outcomes = await race((client) =>
        client.request(`mutation($input: LogVisitInput!) { logVisit(input: $input) { id } }`, {
          input: { memberId: people.instructor, gridId: place.g1, startedAt: local(`${day}T09:00:00`), endedAt: local(`${day}T10:00:00`) },
        }),
      );
      logged.push(expectOneThrough(outcomes));
    }
    const stored = await harnesses[0].visits.find({ memberId: people.instructor, ticketId: null }, { projection: { _id: 1 } }).toArray();
    expect(stored.map((doc) => String(doc._id)).sort()).toEqual([...logged].sort());
  });

  it('starts one of several planned visits of a member started at the same moment through both instances', async () => {
    const planned: string[] = [];
    for (let n = 0; n < ATTEMPTS; n += 1) {
      const data = await clients[n % clients.length].data<{ logVisit: { id: string } }>(`mutation($input: LogVisitInput!) { logVisit(input: $input) { id } }`, {
        input: { memberId: people.staff, gridId: place.g1 },
      });
      planned.push(data.logVisit.id);
    }
    const outcomes = await race((client, attempt) =>
      client.request(`mutation($id: ID!, $at: DateTime) { startVisit(id: $id, startedAt: $at) { id } }`, { id: planned[attempt], at: local('2026-11-05T09:00:00') }),
    );
    const started = expectOneThrough(outcomes);
    const inProgress = await harnesses[1].visits.find({ memberId: people.staff, status: 'IN_PROGRESS' }, { projection: { _id: 1 } }).toArray();
    expect(inProgress.map((doc) => String(doc._id))).toEqual([started]);
  });
});
