import { z } from 'zod';
import { TICKET_LEVELS, type TicketLevel } from './ticket-state-machine';
import { TICKET_PRIORITIES, type OverdueKind, type TicketPriority } from './ticket-terms';
import { workDurationSchema, type WorkDuration, type WorkingCalendar } from './working-calendar';

/** What the SLA depends on: category × priority × level. */
export interface SlaKey {
  category: string;
  priority: TicketPriority;
  level: TicketLevel;
}

export interface SlaTerms {
  /** 受理时限, counted from the report */
  acceptWithin: WorkDuration;
  /** 办结时限, counted from acceptance (and again after escalation, transfer or reopening) */
  resolveWithin: WorkDuration;
  /** escalate one level up when the resolve deadline is missed */
  autoEscalate: boolean;
  /** lead time of the warning before the accept deadline (临期预警), minutes of clock time */
  acceptWarnMinutes: number;
  /** lead time of the warning before the resolve deadline, minutes of clock time */
  resolveWarnMinutes: number;
}

const TERMS = ['acceptWithin', 'resolveWithin', 'autoEscalate', 'acceptWarnMinutes', 'resolveWarnMinutes'] as const;
/** Lead times longer than this mean broken data (60 days). */
const MAX_WARN_MINUTES = 60 * 24 * 60;
const warnMinutes = z.number().positive().max(MAX_WARN_MINUTES);
/** Specificity of a rule key: priority beats category beats level. */
const WEIGHT = { priority: 4, category: 2, level: 1 } as const;

const ruleSchema = z.strictObject({
  category: z.string().min(1).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  level: z.enum(TICKET_LEVELS).optional(),
  acceptWithin: workDurationSchema.optional(),
  resolveWithin: workDurationSchema.optional(),
  autoEscalate: z.boolean().optional(),
  acceptWarnMinutes: warnMinutes.optional(),
  resolveWarnMinutes: warnMinutes.optional(),
});
type SlaRule = z.infer<typeof ruleSchema>;

const policySchema = z.object({
  version: z.string().min(1),
  autoCloseAfter: workDurationSchema,
  rules: z.array(ruleSchema).min(1),
});

function specificity(rule: SlaRule): number {
  return (rule.priority ? WEIGHT.priority : 0) + (rule.category ? WEIGHT.category : 0) + (rule.level ? WEIGHT.level : 0);
}

function matches(rule: SlaRule, key: SlaKey): boolean {
  return (
    (rule.category === undefined || rule.category === key.category) &&
    (rule.priority === undefined || rule.priority === key.priority) &&
    (rule.level === undefined || rule.level === key.level)
  );
}

/** The SLA policy from data (sla-policy.json), validated when loaded. */
export class SlaPolicy {
  readonly version: string;
  readonly autoCloseAfter: WorkDuration;
  private readonly rules: SlaRule[];

  /** `knownCategories`: rules naming any other category are refused (a typo would silently never match). */
  constructor(data: unknown, knownCategories: ReadonlySet<string>) {
    const parsed = policySchema.parse(data);
    this.version = parsed.version;
    this.autoCloseAfter = parsed.autoCloseAfter;
    const seen = new Set<string>();
    for (const rule of parsed.rules) {
      const key = `${rule.category ?? '*'}/${rule.priority ?? '*'}/${rule.level ?? '*'}`;
      if (seen.has(key)) throw new Error(`SLA policy: two rules for ${key}`);
      seen.add(key);
      if (rule.category !== undefined && !knownCategories.has(rule.category)) {
        throw new Error(`SLA policy: unknown category ${rule.category}`);
      }
      if (!TERMS.some((term) => rule[term] !== undefined)) throw new Error(`SLA policy: rule ${key} sets no term`);
    }
    const fallback = parsed.rules.find((rule) => specificity(rule) === 0);
    if (!fallback || TERMS.some((term) => fallback[term] === undefined)) {
      throw new Error('SLA policy: needs a default rule (no category, priority or level) that sets every term');
    }
    // Most specific first, so the first rule that sets a term wins.
    this.rules = [...parsed.rules].sort((a, b) => specificity(b) - specificity(a));
  }

  terms(key: SlaKey): SlaTerms {
    const applicable = this.rules.filter((rule) => matches(rule, key));
    const pick = <T extends (typeof TERMS)[number]>(term: T) =>
      applicable.find((rule) => rule[term] !== undefined)?.[term] as NonNullable<SlaRule[T]>;
    return {
      acceptWithin: pick('acceptWithin'),
      resolveWithin: pick('resolveWithin'),
      autoEscalate: pick('autoEscalate'),
      acceptWarnMinutes: pick('acceptWarnMinutes'),
      resolveWarnMinutes: pick('resolveWarnMinutes'),
    };
  }

  /** The longest lead time any rule gives a deadline of `kind` (bounds the sweeper's search). */
  maxWarnMinutes(kind: OverdueKind): number {
    const term = kind === 'ACCEPT' ? 'acceptWarnMinutes' : 'resolveWarnMinutes';
    return Math.max(...this.rules.map((rule) => rule[term] ?? 0));
  }
}

/** Due dates of one ticket: the SLA policy counted on the working calendar. */
export class Deadlines {
  constructor(
    readonly policy: SlaPolicy,
    readonly calendar: WorkingCalendar,
  ) {}

  acceptDueAt(key: SlaKey, from: Date): Date {
    return this.calendar.add(from, this.policy.terms(key).acceptWithin);
  }

  resolveDueAt(key: SlaKey, from: Date): Date {
    return this.calendar.add(from, this.policy.terms(key).resolveWithin);
  }

  autoEscalates(key: SlaKey): boolean {
    return this.policy.terms(key).autoEscalate;
  }

  get slaPolicyVersion(): string {
    return this.policy.version;
  }

  /** How long before a deadline of `kind` its warning (临期预警) is due, in minutes of clock time. */
  warnBeforeMinutes(key: SlaKey, kind: OverdueKind): number {
    const terms = this.policy.terms(key);
    return kind === 'ACCEPT' ? terms.acceptWarnMinutes : terms.resolveWarnMinutes;
  }

  /** When a resolved ticket without feedback closes itself. */
  autoCloseAt(resolvedAt: Date): Date {
    return this.calendar.add(resolvedAt, this.policy.autoCloseAfter);
  }
}
