// The dashboard reads of a township at city scale (issue 9 item 5, issue 4):
// the city profile in databases of its own (benchcity_*, loaded once and kept),
// the stack on them, a few hundred tickets reported through the gateway in
// the measured township, then one connection, request after request, for
// each read as the administrator (scope ALL: no scope filter) and as a
// township dispatcher of that township (scope UNITS: tickets AND `accessPath $in
// [township]`; reads below the township need no scope condition, see scopeBelow
// in shared/auth). Then the same read straight at its subgraph, and
// the underlying Mongo queries timed and explained through the driver, to
// say where the time goes.
import { MongoClient } from 'mongodb';
import { ensureCity } from '../lib/city.mjs';
import { currentMonthKey, DISPATCH, reportAccepted } from '../lib/fixtures.mjs';
import { eventually, gql } from '../lib/graphql.mjs';
import { summarize } from '../lib/stats.mjs';
import { BENCH_DB_PREFIX, startBenchStack } from '../lib/stack.mjs';

export const description = 'township dashboard reads at city scale: p50/p95/p99 per read, as the administrator and as a township dispatcher';
/** The runner skips its shared stack and fixtures: this benchmark starts its own stack on the city's databases. */
export const needsFixtures = false;

const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const SEED = 1;
const TOWNSHIP = '清溪镇';
const VILLAGE = '太平村';
const DISPATCHER_PASSWORD = 'Bench-city-reads-2026';
/** A read slower than this is measured only twice, warm-up included (and said so). */
const SLOW_MS = 30_000;

const FULL = { warmup: 2, repetitions: 3, requests: 10, tickets: 200, cellBudgetSeconds: 40, direct: 5, mongo: 2 };
const QUICK = { warmup: 1, repetitions: 1, requests: 3, tickets: 30, cellBudgetSeconds: 15, direct: 2, mongo: 1 };

/** The reads, each owned by one subgraph (`direct` is the same field asked of it, without the gateway). */
function readsOf(place) {
  const period = { kind: 'MONTH', key: currentMonthKey() };
  const t = { t: place.township.id };
  return [
    {
      read: 'ticketStats(within: township)', subgraph: 'tickets', variables: t,
      query: 'query($t: ID!) { ticketStats(within: $t) { received accepted resolved overdue completionRate } }',
      size: (d) => d.ticketStats.received,
    },
    {
      read: 'ranking(villages of township, month)', subgraph: 'assessment', variables: { ...t, p: period },
      query: 'query($t: ID!, $p: PeriodInput!) { ranking(parentId: $t, level: ADMIN_VILLAGE, period: $p, first: 50) { totalCount edges { node { subjectId received score rank } } } }',
      size: (d) => d.ranking.totalCount,
    },
    {
      read: 'weeklyCompliance(within: township)', subgraph: 'visits', variables: t,
      query: 'query($t: ID!) { weeklyCompliance(within: $t) { week compliant member { id name } } }',
      // the subgraph alone cannot give the member's name (members owns it)
      direct: 'query($t: ID!) { weeklyCompliance(within: $t) { week compliant member { id } } }',
      size: (d) => d.weeklyCompliance.length,
    },
    {
      read: 'tickets(within: township, overdue)', subgraph: 'tickets', variables: t,
      query: 'query($t: ID!) { tickets(filter: {within: $t, overdue: true}, first: 20) { totalCount edges { node { id status } } } }',
      size: (d) => d.tickets.totalCount,
    },
    // the reads on the big collections last: at city scale some take minutes
    {
      read: 'orgUnits(within: township)', subgraph: 'org', variables: t,
      query: 'query($t: ID!) { orgUnits(filter: {within: $t}, first: 20) { totalCount edges { node { id name level } } } }',
      size: (d) => d.orgUnits.totalCount,
    },
    {
      read: 'members(within: township)', subgraph: 'members', variables: t,
      query: 'query($t: ID!) { members(filter: {within: $t}, first: 20) { totalCount edges { node { id name } } } }',
      size: (d) => d.members.totalCount,
    },
    {
      read: 'households(within: village)', subgraph: 'members', variables: { v: place.village.id },
      query: 'query($v: ID!) { households(filter: {within: $v}, first: 20) { totalCount edges { node { id size tags } } } }',
      size: (d) => d.households.totalCount,
    },
  ];
}

/** The measured township, a village of it, its active dispatcher and a handler per grid, from the generated city. */
function placeOf(city) {
  const units = new Map(city.units.map((unit) => [unit._id, unit]));
  const townships = city.units.filter((unit) => unit.level === 'TOWNSHIP');
  const township = townships.find((unit) => unit.name === TOWNSHIP) ?? townships[0];
  const villages = city.units.filter((unit) => unit.level === 'ADMIN_VILLAGE' && unit.parentId === township._id);
  const village = villages.find((unit) => unit.name === VILLAGE) ?? villages[0];
  const grids = city.units.filter((unit) => unit.level === 'GRID' && unit.ancestors.includes(township._id));
  const active = (role, unitId) => (member) => member.assignments.some((a) => a.role === role && a.unitId === unitId && a.to === null);
  const dispatcher = city.members.find(active('TOWNSHIP_DISPATCHER', township._id));
  const handlers = grids
    .map((grid) => ({ id: grid._id, village: grid.ancestors.find((id) => units.get(id)?.level === 'ADMIN_VILLAGE'), handlerId: city.members.find(active('GRID_LEADER', grid._id))?._id }))
    .filter((grid) => grid.handlerId);
  return {
    township: { id: township._id, name: township.name, ancestors: township.ancestors },
    village: { id: village._id, name: village.name, households: village.households },
    villages: villages.length,
    grids: handlers,
    dispatcher: { id: dispatcher._id, name: dispatcher.name, phone: dispatcher.phone },
  };
}

/** HOTLINE tickets on the township's grids, all accepted, every other one dispatched to the grid's leader (set-up: a few at a time). */
async function reportTickets(api, grids, count, concurrency = 4) {
  const startedAt = Date.now();
  let next = 0;
  let dispatched = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const grid = grids[(i * 7) % grids.length];
      try {
        const id = await reportAccepted(api, grid, `城市基准工单 ${i + 1}`);
        if (i % 2 === 0) {
          await eventually(() => api.call(DISPATCH, { id, input: { handlerId: grid.handlerId } }));
          dispatched += 1;
        }
      } catch (error) {
        failures.push(error.message);
      }
    }
  };
  const failures = [];
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failures.length === count) throw new Error(`no ticket could be reported: ${failures[0]}`);
  return { reported: count - failures.length, dispatched, failures, seconds: (Date.now() - startedAt) / 1000 };
}

async function timed(url, query, variables, headers) {
  const start = performance.now();
  const data = await gql(url, query, variables, headers());
  return { ms: performance.now() - start, data };
}

/**
 * Warm-up, then repetitions of sequential requests; fewer requests when one
 * takes long (the cell stays near its time budget), two in all past SLOW_MS.
 */
async function measureCell(url, spec, headers, settings) {
  let size;
  let slowest = 0;
  for (let i = 0; i < settings.warmup; i += 1) {
    const { ms, data } = await timed(url, spec.query, spec.variables, headers);
    size = spec.size(data);
    slowest = Math.max(slowest, ms);
    if (ms > SLOW_MS) break;
  }
  let { repetitions, requests } = settings;
  let capped = null;
  if (slowest > SLOW_MS) {
    repetitions = 1;
    requests = 1;
    capped = `over ${SLOW_MS / 1000} s per request: the warm-up and 1 request only`;
  } else {
    const fit = Math.floor((settings.cellBudgetSeconds * 1000) / (slowest * repetitions));
    if (fit < requests) {
      requests = Math.max(2, fit);
      capped = `${requests} requests per repetition (warm-up took ${(slowest / 1000).toFixed(1)} s)`;
    }
  }
  const reps = [];
  for (let rep = 0; rep < repetitions; rep += 1) {
    const samples = [];
    for (let i = 0; i < requests; i += 1) samples.push((await timed(url, spec.query, spec.variables, headers)).ms);
    reps.push(samples);
  }
  const all = reps.flat();
  return { ...summarize(all), size, repetitions, requests, repP50: reps.map((samples) => summarize(samples).p50), capped };
}

/** The same field straight at its subgraph, with the principal's signed context (no gateway, no federation). */
async function measureDirect(stack, spec, principal, count) {
  const url = stack.subgraphUrl(spec.subgraph);
  const headers = () => stack.signedHeaders(principal);
  const query = spec.direct ?? spec.query;
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    const { ms } = await timed(url, query, spec.variables, headers);
    samples.push(ms);
    if (ms > SLOW_MS) break;
  }
  return summarize(samples);
}

/**
 * The Mongo queries behind the reads on the big collections, as the
 * repositories build them (org-unit.repository, member.repository,
 * household.repository, ticket-store), timed through the driver and
 * explained by FerretDB (pushdown flags and the SQLite plan).
 */
function mongoQueries(place, prefix) {
  const t = place.township.id;
  const v = place.village.id;
  // A subtree inside the caller's units carries no scope condition (scopeBelow in shared/auth): the
  // township dispatcher's org, member and household reads below their township are the ALL shapes.
  const orgAll = { ancestors: t };
  const at = new Date();
  // members: the candidates by the indexed unitPaths, the active assignment checked in code
  const memberCandidates = { unitPaths: t };
  const households = { orgPath: v };
  const pastDue = [{ status: 'REPORTED', acceptDueAt: { $lt: at } }, { status: { $in: ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'] }, resolveDueAt: { $lt: at } }];
  const tickets = { $and: [{ accessPath: t }, { $or: [{ overdue: true }, ...pastDue] }] };
  const ticketsScoped = { $and: [tickets, { accessPath: { $in: [t] } }] };
  const find = (db, collection, filter) => ({ kind: 'find', db: `${prefix}_${db}`, collection, filter });
  const count = (db, collection, filter) => ({ kind: 'count', db: `${prefix}_${db}`, collection, filter });
  const candidates = (db, collection, filter, projection) => ({ kind: 'candidates', db: `${prefix}_${db}`, collection, filter, projection });
  return [
    { read: 'orgUnits(within: township)', scope: 'ALL or own township', ops: [find('org', 'org_units', orgAll), count('org', 'org_units', orgAll)] },
    { read: 'members(within: township)', scope: 'ALL or own township', ops: [candidates('members', 'members', memberCandidates, { assignments: 1 })] },
    { read: 'households(within: village)', scope: 'ALL or own township', ops: [find('members', 'households', households), count('members', 'households', households)] },
    { read: 'tickets(within: township, overdue)', scope: 'ALL', ops: [find('tickets', 'tickets', tickets), count('tickets', 'tickets', tickets)] },
    { read: 'tickets(within: township, overdue)', scope: 'township', ops: [find('tickets', 'tickets', ticketsScoped), count('tickets', 'tickets', ticketsScoped)] },
  ];
}

async function runOp(mongo, op) {
  const collection = mongo.db(op.db).collection(op.collection);
  if (op.kind === 'find') return collection.find(op.filter).sort({ _id: 1 }).limit(21).toArray();
  if (op.kind === 'count') return collection.countDocuments(op.filter);
  return collection.find(op.filter, { projection: op.projection }).sort({ _id: 1 }).toArray();
}

async function explainOp(mongo, op) {
  const command =
    op.kind === 'find' ? { find: op.collection, filter: op.filter, sort: { _id: 1 }, limit: 21 }
      // the driver's countDocuments is this aggregation
      : op.kind === 'count' ? { aggregate: op.collection, pipeline: [{ $match: op.filter }, { $group: { _id: 1, n: { $sum: 1 } } }], cursor: {} }
        : { find: op.collection, filter: op.filter, projection: op.projection, sort: { _id: 1 } };
  try {
    const result = await mongo.db(op.db).command({ explain: command });
    const plan = result.queryPlanner?.Plan ?? result.queryPlanner ?? [];
    return {
      filterPushdown: result.filterPushdown ?? result.pushdown ?? null,
      sortPushdown: result.sortPushdown ?? null,
      plan: (Array.isArray(plan) ? plan : [JSON.stringify(plan)]).map((line) => String(line).replace(/^id=\d+ parent=\d+ notused=\d+ detail=/, '')),
    };
  } catch (error) {
    return { error: error.message };
  }
}

/** "index <name>" when SQLite searched an index, "full scan" otherwise (the whole plan is in the JSON). */
function planSummary(explain) {
  if (explain.error) return `explain failed: ${explain.error}`;
  const index = explain.plan.map((line) => /USING INDEX (\S+)/.exec(line)?.[1]).find(Boolean);
  return `filter pushdown ${explain.filterPushdown}, ${index ? `index ${index}` : 'full scan'}`;
}

async function attribute(place, prefix, times) {
  const mongo = await MongoClient.connect(MONGO_URL);
  try {
    const results = [];
    for (const entry of mongoQueries(place, prefix)) {
      const ops = [];
      for (const op of entry.ops) {
        const samples = [];
        let rows;
        for (let i = 0; i < times; i += 1) {
          const start = performance.now();
          rows = await runOp(mongo, op);
          samples.push(performance.now() - start);
          if (samples.at(-1) > SLOW_MS) break;
        }
        ops.push({ kind: op.kind, collection: `${op.db}.${op.collection}`, filter: op.filter ?? op.pipeline, result: Array.isArray(rows) ? rows.length : rows, ms: summarize(samples).p50, explain: await explainOp(mongo, op) });
      }
      results.push({ read: entry.read, scope: entry.scope, ops });
    }
    return results;
  } finally {
    await mongo.close();
  }
}

/**
 * Signs the township dispatcher in; the administrator gives the password first when the dispatcher has none (a loaded
 * city is reused: setting it again would be a reset, after which a sign-in carries no roles until the password is changed).
 * Returns headers and the principal the gateway signs.
 */
async function dispatcherOf(stack, dispatcher) {
  const authorization = await stack.login(dispatcher.phone, DISPATCHER_PASSWORD).catch(async () => {
    await stack.api.call('mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id: dispatcher.id, p: DISPATCHER_PASSWORD });
    return stack.login(dispatcher.phone, DISPATCHER_PASSWORD);
  });
  const { me } = await gql(stack.url, '{ me { id kind grants { role unitId } } }', {}, authorization);
  return { authorization, principal: { kind: 'MEMBER', id: me.id, name: dispatcher.name, grants: me.grants } };
}

export async function run({ options }) {
  const quick = options.repetitions === 1;
  // --quick measures the city when it is loaded already, and otherwise loads the small profile into databases of its own
  // (with another seed: its ids never overwrite the city's on the state topics).
  // The databases are named after BENCH_DB_PREFIX (benchcity_* by default), so a second bench beside this one keeps its own city.
  const cityPrefix = `${BENCH_DB_PREFIX}city`;
  const city = quick ? await ensureCity({ profile: 'city', seed: SEED, dbPrefix: cityPrefix, load: false }) : null;
  const profile = quick && !city.counts ? 'small' : 'city';
  const seed = profile === 'city' ? SEED : SEED + 1;
  return measureCityReads({ profile, seed, prefix: profile === 'city' ? cityPrefix : `${BENCH_DB_PREFIX}small`, settings: quick ? QUICK : FULL });
}

/** Loads (unless there) and measures one profile; the seed picks the ids, so another seed never collides on the state topics. */
export async function measureCityReads({ profile, seed, prefix, settings, only }) {
  const load = await ensureCity({ profile, seed, dbPrefix: prefix });
  const place = placeOf(load.city);
  console.log(`[bench] ${profile}: ${place.township.name} (${place.villages} villages, ${place.grids.length} grids), households of ${place.village.name}, dispatcher ${place.dispatcher.name}`);

  console.log(`[bench] starting the stack on ${prefix}_org / ${prefix}_members (the others fresh) …`);
  const startedAt = Date.now();
  const stack = await startBenchStack({ databasePrefix: prefix, keep: ['org', 'members'], timeoutMs: 600_000 });
  const stackSeconds = (Date.now() - startedAt) / 1000;
  try {
    const dispatcher = await dispatcherOf(stack, place.dispatcher);
    console.log(`[bench] stack up in ${stackSeconds.toFixed(0)} s; reporting ${settings.tickets} tickets in ${place.township.name} …`);
    const tickets = await reportTickets(stack.api, place.grids, settings.tickets);
    const reads = readsOf(place).filter((spec) => !only || only.includes(spec.read));
    const principals = [
      { label: 'admin (ALL)', headers: () => stack.authorization, principal: { kind: 'ADMIN', id: 'admin' } },
      { label: 'township dispatcher', headers: () => dispatcher.authorization, principal: dispatcher.principal },
    ];
    // the assessment projection follows the events (a new group reads the ticket topic from offset 0): wait until it has counted every ticket
    const waitStart = Date.now();
    const counted = await eventually(async () => {
      const ranking = readsOf(place).find((spec) => spec.read.startsWith('ranking'));
      const data = await gql(stack.url, ranking.query, ranking.variables, stack.authorization);
      const received = data.ranking.edges.reduce((sum, edge) => sum + edge.node.received, 0);
      if (received < tickets.reported) throw new Error(`assessment has counted ${received} of ${tickets.reported} tickets`);
      return `assessment counted all ${received} tickets ${((Date.now() - waitStart) / 1000).toFixed(0)} s after the last report`;
    }, { timeoutMs: 600_000, intervalMs: 2_000 }).catch((error) => `measured before the projection caught up: ${error.message}`);
    console.log(`[bench] ${counted}`);

    const cells = [];
    for (const spec of reads) {
      for (const who of principals) {
        // a request past the client's 300 s header timeout fails: say so and go on with the other reads
        const gateway = await measureCell(stack.url, spec, who.headers, settings).catch((error) => ({
          ...summarize([]), size: null, capped: `failed: ${error.cause?.code ?? error.message}`,
        }));
        // a read past SLOW_MS is not asked of its subgraph too: the gateway adds little to such a read
        const direct = gateway.p50 > SLOW_MS ? summarize([]) : await measureDirect(stack, spec, who.principal, gateway.capped ? 1 : settings.direct);
        cells.push({ read: spec.read, principal: who.label, gateway, direct });
        console.log(`[bench] ${spec.read} as ${who.label}: p50 ${gateway.p50.toFixed(0)} ms, p95 ${gateway.p95.toFixed(0)} ms (${gateway.count} requests; subgraph alone p50 ${direct.p50.toFixed(0)} ms)${gateway.capped ? ` — ${gateway.capped}` : ''}`);
      }
    }
    console.log('[bench] timing the underlying Mongo queries …');
    const mongo = settings.mongo > 0 ? await attribute(place, prefix, settings.mongo) : [];

    const rows = cells.map(({ read, principal, gateway, direct }) => ({
      read,
      as: principal,
      rows: gateway.size,
      n: gateway.count,
      'p50 ms': gateway.p50,
      'p95 ms': gateway.p95,
      'p99 ms': gateway.p99,
      'subgraph p50': direct.p50,
    }));
    const notes = [
      `${profile} profile (seed ${seed}) in ${prefix}_org/${prefix}_members: ${JSON.stringify(load.counts)}${load.loaded ? `, loaded in ${load.seconds.toFixed(0)} s` : ' (already loaded)'}`,
      `township ${place.township.name} (${place.township.id}), ${place.villages} villages, ${place.grids.length} grids; households of ${place.village.name} (${place.village.households})`,
      `${tickets.reported} HOTLINE tickets reported and accepted${tickets.failures.length ? ` (${tickets.failures.length} failed: ${tickets.failures[0]})` : ''}, ${tickets.dispatched} dispatched, in ${tickets.seconds.toFixed(0)} s; ${counted}; stack start ${stackSeconds.toFixed(0)} s`,
      `1 connection through the gateway; ${settings.warmup} warm-up, then ${settings.repetitions} × ${settings.requests} requests (pooled percentiles); "subgraph p50": the field asked of its subgraph directly`,
      ...cells.filter((cell) => cell.gateway.capped).map((cell) => `${cell.read} as ${cell.principal}: ${cell.gateway.capped}`),
      ...mongo.map((entry) => `mongo ${entry.read} [${entry.scope}]: ${entry.ops.map((op) => `${op.kind} ${op.ms.toFixed(0)} ms (${op.result}; ${planSummary(op.explain)})`).join('; ')}`),
    ];
    return { rows, notes, profile, prefix, place, tickets, stackSeconds, settings, cells, mongo };
  } finally {
    await stack.stop();
  }
}
