// Dispatches at a fixed rate and times, per ticket, dispatchTicket returning →
// the message "已派给您" visible in its handler's inbox (myNotifications, the
// handler signed in through the gateway) and → its visit visible, the
// dispatch → visit path of the propagation benchmark, in the same run, so the
// two consumers of one event are compared on one load. Its own stack
// (ports +2350, databases bench_notif_*), small enough for a few minutes.
import { createTownship, reportAccepted } from '../lib/fixtures.mjs';
import { endpoint, eventually } from '../lib/graphql.mjs';
import { startBenchStack } from '../lib/stack.mjs';
import { ratio, summarize } from '../lib/stats.mjs';
import { dispatchAtRate, dispatchState, inParallel, visibleVisits, waitForConsumersIdle } from './propagation.mjs';

export const description = 'dispatch → inbox message visible to the handler, beside dispatch → visit visible, at fixed dispatch rates';
export const needsFixtures = false;

const PORT_OFFSET = 2350;
const PASSWORD = 'bench-inbox-2026';
const POLL_MS = 20;

/** Each grid's handler with a password, signed in through the gateway: their own inbox endpoint. */
async function signInHandlers(stack, grids) {
  const inboxes = new Map();
  for (const grid of grids) {
    await stack.api.call('mutation($id: ID!, $p: String!) { setMemberPassword(memberId: $id, password: $p) }', { id: grid.handlerId, p: PASSWORD });
    const authorization = await eventually(() => stack.login(grid.handlerPhone, PASSWORD));
    inboxes.set(grid.handlerId, endpoint(stack.url, authorization));
  }
  return inboxes;
}

/** The ticket ids of the handler's newest dispatch messages. */
async function dispatchMessages(inbox) {
  const data = await inbox.call('{ myNotifications(first: 100) { edges { node { ticketId template } } } }');
  return new Set(data.myNotifications.edges.filter(({ node }) => node.template === 'ticket.dispatched').map(({ node }) => node.ticketId));
}

async function measureRate(stack, grids, inboxes, rate, durationSeconds) {
  const count = Math.max(1, Math.round(rate * durationSeconds));
  const plan = await inParallel(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const grid = grids[i % grids.length];
    return { id: await reportAccepted(stack.api, grid, `通知测量 ${rate}/s #${i}`), grid };
  });
  await waitForConsumersIdle();

  const pendingInbox = new Map(); // ticketId → { handlerId, at }
  const pendingVisits = new Map(); // ticketId → at
  const inboxLatencies = [];
  const visitLatencies = [];
  const state = dispatchState();
  let observing = true;

  const observer = (async () => {
    while (observing || pendingInbox.size > 0 || pendingVisits.size > 0) {
      const now = performance.now();
      const handlers = new Set([...pendingInbox.values()].map((pending) => pending.handlerId));
      await Promise.all(
        [...handlers].map(async (handlerId) => {
          const seen = await dispatchMessages(inboxes.get(handlerId));
          const seenAt = performance.now();
          for (const [ticketId, pending] of pendingInbox) {
            if (pending.handlerId === handlerId && seen.has(ticketId)) {
              inboxLatencies.push(seenAt - pending.at);
              pendingInbox.delete(ticketId);
            }
          }
        }),
      );
      const ids = [...pendingVisits.keys()].slice(0, 200);
      if (ids.length > 0) {
        for (const id of await visibleVisits(stack.api, ids)) {
          visitLatencies.push(performance.now() - pendingVisits.get(id));
          pendingVisits.delete(id);
        }
      }
      const elapsed = performance.now() - now;
      if (elapsed < POLL_MS) await new Promise((resolve) => setTimeout(resolve, POLL_MS - elapsed));
      if (!observing && performance.now() - state.lastDispatchAt > 60_000) break; // give up on stragglers
    }
  })();

  const achievedRate = await dispatchAtRate(stack.api, plan, rate, state, ({ id, grid }, returnedAt) => {
    pendingInbox.set(id, { handlerId: grid.handlerId, at: returnedAt });
    pendingVisits.set(id, returnedAt);
  });
  observing = false;
  await observer;
  return {
    rate,
    achievedRate,
    dispatch: summarize(state.dispatchLatencies),
    inbox: summarize(inboxLatencies),
    visit: summarize(visitLatencies),
    lost: pendingInbox.size + pendingVisits.size,
    failures: state.failures,
  };
}

const round = (value) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : value);

export async function run({ options }) {
  // one repetition per rate, of about 20 dispatches at 2/s and 100 at 20/s: the whole run stays within a few minutes
  const secondsAt = (rate) => Math.min(options.durationSeconds, Math.max(5, 20 / rate));
  const stack = await startBenchStack({ databasePrefix: 'bench_notif', portOffset: PORT_OFFSET });
  try {
    const place = await createTownship(stack.api, { villages: 2, gridsPerVillage: 3 });
    const inboxes = await signInHandlers(stack, place.grids);
    // 2 and 20 dispatches/s unless --rates names others
    const rates = process.argv.some((arg) => arg.startsWith('--rates=')) ? options.rates : [2, 20];
    const rows = [];
    const measured = [];
    for (const rate of rates) {
      await measureRate(stack, place.grids, inboxes, rate, 1); // warm-up, not recorded
      const result = await measureRate(stack, place.grids, inboxes, rate, secondsAt(rate));
      measured.push(result);
      const row = (path, s) => ({ rate: `${rate}/s`, path, count: s.count, 'p50 ms': s.p50, 'p95 ms': s.p95 });
      rows.push(row('dispatchTicket call', result.dispatch));
      rows.push(row('→ inbox message visible', result.inbox));
      rows.push(row('→ visit visible', result.visit));
      rows.push({ rate: `${rate}/s`, path: 'inbox ÷ visit (ratio)', count: '', 'p50 ms': round(ratio(result.inbox.p50, result.visit.p50)), 'p95 ms': round(ratio(result.inbox.p95, result.visit.p95)) });
      if (result.lost || result.failures) {
        rows.push({ rate: `${rate}/s`, path: `failed ${result.failures}, not seen ${result.lost}`, count: 0, 'p50 ms': NaN, 'p95 ms': NaN });
      }
    }
    const notes = [
      `one repetition per rate (${rates.map((rate) => `${rate}/s for ${secondsAt(rate)} s`).join(', ')}) after a 1 s warm-up; latencies from dispatchTicket returning`,
      'inbox: the handler polls their own myNotifications (signed in through the gateway) every 20 ms; visit: the administrator polls ticket { visits } likewise',
      'before each measurement its tickets are reported and accepted and the bench waits until every consumer group has caught up',
    ];
    return { rows, measured, notes };
  } finally {
    await stack.stop();
  }
}
