import { toDlqMessage } from './dlq';
import { DLQ_HEADERS } from './kafka-headers';

describe('toDlqMessage', () => {
  it('keeps key, value and headers and adds why and where from', () => {
    const message = toDlqMessage(
      { key: Buffer.from('tkt-1'), value: Buffer.from('not json'), headers: { ce_type: 'x' } },
      { topic: 'steward.tickets.events.v1', partition: 4, offset: '17', groupId: 'steward-visits.ticket-visits' },
      'invalid',
      'value is not JSON',
    );
    expect(message).toEqual({
      key: Buffer.from('tkt-1'),
      value: Buffer.from('not json'),
      headers: {
        ce_type: 'x',
        [DLQ_HEADERS.error]: 'value is not JSON',
        [DLQ_HEADERS.reason]: 'invalid',
        [DLQ_HEADERS.originalTopic]: 'steward.tickets.events.v1',
        [DLQ_HEADERS.originalPartition]: '4',
        [DLQ_HEADERS.originalOffset]: '17',
        [DLQ_HEADERS.consumerGroup]: 'steward-visits.ticket-visits',
      },
    });
  });
});
