import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError, parseInput, UnauthenticatedError } from '@steward/errors';
import { MemberDirectory } from '@steward/replicas';
import { toPage, toPageRequest, type Page, type PageArgs } from '@steward/service-kit';
import { z } from 'zod';
import type { TicketPolicies } from '../catalogue/policies';
import { EvidenceService } from '../evidence/evidence.service';
import { computeStats, type StatsRow, type TicketStats } from './ticket-stats';
import type { TicketCommand } from './ticket-rules';
import { TICKET_LEVELS, TICKET_STATUSES } from './ticket-state-machine';
import { SATISFACTIONS, TICKET_CHANNELS, TICKET_PRIORITIES } from './ticket-terms';
import { TicketRepository } from './ticket.repository';
import type {
  AddProgressInput,
  DispatchTicketInput,
  FeedbackInput,
  ReportTicketInput,
  ResolveTicketInput,
  TicketFilter,
  TransferTicketInput,
} from './ticket.input';
import type { Ticket, TicketCategory } from './ticket.model';
import { toTicket } from './ticket-view';
import { TicketWriter } from './ticket-writer';
import { TICKET_POLICIES } from './tokens';

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
  actorId: id.optional(),
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

export interface Acting {
  /** the acting member (the seam where the signed user context plugs in) */
  actorId: string | null;
  expectedVersion?: number;
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly repository: TicketRepository,
    private readonly writer: TicketWriter,
    private readonly members: MemberDirectory,
    @Inject(TICKET_POLICIES) private readonly policies: TicketPolicies,
    private readonly evidence: EvidenceService,
  ) {}

  private view = (doc: Parameters<typeof toTicket>[0]): Ticket => toTicket(doc, new Date(), this.policies.catalogue);

  async findById(ticketId: string): Promise<Ticket | null> {
    const doc = await this.repository.findById(ticketId);
    return doc ? this.view(doc) : null;
  }

  async findByNumber(number: string): Promise<Ticket | null> {
    const doc = await this.repository.findByNumber(number);
    return doc ? this.view(doc) : null;
  }

  async duplicatesOf(ticketId: string): Promise<Ticket[]> {
    return (await this.repository.findDuplicatesOf(ticketId)).map(this.view);
  }

  async list(rawFilter: TicketFilter | undefined, pageArgs: PageArgs = {}): Promise<Page<Ticket>> {
    const filter = parseInput(filterSchema, withoutNulls(rawFilter) ?? {}, 'filter');
    if (filter.category && !this.policies.catalogue.category(filter.category)) {
      throw new BadUserInputError(`Unknown category ${filter.category}`, [{ path: 'filter.category', message: 'not in the category catalogue' }]);
    }
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, page, new Date());
    return toPage(rows.map(this.view), page.limit, total);
  }

  /** Tickets waiting on the member: dispatched to them, or waiting in a unit where they hold a role. */
  async myQueue(actorId: string | null, first = 50): Promise<Ticket[]> {
    if (!actorId) throw new UnauthenticatedError('myQueue needs the acting member');
    const now = Date.now();
    const member = this.members.member(actorId);
    const units = (member?.assignments ?? [])
      .filter((a) => Date.parse(a.from) <= now && (a.to === null || a.to === undefined || Date.parse(a.to) > now))
      .map((a) => a.orgUnitId);
    return (await this.repository.workQueue(actorId, units, Math.min(Math.max(first, 1), 200))).map(this.view);
  }

  async stats(within: string | undefined, from: Date | undefined, to: Date | undefined): Promise<TicketStats> {
    if (from && to && from >= to) throw new BadUserInputError('from must be before to', [{ path: 'from', message: 'not before to' }]);
    const now = new Date();
    const rows: StatsRow[] = [];
    for await (const row of this.repository.statsRows({ within, from, to }, now)) rows.push(row);
    return computeStats(rows, now);
  }

  categories(): TicketCategory[] {
    const catalogue = this.policies.catalogue;
    return catalogue.categories.map((category) => ({ ...category, startLevelAtGrid: catalogue.startLevel(category.code, 'GRID') }));
  }

  async report(rawInput: ReportTicketInput): Promise<Ticket> {
    const input = parseInput(reportInputSchema, {
      ...withoutNulls(rawInput),
      geo: withoutNulls(rawInput.geo),
      reporter: withoutNulls(rawInput.reporter),
    });
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
      },
      input.actorId ?? null,
    );
    return this.view(doc);
  }

  accept(ticketId: string, note: string | undefined, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'accept', note: this.note(note) }, acting);
  }

  reject(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'reject', reason: this.reason(reason) }, acting);
  }

  dispatch(ticketId: string, rawInput: DispatchTicketInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(dispatchInputSchema, withoutNulls(rawInput));
    return this.run(ticketId, { type: 'dispatch', ...input }, acting);
  }

  async start(ticketId: string, note: string | undefined, acting: Acting, evidenceIds?: string[] | null): Promise<Ticket> {
    const command = { type: 'start', note: this.note(note) } as const;
    return this.run(ticketId, { ...command, evidenceIds: await this.evidence.attachable(ticketId, evidenceIds, 'evidenceIds') }, acting);
  }

  async addProgress(ticketId: string, input: AddProgressInput, acting: Acting): Promise<Ticket> {
    const note = parseInput(text(2000), input.note, 'input.note');
    const evidenceIds = await this.evidence.attachable(ticketId, input.evidenceIds, 'input.evidenceIds');
    return this.run(ticketId, { type: 'progress', note, evidenceIds }, acting);
  }

  async resolve(ticketId: string, input: ResolveTicketInput, acting: Acting): Promise<Ticket> {
    const resolution = parseInput(text(5000), input.resolution, 'input.resolution');
    const evidenceIds = await this.evidence.attachable(ticketId, input.evidenceIds, 'input.evidenceIds');
    return this.run(ticketId, { type: 'resolve', resolution, evidenceIds }, acting);
  }

  escalate(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'escalate', reason: this.reason(reason) }, acting);
  }

  transfer(ticketId: string, rawInput: TransferTicketInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(transferInputSchema, rawInput);
    return this.run(ticketId, { type: 'transfer', ...input }, acting);
  }

  supervise(ticketId: string, note: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'supervise', note: parseInput(text(2000), note, 'note') }, acting);
  }

  recordFeedback(ticketId: string, rawInput: FeedbackInput, acting: Acting): Promise<Ticket> {
    const input = parseInput(feedbackInputSchema, withoutNulls(rawInput));
    return this.run(ticketId, { type: 'feedback', ...input }, acting);
  }

  reopen(ticketId: string, reason: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'reopen', reason: this.reason(reason) }, acting);
  }

  close(ticketId: string, acting: Acting): Promise<Ticket> {
    return this.run(ticketId, { type: 'close' }, acting);
  }

  async merge(ticketId: string, intoId: string, acting: Acting): Promise<Ticket> {
    const into = await this.repository.findById(parseInput(id, intoId, 'intoId'));
    if (!into) throw new NotFoundError('Ticket', intoId);
    return this.run(ticketId, { type: 'merge', into: { id: into._id, status: into.status } }, acting);
  }

  private note(note: string | undefined): string | undefined {
    return parseInput(optionalText(2000), note ?? undefined, 'note');
  }

  private reason(reason: string): string {
    return parseInput(text(2000), reason, 'reason');
  }

  private async run(ticketId: string, command: TicketCommand, acting: Acting): Promise<Ticket> {
    const doc = await this.writer.execute(ticketId, command, acting);
    return this.view(doc);
  }
}
