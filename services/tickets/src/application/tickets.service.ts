import { Injectable } from '@nestjs/common';
import { inScope, type Access } from '@steward/auth';
import { BadUserInputError, ForbiddenError, NotFoundError, parseInput } from '@steward/errors';
import type { BatchResult } from '@steward/persistence';
import { AuditLog, toPage, toPageRequest, type AuditEntry, type Page, type PageArgs } from '@steward/service-kit';
import { z } from 'zod';
import { MAX_FIELDS } from '../domain/category-fields';
import { CategoryCatalogue } from './category-catalogue';
import { EvidenceService } from './evidence.service';
import { computeStats, type StatsRow, type TicketStats } from '../domain/ticket-stats';
import { assertMayCommand, ticketReadScope, type CallerCommand } from '../domain/ticket-access';
import type { TicketCommand } from '../domain/ticket-rules';
import { TICKET_LEVELS, TICKET_STATUSES } from '../domain/ticket-state-machine';
import { SATISFACTIONS, TICKET_CHANNELS, TICKET_PRIORITIES } from '../domain/ticket-terms';
import { TicketRepository } from '../persistence/ticket.repository';
import type {
  AddProgressInput,
  DispatchTicketInput,
  FeedbackInput,
  ReportTicketInput,
  ResolveTicketInput,
  TicketFilter,
  TransferTicketInput,
} from '../graphql/ticket.input';
import type { Ticket } from '../graphql/ticket.model';
import type { TicketDocument } from '../persistence/ticket.schema';
import { categoryVersionOf, piiShown, toTicket } from '../graphql/ticket-view';
import { categoryVersionId } from '../persistence/ticket-category.repository';
import { TicketWriter } from './ticket-writer';

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

const reportInputSchema = z.object({
  title: text(200),
  description: optionalText(5000),
  category: z.string().regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'must be a category code such as ROADS'),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES).default('NORMAL'),
  unitId: id,
  address: optionalText(500),
  geo: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  reporter: z
    .object({
      name: optionalText(50),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9][0-9 -]{4,19}$/, 'must be a phone number')
        .optional(),
      householdId: id.optional(),
      anonymous: z.boolean().default(false),
    })
    .optional(),
  fields: z
    .array(z.object({ key: z.string().trim().min(1).max(40), value: z.string().max(2000) }))
    .max(MAX_FIELDS, `at most ${MAX_FIELDS} fields`)
    .optional(),
});
const dispatchInputSchema = z.object({
  handlerId: id,
  unitId: id.optional(),
  note: optionalText(2000),
  dueAt: z.date().optional(),
});
const transferInputSchema = z.object({ unitId: id, reason: text(2000) });
const feedbackInputSchema = z.object({ satisfaction: z.enum(SATISFACTIONS), comment: optionalText(2000) });
const filterSchema = z.object({
  within: id.optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  level: z.enum(TICKET_LEVELS).optional(),
  category: z.string().optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  overdue: z.boolean().optional(),
  handlerId: id.optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

/** Optional arguments arrive as null from GraphQL; the schemas speak undefined. */
function withoutNulls<T extends object>(value: T | null | undefined): T | undefined {
  if (value === null || value === undefined) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}

type CallerTicketCommand = Extract<TicketCommand, { type: CallerCommand }>;

/** The caller of a transition and the version they read. */
export interface Acting {
  access: Access;
  expectedVersion?: number;
}

/**
 * The tickets API for one caller (`Access`): reads see only the caller's units
 * and the tickets they handle (`ticketReadScope`; the repository applies it), each transition is checked against the
 * caller's permission on the ticket before anything is written, and the
 * reporter's phone is shown in clear only to who may read PII there (audited).
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly repository: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditLog,
    private readonly categories: CategoryCatalogue,
  ) {}

  /** The views of `docs` for the caller, writing one audit entry per ticket whose PII is shown in clear. */
  async views(access: Access, docs: readonly TicketDocument[]): Promise<Ticket[]> {
    const now = new Date();
    // each ticket is shown with the category version it was reported under
    const versions = await this.categories.versions(docs.map(categoryVersionOf));
    const entries: AuditEntry[] = [];
    const views = docs.map((doc) => {
      const mayReadPii = access.can('pii:read', doc.orgPath);
      const fields = piiShown(doc, mayReadPii);
      if (fields.length > 0) entries.push({ action: 'PII_READ', entity: 'Ticket', entityId: doc._id, fields });
      const { code, version } = categoryVersionOf(doc);
      return toTicket(doc, now, versions.get(categoryVersionId(code, version)), mayReadPii);
    });
    await this.audit.record(access, entries);
    return views;
  }

  private async view(access: Access, doc: TicketDocument): Promise<Ticket> {
    const [view] = await this.views(access, [doc]);
    return view;
  }

  async findById(access: Access, ticketId: string): Promise<Ticket | null> {
    const doc = await this.repository.findById(ticketId, ticketReadScope(access));
    return doc ? this.view(access, doc) : null;
  }

  /** `findById` of each id at once (one query, one audit record), in the ids' order; an error is that id's alone. For entity references. */
  async findByIds(access: Access, ids: readonly string[]): Promise<BatchResult<Ticket>[]> {
    const found = await this.repository.findByIds(ids, ticketReadScope(access));
    const docs = found.filter((result): result is TicketDocument => result !== null && !(result instanceof Error));
    const views = await this.views(access, docs);
    let next = 0;
    return found.map((result) => (result === null || result instanceof Error ? result : views[next++]));
  }

  async findByNumber(access: Access, number: string): Promise<Ticket | null> {
    const doc = await this.repository.findByNumber(number, ticketReadScope(access));
    return doc ? this.view(access, doc) : null;
  }

  async duplicatesOf(access: Access, ticketId: string): Promise<Ticket[]> {
    return this.views(access, await this.repository.findDuplicatesOf(ticketId, ticketReadScope(access)));
  }

  async list(access: Access, rawFilter: TicketFilter | undefined, pageArgs: PageArgs = {}): Promise<Page<Ticket>> {
    const scope = ticketReadScope(access);
    const filter = parseInput(filterSchema, withoutNulls(rawFilter) ?? {}, 'filter');
    if (filter.category && !(await this.categories.current(filter.category))) {
      throw new BadUserInputError(`Unknown category ${filter.category}`, [{ path: 'filter.category', message: 'not in the category catalogue' }]);
    }
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, scope, page, new Date());
    return toPage(await this.views(access, rows), page.limit, total);
  }

  /** Tickets waiting on the caller: dispatched to them, or waiting in a unit where they hold a role. */
  async myQueue(access: Access, first = 50): Promise<Ticket[]> {
    const scope = ticketReadScope(access);
    const principal = access.authenticated();
    const units = principal.kind === 'MEMBER' ? principal.grants.map((grant) => grant.unitId) : [];
    const limit = Math.min(Math.max(first, 1), 200);
    return this.views(access, await this.repository.workQueue(principal.id, units, scope, limit));
  }

  /** Figures inside the caller's units; asking for a unit outside them is FORBIDDEN. */
  async stats(access: Access, within: string | undefined, from: Date | undefined, to: Date | undefined): Promise<TicketStats> {
    const scope = ticketReadScope(access);
    const unit = within ? this.writer.unit(within) : undefined;
    if (unit && !inScope(scope, [...unit.ancestors, unit.id])) {
      throw new ForbiddenError(`${unit.name} lies outside your units (超出管辖范围)`);
    }
    if (from && to && from >= to) throw new BadUserInputError('from must be before to', [{ path: 'from', message: 'not before to' }]);
    const now = new Date();
    const rows: StatsRow[] = [];
    for await (const row of this.repository.statsRows({ within, from, to }, scope, now)) rows.push(row);
    return computeStats(rows, now);
  }

  /**
   * Takes a report from the caller, who needs `tickets:report` on the unit where the problem is.
   * Member channels (GRID_REPORT, APP) are entered by the member signed in.
   */
  async report(access: Access, rawInput: ReportTicketInput): Promise<Ticket> {
    const principal = access.authenticated();
    const input = parseInput(reportInputSchema, {
      ...withoutNulls(rawInput),
      geo: withoutNulls(rawInput.geo),
      reporter: withoutNulls(rawInput.reporter),
      fields: rawInput.fields ?? undefined,
    });
    // an unknown unit is left to the intake rules (BAD_USER_INPUT)
    const unit = this.writer.unit(input.unitId);
    if (unit) access.assertCan('tickets:report', [...unit.ancestors, unit.id]);
    const doc = await this.writer.report(
      {
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        channel: input.channel,
        priority: input.priority,
        unitId: input.unitId,
        address: input.address ?? null,
        geo: input.geo ?? null,
        reporter: input.reporter
          ? {
              name: input.reporter.name ?? null,
              phone: input.reporter.phone ?? null,
              householdId: input.reporter.householdId ?? null,
              anonymous: input.reporter.anonymous,
            }
          : null,
        fields: input.fields ?? [],
      },
      principal.id,
      principal.kind === 'MEMBER' ? principal.id : null,
    );
    return this.view(access, doc);
  }

  accept(ticketId: string, note: string | undefined, acting: Acting): Promise<Ticket> {
    const checked = this.note(note);
    return this.run(ticketId, 'accept', acting, () => ({ type: 'accept', note: checked }));
  }

  reject(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    const checked = this.reason(reason);
    return this.run(ticketId, 'reject', acting, () => ({ type: 'reject', reason: checked }));
  }

  dispatch(ticketId: string, rawInput: DispatchTicketInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(dispatchInputSchema, withoutNulls(rawInput));
    return this.run(ticketId, 'dispatch', acting, () => ({ type: 'dispatch', ...input }));
  }

  start(ticketId: string, note: string | undefined, acting: Acting, evidenceIds?: string[] | null): Promise<Ticket> {
    const checkedNote = this.note(note);
    return this.run(ticketId, 'start', acting, async () => ({
      type: 'start',
      note: checkedNote,
      evidenceIds: await this.evidence.attachable(ticketId, evidenceIds, 'evidenceIds'),
    }));
  }

  addProgress(ticketId: string, input: AddProgressInput, acting: Acting): Promise<Ticket> {
    const note = parseInput(text(2000), input.note, 'input.note');
    return this.run(ticketId, 'progress', acting, async () => ({
      type: 'progress',
      note,
      evidenceIds: await this.evidence.attachable(ticketId, input.evidenceIds, 'input.evidenceIds'),
    }));
  }

  resolve(ticketId: string, input: ResolveTicketInput, acting: Acting): Promise<Ticket> {
    const resolution = parseInput(text(5000), input.resolution, 'input.resolution');
    return this.run(ticketId, 'resolve', acting, async () => ({
      type: 'resolve',
      resolution,
      evidenceIds: await this.evidence.attachable(ticketId, input.evidenceIds, 'input.evidenceIds'),
    }));
  }

  escalate(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    const checked = this.reason(reason);
    return this.run(ticketId, 'escalate', acting, () => ({ type: 'escalate', reason: checked }));
  }

  transfer(ticketId: string, rawInput: TransferTicketInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(transferInputSchema, rawInput);
    const unit = this.writer.unit(input.unitId);
    return this.run(ticketId, 'transfer', acting, () => ({ type: 'transfer', ...input }), unit ? [...unit.ancestors, unit.id] : undefined);
  }

  supervise(ticketId: string, note: string, acting: Acting): Promise<Ticket> {
    const checked = parseInput(text(2000), note, 'note');
    return this.run(ticketId, 'supervise', acting, () => ({ type: 'supervise', note: checked }));
  }

  recordFeedback(ticketId: string, rawInput: FeedbackInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(feedbackInputSchema, withoutNulls(rawInput));
    return this.run(ticketId, 'feedback', acting, () => ({ type: 'feedback', ...input }));
  }

  reopen(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, 'reopen', acting, () => ({ type: 'reopen', reason: this.reason(reason) }));
  }

  close(ticketId: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, 'close', acting, () => ({ type: 'close' }));
  }

  merge(ticketId: string, intoId: string, acting: Acting): Promise<Ticket> {
    const intoTicketId = parseInput(id, intoId, 'intoId');
    return this.run(ticketId, 'merge', acting, async () => {
      // the original must be visible to the caller too
      const into = await this.repository.findById(intoTicketId, ticketReadScope(acting.access));
      if (!into) throw new NotFoundError('Ticket', intoId);
      return { type: 'merge', into: { id: into._id, status: into.status } };
    });
  }

  private note(note: string | undefined): string | undefined {
    return parseInput(optionalText(2000), note ?? undefined, 'note');
  }

  private reason(reason: string): string {
    return parseInput(text(2000), reason, 'reason');
  }

  /**
   * Reads the ticket inside the caller's scope, checks the caller's permission for `type`, then
   * (and only then) builds the command (which may read evidence or another ticket) and writes it.
   */
  private async run(
    ticketId: string,
    type: CallerCommand,
    acting: Acting,
    build: () => CallerTicketCommand | Promise<CallerTicketCommand>,
    targetPath?: readonly string[],
  ): Promise<Ticket> {
    const { access } = acting;
    const ticket = parseInput(id, ticketId, 'id');
    const readChecked = async () => {
      const doc = await this.repository.findById(ticket, ticketReadScope(access));
      if (!doc) throw new NotFoundError('Ticket', ticketId);
      assertMayCommand(access, type, doc, targetPath);
      return doc;
    };
    const written = await this.writer.executeOnLatest(readChecked, build, { actorId: access.actorId(), expectedVersion: acting.expectedVersion });
    return this.view(access, written);
  }
}
