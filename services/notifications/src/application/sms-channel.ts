import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { DeliveryChannelAdapter, DeliveryOutcome, DeliveryRequest } from '../domain/delivery-channel';
import { outcomeOfCode, outcomeOfHttpStatus, smsParam, toMainlandE164 } from '../domain/sms-rules';
import type { SmsConfig, TencentSmsConfig } from './sms.config';

/** The SDK's SendSms, narrowed to what the channel uses (tests hand in their own). */
export interface SendSmsClient {
  SendSms(request: {
    SmsSdkAppId: string;
    SignName: string;
    TemplateId: string;
    TemplateParamSet: string[];
    PhoneNumberSet: string[];
    SessionContext?: string;
  }): Promise<{ SendStatusSet?: { Code?: string; Message?: string; PhoneNumber?: string; SerialNo?: string }[]; RequestId?: string }>;
}

/** How long one SendSms may take before it counts as a network failure (retried). */
const REQUEST_TIMEOUT_S = 10;

/** The official Tencent Cloud client (tencentcloud-sdk-nodejs-sms, API 2021-01-11), signing with TC3-HMAC-SHA256. */
export function tencentSmsClient(config: TencentSmsConfig): SendSmsClient {
  return new sms.v20210111.Client({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: {
      httpProfile: {
        reqMethod: 'POST',
        reqTimeout: REQUEST_TIMEOUT_S,
        protocol: config.protocol,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      },
    },
  });
}

/** What the SDK throws: the provider's error code, or the HTTP status of an answer without one; neither for network trouble. */
function outcomeOfError(error: unknown): DeliveryOutcome {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; httpCode?: unknown; message?: unknown };
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (typeof failure.code === 'string' && failure.code.length > 0) return outcomeOfCode(failure.code, message);
  if (typeof failure.httpCode === 'number') return outcomeOfHttpStatus(failure.httpCode);
  return { status: 'RETRY', reason: `network: ${message}`.slice(0, 300) };
}

/**
 * The SMS channel (短信): one SendSms per delivery to the resident's number
 * (+86…), the rule template's provider template id (SMS_TEMPLATE_IDS) and its
 * parameters in order. Disabled (`enabled` false) unless SMS_PROVIDER is set;
 * the notifier then plans no SMS at all (no phone is queued for nothing).
 * Tencent Cloud has no idempotency key: a request that timed out after the
 * provider took it is sent again on retry, so a resident may rarely get a
 * text twice; `SessionContext` carries the delivery id for the provider's
 * records.
 */
export class SmsChannel implements DeliveryChannelAdapter {
  readonly channel = 'SMS' as const;
  readonly enabled: boolean;

  constructor(
    private readonly config: SmsConfig,
    private readonly client: SendSmsClient | null = config.provider === 'tencent' ? tencentSmsClient(config.tencent) : null,
  ) {
    this.enabled = config.provider !== 'none' && client !== null;
  }

  /** The provider template id of a rule template; undefined when SMS_TEMPLATE_IDS does not map it. */
  templateId(template: string): string | undefined {
    return this.config.provider === 'tencent' ? this.config.templateIds[template] : undefined;
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    if (this.config.provider !== 'tencent' || this.client === null) return { status: 'RETRY', reason: 'SMS is not configured (SMS_PROVIDER)' };
    const phone = toMainlandE164(request.recipient.phone ?? '');
    if (phone === null) return { status: 'FAILED', reason: 'no mainland mobile number to text' };
    const templateId = this.templateId(request.template);
    if (templateId === undefined) return { status: 'FAILED', reason: `SMS_TEMPLATE_IDS has no id for ${request.template}` };
    try {
      const response = await this.client.SendSms({
        SmsSdkAppId: this.config.tencent.sdkAppId,
        SignName: this.config.tencent.signName,
        TemplateId: templateId,
        TemplateParamSet: (request.templateParams ?? []).map(smsParam),
        PhoneNumberSet: [phone],
        SessionContext: request.deliveryId,
      });
      const status = (response.SendStatusSet ?? []).find((candidate) => candidate.PhoneNumber === phone) ?? response.SendStatusSet?.[0];
      if (!status?.Code) return { status: 'RETRY', reason: `no send status in the answer (request ${response.RequestId ?? 'unknown'})` };
      return outcomeOfCode(status.Code, status.Message ?? '', status.SerialNo);
    } catch (error) {
      return outcomeOfError(error);
    }
  }
}
