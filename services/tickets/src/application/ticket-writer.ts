import { ALL_UNITS, samePath } from '@steward/auth';
import { ConflictError } from '@steward/errors';
import { retry, RetryPolicies, StaleWriteError } from '@steward/persistence';
import type { MemberDirectory, OrgTree } from '@steward/replicas';
import { v7 as uuidv7 } from 'uuid';
import type { CategoryVersion } from '../domain/category-fields';
import type { TicketPolicies } from '../domain/policies';
import type { Deadlines } from '../domain/sla-policy';
import { accessPathOf } from '../domain/ticket-access';
import { accessPathOfStored } from '../domain/ticket-placement';
import { contactEnvelopes, contactErasureEnvelopes, toEnvelope, type EventSnapshot } from '../events/ticket-events';
import { FINAL_STATUSES } from '../domain/ticket-state-machine';
import { applySteps, type TicketFacts, type TicketStep } from '../domain/ticket-facts';
import { planIntake, type IntakeCommand, type IntakePlan } from '../domain/ticket-intake';
import { decide, type DecisionContext, type TicketCommand, type UnitFacts } from '../domain/ticket-rules';
import type { TicketRepository, TicketSet } from '../persistence/ticket.repository';
import { toFacts, type TicketDocument, type TicketLocationDocument, type TimelineEntry } from '../persistence/ticket.schema';

export interface ReportRequest extends IntakeCommand {
  title: string;
  description: string;
  address: string | null;
  geo: { lat: number; lng: number } | null;
}

/** Where a report finds its category's current version (CategoryCatalogue). */
export interface CategorySource {
  current(code: string): Promise<CategoryVersion | undefined>;
}

/** The shipped categories (version 1) only: for writers built without the database's catalogue (tests, tools). */
export function shippedCategories(policies: TicketPolicies): CategorySource {
  const versions = new Map(policies.catalogue.seedVersions().map((version) => [version.code, version]));
  return { current: (code) => Promise.resolve(versions.get(code)) };
}

export interface WriteOptions {
  /** who acts (the principal's id); null for the system */
  actorId: string | null;
  /** the version the caller read; a different current version is a CONFLICT */
  expectedVersion?: number;
  now?: Date;
}

function shanghaiDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .replace(/-/g, '');
}

/**
 * Turns decisions of the pure rules into stored changes: the new state, one
 * timeline entry and one event per step, all in one single-document update
 * guarded by the version. Framework-free, so the sweeper and tests can run
 * several writers against one database.
 */
export class TicketWriter {
  constructor(
    private readonly repository: TicketRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    private readonly policies: TicketPolicies,
    private readonly categories: CategorySource = shippedCategories(policies),
  ) {}

  context(actorId: string | null, now: Date): DecisionContext {
    return {
      now,
      actorId,
      unit: (id) => this.orgTree.unit(id),
      rolesAt: (memberId, unitId, at) => this.members.rolesAt(memberId, unitId, at),
      deadlines: this.policies.deadlines,
      feedbackPolicy: this.policies.catalogue.feedbackPolicy,
    };
  }

  /** The SLA policy's deadlines and lead times, counted on the working calendar. */
  get deadlines(): Deadlines {
    return this.policies.deadlines;
  }

  /** The unit a report or transfer names, as the org replica knows it (for the caller's permission check). */
  unit(id: string): UnitFacts | undefined {
    return this.orgTree.unit(id);
  }

  /**
   * Stores a new report. `actorId` is who enters it, `memberId` the member among them (null for an
   * administrator or a service account): member channels need one.
   */
  async report(request: ReportRequest, actorId: string | null, memberId: string | null, now = new Date()): Promise<TicketDocument> {
    // the current version, read now: a version stored through any instance applies to this report
    const current = await this.categories.current(request.category);
    const plan = planIntake(request, {
      now,
      reportingMemberId: memberId,
      unit: (id) => this.orgTree.unit(id),
      currentCategory: (code) => (code === current?.code ? current : undefined),
      catalogue: this.policies.catalogue,
      deadlines: this.policies.deadlines,
    });
    const location: TicketLocationDocument = {
      unitId: plan.location.id,
      path: [...plan.location.ancestors, plan.location.id],
      address: request.address,
      geo: request.geo,
    };
    const id = uuidv7();
    const build = (number: string) => {
      const fields = this.newTicket(id, number, request, plan, location, memberId, now);
      const facts = toFacts({ ...fields, timeline: [], outbox: [] });
      const ticket = { ...fields, timeline: [this.entry(plan.step, facts, actorId, now)] };
      const event = toEnvelope(plan.step.event, { ticket: this.snapshot({ ...ticket, outbox: [] }, facts), version: 1, actorId, at: now });
      // the resident's phone goes to the restricted contacts topic only, never on the ticket events
      return { ticket, events: [event, ...contactEnvelopes(ticket, 1, now)] };
    };
    const stored = await this.repository.insertNumbered(shanghaiDay(now), build);
    return { ...stored, outbox: [] };
  }

  private newTicket(
    id: string,
    number: string,
    request: ReportRequest,
    plan: IntakePlan,
    location: TicketLocationDocument,
    memberId: string | null,
    now: Date,
  ): Omit<TicketDocument, 'outbox' | 'timeline'> {
    return {
      _id: id,
      number,
      title: request.title,
      description: request.description,
      category: request.category,
      categoryVersion: plan.categoryVersion,
      categoryFields: plan.categoryFields,
      channel: request.channel,
      priority: request.priority,
      status: 'REPORTED',
      level: plan.level,
      unitId: plan.responsible.id,
      orgPath: [...plan.responsible.ancestors, plan.responsible.id],
      accessPath: accessPathOf({ orgPath: [...plan.responsible.ancestors, plan.responsible.id], handlerId: null, locationPath: location.path }),
      location,
      reporter: request.reporter,
      reportedBy: memberId,
      handlerId: null,
      handlerUnitId: null,
      handlerDueAt: null,
      acceptDueAt: plan.acceptDueAt,
      resolveDueAt: null,
      overdue: false,
      warnedDueAt: null,
      overdueCount: 0,
      escalationCount: 0,
      reopenCount: 0,
      supervisionCount: 0,
      acceptedAt: null,
      resolution: null,
      resolvedAt: null,
      resolvedOnTime: null,
      autoCloseAt: null,
      closedAt: null,
      feedback: [],
      duplicateOf: null,
      version: 1,
      rev: 0,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Reads the ticket with `read` (which checks the caller's permission on it), builds the command and
   * applies it. A caller who named no version acts on the ticket as it is: when another writer (a
   * sweeper's warning, a colleague) changed it between the read and the write, all of it runs again
   * on the fresh ticket, permission and rules included. A caller who named one gets the CONFLICT.
   */
  executeOnLatest(read: () => Promise<TicketDocument>, build: () => TicketCommand | Promise<TicketCommand>, options: WriteOptions): Promise<TicketDocument> {
    return retry(
      RetryPolicies.CONCURRENT_WRITE,
      async () => {
        const doc = await read();
        return this.executeOn(doc, await build(), options);
      },
      { retryOn: (error) => options.expectedVersion === undefined && error instanceof StaleWriteError },
    );
  }

  /**
   * Applies `command` to the ticket as read in `doc` (read, and the caller's
   * permission checked, by the caller); CONFLICT if another transition changed it since. A write that only raced a write
   * that was no transition (same version, newer write revision: the accessPath backfill) is retried with the fresh document.
   */
  async executeOn(doc: TicketDocument, command: TicketCommand, options: WriteOptions): Promise<TicketDocument> {
    if (options.expectedVersion !== undefined && options.expectedVersion !== doc.version) {
      throw new ConflictError(`Ticket ${doc.number} is at version ${doc.version}, not ${options.expectedVersion}; reload and retry`, {
        expectedVersion: options.expectedVersion,
        version: doc.version,
      });
    }
    let current = doc;
    return retry(RetryPolicies.REVISION_RACE, () => this.write(current, command, options), {
      retryOn: async (error) => {
        if (!(error instanceof ConflictError)) return false;
        // the same ticket again, already granted to the caller: the system's read. Not if a move re-pathed
        // it meanwhile: the caller's permission was checked on the old path, so they reload (and are checked again)
        const fresh = await this.repository.findById(doc._id, ALL_UNITS);
        if (!fresh || fresh.version !== doc.version || !samePath(fresh.orgPath, doc.orgPath)) return false;
        current = fresh;
        return true;
      },
    });
  }

  private async write(doc: TicketDocument, command: TicketCommand, options: WriteOptions): Promise<TicketDocument> {
    const now = options.now ?? new Date();
    const before = toFacts(doc);
    const steps = decide(before, command, this.context(options.actorId, now));
    let state: TicketFacts = before;
    const entries: TimelineEntry[] = [];
    const events = steps.map((step, index) => {
      state = applySteps(state, [step]);
      entries.push(this.entry(step, state, options.actorId, now));
      const actorId = step.automatic ? null : options.actorId;
      return toEnvelope(step.event, { ticket: this.snapshot(doc, state), version: doc.version + index + 1, actorId, at: now });
    });
    // the ticket ended (closed, rejected, merged): its published contact is replaced by an erasure record
    const ended = !FINAL_STATUSES.includes(before.status) && FINAL_STATUSES.includes(state.status);
    if (ended) events.push(...contactErasureEnvelopes(doc, doc.version + steps.length, now));
    // derived from the state after the steps, so a new handler replaces the old one's mark
    const changes: TicketSet = Object.assign({}, ...steps.map((step) => step.changes));
    const set: TicketSet = { ...changes, accessPath: accessPathOfStored({ ...doc, ...state }) };
    await this.repository.applySteps(doc._id, doc, set, entries, events);
    return {
      ...doc,
      ...set,
      timeline: [...doc.timeline, ...entries],
      version: doc.version + steps.length,
      rev: (doc.rev ?? 0) + 1,
      updatedAt: now,
    };
  }

  private entry(step: TicketStep, after: TicketFacts, actorId: string | null, at: Date): TimelineEntry {
    return {
      at,
      actorId: step.automatic ? null : actorId,
      action: step.action,
      from: step.from,
      to: step.to,
      note: step.note,
      level: after.level,
      unitId: after.unitId,
      handlerId: after.handlerId,
      automatic: step.automatic,
      ...(step.event.type === 'feedback-recorded' ? { satisfaction: step.event.satisfaction } : {}),
      ...(step.evidenceIds.length > 0 ? { evidenceIds: step.evidenceIds } : {}),
    };
  }

  private snapshot(doc: TicketDocument, state: TicketFacts): EventSnapshot {
    return { ...state, number: doc.number, title: doc.title, channel: doc.channel, reportedAt: doc.createdAt };
  }
}
