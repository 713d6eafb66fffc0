import { ALL_UNITS } from '@steward/auth';
import { parseInput, RateLimitedError } from '@steward/errors';
import { AttemptSlots, type AttemptSlotStore } from '@steward/persistence';
import type { OrgTree } from '@steward/replicas';
import { z } from 'zod';
import type { CategoryCatalogue } from './category-catalogue';
import { lookupSlotName, PHONE_LAST4, phoneLast4Matches, progressView, TICKET_NUMBER, type ProgressView } from '../domain/progress-lookup';
import type { TicketRepository } from '../persistence/ticket.repository';

const numberSchema = z.string().trim().regex(TICKET_NUMBER, 'must be a ticket number such as 20261130-000042');
const digitsSchema = z.string().trim().regex(PHONE_LAST4, 'must be the last four digits of the phone');

export interface ProgressLookupLimits {
  /** failed lookups of one number within `windowMs` before the number is locked */
  maxFailures: number;
  windowMs: number;
}

/**
 * 进度查询: a resident, not signed in, reads the public view of their ticket
 * by its number and the last four digits of the phone they reported with
 * (anonymous reports too: the phone is kept, only hidden from staff).
 *
 * An unknown number and wrong digits answer the same `null` after the same
 * work: every lookup takes an attempt slot of the number (known or not), reads
 * the number and compares four digits in constant time (against a value no
 * input matches when there is no ticket or no phone). With every slot of a
 * number taken, any lookup of it (the right digits too, an unknown number
 * alike) is RATE_LIMITED until a slot frees; a successful lookup frees them.
 */
export class ProgressLookup {
  private readonly attempts: AttemptSlots;

  constructor(
    private readonly repository: Pick<TicketRepository, 'findByNumber'>,
    private readonly orgTree: Pick<OrgTree, 'unit'>,
    private readonly categories: Pick<CategoryCatalogue, 'version'>,
    slots: AttemptSlotStore,
    limits: ProgressLookupLimits,
  ) {
    this.attempts = new AttemptSlots(slots, { maxAttempts: limits.maxFailures, windowMs: limits.windowMs });
  }

  async lookup(rawNumber: string, rawDigits: string, now = new Date()): Promise<ProgressView | null> {
    const number = parseInput(numberSchema, rawNumber, 'number');
    const digits = parseInput(digitsSchema, rawDigits, 'phoneLast4');
    const slot = lookupSlotName(number);
    if (!(await this.attempts.claim(slot, now))) {
      throw new RateLimitedError('Too many lookups of this ticket number: retry later (查询次数过多，请稍后再试)');
    }
    // the system's read: the digits, not a scope, decide who may see the public view
    const doc = await this.repository.findByNumber(number, ALL_UNITS);
    const matches = phoneLast4Matches(doc?.reporter?.phone, digits);
    if (!doc || !matches) return null;
    await this.attempts.clear(slot);
    const unitName = (unitId: string) => this.orgTree.unit(unitId)?.name ?? null;
    return progressView(
      {
        number: doc.number,
        status: doc.status,
        level: doc.level,
        unitId: doc.unitId,
        overdue: doc.overdue ?? false,
        acceptDueAt: doc.acceptDueAt ?? null,
        resolveDueAt: doc.resolveDueAt ?? null,
        reportedAt: doc.createdAt,
        // the name of the version it was reported under, as on the ticket
        categoryName: (await this.categories.version(doc.category, doc.categoryVersion ?? 1))?.name ?? null,
        timeline: doc.timeline,
      },
      unitName,
      now,
    );
  }
}
