import type { Logger } from '@steward/service-kit/core';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { GatewayConfig } from '../config';
import { perIpRateLimit } from '../limits';
import { INTERNAL_ERROR, Open311Error } from './open311-errors';
import { CONTENT_TYPES, renderErrors, renderList, renderObject, splitExtension, type Open311Format, type Open311Value } from './open311-format';
import {
  attributesOf,
  fieldsOfAttributes,
  GEOREPORT_V2_SPECIFICATION,
  missingRequiredAttributes,
  OPEN311_CHANNEL,
  open311StatusOf,
  reporterNameOf,
  serviceDefinitionOf,
  serviceOf,
  serviceRequestOf,
  ticketTitleOf,
  type CategoryView,
  type TicketView,
} from './open311-mapping';
import { parseApiKey, parseReportParams, parseRequestId, parseRequestQuery, type ApiKey, type Params, type ReportParams } from './open311-params';
import { loadOpen311Config, type Open311Config } from './open311.config';
import { StewardApi } from './steward-api';
import { TokenCache } from './token-cache';

/** When the API last changed (discovery's changeset). */
export const OPEN311_CHANGESET = '2026-12-07T00:00:00Z';
/** Page size of the ticket reads behind `GET requests` and the most tickets one such request scans. */
const PAGE_SIZE = 100;
export const MAX_SCANNED_REQUESTS = 1000;

const TICKET_FIELDS = `number category categoryName channel status createdAt updatedAt acceptDueAt resolveDueAt address
  location { geo { lat lng } } unit { name } timeline(last: 5) { action at unit { name } }`;
const CATEGORIES_QUERY =
  'query Open311Services { ticketCategories { code name nameEn examples active fields { key label labelEn type unit required min max decimals maxLength options { value label labelEn } } } }';
const TICKETS_QUERY = `query Open311Requests($filter: TicketFilter, $first: Int, $after: String) {
  tickets(filter: $filter, first: $first, after: $after) { edges { node { ${TICKET_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const UNIT_BY_CODE_QUERY = 'query Open311Unit($code: String!) { orgUnitByCode(code: $code) { id } }';
const REPORT_MUTATION = 'mutation Open311Report($input: ReportTicketInput!) { reportTicket(input: $input) { number acceptDueAt } }';

/** One aliased query for a list of ticket numbers (at most MAX_REQUEST_IDS: the gateway's alias limit). */
function ticketsByNumberQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, index) => `$n${index}: String!`).join(', ');
  const fields = Array.from({ length: count }, (_, index) => `t${index}: ticketByNumber(number: $n${index}) { ${TICKET_FIELDS} }`).join('\n');
  return `query Open311RequestsByNumber(${variables}) {\n${fields}\n}`;
}

function formatOfPath(req: Request): Open311Format {
  return req.path.endsWith('.xml') ? 'xml' : 'json';
}

function sendErrors(res: Response, format: Open311Format, error: Open311Error): void {
  res.status(error.status).type(CONTENT_TYPES[format]).send(renderErrors(format, [error]));
}

type Handler = (req: Request, format: Open311Format) => Promise<string>;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under
 * `/open311/v2/`: the ticket categories as services, tickets as service
 * requests. An adapter on the public GraphQL API (see `StewardApi`), never on
 * a database: POST signs in with the caller's api_key (a service account with
 * `tickets:report`), the public GETs read with the adapter's own read-only
 * service account (`OPEN311_CLIENT_ID`, `OPEN311_CLIENT_SECRET`).
 */
export function open311Router(gateway: GatewayConfig, logger: Logger, config: Open311Config = loadOpen311Config()): Router {
  const api = new StewardApi(config.graphqlUrl, logger);
  const keys = new TokenCache((key) => api.serviceLogin(key));
  const router = express.Router();

  const tooMany = (req: Request, res: Response) => sendErrors(res, formatOfPath(req), new Open311Error(429, 'Too many requests (请求过于频繁): slow down and retry later'));
  router.use(perIpRateLimit(gateway, tooMany));

  const readerKey: ApiKey | null = config.reader ? { clientId: config.reader.clientId, clientSecret: config.reader.clientSecret.reveal() } : null;
  const notConfigured = () =>
    new Open311Error(503, 'Reading is not configured on this server (OPEN311_CLIENT_ID, OPEN311_CLIENT_SECRET: the adapter’s read-only service account); try again later');
  async function readerToken(reader: ApiKey): Promise<string> {
    try {
      return await keys.token(reader);
    } catch (error) {
      if (error instanceof Open311Error && error.status === 403) {
        logger.error({ clientId: reader.clientId }, 'open311: the read account OPEN311_CLIENT_ID was refused by serviceLogin');
        throw new Open311Error(503, 'Reading is unavailable: the server’s read account was refused; try again later');
      }
      throw error;
    }
  }

  /** A call with a cached token; a token refused before its time (key rotation) is dropped and the call made once more. */
  async function withToken<T>(key: ApiKey, token: () => Promise<string>, call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await token());
    } catch (error) {
      if (!(error instanceof Open311Error) || error.reason !== 'UNAUTHENTICATED' || !keys.has(key)) throw error;
      keys.forget(key);
      return call(await token());
    }
  }
  /** A call as the adapter's read account: the public GET endpoints. */
  async function asReader<T>(call: (token: string) => Promise<T>): Promise<T> {
    if (!readerKey) throw notConfigured();
    return withToken(readerKey, () => readerToken(readerKey), call);
  }

  async function categories(token: string): Promise<CategoryView[]> {
    const data = await api.call<{ ticketCategories: CategoryView[] }>('Open311Services', CATEGORIES_QUERY, {}, token);
    return data.ticketCategories.filter((category) => category.active);
  }

  async function category(token: string, code: string): Promise<CategoryView> {
    const found = (await categories(token)).find((candidate) => candidate.code === code);
    if (!found) throw new Open311Error(404, `No service has the code ${code.slice(0, 60)} (see services.json)`);
    return found;
  }

  async function ticketsByNumber(token: string, numbers: readonly string[]): Promise<TicketView[]> {
    if (numbers.length === 0) return [];
    const variables = Object.fromEntries(numbers.map((number, index) => [`n${index}`, number]));
    const data = await api.call<Record<string, TicketView | null>>('Open311RequestsByNumber', ticketsByNumberQuery(numbers.length), variables, token);
    return numbers.map((_, index) => data[`t${index}`]).filter((ticket): ticket is TicketView => ticket !== null && ticket !== undefined);
  }

  async function ticketsInRange(token: string, from: Date, to: Date, serviceCodes: string[] | undefined): Promise<TicketView[]> {
    const filter = { from: from.toISOString(), to: to.toISOString(), ...(serviceCodes?.length === 1 ? { category: serviceCodes[0] } : {}) };
    const found: TicketView[] = [];
    let after: string | null = null;
    do {
      const data: { tickets: { edges: { node: TicketView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await api.call(
        'Open311Requests',
        TICKETS_QUERY,
        { filter, first: PAGE_SIZE, after },
        token,
      );
      found.push(...data.tickets.edges.map((edge) => edge.node));
      after = data.tickets.pageInfo.hasNextPage ? data.tickets.pageInfo.endCursor : null;
    } while (after && found.length < MAX_SCANNED_REQUESTS);
    return found.slice(0, MAX_SCANNED_REQUESTS);
  }

  async function ticketByNumber(number: string): Promise<TicketView> {
    const [ticket] = await asReader((token) => ticketsByNumber(token, [parseRequestId(number)]));
    if (!ticket) throw new Open311Error(404, `No service request ${number}`);
    return ticket;
  }

  async function unitIdOf(reference: ReportParams['unit'], reporterToken: string): Promise<string> {
    if (reference.kind === 'id') return reference.id;
    const lookup = (token: string) => api.call<{ orgUnitByCode: { id: string } | null }>('Open311Unit', UNIT_BY_CODE_QUERY, { code: reference.code }, token);
    // codes are looked up as the read account when there is one: a reporting account need not read
    const data = readerKey ? await asReader(lookup) : await lookup(reporterToken);
    if (!data.orgUnitByCode) throw new Open311Error(400, `No org unit has the division code (区划代码) ${reference.code}`);
    return data.orgUnitByCode.id;
  }

  const handlers: Record<string, Handler> = {
    discovery: async (req, format) => {
      const url = config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
      return renderObject(format, 'discovery', {
        changeset: OPEN311_CHANGESET,
        contact: config.contact,
        key_service: config.keyService,
        endpoints: [
          {
            specification: GEOREPORT_V2_SPECIFICATION,
            url,
            changeset: OPEN311_CHANGESET,
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      });
    },
    services: async (_req, format) => {
      const list = await asReader(categories);
      return renderList(format, 'services', 'service', list.map(serviceOf));
    },
    requests: async (req, format) => {
      const query = parseRequestQuery(req.query as Params, new Date());
      const tickets = await asReader((token) => (query.ids ? ticketsByNumber(token, query.ids) : ticketsInRange(token, query.from, query.to, query.serviceCodes)));
      const selected = query.ids
        ? tickets
        : tickets.filter(
            (ticket) =>
              (!query.serviceCodes || query.serviceCodes.includes(ticket.category)) && (!query.statuses || query.statuses.includes(open311StatusOf(ticket.status))),
          );
      return renderList(format, 'service_requests', 'request', selected.map(serviceRequestOf));
    },
  };

  const run =
    (handler: (req: Request) => Promise<{ format: Open311Format; body: string }>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      void handler(req).then(
        ({ format, body }) => {
          res.status(200).type(CONTENT_TYPES[format]).send(body);
        },
        (error: unknown) => {
          if (error instanceof Open311Error) {
            sendErrors(res, formatOfPath(req), error);
            return;
          }
          logger.error({ err: error, path: req.path }, 'open311: request failed');
          if (res.headersSent) {
            next(error);
            return;
          }
          sendErrors(res, formatOfPath(req), new Open311Error(500, INTERNAL_ERROR));
        },
      );
    };

  router.get(
    '/:file',
    run(async (req) => {
      const { resource, format } = splitExtension(String(req.params.file));
      const handler = Object.hasOwn(handlers, resource) ? handlers[resource] : undefined;
      if (!handler) throw new Open311Error(404, `No such resource: ${resource.slice(0, 60)}`);
      return { format, body: await handler(req, format) };
    }),
  );

  router.get(
    '/services/:file',
    run(async (req) => {
      const { resource: code, format } = splitExtension(String(req.params.file));
      const found = await asReader((token) => category(token, code));
      return { format, body: renderObject(format, 'service_definition', serviceDefinitionOf(found)) };
    }),
  );

  router.get(
    '/requests/:file',
    run(async (req) => {
      const { resource: id, format } = splitExtension(String(req.params.file));
      return { format, body: renderList(format, 'service_requests', 'request', [serviceRequestOf(await ticketByNumber(id))]) };
    }),
  );

  router.get(
    '/tokens/:file',
    run(async (req) => {
      const { resource: token, format } = splitExtension(String(req.params.file));
      // the POST answers the service_request_id at once: a token is the request's number
      const ticket = await ticketByNumber(token);
      return { format, body: renderList(format, 'service_requests', 'request', [{ service_request_id: ticket.number, token: ticket.number }]) };
    }),
  );

  // sign-ins with a key not yet exchanged, per client address (the gateway's login limit): guessing keys meets it
  const signInLimit = rateLimit({
    windowMs: gateway.rateLimits.windowMs,
    limit: gateway.rateLimits.loginsPerIp,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'open311-api-key',
    keyGenerator: (req) => `open311-api-key:${ipKeyGenerator(req.ip ?? '')}`,
    skip: (req) => {
      try {
        return keys.has(parseApiKey(req.body as Params));
      } catch {
        return false;
      }
    },
    handler: tooMany,
  });

  router.post(
    '/:file',
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }),
    signInLimit,
    run(async (req) => {
      const { resource, format } = splitExtension(String(req.params.file));
      if (resource !== 'requests') throw new Open311Error(404, `No such resource: ${resource.slice(0, 60)}`);
      const body = (req.body ?? {}) as Params;
      const key = parseApiKey(body);
      // the key first: a wrong one is 403 whatever else the request holds
      await keys.token(key);
      const params = parseReportParams(body);
      const created = await withToken(key, () => keys.token(key), async (token) => {
        const service = await category(token, params.serviceCode);
        const missing = missingRequiredAttributes(attributesOf(service), params.attributes);
        if (missing.length > 0) throw new Open311Error(400, `Required attributes are missing: ${missing.map((code) => `attribute[${code}]`).join(', ')}`);
        const unitId = await unitIdOf(params.unit, token);
        const name = reporterNameOf(params.firstName, params.lastName);
        const input = {
          title: ticketTitleOf(service.name, params.description),
          description: params.description,
          category: service.code,
          channel: OPEN311_CHANNEL,
          unitId,
          address: params.address,
          geo: params.geo,
          reporter: name || params.phone ? { name: name ?? undefined, phone: params.phone, anonymous: false } : undefined,
          // attribute[<key>]: the category's typed fields, checked by tickets against its current version (BAD_USER_INPUT → 400)
          fields: fieldsOfAttributes(params.attributes),
        };
        const data = await api.call<{ reportTicket: { number: string; acceptDueAt: string | null } }>('Open311Report', REPORT_MUTATION, { input }, token);
        return data.reportTicket;
      });
      const answer: Record<string, Open311Value> = {
        service_request_id: created.number,
        token: created.number,
        service_notice: `工单号 ${created.number}${created.acceptDueAt ? `，受理时限 ${created.acceptDueAt}` : ''}`,
        account_id: null,
      };
      return { format, body: renderList(format, 'service_requests', 'request', [answer]) };
    }),
  );

  router.use((req: Request, res: Response) => sendErrors(res, formatOfPath(req), new Open311Error(404, 'No such Open311 resource (see discovery.json)')));
  return router;
}
