import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SendSms the fake provider received (signature checked), with when it arrived. */
export interface ReceivedSms {
  at: Date;
  action: string;
  version: string;
  region: string | undefined;
  secretId: string;
  smsSdkAppId: string;
  signName: string;
  templateId: string;
  templateParamSet: string[];
  phoneNumberSet: string[];
  sessionContext: string | undefined;
  /** what was answered per number: 'Ok' or the error code */
  answered: string;
}

export interface FakeSmsProviderOptions {
  /** the credentials the client must sign with */
  secretId: string;
  secretKey: string;
  /** default 127.0.0.1:0 */
  host?: string;
  port?: number;
}

/** A scripted failure for the next SendSms requests. */
export type FakeSmsFailure =
  /** the request's Error (Response.Error.Code), e.g. RequestLimitExceeded, InternalError */
  | { kind: 'error'; code: string; message?: string }
  /** a per-number status in SendStatusSet, e.g. LimitExceeded.PhoneNumberThirtySecondLimit */
  | { kind: 'status'; code: string; message?: string }
  /** an HTTP status without a Tencent answer (a gateway in front of it failing) */
  | { kind: 'http'; status: number };

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Checks a TC3-HMAC-SHA256 Authorization header of Tencent Cloud API 3.0
 * (signed headers content-type;host, the payload's SHA-256), recomputing it
 * with `secretKey`. The error, or null when it is valid.
 */
export function verifyTc3Signature(headers: IncomingHttpHeaders, body: Buffer, secretId: string, secretKey: string): string | null {
  const authorization = String(headers.authorization ?? '');
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return 'Authorization is not TC3-HMAC-SHA256';
  const [, id, date, service, signedHeaders, signature] = match;
  if (id !== secretId) return 'unknown SecretId';
  const timestamp = Number(headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp)) return 'X-TC-Timestamp missing';
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'credential date is not the timestamp date';
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${name === 'host' ? String(headers.host ?? '').replace(/:\d+$/, '') : String(headers[name] ?? '')}\n`)
    .join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(body)].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ? null : 'signature does not match';
}

/**
 * A local stand-in for Tencent Cloud SMS (API 3.0, `SendSms` of 2021-01-11):
 * POST JSON to `/` with X-TC-Action, X-TC-Version and a TC3-HMAC-SHA256
 * Authorization it verifies with the test's secret key, answering
 * `{ Response: { SendStatusSet, RequestId } }` or `{ Response: { Error, RequestId } }`
 * as the real API does. It records every valid SendSms and can be told to
 * fail the next requests (`failNext`).
 */
export class FakeSmsProvider {
  readonly received: ReceivedSms[] = [];
  /** requests refused before they reached "the provider" (bad signature, action, version) */
  readonly refused: string[] = [];
  private readonly failures: FakeSmsFailure[] = [];
  private server: Server | null = null;
  private address: AddressInfo | null = null;

  constructor(private readonly options: FakeSmsProviderOptions) {}

  /** http://host:port, for SMS_TENCENT_ENDPOINT. */
  get url(): string {
    if (!this.address) throw new Error('the fake SMS provider is not started');
    return `http://${this.address.address}:${this.address.port}`;
  }

  /** The next `times` SendSms requests fail as `failure` (after the ones queued before). */
  failNext(failure: FakeSmsFailure, times = 1): void {
    for (let index = 0; index < times; index += 1) this.failures.push(failure);
  }

  /** SendSms requests to `phone` (+86…) that were answered Ok. */
  delivered(phone: string): ReceivedSms[] {
    return this.received.filter((request) => request.answered === 'Ok' && request.phoneNumberSet.includes(phone));
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = this.answer(request.method ?? '', request.url ?? '', request.headers, Buffer.concat(chunks));
        response.writeHead(answer.status, { 'content-type': 'application/json', 'x-tc-traceid': randomUUID() });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    this.address = this.server.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private answer(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): { status: number; body: string } {
    const requestId = randomUUID();
    const error = (code: string, message: string) => ({ status: 200, body: JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } }) });
    if (method !== 'POST' || url !== '/') return { status: 404, body: '' };
    const problem =
      headers['x-tc-action'] !== 'SendSms'
        ? `X-TC-Action ${String(headers['x-tc-action'])}`
        : headers['x-tc-version'] !== '2021-01-11'
          ? `X-TC-Version ${String(headers['x-tc-version'])}`
          : !String(headers['content-type'] ?? '').startsWith('application/json')
            ? 'not JSON'
            : verifyTc3Signature(headers, body, this.options.secretId, this.options.secretKey);
    if (problem) {
      this.refused.push(problem);
      return problem.startsWith('X-TC-Action') ? error('InvalidAction', problem) : error('AuthFailure.SignatureFailure', problem);
    }
    const params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    const failure = this.failures.shift();
    const phones = strings(params.PhoneNumberSet);
    this.received.push({
      at: new Date(),
      action: 'SendSms',
      version: '2021-01-11',
      region: headers['x-tc-region'] as string | undefined,
      secretId: this.options.secretId,
      smsSdkAppId: String(params.SmsSdkAppId ?? ''),
      signName: String(params.SignName ?? ''),
      templateId: String(params.TemplateId ?? ''),
      templateParamSet: strings(params.TemplateParamSet),
      phoneNumberSet: phones,
      sessionContext: typeof params.SessionContext === 'string' ? params.SessionContext : undefined,
      answered: failure ? (failure.kind === 'http' ? `HTTP ${failure.status}` : failure.code) : 'Ok',
    });
    if (failure?.kind === 'http') return { status: failure.status, body: 'upstream failed' };
    if (failure?.kind === 'error') return error(failure.code, failure.message ?? failure.code);
    const status = (phone: string) =>
      failure
        ? { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: params.SessionContext ?? '', Code: failure.code, Message: failure.message ?? failure.code, IsoCode: 'CN' }
        : { SerialNo: `fake-${randomUUID()}`, PhoneNumber: phone, Fee: 1, SessionContext: params.SessionContext ?? '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
    return { status: 200, body: JSON.stringify({ Response: { SendStatusSet: phones.map(status), RequestId: requestId } }) };
  }
}
