import { Open311Error } from './open311-errors';
import type { Open311Status } from './open311-mapping';

/**
 * Validation of Open311 GeoReport v2 parameters (form fields of POST
 * requests, query strings of GET requests). Pure; every problem is an
 * `Open311Error` naming the parameter, and nothing is called before the
 * parameters are valid.
 */

/** A parsed form body or query string: one value or repeated ones. */
export type Params = Record<string, unknown>;

function single(params: Params, name: string): string | undefined {
  const value = params[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

function bounded(params: Params, name: string, max: number): string | undefined {
  const value = single(params, name);
  if (value !== undefined && value.length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return value;
}

/** A service account's `clientId:clientSecret`. */
export interface ApiKey {
  clientId: string;
  clientSecret: string;
}

const CLIENT_ID = /^[a-z][a-z0-9-]{1,40}$/;

/** `api_key` = `<clientId>:<clientSecret>` of a service account; missing or malformed is 403 as a wrong one is. */
export function parseApiKey(params: Params): ApiKey {
  const key = single(params, 'api_key');
  const colon = key?.indexOf(':') ?? -1;
  if (!key || colon < 0) throw new Open311Error(403, 'api_key is required: <client id>:<client secret> of a service account with tickets:report (接口账号)');
  const clientId = key.slice(0, colon);
  const clientSecret = key.slice(colon + 1);
  if (!CLIENT_ID.test(clientId) || clientSecret.length === 0 || clientSecret.length > 256) throw new Open311Error(403, 'api_key is not valid (接口密钥无效)');
  return { clientId, clientSecret };
}

/** The org unit a request names: a 12-digit 区划代码 or a unit id. */
export type UnitReference = { kind: 'code'; code: string } | { kind: 'id'; id: string };

export interface ReportParams {
  serviceCode: string;
  unit: UnitReference;
  geo: { lat: number; lng: number } | undefined;
  address: string | undefined;
  description: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  phone: string | undefined;
  /** `attribute[code]` (and `attribute[code][]`) values by code */
  attributes: Record<string, string[]>;
}

/** Where a unit must be named, since no org unit has coordinates to find the nearest by. */
export const UNIT_REQUIRED =
  'Name the org unit where the problem is in address_id (or jurisdiction_id): its 12-digit division code (区划代码) or its id. ' +
  'Org units have no coordinates, so lat/long and address_string alone cannot place a request';

function coordinate(params: Params, name: 'lat' | 'long', limit: number): number | undefined {
  const text = single(params, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^[+-]?\d+(\.\d+)?$/.test(text) || Math.abs(value) > limit) throw new Open311Error(400, `${name} must be a decimal number between -${limit} and ${limit}`);
  return value;
}

function attributesOf(params: Params): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /^attribute\[([^\]]{1,100})\](\[\])?$/.exec(key);
    if (!match) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
    attributes[match[1]] = [...(attributes[match[1]] ?? []), ...values];
  }
  return attributes;
}

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

/** The fields of `POST requests.{format}` besides api_key (checked first). */
export function parseReportParams(params: Params): ReportParams {
  const serviceCode = single(params, 'service_code');
  if (!serviceCode) throw new Open311Error(400, 'service_code is required (see services.json)');
  const lat = coordinate(params, 'lat', 90);
  const long = coordinate(params, 'long', 180);
  if ((lat === undefined) !== (long === undefined)) throw new Open311Error(400, 'lat and long go together: give both or neither');
  const address = bounded(params, 'address_string', 500);
  const unitText = single(params, 'address_id') ?? single(params, 'jurisdiction_id');
  if (lat === undefined && !address && !unitText) throw new Open311Error(400, `A location is required: lat and long, address_string or address_id. ${UNIT_REQUIRED}`);
  if (!unitText) throw new Open311Error(400, UNIT_REQUIRED);
  if (unitText.length > 64 || !/^[\w-]+$/.test(unitText)) throw new Open311Error(400, 'address_id must be a 12-digit division code (区划代码) or an org unit id');
  const phone = single(params, 'phone');
  if (phone !== undefined && !PHONE.test(phone)) throw new Open311Error(400, 'phone must be a phone number (digits, spaces, dashes, an optional leading +)');
  return {
    serviceCode,
    unit: /^\d{12}$/.test(unitText) ? { kind: 'code', code: unitText } : { kind: 'id', id: unitText },
    geo: lat !== undefined && long !== undefined ? { lat, lng: long } : undefined,
    address,
    description: bounded(params, 'description', 5000),
    firstName: bounded(params, 'first_name', 24),
    lastName: bounded(params, 'last_name', 24),
    phone,
    attributes: attributesOf(params),
  };
}

/** A service request id is a ticket number (工单号), e.g. 20261130-000042. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
/** At most this many ids in one `service_request_id` list (one aliased query: the gateway's alias limit). */
export const MAX_REQUEST_IDS = 15;
/** The longest date range of `GET requests`, and its default: the last 90 days. */
export const MAX_RANGE_DAYS = 90;
const DAY_MS = 86_400_000;

export function parseRequestId(id: string): string {
  if (!REQUEST_ID.test(id)) throw new Open311Error(404, 'No such service request');
  return id;
}

export interface RequestQuery {
  /** service_request_id: these requests only, every other filter ignored (the specification) */
  ids: string[] | undefined;
  serviceCodes: string[] | undefined;
  statuses: Open311Status[] | undefined;
  from: Date;
  to: Date;
}

function list(params: Params, name: string): string[] | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) throw new Open311Error(400, `${name} is a comma-separated list without empty entries`);
  return [...new Set(entries)];
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function dateParam(params: Params, name: string): Date | undefined {
  const text = single(params, name);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!W3C_DATETIME.test(text) || Number.isNaN(date.getTime())) throw new Open311Error(400, `${name} must be a W3C date-time, e.g. 2026-11-30T00:00:00Z`);
  return date;
}

/** The filters of `GET requests.{format}`. */
export function parseRequestQuery(params: Params, now: Date): RequestQuery {
  const ids = list(params, 'service_request_id');
  if (ids && ids.length > MAX_REQUEST_IDS) throw new Open311Error(400, `service_request_id lists at most ${MAX_REQUEST_IDS} requests`);
  if (ids?.some((id) => !REQUEST_ID.test(id))) throw new Open311Error(400, 'service_request_id lists ticket numbers (工单号), e.g. 20261130-000042');
  const statuses = list(params, 'status');
  if (statuses?.some((status) => status !== 'open' && status !== 'closed')) throw new Open311Error(400, 'status is open, closed or both (comma-separated)');
  const start = dateParam(params, 'start_date');
  const end = dateParam(params, 'end_date');
  const to = end ?? (start ? new Date(start.getTime() + MAX_RANGE_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) throw new Open311Error(400, 'start_date must not be after end_date');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new Open311Error(400, `start_date to end_date may span at most ${MAX_RANGE_DAYS} days`);
  return { ids, serviceCodes: list(params, 'service_code'), statuses: statuses as Open311Status[] | undefined, from, to };
}
