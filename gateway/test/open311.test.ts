// Issue 19: Open311 GeoReport v2 (/open311/v2/) on the real stack, through
// the gateway like any Open311 client: discovery, the service catalogue, a
// request posted with a service account's api_key, its status open and, once
// the village closes the ticket through GraphQL, closed; every endpoint in
// JSON and XML, the specification's errors, and no personal data in any
// answer. Then the independent client georeport (PyPI) reads the same.
import { authorizeStack, graphqlData, uniqueName } from '@steward/testing';
import { XMLParser } from 'fast-xml-parser';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import pino from 'pino';
import { loadGatewayConfig } from '../src/config';
import { open311Router } from '../src/open311/open311.router';
import { createMemberWithRole, createUnit, dispatch, mutateOk, report } from '../../services/tickets/test/helpers';
import { open311Accounts } from '../../tools/open311-accounts.cjs';
import { startStack } from '../../tools/stack.cjs';
import { runGeoReportClient } from './open311/georeport-client';

type Stack = Awaited<ReturnType<typeof startStack>>;

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute'].includes(name) });
const VILLAGE_CODE = '340522104201';
const REPORTER = { first: '伟', last: '王', name: '王伟', phone: '13912345678', email: 'wang.wei@example.org' };
const HOTLINE_REPORTER = { name: '李秀英', phone: '13887654321', address: '太平村三组7号李秀英家' };
const DESCRIPTION = '村口石桥栏杆断了两根，孩子上学经过很危险';
/** ROADS' typed field of categories.json (version 1), as an attribute of its service definition. */
const ROADS_ATTRIBUTE = {
  variable: true,
  code: 'damagedLength',
  datatype: 'number',
  required: false,
  datatype_description: '数字，单位 米，最多 1 位小数，≥ 0 / a number in 米 with at most 1 decimal places, ≥ 0',
  order: 1,
  description: '破损长度（米） / Damaged length',
  values: [],
};

interface Answer {
  status: number;
  type: string;
  body: string;
}

describe('Open311 GeoReport v2 (issue 19)', () => {
  let stack: Stack;
  let url: string;
  let base: string;
  let apiKey: string;
  let village: string;
  let handlerId: string;
  const bodies: string[] = [];

  async function call(method: 'GET' | 'POST', resource: string, form?: Record<string, string>): Promise<Answer> {
    const response = await fetch(`${base}/${resource}`, {
      method,
      ...(form ? { body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
    });
    const answer = { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
    bodies.push(answer.body);
    return answer;
  }

  const json = <T>(answer: Answer): T => {
    expect(answer.type).toMatch(/^application\/json/);
    return JSON.parse(answer.body) as T;
  };
  const parsedXml = <T>(answer: Answer): T => {
    expect(answer.type).toMatch(/^text\/xml/);
    expect(answer.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    return xml.parse(answer.body) as T;
  };

  async function post(form: Record<string, string>, format: 'json' | 'xml' = 'json'): Promise<Answer> {
    return call('POST', `requests.${format}`, { api_key: apiKey, ...form });
  }

  beforeAll(async () => {
    const databasePrefix = uniqueName('o311').replace(/-/g, '_');
    const accounts = await open311Accounts({ reporter: { id: 'open311-test', secret: randomBytes(18).toString('base64url') } });
    apiKey = accounts.apiKey;
    stack = await startStack({
      portOffset: 2600,
      databasePrefix,
      logDir: path.join(__dirname, '../../.local/logs', databasePrefix),
      env: { ...accounts.env, TICKETS_SWEEP_INTERVAL_MS: '0' },
      timeoutMs: 240_000,
    });
    authorizeStack(stack);
    if (!stack.url) throw new Error('the stack started without its gateway');
    url = stack.url;
    base = url.replace(/\/graphql$/, '/open311/v2');
    const city = await createUnit(url, { level: 'CITY', name: '马鞍山市', code: '340500000000' });
    const district = await createUnit(url, { level: 'DISTRICT', name: '含山县', code: '340522000000', parentId: city });
    const township = await createUnit(url, { level: 'TOWNSHIP', name: '清溪镇', code: '340522104000', parentId: district });
    village = await createUnit(url, { level: 'ADMIN_VILLAGE', name: '太平村', code: VILLAGE_CODE, parentId: township });
    handlerId = await createMemberWithRole(url, '汤德春', village, 'VILLAGE_STAFF');
    // a hotline report of the same village: tickets then knows the unit, and its address (a home) must stay private
    await report(url, {
      title: '独居老人家中漏雨',
      description: `${HOTLINE_REPORTER.name}反映家中漏雨`,
      category: 'HOUSING_SAFETY',
      channel: 'HOTLINE',
      unitId: village,
      address: HOTLINE_REPORTER.address,
      reporter: { name: HOTLINE_REPORTER.name, phone: HOTLINE_REPORTER.phone },
    });
  }, 360_000);

  afterAll(async () => {
    await stack?.stop();
  });

  describe('discovery and services', () => {
    it('describes the endpoint (discovery.json, discovery.xml)', async () => {
      const discovery = json<{ changeset: string; contact: string; key_service: string; endpoints: { specification: string; url: string; type: string; formats: string[] }[] }>(
        await call('GET', 'discovery.json'),
      );
      expect(discovery.endpoints).toEqual([
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: discovery.changeset, type: 'production', formats: ['application/json', 'text/xml'] },
      ]);
      expect(discovery.key_service).toContain('tickets:report');
      const asXml = parsedXml<{ discovery: { endpoints: { endpoint: { specification: string; url: string; formats: { format: string[] } }[] } } }>(await call('GET', 'discovery.xml'));
      expect(asXml.discovery.endpoints.endpoint[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, formats: { format: ['application/json', 'text/xml'] } });
    });

    it('lists the ticket categories as services with their Chinese names (services.json, services.xml)', async () => {
      const services = json<{ service_code: string; service_name: string; metadata: boolean; type: string }[]>(await call('GET', 'services.json'));
      expect(services).toHaveLength(14);
      // a category with typed fields (类别专属字段) has metadata: its service definition lists them as attributes
      expect(services).toContainEqual(expect.objectContaining({ service_code: 'ROADS', service_name: '道路交通', metadata: true, type: 'realtime' }));
      expect(services).toContainEqual(expect.objectContaining({ service_code: 'STREET_LIGHTING', metadata: false }));
      const asXml = parsedXml<{ services: { service: { service_code: string; service_name: string; metadata: string }[] } }>(await call('GET', 'services.xml'));
      expect(asXml.services.service.map((service) => service.service_code)).toEqual(services.map((service) => service.service_code));
      expect(asXml.services.service.find((service) => service.service_code === 'ROADS')).toMatchObject({ service_name: '道路交通', metadata: 'true' });
      expect(asXml.services.service.find((service) => service.service_code === 'STREET_LIGHTING')).toMatchObject({ metadata: 'false' });
    });

    it('defines a service with its typed fields as attributes, and answers 404 for an unknown one (services/{code})', async () => {
      expect(json(await call('GET', 'services/ROADS.json'))).toEqual({ service_code: 'ROADS', attributes: [ROADS_ATTRIBUTE] });
      expect(parsedXml(await call('GET', 'services/ROADS.xml'))).toEqual({
        '?xml': '',
        service_definition: { service_code: 'ROADS', attributes: { attribute: [{ ...ROADS_ATTRIBUTE, variable: 'true', required: 'false', order: '1', values: '' }] } },
      });
      expect(json(await call('GET', 'services/STREET_LIGHTING.json'))).toEqual({ service_code: 'STREET_LIGHTING', attributes: [] });
      expect(parsedXml(await call('GET', 'services/STREET_LIGHTING.xml'))).toEqual({ '?xml': '', service_definition: { service_code: 'STREET_LIGHTING', attributes: '' } });
      const unknown = await call('GET', 'services/NO_SUCH.json');
      expect(unknown.status).toBe(404);
      expect(json(unknown)).toEqual([{ code: 404, description: expect.stringContaining('NO_SUCH') as unknown }]);
      const unknownXml = await call('GET', 'services/NO_SUCH.xml');
      expect(unknownXml.status).toBe(404);
      expect(parsedXml<{ errors: { error: { code: string }[] } }>(unknownXml).errors.error[0].code).toBe('404');
      expect((await call('GET', 'nothing.json')).status).toBe(404);
    });
  });

  describe('a request through its life', () => {
    let number: string;
    let xmlNumber: string;

    it('refuses a missing or wrong api_key with 403', async () => {
      const missing = await call('POST', 'requests.json', { service_code: 'ROADS', address_id: VILLAGE_CODE });
      expect(missing.status).toBe(403);
      expect(json<{ code: number }[]>(missing)[0].code).toBe(403);
      const wrong = await call('POST', 'requests.xml', { api_key: 'open311-test:not-the-secret', service_code: 'ROADS', address_id: VILLAGE_CODE });
      expect(wrong.status).toBe(403);
      expect(parsedXml<{ errors: { error: { code: string; description: string }[] } }>(wrong).errors.error[0]).toEqual({ code: '403', description: 'api_key is not valid (接口密钥无效)' });
      // the key is checked before the rest: a wrong key with missing parameters is 403 too
      expect((await call('POST', 'requests.json', { api_key: 'open311-test:not-the-secret', service_code: 'ROADS' })).status).toBe(403);
    });

    it.each([
      ['no service_code', { address_id: VILLAGE_CODE }, 400, /service_code is required/],
      ['no location', { service_code: 'ROADS', description: DESCRIPTION }, 400, /A location is required/],
      ['coordinates only (org units have none)', { service_code: 'ROADS', lat: '31.71', long: '118.1' }, 400, /Org units have no coordinates/],
      ['an unknown division code', { service_code: 'ROADS', address_id: '340522999999' }, 400, /No org unit has the division code/],
      ['an unknown service', { service_code: 'NO_SUCH', address_id: VILLAGE_CODE }, 404, /NO_SUCH/],
    ])('answers %s with its status', async (_label, form, status, description) => {
      const answer = await post(form);
      expect(answer.status).toBe(status);
      const [error] = json<{ code: number; description: string }[]>(answer);
      expect(error.code).toBe(status);
      expect(error.description).toMatch(description);
    });

    it('creates a ticket (channel API) with the reporter, and answers its number', async () => {
      const answer = await post({
        service_code: 'ROADS',
        address_id: VILLAGE_CODE,
        lat: '31.7123',
        long: '118.1034',
        address_string: '太平村村口石桥',
        description: DESCRIPTION,
        first_name: REPORTER.first,
        last_name: REPORTER.last,
        phone: REPORTER.phone,
        email: REPORTER.email,
      });
      expect(answer.status).toBe(200);
      const [created] = json<{ service_request_id: string; token: string; service_notice: string; account_id: null }[]>(answer);
      expect(created.service_request_id).toMatch(/^\d{8}-\d{6}$/);
      expect(created.token).toBe(created.service_request_id);
      number = created.service_request_id;
      const { ticketByNumber } = await graphqlData<{ ticketByNumber: { channel: string; category: string; title: string; description: string; unit: { id: string }; reporter: { name: string; phone: string }; location: { geo: { lat: number } } } }>(
        url,
        'query($n: String!) { ticketByNumber(number: $n) { channel category title description unit { id } reporter { name phone } location { geo { lat } } } }',
        { n: number },
      );
      expect(ticketByNumber).toEqual({
        channel: 'API',
        category: 'ROADS',
        title: `道路交通：${DESCRIPTION}`,
        description: DESCRIPTION,
        unit: { id: village },
        reporter: { name: REPORTER.name, phone: REPORTER.phone },
        location: { geo: { lat: 31.7123 } },
      });
      const asXml = await post({ service_code: 'STREET_LIGHTING', jurisdiction_id: village, description: '路灯不亮' }, 'xml');
      expect(asXml.status).toBe(200);
      xmlNumber = parsedXml<{ service_requests: { request: { service_request_id: string; token: string }[] } }>(asXml).service_requests.request[0].service_request_id;
      expect(xmlNumber).toMatch(/^\d{8}-\d{6}$/);
    });

    it('shows it open (requests/{id}, requests, tokens/{token})', async () => {
      const [request] = json<Record<string, unknown>[]>(await call('GET', `requests/${number}.json`));
      expect(request).toMatchObject({
        service_request_id: number,
        status: 'open',
        status_notes: '上报（report），责任单位：太平村',
        service_code: 'ROADS',
        service_name: '道路交通',
        agency_responsible: '太平村',
        address: '太平村村口石桥',
        lat: 31.7123,
        long: 118.1034,
      });
      expect(Date.parse(request.expected_datetime as string)).toBeGreaterThan(Date.parse(request.requested_datetime as string));
      const asXml = parsedXml<{ service_requests: { request: Record<string, string>[] } }>(await call('GET', `requests/${number}.xml`));
      expect(asXml.service_requests.request[0]).toMatchObject({ service_request_id: number, status: 'open', agency_responsible: '太平村', lat: '31.7123', media_url: '' });

      const all = json<{ service_request_id: string; status: string; address: string | null; service_code: string }[]>(await call('GET', 'requests.json'));
      expect(all.map((entry) => entry.service_request_id)).toEqual(expect.arrayContaining([number, xmlNumber]));
      const hotline = all.find((entry) => entry.service_code === 'HOUSING_SAFETY');
      expect(hotline).toMatchObject({ status: 'open', address: null, lat: null, long: null, agency_responsible: '清溪镇' });
      expect(json<unknown[]>(await call('GET', 'requests.json?status=closed'))).toEqual([]);
      const roads = json<{ service_request_id: string }[]>(await call('GET', 'requests.json?service_code=ROADS&status=open'));
      expect(roads.map((entry) => entry.service_request_id)).toEqual([number]);
      const listed = json<{ service_request_id: string }[]>(await call('GET', `requests.json?service_request_id=${number},${xmlNumber},20000101-000001`));
      expect(listed.map((entry) => entry.service_request_id)).toEqual([number, xmlNumber]);
      const listedXml = parsedXml<{ service_requests: { request: { service_request_id: string }[] } }>(await call('GET', `requests.xml?service_code=STREET_LIGHTING`));
      expect(listedXml.service_requests.request.map((entry) => entry.service_request_id)).toEqual([xmlNumber]);

      expect(json(await call('GET', `tokens/${number}.json`))).toEqual([{ service_request_id: number, token: number }]);
      expect(parsedXml(await call('GET', `tokens/${xmlNumber}.xml`))).toMatchObject({ service_requests: { request: [{ service_request_id: xmlNumber, token: xmlNumber }] } });
    });

    it('answers 404 for an unknown request and 400 for bad filters', async () => {
      const unknown = await call('GET', 'requests/20000101-000001.json');
      expect(unknown.status).toBe(404);
      expect(json<{ code: number }[]>(unknown)[0].code).toBe(404);
      expect((await call('GET', 'tokens/20000101-000001.xml')).status).toBe(404);
      const range = await call('GET', 'requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z');
      expect(range.status).toBe(400);
      expect(parsedXml<{ errors: { error: { description: string }[] } }>(range).errors.error[0].description).toMatch(/90 days/);
      expect((await call('GET', 'requests.json?status=pending')).status).toBe(400);
    });

    it('shows it closed once the village closes the ticket through GraphQL', async () => {
      const { ticketByNumber } = await graphqlData<{ ticketByNumber: { id: string } }>(url, 'query($n: String!) { ticketByNumber(number: $n) { id } }', { n: number });
      const id = ticketByNumber.id;
      await mutateOk(url, 'acceptTicket', 'id: $id', { id });
      await dispatch(url, id, { handlerId });
      await mutateOk(url, 'startTicket', 'id: $id', { id });
      await mutateOk(url, 'resolveTicket', 'id: $id, input: $resolve', { id, resolve: { resolution: `${'汤德春'}带人更换了栏杆` } });
      await mutateOk(url, 'recordFeedback', 'id: $id, input: $feedback', { id, feedback: { satisfaction: 'SATISFIED', comment: `${REPORTER.name}说修得很好` } });
      await mutateOk(url, 'closeTicket', 'id: $id', { id });

      const [request] = json<Record<string, unknown>[]>(await call('GET', `requests/${number}.json`));
      expect(request).toMatchObject({ service_request_id: number, status: 'closed', status_notes: '关闭（close），责任单位：太平村', expected_datetime: null });
      const closed = json<{ service_request_id: string }[]>(await call('GET', 'requests.json?status=closed'));
      expect(closed.map((entry) => entry.service_request_id)).toEqual([number]);
      const asXml = parsedXml<{ service_requests: { request: { status: string }[] } }>(await call('GET', `requests.xml?service_request_id=${number}`));
      expect(asXml.service_requests.request[0].status).toBe('closed');
    });

    it('is read by an independent Open311 client (georeport 0.3.1 from PyPI), in JSON and XML', async () => {
      const results = runGeoReportClient(base, 'ROADS', number);
      const jsonSide = results.json as { services: { service_code: string }[]; definition: unknown; requests: { service_request_id: string; status: string }[]; closed: { service_request_id: string }[]; request: { service_request_id: string; status: string; agency_responsible: string } };
      expect(jsonSide.services).toHaveLength(14);
      expect(jsonSide.definition).toEqual({ service_code: 'ROADS', attributes: [ROADS_ATTRIBUTE] });
      expect(jsonSide.requests).toEqual([expect.objectContaining({ service_request_id: number, status: 'closed' })]);
      expect(jsonSide.closed.map((request) => request.service_request_id)).toEqual([number]);
      expect(jsonSide.request).toMatchObject({ service_request_id: number, status: 'closed', agency_responsible: '太平村' });
      const xmlSide = results.xml as { services: { service_code: string; service_name: string }[]; definition: { service_code: string }; requests: { service_request_id: string }; closed: { service_request_id: string }; request: { service_request_id: string; status: string; lat: string } };
      expect(xmlSide.services.map((service) => service.service_code)).toEqual(jsonSide.services.map((service) => service.service_code));
      expect(xmlSide.services).toContainEqual(expect.objectContaining({ service_code: 'ROADS', service_name: '道路交通' }));
      expect(xmlSide.definition).toMatchObject({ service_code: 'ROADS' });
      // xmltodict answers one <request> as an object, not a list
      expect(xmlSide.requests).toMatchObject({ service_request_id: number, status: 'closed' });
      expect(xmlSide.closed).toMatchObject({ service_request_id: number });
      expect(xmlSide.request).toMatchObject({ service_request_id: number, status: 'closed', lat: '31.7123' });
    }, 600_000);
  });

  describe('typed fields as attributes (类别专属字段)', () => {
    const DISPUTE = { code: 'NEIGHBOUR_DISPUTE', name: '邻里纠纷', nameEn: 'Neighbour disputes', examples: ['宅基地边界', '噪音', '排水纠纷'] };
    const HOUSEHOLDS = { key: 'households', label: '涉及户数', labelEn: 'Households involved', type: 'INTEGER', unit: '户', min: 1, max: 500, required: true };
    const CAUSE = { key: 'cause', label: '起因', labelEn: 'Cause', type: 'CHOICE', options: [{ value: 'BOUNDARY', label: '宅基地边界', labelEn: 'Plot boundary' }, { value: 'NOISE', label: '噪音', labelEn: 'Noise' }] };

    beforeAll(async () => {
      // a request that may be retried first: after the Python client's long step, the test's pooled
      // connection to the gateway can be closed by the server just as it is reused ("other side closed")
      await graphqlData(url, '{ __typename }').catch(() => undefined);
      // the administrator makes the number of households a required field (version 2)
      await graphqlData(url, 'mutation($input: DefineTicketCategoryInput!) { defineTicketCategory(input: $input, expectedVersion: 1) { version } }', {
        input: { ...DISPUTE, fields: [HOUSEHOLDS, CAUSE] },
      });
    });

    it('lists the attributes of the current version in JSON and XML', async () => {
      const definition = json<{ attributes: Record<string, unknown>[] }>(await call('GET', 'services/NEIGHBOUR_DISPUTE.json'));
      expect(definition.attributes).toEqual([
        { variable: true, code: 'households', datatype: 'number', required: true, datatype_description: '整数，单位 户，≥ 1, ≤ 500 / a whole number in 户, ≥ 1, ≤ 500', order: 1, description: '涉及户数（户） / Households involved', values: [] },
        {
          variable: true,
          code: 'cause',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: null,
          order: 2,
          description: '起因 / Cause',
          values: [
            { key: 'BOUNDARY', name: '宅基地边界 / Plot boundary' },
            { key: 'NOISE', name: '噪音 / Noise' },
          ],
        },
      ]);
      const asXml = parsedXml<{ service_definition: { attributes: { attribute: { code: string; required: string; datatype: string; values: { value: { key: string; name: string }[] } | string }[] } } }>(
        await call('GET', 'services/NEIGHBOUR_DISPUTE.xml'),
      );
      expect(asXml.service_definition.attributes.attribute.map((attribute) => [attribute.code, attribute.datatype, attribute.required])).toEqual([
        ['households', 'number', 'true'],
        ['cause', 'singlevaluelist', 'false'],
      ]);
      expect(asXml.service_definition.attributes.attribute[1].values).toEqual({ value: [{ key: 'BOUNDARY', name: '宅基地边界 / Plot boundary' }, { key: 'NOISE', name: '噪音 / Noise' }] });
    });

    it('answers 400 for a missing required attribute or a value out of bounds, creating no ticket', async () => {
      const before = json<unknown[]>(await call('GET', 'requests.json?service_code=NEIGHBOUR_DISPUTE')).length;
      const missing = await post({ service_code: 'NEIGHBOUR_DISPUTE', address_id: VILLAGE_CODE, 'attribute[cause]': 'NOISE' });
      expect(missing.status).toBe(400);
      expect(json(missing)).toEqual([{ code: 400, description: 'Required attributes are missing: attribute[households]' }]);
      const outOfBounds = await post({ service_code: 'NEIGHBOUR_DISPUTE', address_id: VILLAGE_CODE, 'attribute[households]': '0' }, 'xml');
      expect(outOfBounds.status).toBe(400);
      expect(parsedXml<{ errors: { error: { code: string; description: string }[] } }>(outOfBounds).errors.error[0]).toEqual({
        code: '400',
        description: expect.stringContaining('涉及户数（households, Households involved）：须在 1–500 户 之间') as unknown,
      });
      expect(json<unknown[]>(await call('GET', 'requests.json?service_code=NEIGHBOUR_DISPUTE'))).toHaveLength(before);
    });

    it('creates a ticket whose fields are visible through GraphQL', async () => {
      const answer = await post({ service_code: 'NEIGHBOUR_DISPUTE', address_id: VILLAGE_CODE, 'attribute[households]': '3', 'attribute[cause]': 'BOUNDARY' });
      expect(answer.status).toBe(200);
      const [created] = json<{ service_request_id: string }[]>(answer);
      const { ticketByNumber } = await graphqlData<{ ticketByNumber: { categoryVersion: number; categoryFields: { key: string; label: string; value: string; displayValue: string }[] } }>(
        url,
        'query($n: String!) { ticketByNumber(number: $n) { categoryVersion categoryFields { key label value displayValue } } }',
        { n: created.service_request_id },
      );
      expect(ticketByNumber).toEqual({
        categoryVersion: 2,
        categoryFields: [
          { key: 'households', label: '涉及户数', value: '3', displayValue: '3 户' },
          { key: 'cause', label: '起因', value: 'BOUNDARY', displayValue: '宅基地边界' },
        ],
      });
    });
  });

  it('never answered personal data: no reporter name, phone or e-mail, no handler, no free text', () => {
    expect(bodies.length).toBeGreaterThan(30);
    const everything = bodies.join('\n');
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.email, HOTLINE_REPORTER.name, HOTLINE_REPORTER.phone, HOTLINE_REPORTER.address, '汤德春', DESCRIPTION, '修得很好', apiKey]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('Open311 without its read account', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    const config = { reader: null, graphqlUrl: 'http://127.0.0.1:9/graphql', publicUrl: undefined, contact: 'c', keyService: 'k' };
    app.use('/open311/v2', open311Router(loadGatewayConfig({ NODE_ENV: 'test' }), pino({ level: 'silent' }), config));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['services.json', 'services/ROADS.json', 'requests.json', 'requests/20261207-000001.json', 'tokens/20261207-000001.json'])('answers GET %s with 503 and says why', async (resource) => {
    const response = await fetch(`${base}/${resource}`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual([{ code: 503, description: expect.stringContaining('OPEN311_CLIENT_ID') as unknown }]);
  });

  it('still serves discovery', async () => {
    const response = await fetch(`${base}/discovery.xml`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<specification>http://wiki.open311.org/GeoReport_v2</specification>');
  });
});
