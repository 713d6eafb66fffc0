import type { PlannedNotification } from './notification-rules';
import { planExternalDeliveries } from './delivery-plan';

const message = (recipientId: string, channel: PlannedNotification['channel'], template = 'ticket.dispatched'): PlannedNotification => ({
  key: `e1|${recipientId}|${channel}`,
  recipientKind: 'HANDLER',
  recipientId,
  channel,
  template,
  text: '工单已派给您',
});
const path = ['city', 'township', 'village', 'grid'];

describe('planExternalDeliveries', () => {
  it('queues one webhook delivery per recipient for each webhook that wants the event', () => {
    const planned = [message('m1', 'INBOX'), message('m1', 'SMS'), message('m2', 'INBOX')];
    const webhooks = [
      { id: 'w1', unitId: 'township', eventTypes: null },
      { id: 'w2', unitId: 'other-township', eventTypes: null },
      { id: 'w3', unitId: 'grid', eventTypes: ['steward.ticket.closed.v1'] },
    ];
    const deliveries = planExternalDeliveries(planned, webhooks, path, 'steward.ticket.dispatched.v1', new Map([['m1', 'n1']]));
    expect(deliveries.map((delivery) => [delivery.channel, delivery.target, delivery.notificationId])).toEqual([
      ['SMS', 'm1', undefined],
      ['WEBHOOK', 'w1:m1', 'n1'],
      ['WEBHOOK', 'w1:m2', undefined],
    ]);
    expect(deliveries[1]).toMatchObject({ endpointId: 'w1', recipient: { kind: 'HANDLER', memberId: 'm1' }, template: 'ticket.dispatched' });
  });

  it('plans nothing without recipients or webhooks', () => {
    expect(planExternalDeliveries([], [{ id: 'w1', unitId: 'township', eventTypes: null }], path, 'steward.ticket.dispatched.v1')).toEqual([]);
    expect(planExternalDeliveries([message('m1', 'INBOX')], [], path, 'steward.ticket.dispatched.v1')).toEqual([]);
  });
});
