import { outcomeOfCode, outcomeOfHttpStatus, providerTemplate, smsParam, SMS_PARAM_MAX_CHARS, toMainlandE164 } from './sms-rules';

describe('sms rules', () => {
  it.each([
    ['13912345678', '+8613912345678'],
    ['139 1234 5678', '+8613912345678'],
    ['139-1234-5678', '+8613912345678'],
    ['+8613912345678', '+8613912345678'],
    ['008613912345678', '+8613912345678'],
    ['8613912345678', '+8613912345678'],
    ['0555-2345678', null],
    ['12912345678', null],
    ['+14155550100', null],
    ['', null],
  ])('%s → %s', (phone, e164) => {
    expect(toMainlandE164(phone)).toBe(e164);
  });

  it.each([
    ['Ok', 'DELIVERED', undefined],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'RETRY', 30_000],
    ['LimitExceeded.PhoneNumberOneHourLimit', 'RETRY', 3_600_000],
    ['LimitExceeded.DeliveryFrequencyLimit', 'RETRY', 60_000],
    ['RequestLimitExceeded', 'RETRY', 5_000],
    ['InternalError.RequestTimeException', 'RETRY', undefined],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'FAILED', undefined],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'FAILED', undefined],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'FAILED', undefined],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'FAILED', undefined],
    ['AuthFailure.SignatureFailure', 'FAILED', undefined],
  ])('provider code %s → %s (retry after %s)', (code, status, retryAfterMs) => {
    const outcome = outcomeOfCode(code, 'message', 'serial');
    expect(outcome.status).toBe(status);
    if (outcome.status === 'RETRY') expect(outcome.retryAfterMs).toBe(retryAfterMs);
    if (outcome.status === 'DELIVERED') expect(outcome.providerMessageId).toBe('serial');
  });

  it.each([
    [500, 'RETRY'],
    [503, 'RETRY'],
    [429, 'RETRY'],
    [400, 'FAILED'],
    [403, 'FAILED'],
  ])('HTTP %s without an answer → %s', (status, expected) => {
    expect(outcomeOfHttpStatus(status).status).toBe(expected);
  });

  it('cuts a long parameter to the provider limit and flattens lines', () => {
    expect(smsParam(' 路灯\n不亮 ')).toBe('路灯 不亮');
    const long = '原因'.repeat(30);
    expect([...smsParam(long)]).toHaveLength(SMS_PARAM_MAX_CHARS);
    expect(smsParam(long).endsWith('…')).toBe(true);
  });

  it('numbers a template for the provider and drops the signature', () => {
    expect(providerTemplate('【村民大管家】工单号{number}，将于{deadline}前办结。')).toBe('工单号{1}，将于{2}前办结。');
  });
});
