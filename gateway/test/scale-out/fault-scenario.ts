// The closed loop under load with two instances of every subgraph while
// instances are SIGKILLed and restarted and a third consumer of visits and
// assessment joins mid-stream. Shared by the end-to-end test
// (two-instances.test.ts, a small load) and `npm run chaos` (a larger one).
//
// Every step is done through the gateway by the person whose job it is,
// signed in with their own password: the hotline operator reports and calls
// back, the village secretary accepts, dispatches and closes, the grid member
// starts and resolves. The driver is a client that survives faults as a
// person would: after any failed step it reads the ticket again and goes on
// from the state it finds (a step whose answer was lost may have happened).
import { authorizeStack, graphql, graphqlData, uniqueName, waitFor, type GraphQLResponse } from '@steward/testing';
import path from 'node:path';
import { startStack, type ProcessName } from '../../../tools/stack.cjs';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Headers = Record<string, string>;

const PASSWORD = 'fault-password-2026';
const SUBGRAPH_NAMES = ['org', 'members', 'tickets', 'visits', 'assessment', 'notifications'] as const;
const FIRST_INSTANCES_KILLED_LATER: ProcessName[] = ['tickets', 'visits'];

export interface FaultScenarioOptions {
  portOffset: number;
  /** tickets driven through the whole loop at least; the load goes on until every fault has happened and healed */
  tickets: number;
  /** tickets in flight at once */
  concurrency: number;
  /** written to stdout as the scenario goes (`npm run chaos`); the test stays quiet */
  log?: (line: string) => void;
}

export interface FaultEvent {
  atStep: number;
  action: string;
}

export interface FaultScenarioResult {
  /** tickets the driver reported (at least the `tickets` asked for: the load lasts until the faults are over) */
  tickets: number;
  /** tickets that reached CLOSED */
  closed: number;
  /** steps that failed (lost answers, refused connections, conflicts) and were re-read and retried, by error */
  retriedSteps: Record<string, number>;
  /** reports whose answer was lost, so the ticket may exist without the driver knowing it */
  lostReports: number;
  /** the village's tickets as the tickets subgraph lists them, by status */
  villageTicketsByStatus: Record<string, number>;
  /**
   * per driven ticket: its TICKET_HANDLING visits' statuses, and the progress notes
   * its timeline kept beside those the driver knows it added (confirmed) or may have (unknown)
   */
  perTicket: { ticketId: string; visits: string[]; notes: number; notesConfirmed: number; notesUnknown: number }[];
  handlerScore: ScoreView;
  /** the responsible village (tickets of category ROADS at a grid are the village's) */
  villageScore: ScoreView;
  faults: FaultEvent[];
  /** GraphQL steps the driver sent, failed ones included */
  totalSteps: number;
  wallSeconds: number;
}

export interface ScoreView {
  received: number;
  resolved: number;
  feedbacks: number;
  satisfied: number;
}

interface World {
  stack: Stack;
  url: string;
  township: string;
  village: string;
  grid: string;
  operator: Headers;
  secretary: Headers;
  gridMember: Headers;
  handlerId: string;
}

interface TicketView {
  id: string;
  status: string;
  version: number;
  feedback: { satisfaction: string } | null;
}

const TICKET = 'id status version feedback { satisfaction }';

/** The current month in Asia/Shanghai, the period the loop's scores land in. */
function monthKey(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Refusals a replica catching up may cause for a while (a unit or role not known yet); past this they are a failure. */
const REFUSAL_GRACE_MS = 90_000;
const REFUSALS = new Set(['FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED']);

/** Remembers since when one ticket's steps are refused, and fails the ticket when that lasts past the grace. */
class Refusals {
  private since: number | undefined;

  constructor(private readonly label: string) {}

  record(result: GraphQLResponse<unknown>): void {
    const error = result.errors?.[0];
    if (!REFUSALS.has(String(error?.extensions?.code))) {
      this.since = undefined;
      return;
    }
    this.since ??= Date.now();
    if (Date.now() - this.since > REFUSAL_GRACE_MS) throw new Error(`${this.label} refused for ${REFUSAL_GRACE_MS / 1000} s: ${error?.message}`);
  }

  clear(): void {
    this.since = undefined;
  }
}

/** A GraphQL call whose lost answer (a killed instance, a refused connection) comes back as an error instead of a throw. */
async function call<T>(url: string, query: string, variables: Record<string, unknown>, headers: Headers): Promise<GraphQLResponse<T>> {
  try {
    return await graphql<T>(url, query, variables, headers);
  } catch (error) {
    return { errors: [{ message: error instanceof Error ? error.message : String(error), extensions: { code: 'TRANSPORT' } }] };
  }
}

async function buildWorld(stack: Stack): Promise<World> {
  const url = stack.url as string;
  const unit = async (input: Record<string, unknown>) =>
    (await graphqlData<{ createOrgUnit: { id: string } }>(url, 'mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', { input })).createOrgUnit.id;
  const city = await unit({ level: 'CITY', name: '马鞍山市' });
  const district = await unit({ level: 'DISTRICT', name: '含山县', parentId: city });
  const township = await unit({ level: 'TOWNSHIP', name: '清溪镇', parentId: district });
  const village = await unit({ level: 'ADMIN_VILLAGE', name: '太平村', parentId: township });
  const grid = await unit({ level: 'GRID', name: '太平村第一网格', parentId: village });

  let counter = 0;
  const person = async (name: string, unitId: string, role: string) => {
    const phone = `137${String(Date.now()).slice(-6)}${String((counter += 1)).padStart(2, '0')}`;
    const { createMember } = await graphqlData<{ createMember: { id: string } }>(url, 'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }', {
      input: { name, phone, isPartyMember: true },
    });
    // members learns of new units from the org topic: retried until its replica (in either instance) has the unit
    await waitFor(
      async () => {
        const result = await graphql(url, 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }', { input: { memberId: createMember.id, unitId, role } });
        return !result.errors;
      },
      { description: `${name}'s role`, timeoutMs: 60_000 },
    );
    await graphqlData(url, 'mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id: createMember.id, p: PASSWORD });
    return { id: createMember.id, headers: await stack.login(phone, PASSWORD) };
  };
  const operator = await person('热线坐席', township, 'HOTLINE_OPERATOR');
  const secretary = await person('汤自迁', village, 'VILLAGE_SECRETARY');
  const gridMember = await person('汤晓琴', grid, 'GRID_MEMBER');
  return { stack, url, township, village, grid, operator: operator.headers, secretary: secretary.headers, gridMember: gridMember.headers, handlerId: gridMember.id };
}

/** Counts steps and failures; the fault plan reads the progress from it. */
class Progress {
  steps = 0;
  lostReports = 0;
  readonly retried: Record<string, number> = {};

  failed(step: string, result: GraphQLResponse<unknown>): void {
    const key = `${step}:${String(result.errors?.[0]?.extensions?.code ?? 'UNKNOWN')}`;
    this.retried[key] = (this.retried[key] ?? 0) + 1;
  }
}

/**
 * Drives one ticket from report to CLOSED. After a failed step the ticket is
 * read again and the loop goes on from its state, as a person refreshing the
 * page would; a report whose answer was lost is counted and reported again.
 */
/** A ticket the driver took to CLOSED, with the progress notes it added concurrently. */
interface DrivenTicket {
  id: string;
  /** notes whose addProgress answered success */
  notesConfirmed: number;
  /** notes whose answer was lost (they may or may not be stored) */
  notesUnknown: number;
}

const NOTES_PER_TICKET = 2;

/**
 * Adds NOTES_PER_TICKET progress notes to one ticket at the same time (two
 * people on two instances, without a version: the service itself must not
 * lose one). A CONFLICT is retried; a lost answer is counted, not retried.
 */
async function addNotesConcurrently(world: World, id: string, progress: Progress): Promise<{ confirmed: number; unknown: number }> {
  const outcomes = await Promise.all(
    Array.from({ length: NOTES_PER_TICKET }, async (_, note) => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const result = await call<{ addProgress: { id: string } }>(
          world.url,
          'mutation($id: ID!, $input: AddProgressInput!) { addProgress(id: $id, input: $input) { id } }',
          { id, input: { note: `进展 ${note + 1}` } },
          world.gridMember,
        );
        progress.steps += 1;
        if (result.data?.addProgress) return 'confirmed';
        progress.failed('addProgress', result);
        if (result.errors?.[0]?.extensions?.code !== 'CONFLICT') return 'unknown';
        await sleep(50 + Math.random() * 100);
      }
      return 'unknown';
    }),
  );
  return { confirmed: outcomes.filter((outcome) => outcome === 'confirmed').length, unknown: outcomes.filter((outcome) => outcome === 'unknown').length };
}

async function driveTicket(world: World, index: number, progress: Progress, deadline: number): Promise<DrivenTicket> {
  const { url } = world;
  const report = async (): Promise<string> => {
    const refusals = new Refusals(`the report of ticket ${index}`);
    for (;;) {
      if (Date.now() > deadline) throw new Error(`ticket ${index} was never reported`);
      const result = await call<{ reportTicket: TicketView }>(
        url,
        `mutation($input: ReportTicketInput!) { reportTicket(input: $input) { ${TICKET} } }`,
        { input: { title: `村道塌陷 #${index}`, category: 'ROADS', channel: 'HOTLINE', unitId: world.grid } },
        world.operator,
      );
      progress.steps += 1;
      if (result.data?.reportTicket) return result.data.reportTicket.id;
      progress.failed('report', result);
      refusals.record(result);
      if (result.errors?.[0]?.extensions?.code === 'TRANSPORT' || result.errors?.[0]?.extensions?.code === 'INTERNAL_SERVER_ERROR') progress.lostReports += 1;
      await sleep(200);
    }
  };
  const id = await report();

  const next = (ticket: TicketView): [string, string, Record<string, unknown>, Headers] | undefined => {
    switch (ticket.status) {
      case 'REPORTED':
        return ['acceptTicket', 'id: $id', { id }, world.secretary];
      case 'ACCEPTED':
        return ['dispatchTicket', 'id: $id, input: $dispatch', { id, dispatch: { handlerId: world.handlerId, unitId: world.grid } }, world.secretary];
      case 'DISPATCHED':
        return ['startTicket', 'id: $id', { id }, world.gridMember];
      case 'IN_PROGRESS':
        return ['resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: '已回填压实' } }, world.gridMember];
      case 'RESOLVED':
        return ticket.feedback
          ? ['closeTicket', 'id: $id', { id }, world.secretary]
          : ['recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'SATISFIED' } }, world.operator];
      case 'CLOSED':
        return undefined;
      default:
        throw new Error(`ticket ${id} reached ${ticket.status}, which the loop never asks for`);
    }
  };
  const types: Record<string, string> = { id: 'ID!', dispatch: 'DispatchTicketInput!', resolve: 'ResolveTicketInput!', feedback: 'FeedbackInput!', expectedVersion: 'Int' };

  const driven: DrivenTicket = { id, notesConfirmed: 0, notesUnknown: 0 };
  let notesAdded = false;
  const refusals = new Refusals(`ticket ${id}`);
  let ticket: TicketView | undefined;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`ticket ${id} stuck at ${ticket?.status ?? 'unknown'}`);
    if (!ticket) {
      const read = await call<{ ticket: TicketView }>(url, `query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id }, world.secretary);
      if (!read.data?.ticket) {
        progress.failed('read', read);
        await sleep(200);
        continue;
      }
      ticket = read.data.ticket;
    }
    if (ticket.status === 'IN_PROGRESS' && !notesAdded) {
      const notes = await addNotesConcurrently(world, id, progress);
      driven.notesConfirmed += notes.confirmed;
      driven.notesUnknown += notes.unknown;
      notesAdded = true;
      ticket = undefined; // the notes moved its version on
      continue;
    }
    const step = next(ticket);
    if (!step) return driven;
    const [field, stepArgs, stepVariables, headers] = step;
    // the version read guards the step: an answer lost after it happened makes a retry CONFLICT, never a second step
    const args = `${stepArgs}, expectedVersion: $expectedVersion`;
    const variables = { ...stepVariables, expectedVersion: ticket.version };
    const signature = Object.keys(variables).map((name) => `$${name}: ${types[name]}`).join(', ');
    const result = await call<Record<string, TicketView>>(url, `mutation(${signature}) { ${field}(${args}) { ${TICKET} } }`, variables, headers);
    progress.steps += 1;
    if (result.data?.[field]) {
      ticket = result.data[field];
      refusals.clear();
    } else {
      progress.failed(field, result);
      refusals.record(result);
      ticket = undefined;
      await sleep(200);
    }
  }
}

async function scoreOf(world: World, subjectId: string): Promise<ScoreView> {
  const { score } = await graphqlData<{ score: ScoreView | null }>(
    world.url,
    'query($id: ID!, $period: PeriodInput!) { score(subjectId: $id, period: $period) { received resolved feedbacks satisfied } }',
    { id: subjectId, period: { kind: 'MONTH', key: monthKey() } },
  );
  return score ?? { received: 0, resolved: 0, feedbacks: 0, satisfied: 0 };
}

interface TicketPage {
  tickets: { edges: { node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function villageTickets(world: World): Promise<{ id: string; status: string }[]> {
  const rows: { id: string; status: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: TicketPage = await graphqlData<TicketPage>(
      world.url,
      'query($filter: TicketFilter, $after: String) { tickets(filter: $filter, first: 100, after: $after) { edges { node { id status } } pageInfo { hasNextPage endCursor } } }',
      { filter: { within: world.village }, after },
    );
    rows.push(...page.tickets.edges.map((edge) => edge.node));
    if (!page.tickets.pageInfo.hasNextPage) return rows;
    after = page.tickets.pageInfo.endCursor;
  }
}

/** What the ticket shows at the end: its handling visits' statuses and how many progress notes its timeline kept. */
async function finalView(world: World, ticketId: string): Promise<{ visits: string[]; notes: number }> {
  const { ticket } = await graphqlData<{ ticket: { visits: { kind: string; status: string }[]; timeline: { action: string }[] } }>(
    world.url,
    'query($id: ID!) { ticket(id: $id) { visits { kind status } timeline { action } } }',
    { id: ticketId },
  );
  return {
    visits: ticket.visits.filter((visit) => visit.kind === 'TICKET_HANDLING').map((visit) => visit.status),
    notes: ticket.timeline.filter((entry) => entry.action === 'progress').length,
  };
}

/**
 * The faults, at fractions of the expected steps (7 per ticket): the second
 * instance of every subgraph is SIGKILLed and restarted, a third instance of
 * visits and of assessment joins (their consumer groups rebalance), then the
 * first instance of tickets and of visits is SIGKILLed and restarted.
 */
async function runFaults(stack: Stack, progress: Progress, expectedSteps: number, isDone: () => boolean, options: FaultScenarioOptions): Promise<FaultEvent[]> {
  const events: FaultEvent[] = [];
  const note = (action: string) => {
    events.push({ atStep: progress.steps, action });
    options.log?.(`[chaos] step ${progress.steps}/${expectedSteps}: ${action}`);
  };
  const reach = async (fraction: number) => {
    while (!isDone() && progress.steps < expectedSteps * fraction) await sleep(100);
  };

  // restarts wait for the instance's health in the background: the load goes on meanwhile
  const restarts: Promise<void>[] = [];
  await reach(0.2);
  const seconds = SUBGRAPH_NAMES.map((name): ProcessName => `${name}-2`);
  await Promise.all(seconds.map((name) => stack.kill(name, 'SIGKILL')));
  note(`SIGKILL ${seconds.join(', ')}`);
  await sleep(1_000);
  restarts.push(Promise.all(seconds.map((name) => stack.restart(name))).then(() => note(`restarted ${seconds.join(', ')}`)));

  await reach(0.4);
  restarts.push(Promise.all([stack.addInstance('visits'), stack.addInstance('assessment')]).then(() => note('a third instance of visits and of assessment joined')));

  await reach(0.6);
  await restarts[0]; // a rolling fault: the first instances go down only once the second ones are back
  await Promise.all(FIRST_INSTANCES_KILLED_LATER.map((name) => stack.kill(name, 'SIGKILL')));
  note(`SIGKILL ${FIRST_INSTANCES_KILLED_LATER.join(', ')} (the first instances)`);
  await sleep(1_000);
  restarts.push(Promise.all(FIRST_INSTANCES_KILLED_LATER.map((name) => stack.restart(name))).then(() => note(`restarted ${FIRST_INSTANCES_KILLED_LATER.join(', ')}`)));
  await Promise.all(restarts);
  return events;
}

export async function runFaultScenario(options: FaultScenarioOptions): Promise<FaultScenarioResult> {
  const started = Date.now();
  const databasePrefix = uniqueName('scale_faults').replace(/-/g, '_');
  const stack = await startStack({
    portOffset: options.portOffset,
    instances: 2,
    databasePrefix,
    logDir: path.join(__dirname, '../../../.local/logs', databasePrefix),
    timeoutMs: 300_000,
  });
  try {
    authorizeStack(stack);
    const world = await buildWorld(stack);
    options.log?.(`[chaos] stack up with two instances of each subgraph; driving ${options.tickets} tickets, ${options.concurrency} at a time`);

    const progress = new Progress();
    const deadline = Date.now() + 15 * 60_000;
    const driven: DrivenTicket[] = [];
    let nextIndex = 0;
    let done = false;
    let faultsOver = false;
    const worker = async () => {
      while (nextIndex < options.tickets || !faultsOver) {
        const index = (nextIndex += 1);
        driven.push(await driveTicket(world, index, progress, deadline));
      }
    };
    const faults = runFaults(stack, progress, options.tickets * 7, () => done, options).finally(() => (faultsOver = true));
    try {
      await Promise.all(Array.from({ length: options.concurrency }, worker));
    } finally {
      done = true;
    }
    const faultEvents = await faults;
    options.log?.(`[chaos] all ${driven.length} tickets closed; waiting for visits and scores to settle`);

    // The asynchronous effects settle: every visit completed, the handler credited for every ticket.
    // (A consumer group that lost a member waits out its session before it goes on.)
    await waitFor(
      async () => {
        for (const { id } of driven) if ((await finalView(world, id)).visits.join() !== 'COMPLETED') return false;
        return true;
      },
      { description: 'every ticket to show its completed visit', timeoutMs: 180_000, intervalMs: 1_000 },
    ).catch(() => undefined); // the assertions below show what is missing
    await waitFor(
      async () => {
        const score = await scoreOf(world, world.handlerId);
        return score.satisfied >= driven.length && score.resolved >= driven.length;
      },
      { description: 'the handler to be credited for every ticket', timeoutMs: 180_000, intervalMs: 1_000 },
    ).catch(() => undefined); // the assertions below show what is missing
    const perTicket: FaultScenarioResult['perTicket'] = [];
    for (const { id, notesConfirmed, notesUnknown } of driven) perTicket.push({ ticketId: id, ...(await finalView(world, id)), notesConfirmed, notesUnknown });

    const byStatus: Record<string, number> = {};
    for (const { status } of await villageTickets(world)) byStatus[status] = (byStatus[status] ?? 0) + 1;
    const result: FaultScenarioResult = {
      tickets: nextIndex,
      closed: driven.length,
      retriedSteps: progress.retried,
      lostReports: progress.lostReports,
      villageTicketsByStatus: byStatus,
      perTicket,
      handlerScore: await scoreOf(world, world.handlerId),
      villageScore: await scoreOf(world, world.village),
      faults: faultEvents,
      totalSteps: progress.steps,
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
    return result;
  } finally {
    await stack.stop();
  }
}
