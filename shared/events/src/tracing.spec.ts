import { createEvent } from './envelope';
import { toOutboxEntries } from './outbox';
import { ticketDispatched } from './schemas/tickets';
import { currentTraceparent, headerText, traceIdOf } from './tracing';
import { ticketSnapshot } from '../test/test-fixtures';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context helpers', () => {
  it('reads the trace id of a traceparent', () => {
    expect(traceIdOf(TRACEPARENT)).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(traceIdOf(undefined)).toBeUndefined();
    expect(traceIdOf('trace-me')).toBeUndefined();
  });

  it('reads Kafka header values given as buffers or strings', () => {
    expect(headerText({ traceparent: Buffer.from(TRACEPARENT) }, 'traceparent')).toBe(TRACEPARENT);
    expect(headerText({ traceparent: [TRACEPARENT] }, 'traceparent')).toBe(TRACEPARENT);
    expect(headerText({}, 'traceparent')).toBeUndefined();
    expect(headerText(undefined, 'traceparent')).toBeUndefined();
  });

  it('without tracing (no SDK) has no active context, and outbox entries stay as they were', () => {
    expect(currentTraceparent()).toBeUndefined();
    const event = createEvent(ticketDispatched, { subject: 't-1', aggregateVersion: 2, data: { ...ticketSnapshot({ ticketId: 't-1' }), previousHandlerId: null } });
    expect(Object.keys(toOutboxEntries([event])[0])).not.toContain('traceparent');
    const traced = createEvent(ticketDispatched, { subject: 't-1', aggregateVersion: 2, traceparent: TRACEPARENT, data: { ...ticketSnapshot({ ticketId: 't-1' }), previousHandlerId: null } });
    expect(toOutboxEntries([traced])[0].traceparent).toBe(TRACEPARENT);
  });
});
