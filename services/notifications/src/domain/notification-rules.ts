import { z } from 'zod';

/** Whom a rule addresses; the application turns each kind into member ids (see the rule table's $comment). */
export const RECIPIENT_KINDS = ['HANDLER', 'PREVIOUS_HANDLER', 'UNIT_DISPATCHERS', 'REPORTER', 'MERGED_REPORTERS', 'RESIDENT', 'MERGED_RESIDENTS', 'MEMBER'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/**
 * Kinds that address residents (反映群众), not members: RESIDENT, the resident
 * who reported the ticket; MERGED_RESIDENTS, those who reported tickets merged
 * into it. A resident has no inbox and no member id: the recipient id is
 * `resident:<ticketId>` (never the phone), reached by SMS only.
 */
export const RESIDENT_KINDS: readonly RecipientKind[] = ['RESIDENT', 'MERGED_RESIDENTS'];

export function isResidentKind(kind: string): boolean {
  return (RESIDENT_KINDS as readonly string[]).includes(kind);
}

/** The recipient id of the resident who reported `ticketId`. */
export function residentRecipientId(ticketId: string): string {
  return `resident:${ticketId}`;
}

/**
 * Channels a rule may name: members are reached through the in-app inbox;
 * SMS is an external channel (domain/delivery-channel.ts), queued and retried
 * by the delivery dispatcher. Webhooks are not named by rules: an endpoint
 * subscribes to every message about tickets under its unit.
 */
export const CHANNELS = ['INBOX', 'SMS'] as const;
export type Channel = (typeof CHANNELS)[number];

const PLACEHOLDERS = ['number', 'title', 'unitName', 'deadline', 'reason', 'note', 'done', 'required'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

const ruleSchema = z.strictObject({
  event: z.string().regex(/^steward\.[a-z-]+\.[a-z-]+\.v\d+$/),
  when: z.record(z.string(), z.union([z.string(), z.boolean(), z.null()])).optional(),
  to: z.enum(RECIPIENT_KINDS),
  channels: z.array(z.enum(CHANNELS)).min(1),
  template: z.string().min(1),
  deadline: z.array(z.string().min(1)).optional(),
});
export type NotificationRule = z.infer<typeof ruleSchema>;

const tableSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  rules: z.array(ruleSchema).min(1),
  templates: z.record(z.string(), z.string().min(1)),
});

/** The facts of one consumed event a rule reads: its id, type, and data (the ticket after the step). */
export interface SourceEvent {
  id: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
}

/** What the application knows beyond the event: who each recipient kind is, and unit names. */
export interface RecipientContext {
  recipients(kind: RecipientKind): readonly string[];
  unitName(unitId: string): string | undefined;
}

/** One message to send: exactly one per (source event, recipient, channel). */
export interface PlannedNotification {
  key: string;
  recipientKind: RecipientKind;
  recipientId: string;
  channel: Channel;
  template: string;
  text: string;
  /** The values of the template's placeholders in order of appearance (an SMS provider template's {1}, {2}, …). */
  templateParams: string[];
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-12-01 17:30 in Asia/Shanghai. */
export function formatDeadline(iso: string): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The key that makes a message unique: the source event, the recipient and the channel. */
export function notificationKey(eventId: string, recipientId: string, channel: Channel): string {
  return `${eventId}|${recipientId}|${channel}`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const count = (value: unknown): string => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/** The notification rule table (notification-rules.json), validated when loaded: a broken table stops the service at start. */
export class NotificationRules {
  readonly version: string;
  private readonly rules: readonly NotificationRule[];
  private readonly templates: Readonly<Record<string, string>>;

  constructor(input: unknown) {
    const table = tableSchema.parse(input);
    for (const rule of table.rules) {
      // residents have no inbox; members are not texted (their inbox and webhooks reach them)
      const resident = isResidentKind(rule.to);
      if (resident ? rule.channels.some((channel) => channel !== 'SMS') : rule.channels.includes('SMS')) {
        throw new Error(`notification rules: a ${rule.to} rule must name ${resident ? 'only SMS' : 'no SMS'} (${rule.event})`);
      }
      const template = table.templates[rule.template];
      if (template === undefined) throw new Error(`notification rules: template ${rule.template} is not defined`);
      for (const [, name] of template.matchAll(/\{(\w+)\}/g)) {
        if (!PLACEHOLDERS.includes(name as Placeholder)) throw new Error(`notification rules: template ${rule.template} uses unknown {${name}}`);
      }
    }
    this.version = table.version;
    this.rules = table.rules;
    this.templates = table.templates;
  }

  /** The templates of rules that send SMS (each needs a provider template id when SMS is on). */
  smsTemplates(): string[] {
    return [...new Set(this.rules.filter((rule) => rule.channels.includes('SMS')).map((rule) => rule.template))];
  }

  /** The recipient kinds the rules of `eventType` name (none: the event tells nobody). */
  kindsFor(eventType: string): Set<RecipientKind> {
    return new Set(this.rules.filter((rule) => rule.event === eventType).map((rule) => rule.to));
  }

  /**
   * The messages one event causes, in rule order: each recipient once per
   * channel (the first matching rule wins), never the member who made the change.
   */
  plan(event: SourceEvent, context: RecipientContext): PlannedNotification[] {
    const planned = new Map<string, PlannedNotification>();
    const actorId = text(event.data.actorId);
    for (const rule of this.rules) {
      if (rule.event !== event.type || !this.matches(rule, event.data)) continue;
      const recipients = [...new Set(context.recipients(rule.to))].filter((id) => id !== actorId);
      for (const recipientId of recipients) {
        for (const channel of rule.channels) {
          const key = notificationKey(event.id, recipientId, channel);
          if (planned.has(key)) continue;
          planned.set(key, { key, recipientKind: rule.to, recipientId, channel, template: rule.template, ...this.render(rule, event.data, context) });
        }
      }
    }
    return [...planned.values()];
  }

  private matches(rule: NotificationRule, data: SourceEvent['data']): boolean {
    return Object.entries(rule.when ?? {}).every(([field, expected]) => (expected === null ? data[field] === null || data[field] === undefined : data[field] === expected));
  }

  private render(rule: NotificationRule, data: SourceEvent['data'], context: RecipientContext): { text: string; templateParams: string[] } {
    const unitId = text(data.unitId);
    const deadline = (rule.deadline ?? []).map((field) => text(data[field])).find((value) => value !== undefined);
    const values: Record<Placeholder, string> = {
      number: text(data.number) ?? '',
      title: text(data.title) ?? text(data.category) ?? '',
      unitName: (unitId && context.unitName(unitId)) ?? '责任单位',
      deadline: deadline ? formatDeadline(deadline) : '未设定',
      reason: text(data.reason) ?? '未说明',
      note: text(data.note) ?? '',
      done: count(data.achieved),
      required: count(data.required),
    };
    const template = this.templates[rule.template] ?? '';
    return {
      text: template.replace(/\{(\w+)\}/g, (_, name: Placeholder) => values[name]),
      templateParams: [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => values[name as Placeholder]),
    };
  }
}
