import { optionalUnlessEmpty, parseEnv } from '@steward/service-kit/core';
import { z } from 'zod';

/**
 * The SMS channel's configuration (短信通道). Off unless SMS_PROVIDER names a
 * provider; with `tencent` every SMS_TENCENT_* credential and SMS_TEMPLATE_IDS
 * are required (a half-configured channel stops the service at start).
 */
const smsEnvSchema = z
  .object({
    /** `none` (default): no SMS is planned; `tencent`: Tencent Cloud SMS (腾讯云短信, API 3.0, SendSms 2021-01-11) */
    SMS_PROVIDER: optionalUnlessEmpty(z.enum(['none', 'tencent'])),
    SMS_TENCENT_SECRET_ID: optionalUnlessEmpty(z.string().min(1)),
    SMS_TENCENT_SECRET_KEY: optionalUnlessEmpty(z.string().min(1)),
    /** the SMS application's SdkAppId (1400…) */
    SMS_TENCENT_SDK_APP_ID: optionalUnlessEmpty(z.string().regex(/^\d+$/, 'must be the numeric SdkAppId')),
    /** the approved signature's text (签名内容), shown as 【…】 before every message */
    SMS_TENCENT_SIGN_NAME: optionalUnlessEmpty(z.string().min(1)),
    SMS_TENCENT_REGION: optionalUnlessEmpty(z.string().min(1)),
    /** the API host (default: the SDK's); a URL with http:// or https:// sets the protocol too (tests: a local fake provider) */
    SMS_TENCENT_ENDPOINT: optionalUnlessEmpty(z.string().min(1)),
    /** JSON object: rule template name → the provider's approved template id, e.g. {"sms.ticket.accepted":"1234567"} */
    SMS_TEMPLATE_IDS: optionalUnlessEmpty(z.string().min(2)),
  })
  .superRefine((env, ctx) => {
    if (env.SMS_PROVIDER !== 'tencent') return;
    for (const key of ['SMS_TENCENT_SECRET_ID', 'SMS_TENCENT_SECRET_KEY', 'SMS_TENCENT_SDK_APP_ID', 'SMS_TENCENT_SIGN_NAME', 'SMS_TEMPLATE_IDS'] as const) {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required when SMS_PROVIDER=tencent' });
    }
  });

const templateIdsSchema = z.record(z.string().min(1), z.string().regex(/^\d+$/, 'must be a numeric template id'));

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** host[:port] of the API */
  endpoint: string | undefined;
  /** `https://` unless the endpoint says http:// */
  protocol: 'https://' | 'http://';
}

export type SmsConfig = { provider: 'none' } | { provider: 'tencent'; tencent: TencentSmsConfig; templateIds: Readonly<Record<string, string>> };

function parseTemplateIds(text: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('SMS_TEMPLATE_IDS must be a JSON object of template name → provider template id');
  }
  const parsed = templateIdsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`SMS_TEMPLATE_IDS: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

function splitEndpoint(endpoint: string | undefined): Pick<TencentSmsConfig, 'endpoint' | 'protocol'> {
  if (endpoint === undefined) return { endpoint: undefined, protocol: 'https://' };
  const match = /^(https?:\/\/)?([^/]+)\/?$/.exec(endpoint.trim());
  if (!match) throw new Error('SMS_TENCENT_ENDPOINT must be a host[:port] or http(s)://host[:port]');
  return { endpoint: match[2], protocol: match[1] === 'http://' ? 'http://' : 'https://' };
}

export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const parsed = parseEnv(smsEnvSchema, env);
  if (parsed.SMS_PROVIDER !== 'tencent') return { provider: 'none' };
  const required = (value: string | undefined) => value as string; // checked by the schema's refinement
  return {
    provider: 'tencent',
    tencent: {
      secretId: required(parsed.SMS_TENCENT_SECRET_ID),
      secretKey: required(parsed.SMS_TENCENT_SECRET_KEY),
      sdkAppId: required(parsed.SMS_TENCENT_SDK_APP_ID),
      signName: required(parsed.SMS_TENCENT_SIGN_NAME),
      region: parsed.SMS_TENCENT_REGION ?? 'ap-guangzhou',
      ...splitEndpoint(parsed.SMS_TENCENT_ENDPOINT),
    },
    templateIds: parseTemplateIds(required(parsed.SMS_TEMPLATE_IDS)),
  };
}
