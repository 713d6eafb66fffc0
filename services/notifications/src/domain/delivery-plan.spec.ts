import type { PlannedNotification } from './notification-rules';
import { planExternalDeliveries } from './delivery-plan';

const message = (recipientId: string, channel: PlannedNotification['channel'], template = 'ticket.dispatched'): PlannedNotification => ({
  key: `e1|${recipientId}|${channel}`,
  recipientKind: recipientId.startsWith('resident:') ? 'RESIDENT' : 'HANDLER',
  recipientId,
  channel,
  template,
  text: '工单已派给您',
  templateParams: ['GD1'],
});
const path = ['city', 'township', 'village', 'grid'];

describe('planExternalDeliveries', () => {
  it('queues one webhook delivery per recipient for each webhook that wants the event', () => {
    const planned = [message('m1', 'INBOX'), message('resident:t1', 'SMS'), message('m2', 'INBOX')];
    const webhooks = [
      { id: 'w1', unitId: 'township', eventTypes: null },
      { id: 'w2', unitId: 'other-township', eventTypes: null },
      { id: 'w3', unitId: 'grid', eventTypes: ['steward.ticket.closed.v1'] },
    ];
    const phones = new Map([['resident:t1', '13912345678']]);
    const deliveries = planExternalDeliveries(planned, webhooks, path, 'steward.ticket.dispatched.v1', new Map([['m1', 'n1']]), phones);
    expect(deliveries.map((delivery) => [delivery.channel, delivery.target, delivery.notificationId])).toEqual([
      ['SMS', 'resident:t1', undefined],
      ['WEBHOOK', 'w1:m1', 'n1'],
      ['WEBHOOK', 'w1:m2', undefined],
    ]);
    expect(deliveries[1]).toMatchObject({ endpointId: 'w1', recipient: { kind: 'HANDLER', memberId: 'm1' }, template: 'ticket.dispatched' });
    // the resident's SMS carries the phone and the template's parameters; no webhook hears of the resident
    expect(deliveries[0]).toEqual(expect.objectContaining({ recipient: { kind: 'RESIDENT', phone: '13912345678' }, templateParams: ['GD1'] }));
    expect(JSON.stringify(deliveries.slice(1))).not.toContain('13912345678');
  });

  it('queues no SMS for a resident without a phone, and gives merged residents the kind RESIDENT (quiet hours)', () => {
    const merged: PlannedNotification = { ...message('resident:t2', 'SMS'), recipientKind: 'MERGED_RESIDENTS' };
    const deliveries = planExternalDeliveries([message('resident:t1', 'SMS'), merged], [], path, 'steward.ticket.resolved.v1', new Map(), new Map([['resident:t2', '13800000000']]));
    expect(deliveries.map((delivery) => [delivery.target, delivery.recipient])).toEqual([['resident:t2', { kind: 'RESIDENT', phone: '13800000000' }]]);
  });

  it('plans nothing without recipients or webhooks', () => {
    expect(planExternalDeliveries([], [{ id: 'w1', unitId: 'township', eventTypes: null }], path, 'steward.ticket.dispatched.v1')).toEqual([]);
    expect(planExternalDeliveries([message('m1', 'INBOX')], [], path, 'steward.ticket.dispatched.v1')).toEqual([]);
  });
});
