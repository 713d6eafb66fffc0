import { createEvent, isEventOf } from './envelope';
import { EventValidationError } from './errors';
import { ticketDispatched, ticketFeedbackRecorded, ticketResolved } from './schemas/tickets';
import { ticketSnapshot } from '../test/test-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEvent', () => {
  it('builds a CloudEvents envelope from the definition and the input', () => {
    const event = createEvent(ticketDispatched, {
      subject: 'tkt-1',
      aggregateVersion: 3,
      data: { ...ticketSnapshot(), previousHandlerId: null, note: 'go' },
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });

    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(UUID),
      type: 'steward.ticket.dispatched.v1',
      source: 'steward/tickets',
      subject: 'tkt-1',
      time: expect.any(String),
      datacontenttype: 'application/json',
      aggregateversion: 3,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: { ...ticketSnapshot(), previousHandlerId: null, note: 'go' },
    });
    expect(Number.isNaN(Date.parse(event.time))).toBe(false);
  });

  it('keeps the given id and time and returns plain JSON without undefined keys', () => {
    const event = createEvent(ticketResolved, {
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      time: new Date('2026-11-30T09:00:00Z'),
      subject: 'tkt-1',
      aggregateVersion: 5,
      data: { ...ticketSnapshot({ status: 'RESOLVED', handlerId: undefined }), resolution: 'fixed', onTime: true },
    });

    expect(event.id).toBe('3b241101-e2bb-4255-8caf-4136c566a962');
    expect(event.time).toBe('2026-11-30T09:00:00.000Z');
    expect(Object.keys(event)).not.toContain('traceparent');
    expect(Object.keys(event.data)).not.toContain('handlerId');
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('drops fields that are not in the contract', () => {
    const data = { ...ticketSnapshot(), resolution: 'fixed', onTime: true, secretNote: 'not for the topic' };
    const event = createEvent(ticketResolved, { subject: 'tkt-1', aggregateVersion: 1, data });
    expect(event.data).not.toHaveProperty('secretNote');
  });

  const invalidInputs: Array<[string, Record<string, unknown>, string]> = [
    ['a missing common field', { ticketId: undefined }, 'data.ticketId'],
    ['a missing extra field', { resolution: undefined }, 'data.resolution'],
    ['a wrong level enum', { level: 'COUNTY' }, 'data.level'],
    ['a wrong priority enum', { priority: 'SOON' }, 'data.priority'],
    ['a non-ISO occurredAt', { occurredAt: '30/11/2026' }, 'data.occurredAt'],
    ['an orgPath that is not a list', { orgPath: 'city-1/grid-7' }, 'data.orgPath'],
    ['onTime as a string', { onTime: 'yes' }, 'data.onTime'],
  ];

  it.each(invalidInputs)('rejects %s with EventValidationError', (_case, override, path) => {
    const data = { ...ticketSnapshot(), resolution: 'fixed', onTime: true, ...override };
    let caught: unknown;
    try {
      createEvent(ticketResolved, { subject: 'tkt-1', aggregateVersion: 1, data: data as never });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventValidationError);
    const validationError = caught as EventValidationError;
    expect(validationError.eventType).toBe('steward.ticket.resolved.v1');
    expect(validationError.issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(validationError.message).toContain(path);
  });

  it('rejects a wrong satisfaction enum', () => {
    expect(() =>
      createEvent(ticketFeedbackRecorded, {
        subject: 'tkt-1',
        aggregateVersion: 1,
        data: { ...ticketSnapshot(), satisfaction: 'HAPPY' as never },
      }),
    ).toThrow(EventValidationError);
  });

  it.each([
    ['an empty subject', { subject: '' }],
    ['a negative aggregate version', { aggregateVersion: -1 }],
    ['a fractional aggregate version', { aggregateVersion: 1.5 }],
    ['an id that is not a uuid', { id: 'evt-1' }],
    ['a malformed traceparent', { traceparent: 'trace-me' }],
  ])('rejects %s', (_case, override) => {
    const input = { subject: 'tkt-1', aggregateVersion: 1, data: { ...ticketSnapshot(), resolution: 'x', onTime: false } };
    expect(() => createEvent(ticketResolved, { ...input, ...override })).toThrow(EventValidationError);
  });
});

describe('isEventOf', () => {
  it('narrows by type', () => {
    const event = createEvent(ticketResolved, {
      subject: 'tkt-1',
      aggregateVersion: 1,
      data: { ...ticketSnapshot(), resolution: 'fixed', onTime: true },
    });
    expect(isEventOf(ticketResolved, event)).toBe(true);
    expect(isEventOf(ticketDispatched, event)).toBe(false);
  });
});
