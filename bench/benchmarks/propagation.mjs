// Dispatches at a fixed rate and times, per ticket, dispatchTicket returning →
// its visit visible through the gateway → its handler's score counting it.
// Beside it, the floor: raw kafkajs produce → consume on the same broker.
import { createRequire } from 'node:module';
import { DISPATCH, currentMonthKey, reportAccepted } from '../lib/fixtures.mjs';
import { median, medianOf, summarize } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

/** run with tracing off and on in the same run (lib/tracing.mjs) */
export const comparesTracing = true;

export const description = 'dispatch → visit and → score visible, at fixed dispatch rates, beside the raw Kafka floor';

const POLL_MS = 20;

export async function inParallel(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

async function scoresOf(api, handlerIds, period) {
  const fields = handlerIds.map((id, i) => `h${i}: score(subjectId: "${id}", period: $period) { received }`).join('\n');
  const data = await api.call(`query($period: PeriodInput!) { ${fields} }`, { period });
  return handlerIds.map((_, i) => data[`h${i}`]?.received ?? 0);
}

export async function visibleVisits(api, ticketIds) {
  const fields = ticketIds.map((id, i) => `t${i}: ticket(id: "${id}") { visits { status } }`).join('\n');
  const data = await api.call(`{ ${fields} }`);
  return ticketIds.filter((_, i) => (data[`t${i}`]?.visits.length ?? 0) > 0);
}

const kafkaClient = (clientId) =>
  new Kafka({ clientId, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

/** Messages the running consumer groups of the bench stack (`bench_<service>.<consumer>`) have not committed yet, over all their topics. */
async function benchConsumerLag(admin) {
  const { groups } = await admin.listGroups();
  const named = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith('bench_'));
  // only groups with running members: earlier runs may have left groups nobody consumes for any more
  const running = named.length ? (await admin.describeGroups(named)).groups.filter((group) => group.members.length > 0) : [];
  let lag = 0;
  for (const { groupId } of running) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]));
      for (const { partition, offset } of partitions) lag += Math.max(0, (ends.get(partition) ?? 0) - Math.max(0, Number(offset)));
    }
  }
  return lag;
}

/**
 * Waits until visits and assessment have dealt with the events of the tickets
 * just created (reported, accepted), so that a measurement times the dispatches
 * alone and not the backlog of its own preparation. Returns the seconds waited.
 */
export async function waitForConsumersIdle(timeoutMs = 600_000) {
  const admin = kafkaClient('bench-lag').admin();
  await admin.connect();
  const start = Date.now();
  try {
    while ((await benchConsumerLag(admin)) > 0) {
      if (Date.now() - start > timeoutMs) throw new Error(`the bench consumers still lag after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
  return (Date.now() - start) / 1000;
}

/** What a paced run of dispatches records; the observers read `lastDispatchAt` to give up on stragglers. */
export function dispatchState() {
  return { dispatchLatencies: [], failures: 0, lastDispatchAt: performance.now() };
}

/**
 * Dispatches each planned `{ id, grid }` to its grid's handler, the i-th at
 * start + i / rate seconds, recording into `state`; `onDispatched(item,
 * returnedAt)` after each call that succeeded. Returns the rate achieved.
 */
export async function dispatchAtRate(api, plan, rate, state, onDispatched) {
  const start = performance.now();
  await Promise.all(
    plan.map((item, i) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, start + (i * 1000) / rate - performance.now()))).then(async () => {
        const sentAt = performance.now();
        try {
          await api.call(DISPATCH, { id: item.id, input: { handlerId: item.grid.handlerId } });
        } catch {
          state.failures += 1;
          return;
        }
        const returnedAt = performance.now();
        state.lastDispatchAt = returnedAt;
        state.dispatchLatencies.push(returnedAt - sentAt);
        onDispatched(item, returnedAt);
      }),
    ),
  );
  return plan.length / ((state.lastDispatchAt - start) / 1000);
}

async function measureRate(api, grids, rate, durationSeconds) {
  const count = rate * durationSeconds;
  const period = { kind: 'MONTH', key: currentMonthKey() };
  const plan = await inParallel(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const grid = grids[i % grids.length];
    return { id: await reportAccepted(api, grid, `传播测量 ${rate}/s #${i}`), grid };
  });
  const backlogSeconds = await waitForConsumersIdle();
  const handlerIds = grids.map((grid) => grid.handlerId);
  const baseline = await scoresOf(api, handlerIds, period);
  const expectedByHandler = new Map(handlerIds.map((id, i) => [id, baseline[i]]));

  const pendingVisits = new Map(); // ticketId → dispatch returned at
  const pendingScores = []; // { handlerIndex, needed, at }
  const visitLatencies = [];
  const scoreLatencies = [];
  const state = dispatchState();
  let observing = true;

  const observer = (async () => {
    while (observing || pendingVisits.size > 0 || pendingScores.length > 0) {
      const now = performance.now();
      const ids = [...pendingVisits.keys()].slice(0, 200);
      if (ids.length > 0) {
        for (const id of await visibleVisits(api, ids)) {
          visitLatencies.push(performance.now() - pendingVisits.get(id));
          pendingVisits.delete(id);
        }
      }
      if (pendingScores.length > 0) {
        const received = await scoresOf(api, handlerIds, period);
        const seenAt = performance.now();
        for (let i = pendingScores.length - 1; i >= 0; i -= 1) {
          const waiting = pendingScores[i];
          if (received[waiting.handlerIndex] >= waiting.needed) {
            scoreLatencies.push(seenAt - waiting.at);
            pendingScores.splice(i, 1);
          }
        }
      }
      const elapsed = performance.now() - now;
      if (elapsed < POLL_MS) await new Promise((resolve) => setTimeout(resolve, POLL_MS - elapsed));
      if (!observing && performance.now() - state.lastDispatchAt > 120_000) break; // give up on stragglers
    }
  })();

  const achievedRate = await dispatchAtRate(api, plan, rate, state, ({ id, grid }, returnedAt) => {
    pendingVisits.set(id, returnedAt);
    const handlerIndex = handlerIds.indexOf(grid.handlerId);
    const needed = expectedByHandler.get(grid.handlerId) + 1;
    expectedByHandler.set(grid.handlerId, needed);
    pendingScores.push({ handlerIndex, needed, at: returnedAt });
  });
  observing = false;
  await observer;
  return {
    rate,
    achievedRate,
    dispatch: summarize(state.dispatchLatencies),
    visit: summarize(visitLatencies),
    score: summarize(scoreLatencies),
    lost: pendingVisits.size + pendingScores.length,
    failures: state.failures,
    backlogSeconds,
  };
}

async function kafkaFloor(rate, durationSeconds) {
  const kafka = kafkaClient('bench-floor');
  const topic = 'steward.bench.floor.v1';
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(topic)) {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  }
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `bench-floor-${Date.now()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: false });
  const sentAt = new Map();
  const latencies = [];
  let joined;
  const ready = new Promise((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = sentAt.get(message.key.toString());
      if (at !== undefined) latencies.push(performance.now() - at);
    },
  });
  await ready;
  const count = rate * durationSeconds;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, start + (i * 1000) / rate - performance.now()))).then(() => {
        const key = `floor-${start}-${i}`;
        sentAt.set(key, performance.now());
        return producer.send({ topic, acks: -1, messages: [{ key, value: 'x' }] });
      }),
    ),
  );
  const deadline = Date.now() + 30_000;
  while (latencies.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return summarize(latencies);
}

/** One repetition's latencies as numbers; counts are summed, percentiles are taken as the median of the repetitions. */
function medianRow(summaries) {
  return { ...medianOf(summaries.map(({ p50, p95, p99 }) => ({ p50, p95, p99 }))), count: summaries.reduce((sum, s) => sum + s.count, 0) };
}

export async function run({ stack, fixtures, options }) {
  const rows = [];
  const measured = [];
  for (const rate of options.rates) {
    // warm-up at the same rate, not recorded: connections, JIT, consumer fetch loops
    await measureRate(stack.api, fixtures.grids, rate, options.warmupSeconds);
    const repetitions = [];
    for (let i = 0; i < options.repetitions; i += 1) {
      const result = await measureRate(stack.api, fixtures.grids, rate, options.durationSeconds);
      const floor = await kafkaFloor(rate, Math.min(options.durationSeconds, 10));
      repetitions.push({ ...result, kafkaFloor: floor });
    }
    const summary = {
      rate,
      achievedRate: median(repetitions.map((r) => r.achievedRate)),
      dispatch: medianRow(repetitions.map((r) => r.dispatch)),
      visit: medianRow(repetitions.map((r) => r.visit)),
      score: medianRow(repetitions.map((r) => r.score)),
      kafkaFloor: medianRow(repetitions.map((r) => r.kafkaFloor)),
      failures: repetitions.reduce((sum, r) => sum + r.failures, 0),
      lost: repetitions.reduce((sum, r) => sum + r.lost, 0),
    };
    measured.push({ ...summary, repetitions });
    const row = (path, s) => ({ rate: `${rate}/s`, path, count: s.count, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99 });
    rows.push(row('dispatchTicket call', summary.dispatch));
    rows.push(row('→ visit visible', summary.visit));
    rows.push(row('→ score visible', summary.score));
    rows.push(row('kafka produce→consume', summary.kafkaFloor));
    if (summary.lost || summary.failures) {
      rows.push({ rate: `${rate}/s`, path: `failed ${summary.failures}, not seen ${summary.lost}`, count: 0, 'p50 ms': NaN, 'p95 ms': NaN, 'p99 ms': NaN });
    }
  }
  const notes = [
    'percentiles: median over the repetitions of each repetition\'s p50/p95/p99; count: all repetitions',
    'before each repetition the tickets it dispatches are reported and accepted, and the bench waits until visits and assessment have consumed those events',
  ];
  return { rows, measured, notes };
}
