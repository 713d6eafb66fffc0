import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventProducer, OutboxRelay } from '@steward/events';
import { BadUserInputError, NotFoundError, parseInput } from '@steward/errors';
import { MemberDirectory, OrgTree } from '@steward/replicas';
import {
  BackgroundTasks,
  InjectLogger,
  InjectProducer,
  registerOutboxRelay,
  toPage,
  toPageRequest,
  type Logger,
  type Page,
  type PageArgs,
} from '@steward/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { ticketEvents, type EventContext } from './ticket-events';
import type { DispatchTicketInput, ReportTicketInput, TicketFilter } from './ticket.input';
import { TICKET_CHANNELS, TICKET_PRIORITIES, type Ticket } from './ticket.model';
import { TicketRepository, type TicketChanges } from './ticket.repository';
import type { TicketDocument } from './ticket.schema';
import { levelOfUnit, nextStatus, type TicketAction } from './ticket-state-machine';

const reportInputSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(5000).optional(),
  category: z.string().regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'must be a category code such as ROADS'),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES).default('NORMAL'),
  unitId: z.string().min(1),
  address: z.string().max(500).optional(),
  actorId: z.string().min(1).optional(),
});
const noteSchema = z.string().max(2000).optional();
const dispatchInputSchema = z.object({ handlerId: z.string().min(1), note: noteSchema });
const resolutionSchema = z.string().trim().min(1, 'must not be empty').max(5000);

function shanghaiDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .replace(/-/g, '');
}

export function toTicket(doc: TicketDocument): Ticket {
  return {
    id: doc._id,
    number: doc.number,
    title: doc.title,
    description: doc.description,
    category: doc.category,
    channel: doc.channel,
    priority: doc.priority,
    status: doc.status,
    level: doc.level,
    address: doc.address,
    resolveDueAt: doc.resolveDueAt,
    timeline: doc.timeline,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    unitId: doc.unitId,
    handlerId: doc.handlerId,
  };
}

interface TransitionRequest {
  action: TicketAction;
  note?: string;
  expectedVersion?: number;
  changes?: (ticket: TicketDocument) => TicketChanges;
  events: (ctx: EventContext, before: TicketDocument) => EventEnvelope[];
  /** Checks that need the current ticket (e.g. the handler's role in its unit). */
  check?: (ticket: TicketDocument) => void;
}

@Injectable()
export class TicketsService {
  private readonly relay: OutboxRelay;

  constructor(
    private readonly repository: TicketRepository,
    private readonly orgTree: OrgTree,
    private readonly members: MemberDirectory,
    tasks: BackgroundTasks,
    @InjectProducer() producer: EventProducer,
    @InjectLogger() logger: Logger,
  ) {
    this.relay = registerOutboxRelay(tasks, { collection: repository.collection, producer, logger });
  }

  async findById(id: string): Promise<Ticket | null> {
    const doc = await this.repository.findById(id);
    return doc ? toTicket(doc) : null;
  }

  async findByNumber(number: string): Promise<Ticket | null> {
    const doc = await this.repository.findByNumber(number);
    return doc ? toTicket(doc) : null;
  }

  async list(filter: TicketFilter = {}, pageArgs: PageArgs = {}): Promise<Page<Ticket>> {
    const page = toPageRequest(pageArgs);
    const { rows, total } = await this.repository.page(filter, page);
    return toPage(rows.map(toTicket), page.limit, total);
  }

  async report(rawInput: ReportTicketInput): Promise<Ticket> {
    const input = parseInput(reportInputSchema, rawInput);
    const unit = this.orgTree.unit(input.unitId);
    if (!unit) throw new BadUserInputError(`Unit ${input.unitId} is unknown`, [{ path: 'input.unitId', message: 'unknown unit' }]);
    if (unit.status !== 'ACTIVE') {
      throw new BadUserInputError(`Unit ${unit.name} is retired`, [{ path: 'input.unitId', message: 'retired unit' }]);
    }
    const level = levelOfUnit(unit.level);
    if (!level) {
      throw new BadUserInputError(`Tickets go to a grid, an administrative village or a township, not a ${unit.level}`, [
        { path: 'input.unitId', message: 'must be a GRID, ADMIN_VILLAGE or TOWNSHIP' },
      ]);
    }
    const now = new Date();
    const ticket = {
      _id: uuidv7(),
      number: await this.repository.nextNumber(shanghaiDay(now)),
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      channel: input.channel,
      priority: input.priority,
      status: 'REPORTED' as const,
      level,
      unitId: unit.id,
      orgPath: [...unit.ancestors, unit.id],
      handlerId: null,
      address: input.address ?? null,
      resolveDueAt: null,
      timeline: [{ at: now, actorId: input.actorId ?? null, action: 'report', from: null, to: 'REPORTED' as const, note: null }],
      version: 1,
    };
    await this.repository.insert(ticket, [
      ticketEvents.reported({ ticket, actorId: input.actorId ?? null, at: now, reportedAt: now }),
    ]);
    this.relay.kick();
    return toTicket({ ...ticket, outbox: [], createdAt: now, updatedAt: now });
  }

  accept(id: string, note?: string, expectedVersion?: number): Promise<Ticket> {
    return this.transition(id, { action: 'accept', note, expectedVersion, events: (ctx) => [ticketEvents.accepted(ctx)] });
  }

  dispatch(id: string, rawInput: DispatchTicketInput, expectedVersion?: number): Promise<Ticket> {
    const input = parseInput(dispatchInputSchema, rawInput);
    return this.transition(id, {
      action: 'dispatch',
      note: input.note,
      expectedVersion,
      check: (ticket) => {
        if (this.members.rolesAt(input.handlerId, ticket.unitId, new Date()).length === 0) {
          throw new BadUserInputError(`Member ${input.handlerId} holds no role in the responsible unit`, [
            { path: 'input.handlerId', message: 'no role in the responsible unit' },
          ]);
        }
      },
      changes: () => ({ handlerId: input.handlerId }),
      events: (ctx, before) => [ticketEvents.dispatched(ctx, before.handlerId, input.note)],
    });
  }

  start(id: string, note?: string, expectedVersion?: number): Promise<Ticket> {
    return this.transition(id, { action: 'start', note, expectedVersion, events: (ctx) => [ticketEvents.started(ctx)] });
  }

  resolve(id: string, resolution: string, expectedVersion?: number): Promise<Ticket> {
    const text = parseInput(resolutionSchema, resolution, 'input.resolution');
    return this.transition(id, {
      action: 'resolve',
      note: text,
      expectedVersion,
      events: (ctx) => [
        ticketEvents.resolved(ctx, text, ctx.ticket.resolveDueAt === null || ctx.at <= ctx.ticket.resolveDueAt),
      ],
    });
  }

  private async transition(id: string, request: TransitionRequest): Promise<Ticket> {
    const note = parseInput(noteSchema, request.note, 'note');
    const before = await this.repository.findById(id);
    if (!before) throw new NotFoundError('Ticket', id);
    if (request.expectedVersion !== undefined && request.expectedVersion !== before.version) {
      throw new BadUserInputError(`Ticket ${before.number} is at version ${before.version}, not ${request.expectedVersion}`, [
        { path: 'expectedVersion', message: 'stale version' },
      ]);
    }
    const status = nextStatus(before.status, request.action);
    request.check?.(before);
    const at = new Date();
    const changes: TicketChanges = { status, ...request.changes?.(before) };
    const after: TicketDocument = { ...before, ...changes, version: before.version + 1, updatedAt: at };
    const events = request.events({ ticket: after, actorId: null, at, reportedAt: before.createdAt }, before);
    const entry = { at, actorId: null, action: request.action, from: before.status, to: status, note: note ?? null };
    await this.repository.applyTransition(id, before.version, changes, entry, events);
    this.relay.kick();
    return toTicket({ ...after, timeline: [...before.timeline, entry] });
  }
}
