import { FakeSmsProvider } from '@steward/testing';
import { SmsChannel } from '../src/application/sms-channel';
import { loadSmsConfig } from '../src/application/sms.config';
import { deliveryId, type DeliveryRequest } from '../src/domain/delivery-channel';

/** The SMS adapter through the official Tencent Cloud SDK against the local fake provider (signature verified). */
describe('SmsChannel (Tencent Cloud SendSms) against the fake provider', () => {
  const provider = new FakeSmsProvider({ secretId: 'AKIDtest', secretKey: 'test-secret-key' });
  let channel: SmsChannel;

  beforeAll(async () => {
    await provider.start();
    channel = new SmsChannel(
      loadSmsConfig({
        SMS_PROVIDER: 'tencent',
        SMS_TENCENT_SECRET_ID: 'AKIDtest',
        SMS_TENCENT_SECRET_KEY: 'test-secret-key',
        SMS_TENCENT_SDK_APP_ID: '1400000001',
        SMS_TENCENT_SIGN_NAME: '村民大管家',
        SMS_TENCENT_ENDPOINT: provider.url,
        SMS_TEMPLATE_IDS: JSON.stringify({ 'sms.ticket.accepted': '2000001' }),
      }),
    );
  });
  afterAll(() => provider.stop());

  const request = (overrides: Partial<DeliveryRequest> = {}): DeliveryRequest => ({
    deliveryId: deliveryId('SMS', 'e1', 'resident:t1'),
    channel: 'SMS',
    sourceEventId: 'e1',
    sourceEventType: 'steward.ticket.accepted.v1',
    occurredAt: '2026-12-01T02:00:00.000Z',
    template: 'sms.ticket.accepted',
    text: '【村民大管家】…',
    templateParams: ['GD20261201-0001', '2026-12-08 17:30'],
    ticketId: 't1',
    ticketNumber: 'GD20261201-0001',
    unitId: 'u1',
    recipient: { kind: 'RESIDENT', phone: '139 1234-5678' },
    attempt: 1,
    ...overrides,
  });

  it('sends one signed SendSms to +86… with the mapped template id and its parameters: delivered', async () => {
    const outcome = await channel.deliver(request());
    expect(outcome).toMatchObject({ status: 'DELIVERED', providerMessageId: expect.stringMatching(/^fake-/) });
    expect(provider.refused).toEqual([]);
    expect(provider.received.at(-1)).toMatchObject({
      smsSdkAppId: '1400000001',
      signName: '村民大管家',
      templateId: '2000001',
      templateParamSet: ['GD20261201-0001', '2026-12-08 17:30'],
      phoneNumberSet: ['+8613912345678'],
      sessionContext: request().deliveryId,
      answered: 'Ok',
    });
  });

  it.each([
    [{ kind: 'status', code: 'LimitExceeded.PhoneNumberThirtySecondLimit' }, 'RETRY'],
    [{ kind: 'error', code: 'RequestLimitExceeded' }, 'RETRY'],
    [{ kind: 'error', code: 'InternalError.Timeout' }, 'RETRY'],
    [{ kind: 'http', status: 502 }, 'RETRY'],
    [{ kind: 'status', code: 'InvalidParameterValue.IncorrectPhoneNumber' }, 'FAILED'],
    [{ kind: 'error', code: 'FailedOperation.TemplateIncorrectOrUnapproved' }, 'FAILED'],
    [{ kind: 'error', code: 'FailedOperation.SignatureIncorrectOrUnapproved' }, 'FAILED'],
  ] as const)('maps %j to %s', async (failure, status) => {
    provider.failNext(failure);
    expect((await channel.deliver(request())).status).toBe(status);
  });

  it('refuses a wrong secret key at the provider (the signature is checked): a permanent failure', async () => {
    const wrongKey = new SmsChannel(
      loadSmsConfig({
        SMS_PROVIDER: 'tencent',
        SMS_TENCENT_SECRET_ID: 'AKIDtest',
        SMS_TENCENT_SECRET_KEY: 'not-the-key',
        SMS_TENCENT_SDK_APP_ID: '1400000001',
        SMS_TENCENT_SIGN_NAME: '村民大管家',
        SMS_TENCENT_ENDPOINT: provider.url,
        SMS_TEMPLATE_IDS: JSON.stringify({ 'sms.ticket.accepted': '2000001' }),
      }),
    );
    const before = provider.received.length;
    expect(await wrongKey.deliver(request())).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('AuthFailure.SignatureFailure') });
    expect(provider.received.length).toBe(before);
    expect(provider.refused).toEqual(['signature does not match']);
  });

  it('fails without calling the provider for a landline or an unmapped template; is off without SMS_PROVIDER', async () => {
    const before = provider.received.length;
    expect(await channel.deliver(request({ recipient: { kind: 'RESIDENT', phone: '0555-2345678' } }))).toMatchObject({ status: 'FAILED' });
    expect(await channel.deliver(request({ template: 'sms.ticket.unknown' }))).toMatchObject({ status: 'FAILED' });
    expect(provider.received.length).toBe(before);
    expect(new SmsChannel(loadSmsConfig({})).enabled).toBe(false);
    expect(() => loadSmsConfig({ SMS_PROVIDER: 'tencent' })).toThrow(/SMS_TENCENT_SECRET_ID/);
  });
});
