import type { Credit } from './counters';
import { ticketEffect, type TicketEventData } from './ticket-rules';

const gridPath = ['c', 'd', 't', 'v', 'g'];
const townPath = ['c', 'd', 't'];
const villagePath = ['c', 'd', 't', 'v'];

const data = (extra: Partial<TicketEventData> = {}): TicketEventData => ({
  ticketId: 'tk1',
  orgPath: gridPath,
  handlerId: null,
  reportedAt: '2026-11-25T02:00:00Z',
  ...extra,
});

/** Credits as `id: increments`, members marked with `@`. */
const summary = (type: string, extra: Partial<TicketEventData> = {}) =>
  Object.fromEntries(
    ticketEffect(type, data(extra)).credits.map(({ subject, increments }: Credit) => [
      `${subject.kind === 'MEMBER' ? '@' : ''}${subject.id}`,
      increments,
    ]),
  );

const each = (ids: string[], increments: object) => Object.fromEntries(ids.map((id) => [id, increments]));

describe('ticket counting rules', () => {
  it('counts a reported ticket as received by every unit on its path', () => {
    expect(summary('steward.ticket.reported.v1')).toEqual(each(gridPath, { received: 1 }));
  });

  it('counts a ticket in the periods it was reported in, whenever the event happens', () => {
    // 2026-11-30T16:30Z is 2026-12-01 00:30 in Shanghai
    const effect = ticketEffect('steward.ticket.resolved.v1', data({ reportedAt: '2026-11-30T16:30:00Z', onTime: true }));
    expect(effect.periods.map((period) => period.key)).toEqual(['2026-W49', '2026-12', '2026-Q4', '2026']);
  });

  it('credits the handler on dispatch, and takes it back from a previous handler', () => {
    expect(summary('steward.ticket.dispatched.v1', { handlerId: 'm1' })).toEqual({ '@m1': { received: 1 } });
    expect(summary('steward.ticket.dispatched.v1', { handlerId: 'm2', previousHandlerId: 'm1' })).toEqual({
      '@m2': { received: 1 },
      '@m1': { received: -1 },
    });
    expect(summary('steward.ticket.dispatched.v1', { handlerId: 'm1', previousHandlerId: 'm1' })).toEqual({});
  });

  it('moves received down with a dispatch that names where the ticket came from', () => {
    // reported to the township dispatch centre, dispatched to a grid
    expect(summary('steward.ticket.dispatched.v1', { handlerId: 'm1', fromOrgPath: townPath })).toEqual({
      v: { received: 1 },
      g: { received: 1 },
      '@m1': { received: 1 },
    });
    const effect = ticketEffect('steward.ticket.dispatched.v1', data({ handlerId: 'm1', fromOrgPath: townPath }));
    expect(effect.credits.find((credit) => credit.subject.id === 'g')?.subject.scope).toEqual(gridPath);
  });

  it('counts resolutions, and on-time ones, for the handler and the path', () => {
    expect(summary('steward.ticket.resolved.v1', { handlerId: 'm1', onTime: true })).toEqual(
      each(['@m1', ...gridPath], { resolved: 1, onTime: 1 }),
    );
    expect(summary('steward.ticket.resolved.v1', { handlerId: 'm1', onTime: false }).g).toEqual({ resolved: 1 });
  });

  it('charges an escalation to the handler and the path it leaves', () => {
    expect(summary('steward.ticket.escalated.v1', { orgPath: villagePath, previousHandlerId: 'm1', fromOrgPath: gridPath })).toEqual(
      each(['@m1', ...gridPath], { escalated: 1 }),
    );
    // with the fromUnitId of today's events: the new path plus the unit left
    expect(summary('steward.ticket.escalated.v1', { orgPath: villagePath, previousHandlerId: 'm1', fromUnitId: 'g' })).toEqual(
      each(['@m1', ...gridPath], { escalated: 1 }),
    );
    // with neither: the path after the escalation
    expect(summary('steward.ticket.escalated.v1', { orgPath: villagePath, previousHandlerId: 'm1' })).toEqual(
      each(['@m1', ...villagePath], { escalated: 1 }),
    );
  });

  it('moves received from the units a transfer leaves to those it enters', () => {
    const otherTown = ['c', 'd', 't2'];
    expect(summary('steward.ticket.transferred.v1', { orgPath: otherTown, previousHandlerId: 'm1', fromOrgPath: gridPath })).toEqual({
      t2: { received: 1 },
      t: { received: -1 },
      v: { received: -1 },
      g: { received: -1 },
      '@m1': { received: -1 },
    });
    // without fromOrgPath, between siblings (the usual case): from-unit -1, to-unit +1
    expect(summary('steward.ticket.transferred.v1', { orgPath: [...villagePath, 'g2'], fromUnitId: 'g' })).toEqual({
      g2: { received: 1 },
      g: { received: -1 },
    });
  });

  it('takes back received when a ticket is rejected or merged', () => {
    expect(summary('steward.ticket.rejected.v1')).toEqual(each(gridPath, { received: -1 }));
    expect(summary('steward.ticket.merged.v1')).toEqual(each(gridPath, { received: -1 }));
  });

  it('reverses the resolution on reopen, on-time included when the event says so', () => {
    // the tickets service clears the handler on reopen: the resolver is the previous handler
    expect(summary('steward.ticket.reopened.v1', { previousHandlerId: 'm1', previousResolutionOnTime: true })).toEqual(
      each(['@m1', ...gridPath], { reopened: 1, resolved: -1, onTime: -1 }),
    );
    expect(summary('steward.ticket.reopened.v1', { previousHandlerId: 'm1' })['@m1']).toEqual({ reopened: 1, resolved: -1 });
    // today's reopened events name no handler: the units are still corrected
    expect(summary('steward.ticket.reopened.v1')).toEqual(each(gridPath, { reopened: 1, resolved: -1 }));
  });

  it.each([
    ['SATISFIED', { feedbacks: 1, satisfied: 1 }],
    ['BASICALLY_SATISFIED', { feedbacks: 1, satisfied: 1 }],
    ['UNSATISFIED', { feedbacks: 1 }],
  ])('counts feedback %s as %j', (satisfaction, increments) => {
    expect(summary('steward.ticket.feedback-recorded.v1', { handlerId: 'm1', satisfaction })).toEqual(each(['@m1', ...gridPath], increments));
  });

  it('counts an overdue ticket for its handler and path', () => {
    expect(summary('steward.ticket.overdue.v1', { handlerId: 'm1' })).toEqual(each(['@m1', ...gridPath], { overdue: 1 }));
  });

  it.each([
    'steward.ticket.accepted.v1',
    'steward.ticket.started.v1',
    'steward.ticket.closed.v1',
    'steward.ticket.supervised.v1',
    // a warning before a deadline (临期预警) scores nothing: only a missed deadline counts
    'steward.ticket.due-soon.v1',
    'steward.ticket.future-thing.v1',
  ])(
    'counts %s for nothing',
    (type) => {
      expect(ticketEffect(type, data({ handlerId: 'm1' })).credits).toEqual([]);
    },
  );
});
