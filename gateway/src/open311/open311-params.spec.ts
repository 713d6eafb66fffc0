import { Open311Error } from './open311-errors';
import { MAX_REQUEST_IDS, parseApiKey, parseReportParams, parseRequestId, parseRequestQuery, UNIT_REQUIRED, type Params } from './open311-params';

function failure(run: () => unknown): { status: number; description: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return { status: error.status, description: error.description };
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('Open311 parameters', () => {
  describe('api_key', () => {
    it.each([
      [{}, 403],
      [{ api_key: '' }, 403],
      [{ api_key: 'no-colon' }, 403],
      [{ api_key: 'Upper:secret' }, 403],
      [{ api_key: 'open311:' }, 403],
      [{ api_key: `open311:${'x'.repeat(257)}` }, 403],
    ])('%o is refused with %i', (params, status) => {
      expect(failure(() => parseApiKey(params)).status).toBe(status);
    });

    it('splits at the first colon: the secret may hold colons', () => {
      expect(parseApiKey({ api_key: 'open311-demo:a:b' })).toEqual({ clientId: 'open311-demo', clientSecret: 'a:b' });
    });
  });

  describe('POST requests', () => {
    const base: Params = { service_code: 'ROADS', address_id: '340522100201' };
    it.each([
      [{ address_id: '340522100201' }, 400, /service_code is required/],
      [{ service_code: 'ROADS' }, 400, /A location is required/],
      [{ service_code: 'ROADS', lat: '31.7', long: '118.1' }, 400, /no coordinates/],
      [{ service_code: 'ROADS', address_string: '村口' }, 400, /no coordinates/],
      [{ ...base, lat: '31.7' }, 400, /lat and long go together/],
      [{ ...base, lat: '91', long: '118' }, 400, /lat must be/],
      [{ ...base, lat: '31', long: 'east' }, 400, /long must be/],
      [{ ...base, address_id: 'bad id!' }, 400, /address_id must be/],
      [{ ...base, phone: 'call me' }, 400, /phone must be/],
      [{ ...base, description: 'x'.repeat(5001) }, 400, /description is longer/],
      [{ ...base, first_name: 'x'.repeat(25) }, 400, /first_name is longer/],
    ])('%o → %i %p', (params, status, description) => {
      const refused = failure(() => parseReportParams(params));
      expect(refused.status).toBe(status);
      expect(refused.description).toMatch(description);
    });

    it('explains how to name the unit', () => {
      expect(failure(() => parseReportParams({ service_code: 'ROADS', lat: '1', long: '2' })).description).toBe(UNIT_REQUIRED);
    });

    it.each([
      [{ ...base }, { kind: 'code', code: '340522100201' }],
      [{ service_code: 'ROADS', jurisdiction_id: '340522100201' }, { kind: 'code', code: '340522100201' }],
      [{ service_code: 'ROADS', address_id: '0190f5c2-1111-7000-8000-000000000001', jurisdiction_id: '340522100201' }, { kind: 'id', id: '0190f5c2-1111-7000-8000-000000000001' }],
    ])('%o names unit %o', (params, unit) => {
      expect(parseReportParams(params).unit).toEqual(unit);
    });

    it('reads every field, trimmed, and the attributes', () => {
      expect(
        parseReportParams({
          ...base,
          lat: ' 31.71 ',
          long: '118.10',
          address_string: ' 村口石桥 ',
          description: '桥塌了',
          first_name: '伟',
          last_name: '王',
          phone: '13900001111',
          email: 'wang@example.org',
          'attribute[SIZE]': 'big',
          'attribute[COLOUR][]': ['red', 'blue'],
        }),
      ).toEqual({
        serviceCode: 'ROADS',
        unit: { kind: 'code', code: '340522100201' },
        geo: { lat: 31.71, lng: 118.1 },
        address: '村口石桥',
        description: '桥塌了',
        firstName: '伟',
        lastName: '王',
        phone: '13900001111',
        attributes: { SIZE: ['big'], COLOUR: ['red', 'blue'] },
      });
    });
  });

  describe('GET requests', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const day = 86_400_000;
    it('defaults to the last 90 days', () => {
      expect(parseRequestQuery({}, now)).toEqual({ ids: undefined, serviceCodes: undefined, statuses: undefined, from: new Date(now.getTime() - 90 * day), to: now });
    });

    it.each([
      [{ start_date: '2026-11-01T00:00:00Z' }, '2026-11-01T00:00:00.000Z', '2027-01-30T00:00:00.000Z'],
      [{ end_date: '2026-11-01T00:00:00+08:00' }, '2026-08-02T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
      [{ start_date: '2026-11-01', end_date: '2026-11-30T12:00:00Z' }, '2026-11-01T00:00:00.000Z', '2026-11-30T12:00:00.000Z'],
    ])('%o is the range %s … %s', (params, from, to) => {
      const query = parseRequestQuery(params, now);
      expect([query.from.toISOString(), query.to.toISOString()]).toEqual([from, to]);
    });

    it.each([
      [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-12-01T00:00:00Z' }, /at most 90 days/],
      [{ start_date: '2026-12-01T00:00:00Z', end_date: '2026-11-01T00:00:00Z' }, /not be after/],
      [{ start_date: 'yesterday' }, /start_date must be a W3C date-time/],
      [{ end_date: '2026-13-45T00:00:00Z' }, /end_date must be/],
      [{ status: 'pending' }, /status is open, closed/],
      [{ status: 'open,' }, /without empty entries/],
      [{ service_request_id: Array.from({ length: MAX_REQUEST_IDS + 1 }, (_, index) => `n-${index}`).join(',') }, /at most 15/],
      [{ service_request_id: '1;drop' }, /ticket numbers/],
    ])('%o is 400 %p', (params, description) => {
      const refused = failure(() => parseRequestQuery(params, now));
      expect(refused.status).toBe(400);
      expect(refused.description).toMatch(description);
    });

    it('reads lists', () => {
      expect(parseRequestQuery({ service_request_id: '20261207-000001, 20261207-000002', service_code: 'ROADS,OTHER', status: 'open,closed' }, now)).toMatchObject({
        ids: ['20261207-000001', '20261207-000002'],
        serviceCodes: ['ROADS', 'OTHER'],
        statuses: ['open', 'closed'],
      });
    });

    it.each(['../x', 'a b', ''])('an id like %p is unknown (404)', (id) => {
      expect(failure(() => parseRequestId(id)).status).toBe(404);
    });
  });
});
