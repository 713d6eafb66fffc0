import table from './notification-rules.json';
import { formatDeadline, NotificationRules, type RecipientKind, type SourceEvent } from './notification-rules';

const rules = new NotificationRules(table);

const PEOPLE: Record<RecipientKind, string[]> = {
  HANDLER: ['handler'],
  PREVIOUS_HANDLER: ['previous'],
  UNIT_DISPATCHERS: ['dispatcher-1', 'dispatcher-2'],
  REPORTER: ['reporter'],
  MERGED_REPORTERS: ['merged-1', 'merged-2'],
  MEMBER: ['instructor'],
  RESIDENT: ['resident:t1'],
  MERGED_RESIDENTS: ['resident:t2'],
};
const context = { recipients: (kind: RecipientKind) => PEOPLE[kind], unitName: (id: string) => (id === 'u1' ? '太平村' : undefined) };

const base = {
  number: '20261201-000007',
  title: '池塘清淤',
  category: 'ENVIRONMENT',
  unitId: 'u1',
  actorId: 'actor',
  resolveDueAt: '2026-12-03T09:30:00.000Z',
  acceptDueAt: '2026-12-01T06:00:00.000Z',
};
const event = (type: string, data: Record<string, unknown> = {}): SourceEvent => ({ id: 'e1', type: `steward.ticket.${type}.v1`, data: { ...base, ...data } });
const duty = (data: Record<string, unknown>): SourceEvent => ({
  id: 'e2',
  type: 'steward.visit.duty-at-risk.v1',
  data: { memberId: 'instructor', unitId: 'u1', role: 'GRID_INSTRUCTOR', measure: 'COMPLETED_VISITS', week: '2026-W49', required: 2, achieved: 1, ...data },
});
const recipientsOf = (source: SourceEvent) => rules.plan(source, context).map((message) => `${message.recipientKind}:${message.recipientId}`);

describe('NotificationRules.plan: who is told', () => {
  it.each<[string, SourceEvent, string[]]>([
    ['a report: the unit dispatchers', event('reported'), ['UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['acceptance: the reporter and the resident', event('accepted'), ['REPORTER:reporter', 'RESIDENT:resident:t1']],
    ['rejection: the reporter and the resident', event('rejected', { reason: '不属于受理范围' }), ['REPORTER:reporter', 'RESIDENT:resident:t1']],
    ['a dispatch: the handler and the handler it replaced', event('dispatched', { handlerId: 'handler' }), ['HANDLER:handler', 'PREVIOUS_HANDLER:previous']],
    ['a transfer: the previous handler and the new unit dispatchers', event('transferred', { reason: '属地调整' }), ['PREVIOUS_HANDLER:previous', 'UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['supervision of a handled ticket: the handler only', event('supervised', { handlerId: 'handler', note: '请加快' }), ['HANDLER:handler']],
    ['supervision of an unassigned ticket: the dispatchers', event('supervised', { handlerId: null, note: '请加快' }), ['HANDLER:handler', 'UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['a missed resolve deadline: the handler', event('overdue', { kind: 'RESOLVE', dueAt: base.resolveDueAt }), ['HANDLER:handler']],
    ['a missed accept deadline: the dispatchers', event('overdue', { kind: 'ACCEPT', dueAt: base.acceptDueAt }), ['UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['an escalation: the dispatchers above and the previous handler', event('escalated', { reason: '超期' }), ['UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2', 'PREVIOUS_HANDLER:previous']],
    [
      'a resolution: the reporter, the reporters of merged tickets, the residents of both',
      event('resolved'),
      ['REPORTER:reporter', 'MERGED_REPORTERS:merged-1', 'MERGED_REPORTERS:merged-2', 'RESIDENT:resident:t1', 'MERGED_RESIDENTS:resident:t2'],
    ],
    ['closing: the reporter and the resident', event('closed'), ['REPORTER:reporter', 'RESIDENT:resident:t1']],
    ['a merge: the merged ticket reporter', event('merged', { intoTicketId: 't2' }), ['REPORTER:reporter']],
    ['progress: nobody', event('progress-added', { note: 'x' }), []],
    ['a resolve deadline near: the handler', event('due-soon', { kind: 'RESOLVE', handlerId: 'handler', dueAt: base.resolveDueAt }), ['HANDLER:handler']],
    // (the application finds no HANDLER where the event names none, as for supervision)
    ['a resolve deadline near, nobody dispatched: the dispatchers', event('due-soon', { kind: 'RESOLVE', handlerId: null, dueAt: base.resolveDueAt }), ['HANDLER:handler', 'UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['an accept deadline near: the dispatchers', event('due-soon', { kind: 'ACCEPT', handlerId: null, dueAt: base.acceptDueAt }), ['UNIT_DISPATCHERS:dispatcher-1', 'UNIT_DISPATCHERS:dispatcher-2']],
    ['a weekly duty at risk: the member it names', duty({ measure: 'COMPLETED_VISITS' }), ['MEMBER:instructor']],
  ])('%s', (_, source, expected) => {
    expect(recipientsOf(source)).toEqual(expected);
  });

  it('never tells the member who made the change', () => {
    expect(recipientsOf(event('dispatched', { actorId: 'previous' }))).toEqual(['HANDLER:handler']);
  });

  it('tells a member matched by two rules once, by the first rule', () => {
    const same = { recipients: () => ['one'], unitName: () => '太平村' };
    expect(rules.plan(event('dispatched'), same).map((message) => [message.recipientKind, message.key])).toEqual([['HANDLER', 'e1|one|INBOX']]);
  });
});

describe('NotificationRules.plan: what they are told', () => {
  const textOf = (source: SourceEvent, kind: RecipientKind) => rules.plan(source, context).find((message) => message.recipientKind === kind)?.text;

  it.each<[string, SourceEvent, RecipientKind, string]>([
    ['a dispatch with the handler deadline', event('dispatched', { handlerDueAt: '2026-12-02T02:00:00.000Z' }), 'HANDLER', '工单 20261201-000007「池塘清淤」已派给您，责任单位：太平村，办结时限：2026-12-02 10:00。'],
    ['a dispatch without one: the resolve deadline', event('dispatched'), 'HANDLER', '工单 20261201-000007「池塘清淤」已派给您，责任单位：太平村，办结时限：2026-12-03 17:30。'],
    ['a rejection with its reason', event('rejected', { reason: '不属于受理范围' }), 'REPORTER', '您上报的工单 20261201-000007「池塘清淤」未予受理，原因：不属于受理范围。'],
    ['a resolution asking for feedback', event('resolved'), 'REPORTER', '您上报的工单 20261201-000007「池塘清淤」已由太平村办结，请回访并评价。'],
    ['an event of an older build without title: the category', event('accepted', { title: undefined }), 'REPORTER', '您上报的工单 20261201-000007「ENVIRONMENT」已受理，责任单位：太平村，办结时限：2026-12-03 17:30。'],
    ['a resolve deadline near (临期)', event('due-soon', { kind: 'RESOLVE', handlerId: 'handler', dueAt: '2026-12-02T09:30:00.000Z', actorId: null }), 'HANDLER', '【临期预警】工单 20261201-000007「池塘清淤」将于 2026-12-02 17:30 到达办结时限，责任单位：太平村，请抓紧办理。'],
    ['an accept deadline near', event('due-soon', { kind: 'ACCEPT', handlerId: null, dueAt: base.acceptDueAt, actorId: null }), 'UNIT_DISPATCHERS', '【临期预警】工单 20261201-000007「池塘清淤」将于 2026-12-01 14:00 到达受理时限，责任单位：太平村，请尽快受理。'],
    ['visits of the week not done', duty({}), 'MEMBER', '【周走访预警】本周走访任务尚未完成（太平村）：已走访 1/2 户，请于本周日前完成。'],
    ['working days of the week not done', duty({ role: 'VILLAGE_STAFF', measure: 'DISTINCT_DAYS', achieved: 0 }), 'MEMBER', '【周走访预警】本周驻村工作尚未完成（太平村）：已到岗 0/2 天，请于本周日前完成。'],
    ['an unknown unit and no deadline', event('reported', { unitId: 'u9', acceptDueAt: null }), 'UNIT_DISPATCHERS', '新工单 20261201-000007「池塘清淤」待受理，责任单位：责任单位，受理时限：未设定。'],
  ])('%s', (_, source, kind, expected) => {
    expect(textOf(source, kind)).toBe(expected);
  });

  it.each<[string, SourceEvent, RecipientKind, string, string[]]>([
    ['a resident: accepted, with the deadline', event('accepted'), 'RESIDENT', '【村民大管家】您反映的问题已受理，工单号20261201-000007，办结时限2026-12-03 17:30。可凭工单号和手机号后四位查询办理进度。', ['20261201-000007', '2026-12-03 17:30']],
    ['a resident: rejected, with the reason', event('rejected', { reason: '不属于受理范围' }), 'RESIDENT', '【村民大管家】您反映的问题（工单号20261201-000007）未予受理，原因：不属于受理范围。如有疑问请致电580热线。', ['20261201-000007', '不属于受理范围']],
    ['a resident: resolved, asking for feedback', event('resolved'), 'RESIDENT', '【村民大管家】您反映的问题（工单号20261201-000007）已办结，工作人员将与您联系回访，请对办理结果作出评价。', ['20261201-000007']],
    ['a merged resident: resolved', event('resolved'), 'MERGED_RESIDENTS', '【村民大管家】您反映的问题已并入工单20261201-000007合并办理，现已办结，工作人员将与您联系回访，请对办理结果作出评价。', ['20261201-000007']],
  ])('%s: an SMS without the title, its parameters in order', (_, source, kind, text, params) => {
    const message = rules.plan(source, context).find((candidate) => candidate.recipientKind === kind);
    expect(message).toMatchObject({ channel: 'SMS', text, templateParams: params });
    expect(message?.text).not.toContain('池塘清淤');
  });

  it('keeps to the ticket facts: no names or phones of anyone in any text', () => {
    for (const type of ['reported', 'accepted', 'dispatched', 'resolved', 'closed', 'merged']) {
      for (const message of rules.plan(event(type, { handlerId: 'handler', reporterPhone: '13800000000' }), context)) {
        expect(message.text).not.toMatch(/handler|reporter|dispatcher|1380000/);
      }
    }
  });
});

describe('NotificationRules: the table is checked when loaded', () => {
  const valid = { version: 't', rules: [{ event: 'steward.ticket.reported.v1', to: 'UNIT_DISPATCHERS', channels: ['INBOX'], template: 'a' }], templates: { a: '{number}' } };
  it.each<[string, unknown, RegExp | null]>([
    ['a valid table', valid, null],
    ['a rule naming a missing template', { ...valid, templates: {} }, /template a is not defined/],
    ['a template with an unknown placeholder', { ...valid, templates: { a: '{phone}' } }, /unknown \{phone\}/],
    ['an unknown recipient kind', { ...valid, rules: [{ ...valid.rules[0], to: 'EVERYONE' }] }, /to/],
    ['an unknown channel', { ...valid, rules: [{ ...valid.rules[0], channels: ['FAX'] }] }, /channels/],
    ['a resident by inbox (residents have none)', { ...valid, rules: [{ ...valid.rules[0], to: 'RESIDENT' }] }, /RESIDENT rule must name only SMS/],
    ['a member by SMS', { ...valid, rules: [{ ...valid.rules[0], channels: ['INBOX', 'SMS'] }] }, /UNIT_DISPATCHERS rule must name no SMS/],
  ])('%s', (_, input, error) => {
    if (error) expect(() => new NotificationRules(input)).toThrow(error);
    else expect(new NotificationRules(input).version).toBe('t');
  });
});

describe('formatDeadline', () => {
  it.each([
    ['2026-12-03T09:30:00.000Z', '2026-12-03 17:30'],
    ['2026-12-31T16:05:00.000Z', '2027-01-01 00:05'],
  ])('%s → %s in Asia/Shanghai', (iso, expected) => {
    expect(formatDeadline(iso)).toBe(expected);
  });
});

describe('NotificationRules.kindsFor', () => {
  it.each<[string, RecipientKind[]]>([
    ['steward.ticket.resolved.v1', ['REPORTER', 'MERGED_REPORTERS', 'RESIDENT', 'MERGED_RESIDENTS']],
    ['steward.ticket.accepted.v1', ['REPORTER', 'RESIDENT']],
    ['steward.ticket.dispatched.v1', ['HANDLER', 'PREVIOUS_HANDLER']],
    ['steward.ticket.progress-added.v1', []],
  ])('%s → %j', (type, kinds) => {
    expect([...rules.kindsFor(type)]).toEqual(kinds);
  });
});
