// A year of the city's work as events: tickets (reported → accepted →
// dispatched → started → resolved → feedback → closed, with rejections,
// overdue deadlines, escalations to the village and reopenings), the
// TICKET_HANDLING visits the dispatches lead to, and routine visits of the
// grid staff. Built with the catalogue schemas (createEvent validates every
// envelope), keyed by aggregate id and versioned per aggregate as the tickets
// and visits services produce them, on the org tree and members of the city
// profile (same seed and profile as `npm run seed -- --profile city` on an
// empty database, so the orgPaths and member ids match). Deterministic: the
// same options give the same events, ids included. Events come out in time
// order (a day at a time), never all in memory.
const { generateCity } = require('./city.cjs');
const { rngFor, stableId } = require('./random.cjs');

const events = require('@steward/events');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

/** Events per profile at full size; the bench's --quick passes smaller counts. */
const YEAR_VOLUMES = {
  city: { tickets: 30_000, routineVisits: 45_000 },
  small: { tickets: 3_000, routineVisits: 4_500 },
  tiny: { tickets: 200, routineVisits: 300 },
};

const CATEGORIES = [['WATER_IRRIGATION', 25], ['ROADS', 20], ['NEIGHBOUR_DISPUTE', 20], ['SOCIAL_ASSISTANCE', 15], ['PUBLIC_SECURITY', 8], ['OTHER', 12]];
const CHANNELS = [['HOTLINE', 45], ['GRID_REPORT', 25], ['WECHAT', 12], ['WALK_IN', 8], ['APP', 6], ['PETITION', 4]];
const PRIORITIES = [['LOW', 15], ['NORMAL', 65], ['HIGH', 15], ['URGENT', 5]];
const RESOLVE_DAYS = { LOW: 15, NORMAL: 7, HIGH: 3, URGENT: 1 };
const SATISFACTION = [['SATISFIED', 78], ['BASICALLY_SATISFIED', 16], ['UNSATISFIED', 6]];
const ROUTINE_KINDS = [['ROUTINE', 85], ['FOLLOW_UP', 8], ['AID', 5], ['PARTY_ACTIVITY', 2]];
const GRID_ROLES = new Set(['GRID_LEADER', 'GRID_MEMBER', 'GRID_INSTRUCTOR', 'GRID_ASSISTANT']);

const iso = (ms) => (ms === null ? null : new Date(ms).toISOString());

/** Who works where: the grids with their staff, the villages and townships with their handlers. */
function cityFrame(city) {
  const units = new Map(city.units.map((unit) => [unit._id, unit]));
  const staff = new Map();
  const add = (unitId, role, memberId) => {
    const entry = staff.get(unitId) ?? new Map();
    entry.set(role, [...(entry.get(role) ?? []), memberId]);
    staff.set(unitId, entry);
  };
  for (const member of city.members) {
    for (const assignment of member.assignments) if (assignment.to === null) add(assignment.unitId, assignment.role, member._id);
  }
  const roles = (unitId, ...names) => names.flatMap((name) => staff.get(unitId)?.get(name) ?? []);
  const ancestorOf = (unit, level) => unit.ancestors.map((id) => units.get(id)).find((candidate) => candidate.level === level);
  const hotline = roles(city.units[0]._id, 'HOTLINE_OPERATOR');
  const grids = city.units
    .filter((unit) => unit.level === 'GRID')
    .map((grid) => {
      const village = ancestorOf(grid, 'ADMIN_VILLAGE');
      const township = ancestorOf(grid, 'TOWNSHIP');
      const visitors = [...staff.get(grid._id) ?? []].filter(([role]) => GRID_ROLES.has(role)).flatMap(([, ids]) => ids);
      return {
        id: grid._id,
        orgPath: [...grid.ancestors, grid._id],
        households: grid.households,
        handlers: roles(grid._id, 'GRID_LEADER', 'GRID_MEMBER'),
        visitors,
        village: { id: village._id, orgPath: [...village.ancestors, village._id], handlers: roles(village._id, 'VILLAGE_STAFF', 'VILLAGE_SECRETARY') },
        dispatchers: roles(township._id, 'TOWNSHIP_DISPATCHER'),
      };
    });
  return { grids, hotline };
}

/** The household ids of a grid as the city profile loads them (household k of the grid, from 1). */
function householdId(seed, grid, k) {
  return stableId(seed, 'household', `${grid.id}/${k}`);
}

/** Collects the events of aggregates, each with its version and time, into per-day buckets. */
class Timeline {
  constructor(yearStart) {
    this.yearStart = yearStart;
    this.days = new Map();
    this.count = 0;
  }

  push(definition, subject, version, time, data) {
    const day = Math.floor((time - this.yearStart) / DAY);
    const bucket = this.days.get(day) ?? [];
    bucket.push({ definition, subject, version, time, data });
    this.days.set(day, bucket);
    this.count += 1;
  }

  /** The events of `day` in time order (an aggregate's own events are strictly later one after another). */
  take(day) {
    const bucket = this.days.get(day) ?? [];
    this.days.delete(day);
    return bucket.sort((a, b) => a.time - b.time || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version));
  }

  lastDay() {
    return Math.max(-1, ...this.days.keys());
  }
}

/** One ticket's life, written to the timeline as the tickets service would publish it. */
function ticketLife(ctx, rng, grid, reportedAt, sequence) {
  const { seed, timeline } = ctx;
  const id = stableId(seed, 'ticket', `${ctx.year}/${sequence}`);
  const priority = rng.weighted(PRIORITIES);
  const channel = rng.weighted(CHANNELS);
  const day = new Date(reportedAt + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');
  const ticket = {
    ticketId: id,
    number: `${day}-${String(sequence + 1).padStart(6, '0')}`,
    status: 'REPORTED',
    level: 'GRID',
    unitId: grid.id,
    orgPath: grid.orgPath,
    category: rng.weighted(CATEGORIES),
    priority,
    handlerId: null,
    actorId: channel === 'GRID_REPORT' ? rng.pick(grid.handlers) : rng.pick(ctx.hotline),
    occurredAt: iso(reportedAt),
    reportedAt: iso(reportedAt),
    resolveDueAt: iso(reportedAt + RESOLVE_DAYS[priority] * DAY),
    acceptDueAt: iso(reportedAt + 4 * HOUR),
    overdue: false,
    channel,
  };
  let version = 0;
  let now = reportedAt;
  const step = (definition, minutes, changes, extra = {}) => {
    now += Math.max(1, Math.round(minutes * MINUTE));
    version += 1;
    Object.assign(ticket, changes, { occurredAt: iso(now) });
    timeline.push(definition, id, version, now, { ...ticket, ...extra });
  };
  const dispatcher = () => rng.pick(grid.dispatchers);
  // the visits service's TICKET_HANDLING visit of one dispatch: planned → in progress → completed (or cancelled)
  const handlingVisit = (handlerId, unitOrgPath) => {
    const visit = { id: stableId(seed, 'ticket-visit', `${id}/${version}`), version: 0, memberId: handlerId, orgPath: unitOrgPath, startedAt: null, endedAt: null };
    const emit = (definition, status, extra = {}) => {
      visit.version += 1;
      const at = now + 2 * visit.version; // the visits service consumes the ticket event a moment later
      timeline.push(definition, visit.id, visit.version, at, {
        visitId: visit.id, memberId: visit.memberId, gridId: grid.id, orgPath: visit.orgPath, kind: 'TICKET_HANDLING', status,
        ticketId: id, householdIds: [], startedAt: iso(visit.startedAt), endedAt: iso(visit.endedAt), occurredAt: iso(now), geo: null, photoCount: 0, ...extra,
      });
    };
    emit(events.visitLogged, 'PLANNED');
    return {
      start: () => {
        visit.startedAt = now;
        emit(events.visitStarted, 'IN_PROGRESS');
      },
      complete: () => {
        visit.endedAt = now;
        emit(events.visitCompleted, 'COMPLETED');
      },
      cancel: (reason) => emit(events.visitCancelled, 'CANCELLED', { reason }),
    };
  };

  step(events.ticketReported, 0, {});
  if (rng.chance(0.03)) {
    step(events.ticketRejected, rng.int(10, 180), { status: 'REJECTED', actorId: dispatcher() }, { reason: '不属于受理范围' });
    return;
  }
  step(events.ticketAccepted, rng.int(5, 200), { status: 'ACCEPTED', actorId: dispatcher() });
  let handlerId = rng.pick(grid.handlers);
  let handlerOrgPath = grid.orgPath;
  let previousHandlerId = null;
  const dispatch = (minutes) => {
    step(events.ticketDispatched, minutes, { status: 'DISPATCHED', handlerId, actorId: dispatcher() }, {
      previousHandlerId, handlerUnitId: ticket.unitId, handlerDueAt: null,
    });
    return handlingVisit(handlerId, handlerOrgPath);
  };
  let visit = dispatch(rng.int(5, 120));

  // the grid cannot solve it: escalated to the village, which dispatches again (the old visit cancelled)
  if (rng.chance(0.04)) {
    const fromOrgPath = ticket.orgPath;
    const fromUnitId = ticket.unitId;
    step(events.ticketEscalated, rng.int(60, 2 * 24 * 60), { status: 'ACCEPTED', level: 'ADMIN_VILLAGE', unitId: grid.village.id, orgPath: grid.village.orgPath, handlerId: null, actorId: handlerId }, {
      fromLevel: 'GRID', toLevel: 'ADMIN_VILLAGE', reason: '网格无法解决，上报村委', previousHandlerId: handlerId, fromUnitId, fromOrgPath, automatic: false,
    });
    visit.cancel('工单已上报');
    previousHandlerId = null;
    handlerId = rng.pick(grid.village.handlers);
    handlerOrgPath = grid.village.orgPath;
    visit = dispatch(rng.int(10, 240));
  }

  const resolveDue = Date.parse(ticket.resolveDueAt);
  const work = () => {
    step(events.ticketStarted, rng.int(30, 24 * 60), { status: 'IN_PROGRESS', actorId: handlerId });
    visit.start();
    // most are done in time; some miss the deadline, which the sweeper reports first
    const late = rng.chance(0.07);
    const doneAt = late ? Math.max(now, resolveDue) + rng.int(1, 72) * HOUR : now + rng.next() * Math.max(HOUR, resolveDue - now) * 0.9;
    if (late && !ticket.overdue) {
      now = Math.max(now, resolveDue) - MINUTE;
      step(events.ticketOverdue, 1, { overdue: true, actorId: null }, { dueAt: ticket.resolveDueAt, kind: 'RESOLVE' });
    }
    const onTime = doneAt <= resolveDue;
    step(events.ticketResolved, Math.max(1, (doneAt - now) / MINUTE), { status: 'RESOLVED', actorId: handlerId }, {
      resolution: '已现场处理完毕', onTime,
    });
    visit.complete();
    return onTime;
  };

  let onTime = work();
  if (rng.chance(0.85)) {
    let satisfaction = rng.weighted(SATISFACTION);
    step(events.ticketFeedbackRecorded, rng.int(60, 3 * 24 * 60), { actorId: rng.pick(ctx.hotline) }, { satisfaction });
    if (satisfaction === 'UNSATISFIED' && rng.chance(0.7)) {
      const reverses = handlerId;
      step(events.ticketReopened, 5, { status: 'ACCEPTED', handlerId: null, actorId: null }, {
        reason: '群众不满意，重新办理', automatic: true, previousHandlerId: reverses, previousResolutionOnTime: onTime,
      });
      previousHandlerId = null;
      visit = dispatch(rng.int(10, 240));
      onTime = work();
      satisfaction = rng.weighted(SATISFACTION.slice(0, 2));
      step(events.ticketFeedbackRecorded, rng.int(60, 2 * 24 * 60), { actorId: rng.pick(ctx.hotline) }, { satisfaction });
    }
    step(events.ticketClosed, rng.int(1, 60), { status: 'CLOSED', actorId: rng.pick(ctx.hotline) }, { automatic: false });
  } else {
    step(events.ticketClosed, 7 * 24 * 60, { status: 'CLOSED', actorId: null }, { automatic: true });
  }
}

/** A routine visit by one of the grid's staff: logged afterwards (most) or started and completed in the app. */
function routineVisit(ctx, rng, grid, at, sequence) {
  const { seed, timeline } = ctx;
  const id = stableId(seed, 'visit', `${ctx.year}/${sequence}`);
  const memberId = rng.pick(grid.visitors);
  const households = Array.from({ length: rng.int(1, 3) }, () => householdId(seed, grid, rng.int(1, grid.households)));
  const startedAt = at;
  const endedAt = at + rng.int(10, 90) * MINUTE;
  const base = {
    visitId: id, memberId, gridId: grid.id, orgPath: grid.orgPath, kind: rng.weighted(ROUTINE_KINDS), ticketId: null,
    householdIds: [...new Set(households)], geo: null, photoCount: rng.int(0, 3),
  };
  if (rng.chance(0.75)) {
    const loggedAt = endedAt + rng.int(1, 240) * MINUTE;
    const after = { ...base, status: 'COMPLETED', startedAt: iso(startedAt), endedAt: iso(endedAt) };
    timeline.push(events.visitLogged, id, 1, loggedAt, { ...after, occurredAt: iso(loggedAt) });
    timeline.push(events.visitCompleted, id, 2, loggedAt + 1, { ...after, occurredAt: iso(endedAt) });
    return;
  }
  const live = { ...base, status: 'IN_PROGRESS', startedAt: iso(startedAt), endedAt: null };
  timeline.push(events.visitLogged, id, 1, startedAt, { ...live, occurredAt: iso(startedAt) });
  timeline.push(events.visitStarted, id, 2, startedAt + 1, { ...live, occurredAt: iso(startedAt) });
  if (rng.chance(0.04)) {
    timeline.push(events.visitCancelled, id, 3, endedAt, { ...live, status: 'CANCELLED', occurredAt: iso(endedAt), reason: '住户不在家' });
  } else {
    timeline.push(events.visitCompleted, id, 3, endedAt, { ...live, status: 'COMPLETED', endedAt: iso(endedAt), occurredAt: iso(endedAt) });
  }
}

/** A weighted pick from thousands of entries: cumulative weights and a binary search (rng.weighted scans). */
function weightedPicker(entries) {
  const cumulative = [];
  let total = 0;
  for (const [, weight] of entries) cumulative.push((total += weight));
  return (rng) => {
    const r = rng.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > r) high = mid;
      else low = mid + 1;
    }
    return entries[low][0];
  };
}

/** A time of day in working hours, Asia/Shanghai (dayStart is midnight there). */
function workingTime(rng, dayStart) {
  return dayStart + 7.5 * HOUR + Math.floor(rng.next() * 11 * HOUR);
}

/**
 * Options: seed (default 1), profile ('city' | 'small' | 'tiny', default city),
 * year (default 2025), tickets and routineVisits per year (default YEAR_VOLUMES[profile]),
 * days (default the whole year: only the first `days` days, at the same daily rate),
 * knownIds (as generateCity: division codes already loaded).
 * Returns the frame used and `events()`, a generator of { topic, envelope }
 * where topic is 'tickets' or 'visits' (the caller names the Kafka topics).
 */
function generateYear(options = {}) {
  const seed = options.seed ?? 1;
  const profile = options.profile ?? 'city';
  const year = options.year ?? 2025;
  const volumes = { ...YEAR_VOLUMES[profile], ...(options.tickets !== undefined ? { tickets: options.tickets } : {}), ...(options.routineVisits !== undefined ? { routineVisits: options.routineVisits } : {}) };
  if (!volumes.tickets && volumes.tickets !== 0) throw new Error(`unknown profile ${profile}; one of ${Object.keys(YEAR_VOLUMES).join(', ')}`);
  const city = generateCity({ seed, profile, knownIds: options.knownIds ?? {} });
  const frame = cityFrame(city);
  const grids = frame.grids.filter((grid) => grid.handlers.length > 0 && grid.visitors.length > 0 && grid.dispatchers.length > 0 && grid.village.handlers.length > 0);
  const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
  const yearDays = Math.round((Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - yearStart) / DAY);
  const days = Math.min(yearDays, options.days ?? yearDays);
  // households weigh where tickets come from and where staff go most
  const pickGrid = weightedPicker(grids.map((grid) => [grid, grid.households]));

  function* generate() {
    const ctx = { seed, year, hotline: frame.hotline, timeline: new Timeline(yearStart) };
    const rng = rngFor(seed, 'year', year, profile);
    let tickets = 0;
    let visits = 0;
    const toEnvelope = ({ definition, subject, version, time, data }) => ({
      topic: definition.topic === events.Topics.ticketEvents ? 'tickets' : 'visits',
      envelope: events.createEvent(definition, { id: stableId(seed, 'event', `${subject}/${version}`), subject, aggregateVersion: version, time: new Date(time), data }),
    });
    for (let day = 0; day < days; day += 1) {
      const dayStart = yearStart + day * DAY;
      // weekdays busier than weekends
      const weekend = [0, 6].includes(new Date(dayStart + 8 * HOUR).getUTCDay());
      const share = (total) => Math.floor(((day + 1) * total) / yearDays) - Math.floor((day * total) / yearDays);
      const ticketCount = weekend ? Math.round(share(volumes.tickets) * 0.6) : Math.round(share(volumes.tickets) * 1.16);
      const visitCount = weekend ? Math.round(share(volumes.routineVisits) * 0.5) : Math.round(share(volumes.routineVisits) * 1.2);
      for (let i = 0; i < ticketCount; i += 1) ticketLife(ctx, rng, pickGrid(rng), workingTime(rng, dayStart), tickets++);
      for (let i = 0; i < visitCount; i += 1) routineVisit(ctx, rng, pickGrid(rng), workingTime(rng, dayStart), visits++);
      for (const entry of ctx.timeline.take(day)) yield toEnvelope(entry);
    }
    // what the last days of the year led to in January
    for (let day = days; day <= ctx.timeline.lastDay(); day += 1) for (const entry of ctx.timeline.take(day)) yield toEnvelope(entry);
  }

  return { seed, profile, year, days, volumes, grids: grids.length, members: city.members.length, events: generate };
}

module.exports = { YEAR_VOLUMES, generateYear };
