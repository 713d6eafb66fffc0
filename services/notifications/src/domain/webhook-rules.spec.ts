import { createHmac } from 'node:crypto';
import { deliveryId, type DeliveryRequest } from './delivery-channel';
import { classifyWebhookResponse, isPrivateHost, signWebhook, verifyWebhookSignature, webhookBody, webhookUrlProblem, webhookWants } from './webhook-rules';

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.example.com/steward', false, null],
    ['http://hooks.example.com:8080/x', false, null],
    ['ftp://hooks.example.com/', false, 'must be an http or https URL'],
    ['javascript:alert(1)', false, 'must be an http or https URL'],
    ['not a url', false, 'not a valid URL'],
    ['https://user:pw@hooks.example.com/', false, 'must not carry a user name or password'],
    ['http://127.0.0.1:4090/hooks', false, expect.stringMatching(/private/)],
    ['http://127.0.0.1:4090/hooks', true, null],
    ['http://localhost/', false, expect.stringMatching(/private/)],
    ['http://[::1]/', false, expect.stringMatching(/private/)],
    ['http://192.168.1.10/', false, expect.stringMatching(/private/)],
  ])('%s (private allowed: %s)', (url, allowPrivate, problem) => {
    expect(webhookUrlProblem(url, allowPrivate)).toEqual(problem);
  });

  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['[fd00::1]', true],
    ['[fe80::1]', true],
    ['[::ffff:127.0.0.1]', true],
    ['[2001:db8::1]', false],
    ['gov.example.cn', false],
    ['metadata.internal', true],
  ])('%s private: %s', (host, expected) => {
    expect(isPrivateHost(host)).toBe(expected);
  });
});

describe('which webhooks want a message', () => {
  const path = ['city', 'district', 'township', 'village', 'grid'];
  it.each([
    [{ unitId: 'township', eventTypes: null }, 'steward.ticket.reported.v1', true],
    [{ unitId: 'other', eventTypes: null }, 'steward.ticket.reported.v1', false],
    [{ unitId: 'grid', eventTypes: ['steward.ticket.dispatched.v1'] }, 'steward.ticket.reported.v1', false],
    [{ unitId: 'grid', eventTypes: ['steward.ticket.dispatched.v1'] }, 'steward.ticket.dispatched.v1', true],
  ])('%j for %s: %s', (webhook, type, wanted) => {
    expect(webhookWants(webhook, path, type)).toBe(wanted);
  });
});

describe('signing', () => {
  const secret = 'whsec_test';
  const body = '{"id":"dlv_1"}';

  it('signs "<t>.<body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(signWebhook(secret, 1767225600, body)).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, another secret or an old timestamp', () => {
    const header = signWebhook(secret, 1000, body);
    expect(verifyWebhookSignature(secret, header, body, 1100)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body.replace('1', '2'), 1100)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, 1100)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 1000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, 'garbage', body, 1000)).toBe(false);
  });
});

describe('the body', () => {
  it('carries the ids, the template and the text, no phone', () => {
    const request: DeliveryRequest = {
      deliveryId: deliveryId('WEBHOOK', 'e1', 'w1:m1'),
      channel: 'WEBHOOK',
      sourceEventId: 'e1',
      sourceEventType: 'steward.ticket.dispatched.v1',
      occurredAt: '2026-03-03T10:00:00.000Z',
      template: 'ticket.dispatched',
      text: '工单已派给您',
      ticketId: 't1',
      ticketNumber: '20260303-1',
      unitId: 'grid',
      recipient: { kind: 'HANDLER', memberId: 'm1', phone: '13800000000' },
      endpointId: 'w1',
      attempt: 2,
    };
    const body = webhookBody(request);
    expect(body).toEqual({
      id: request.deliveryId,
      type: 'steward.ticket.dispatched.v1',
      occurredAt: '2026-03-03T10:00:00.000Z',
      template: 'ticket.dispatched',
      text: '工单已派给您',
      ticket: { id: 't1', number: '20260303-1', unitId: 'grid' },
      recipient: { kind: 'HANDLER', memberId: 'm1' },
    });
    expect(JSON.stringify(body)).not.toContain('13800000000');
  });

  it('derives one stable delivery id per (channel, event, target)', () => {
    expect(deliveryId('WEBHOOK', 'e1', 'w1:m1')).toBe(deliveryId('WEBHOOK', 'e1', 'w1:m1'));
    expect(deliveryId('WEBHOOK', 'e1', 'w1:m1')).not.toBe(deliveryId('WEBHOOK', 'e1', 'w1:m2'));
    expect(deliveryId('SMS', 'e1', '13800000000')).not.toContain('13800000000');
  });
});

describe('HTTP answers', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  it.each([
    [200, null, { status: 'DELIVERED' }],
    [204, null, { status: 'DELIVERED' }],
    [500, null, { status: 'RETRY', reason: 'HTTP 500', retryAfterMs: undefined }],
    [503, '7', { status: 'RETRY', reason: 'HTTP 503', retryAfterMs: 7000 }],
    [429, 'Tue, 03 Mar 2026 10:01:00 GMT', { status: 'RETRY', reason: 'HTTP 429', retryAfterMs: 60_000 }],
    [408, null, { status: 'RETRY', reason: 'HTTP 408', retryAfterMs: undefined }],
    [400, null, { status: 'FAILED', reason: 'HTTP 400' }],
    [404, null, { status: 'FAILED', reason: 'HTTP 404' }],
    [301, null, { status: 'FAILED', reason: 'HTTP 301 (redirects are not followed)' }],
  ])('%i (Retry-After %s)', (status, retryAfter, outcome) => {
    expect(classifyWebhookResponse(status, retryAfter, now)).toEqual(outcome);
  });
});
