// Warnings end to end (临期预警, 周走访预警): real Kafka and FerretDB, the whole
// stack behind the gateway, members who sign in with passwords. A dispatched
// ticket whose resolve deadline lies within the SLA policy's lead time gives
// its handler exactly one warning, however many rounds the overdue sweepers
// of two tickets instances run and across a restart; a grid instructor with
// no visit this week, in the warning window of the duty rules, gets exactly
// one duty warning, across rounds and a restart of visits.
import { graphqlData } from '@steward/testing';
import fs from 'node:fs';
import path from 'node:path';
import { startAttackWorld, type AttackWorld, type SignedInMember } from './attacks/attack-world';
import { dispatch, reportAndAccept } from './chain-fixtures';
import { inbox, messagesOf } from './inbox-fixtures';

jest.setTimeout(480_000);

const SWEEPING = { TICKETS_SWEEP_INTERVAL_MS: '300' };
/** Every deadline of the test's tickets lies within its lead time (59 days), so a sweep warns as soon as it runs. */
const policyFile = path.join(__dirname, '../../.local/test-data/sla-policy-warnings.json');

interface SlaPolicyData {
  rules: Record<string, unknown>[];
}

/** The built-in policy with the default rule's lead times stretched (the file TICKETS_SLA_POLICY_FILE names). */
function writeTestPolicy(): void {
  const builtIn = path.join(__dirname, '../../services/tickets/src/domain/sla-policy.json');
  const slaPolicy = JSON.parse(fs.readFileSync(builtIn, 'utf8')) as SlaPolicyData;
  const [defaults, ...rules] = slaPolicy.rules;
  const policy = { ...slaPolicy, version: 'test-warnings.1', rules: [{ ...defaults, acceptWarnMinutes: 59 * 24 * 60, resolveWarnMinutes: 59 * 24 * 60 }, ...rules] };
  fs.mkdirSync(path.dirname(policyFile), { recursive: true });
  fs.writeFileSync(policyFile, JSON.stringify(policy));
}

async function report(url: string, grid: string, title: string): Promise<string> {
  const { reportTicket } = await graphqlData<{ reportTicket: { id: string } }>(url, 'mutation($input: ReportTicketInput!) { reportTicket(input: $input) { id } }', {
    input: { title, category: 'WATER_IRRIGATION', channel: 'HOTLINE', unitId: grid },
  });
  return reportTicket.id;
}

async function timelineActions(url: string, ticketId: string): Promise<string[]> {
  const { ticket } = await graphqlData<{ ticket: { timeline: { action: string }[] } }>(url, 'query($id: ID!) { ticket(id: $id) { timeline { action } } }', { id: ticketId });
  return ticket.timeline.map((entry) => entry.action);
}

const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d';

describe('notifications: warnings before a deadline and before a missed week', () => {
  let world: AttackWorld;
  let url: string;
  let dispatcher: SignedInMember;
  let handler: SignedInMember;

  beforeAll(async () => {
    writeTestPolicy();
    // the sweepers start once the tickets are where the test wants them (see the first test)
    world = await startAttackWorld(2300, 'notifications-warnings', {
      TICKETS_SWEEP_INTERVAL_MS: '0',
      TICKETS_SLA_POLICY_FILE: policyFile,
      VISITS_DUTY_WARNING_INTERVAL_MS: '500',
    });
    url = world.url;
    dispatcher = await world.member('太平村书记', world.units.taiping, 'VILLAGE_SECRETARY');
    handler = await world.member('张网格', world.units.taipingGrid, 'GRID_MEMBER');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('warns the handler of a near resolve deadline once, and the dispatchers of a near accept deadline once, whatever the sweepers do', async () => {
    const dispatched = await reportAndAccept(url, world.units.taipingGrid, '池塘清淤');
    await dispatch(url, dispatched, handler.id);
    const waiting = await report(url, world.units.taipingGrid, '路灯不亮');

    // two instances, both sweeping every 300 ms: one holds the lease, the other waits for it
    await world.stack.restart('tickets', SWEEPING);
    await world.stack.addInstance('tickets', { env: SWEEPING });

    const [warning] = await messagesOf(url, handler, dispatched, 'ticket.due-soon');
    expect(warning?.text).toMatch(new RegExp(`^【临期预警】工单 \\d{8}-\\d+「池塘清淤」将于 ${TIME} 到达办结时限，责任单位：太平村第一网格，请抓紧办理。$`));
    const [acceptWarning] = await messagesOf(url, dispatcher, waiting, 'ticket.accept-due-soon');
    expect(acceptWarning?.text).toMatch(new RegExp(`^【临期预警】工单 \\d{8}-\\d+「路灯不亮」将于 ${TIME} 到达受理时限，责任单位：太平村第一网格，请尽快受理。$`));

    // later rounds: a ticket accepted now (nobody dispatched) is warned of by a sweep after the ones above …
    const undispatched = await reportAndAccept(url, world.units.taipingGrid, '水渠漏水');
    const [dispatchWarning] = await messagesOf(url, dispatcher, undispatched, 'ticket.due-soon-undispatched');
    expect(dispatchWarning?.text).toContain('尚未派单');
    // … and after a restart of the first instance, another one
    await world.stack.restart('tickets');
    const afterRestart = await report(url, world.units.taipingGrid, '垃圾清运');
    await messagesOf(url, dispatcher, afterRestart, 'ticket.accept-due-soon');

    const handlerInbox = (await inbox(url, handler.headers)).messages;
    expect(handlerInbox.filter((message) => message.ticketId === dispatched && message.template === 'ticket.due-soon')).toHaveLength(1);
    const dispatcherInbox = (await inbox(url, dispatcher.headers)).messages;
    expect(dispatcherInbox.filter((message) => message.ticketId === waiting && message.template === 'ticket.accept-due-soon')).toHaveLength(1);
    // the handler is told, the dispatchers are not (a dispatched ticket is the handler's)
    expect(dispatcherInbox.filter((message) => message.ticketId === dispatched && message.template.startsWith('ticket.due-soon'))).toEqual([]);
    expect((await timelineActions(url, dispatched)).filter((action) => action === 'due-soon')).toHaveLength(1);
  });

  it('warns a grid instructor without a visit this week once, across rounds and a restart of visits', async () => {
    // the window for the test: warn from Monday 00:00, so the whole week lies in it
    const { dutyRules } = await graphqlData<{ dutyRules: { version: number; rules: { role: string; measure: string; minimum: number; warnFrom: string | null }[] } }>(
      url,
      '{ dutyRules { version rules { role measure minimum warnFrom } } }',
    );
    expect(dutyRules.rules.find((rule) => rule.role === 'GRID_INSTRUCTOR')?.warnFrom).toBe('FRI 09:00');
    const rules = dutyRules.rules.map((rule) => (rule.role === 'GRID_INSTRUCTOR' ? { ...rule, warnFrom: 'MON 00:00' } : rule));
    await graphqlData(url, 'mutation($input: SetDutyRulesInput!) { setDutyRules(input: $input) { version } }', { input: { rules, expectedVersion: dutyRules.version } });

    const instructor = await world.member('王指导', world.units.taipingGrid, 'GRID_INSTRUCTOR');
    const [warning] = await messagesOf(url, instructor, null, 'duty.visits-at-risk');
    expect(warning).toMatchObject({ ticketId: null, text: '【周走访预警】本周走访任务尚未完成（太平村第一网格）：已走访 0/1 户，请于本周日前完成。' });

    // later rounds: an instructor appointed now is warned by a pass after the first one …
    const second = await world.member('李指导', world.units.baguaGrid, 'GRID_INSTRUCTOR');
    await messagesOf(url, second, null, 'duty.visits-at-risk');
    // … and after visits restarted, a third
    await world.stack.restart('visits');
    const third = await world.member('赵指导', world.units.danyangGrid, 'GRID_INSTRUCTOR');
    await messagesOf(url, third, null, 'duty.visits-at-risk');

    const warnings = (await inbox(url, instructor.headers)).messages.filter((message) => message.template === 'duty.visits-at-risk');
    expect(warnings).toHaveLength(1);
    // the member's own warning only; a grid member holds no duty with a rule and gets none
    expect((await inbox(url, handler.headers)).messages.filter((message) => message.id === warning?.id || message.template.startsWith('duty.'))).toEqual([]);
  });
});
