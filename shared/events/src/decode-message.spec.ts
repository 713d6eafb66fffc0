import { decodeEventMessage } from './decode-message';
import { createEvent } from './envelope';
import { ticketDispatched } from './schemas/tickets';
import { ticketSnapshot } from '../test/test-fixtures';

const goodEvent = createEvent(ticketDispatched, {
  subject: 'tkt-1',
  aggregateVersion: 2,
  data: { ...ticketSnapshot(), previousHandlerId: null },
});

describe('decodeEventMessage', () => {
  it('returns the validated envelope of a good message', () => {
    expect(decodeEventMessage(Buffer.from(JSON.stringify(goodEvent)))).toEqual({ ok: true, event: goodEvent });
  });

  it('accepts (and drops) fields added by a newer producer of the same v1', () => {
    const newer = { ...goodEvent, newattribute: 'x', data: { ...goodEvent.data, addedLater: 42 } };
    const decoded = decodeEventMessage(JSON.stringify(newer));
    expect(decoded).toEqual({ ok: true, event: goodEvent });
  });

  it.each([
    ['a null value', null, 'invalid'],
    ['an empty value', Buffer.alloc(0), 'invalid'],
    ['a value that is not JSON', Buffer.from('{"specversion":'), 'invalid'],
    ['an envelope without id', JSON.stringify({ ...goodEvent, id: undefined }), 'invalid'],
    ['data that breaks the schema', JSON.stringify({ ...goodEvent, data: { ...goodEvent.data, level: 'COUNTY' } }), 'invalid'],
    ['a type the catalogue does not know', JSON.stringify({ ...goodEvent, type: 'steward.ticket.vanished.v1' }), 'unknown-type'],
  ] as const)('marks %s as poison (%s)', (_case, value, reason) => {
    const decoded = decodeEventMessage(value);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.reason).toBe(reason);
      expect(decoded.error.length).toBeGreaterThan(0);
    }
  });
});
