import {
  expectedDatetimeOf,
  missingRequiredAttributes,
  open311StatusOf,
  publicLocationOf,
  reporterNameOf,
  serviceDefinitionOf,
  serviceOf,
  serviceRequestOf,
  statusNotesOf,
  ticketTitleOf,
  TICKET_STATUSES,
  fieldsOfAttributes,
  type CategoryFieldView,
  type CategoryView,
  type ServiceAttribute,
  type TicketStatus,
  type TicketView,
} from './open311-mapping';

const field = (overrides: Partial<CategoryFieldView>): CategoryFieldView => ({
  key: 'k',
  label: '字段',
  labelEn: 'Field',
  type: 'TEXT',
  unit: null,
  required: false,
  min: null,
  max: null,
  decimals: null,
  maxLength: null,
  options: [],
  ...overrides,
});
const DAMAGED_LENGTH = field({ key: 'damagedLength', label: '破损长度', labelEn: 'Damaged length', type: 'DECIMAL', unit: '米', min: 0, decimals: 1, required: true });
const ROADS: CategoryView = { code: 'ROADS', name: '道路交通', nameEn: 'Roads and bridges', examples: ['村道破损', '桥梁安全'], active: true, fields: [DAMAGED_LENGTH] };
const OTHER: CategoryView = { code: 'OTHER', name: '其他', nameEn: 'Other', examples: [], active: true, fields: [] };

const ticket = (overrides: Partial<TicketView> = {}): TicketView => ({
  number: '20261207-000001',
  category: 'ROADS',
  categoryName: '道路交通',
  channel: 'API',
  status: 'REPORTED',
  createdAt: '2026-12-07T01:00:00.000Z',
  updatedAt: '2026-12-07T02:00:00.000Z',
  acceptDueAt: '2026-12-08T01:00:00.000Z',
  resolveDueAt: null,
  address: '太平村村口石桥',
  location: { geo: { lat: 31.71, lng: 118.1 } },
  unit: { name: '太平村' },
  timeline: [{ action: 'report', at: '2026-12-07T01:00:00.000Z', unit: { name: '太平村' } }],
  ...overrides,
});

describe('Open311 mapping', () => {
  describe('category → service', () => {
    it.each([
      [ROADS, { service_code: 'ROADS', service_name: '道路交通', description: 'Roads and bridges; 例如 村道破损、桥梁安全', metadata: true, type: 'realtime', keywords: '村道破损,桥梁安全', group: null }],
      [OTHER, { service_code: 'OTHER', service_name: '其他', description: 'Other', metadata: false, type: 'realtime', keywords: '', group: null }],
    ])('%o', (category, service) => {
      expect(serviceOf(category)).toEqual(service);
    });

    it('defines a category without fields with no attributes', () => {
      expect(serviceDefinitionOf(OTHER)).toEqual({ service_code: 'OTHER', attributes: [] });
    });

    it('defines a category with its typed fields as attributes, in their order', () => {
      const category: CategoryView = {
        ...ROADS,
        fields: [
          DAMAGED_LENGTH,
          field({ key: 'lanes', label: '车道数', labelEn: 'Lanes', type: 'INTEGER', min: 1, max: 8 }),
          field({ key: 'note', type: 'TEXT', maxLength: 100 }),
          field({ key: 'story', type: 'TEXT' }),
          field({ key: 'surface', label: '路面', labelEn: 'Surface', type: 'CHOICE', options: [{ value: 'ASPHALT', label: '沥青', labelEn: 'Asphalt' }] }),
          field({ key: 'blocked', type: 'BOOLEAN' }),
        ],
      };
      const attributes = serviceDefinitionOf(category).attributes as Record<string, unknown>[];
      expect(attributes[0]).toEqual({
        variable: true,
        code: 'damagedLength',
        datatype: 'number',
        required: true,
        datatype_description: '数字，单位 米，最多 1 位小数，≥ 0 / a number in 米 with at most 1 decimal places, ≥ 0',
        order: 1,
        description: '破损长度（米） / Damaged length',
        values: [],
      });
      expect(attributes.map((attribute) => [attribute.code, attribute.datatype, attribute.order])).toEqual([
        ['damagedLength', 'number', 1],
        ['lanes', 'number', 2],
        ['note', 'string', 3],
        ['story', 'text', 4],
        ['surface', 'singlevaluelist', 5],
        ['blocked', 'singlevaluelist', 6],
      ]);
      expect(attributes[1].datatype_description).toBe('整数，≥ 1, ≤ 8 / a whole number, ≥ 1, ≤ 8');
      expect(attributes[4].values).toEqual([{ key: 'ASPHALT', name: '沥青 / Asphalt' }]);
      expect(attributes[5].values).toEqual([{ key: 'true', name: '是 / yes' }, { key: 'false', name: '否 / no' }]);
    });

    it('turns attribute[code] values into the ticket fields, the first non-empty value of each', () => {
      expect(fieldsOfAttributes({ damagedLength: [' 12.5 '], note: ['', 'x'], blank: ['  '] })).toEqual([
        { key: 'damagedLength', value: '12.5' },
        { key: 'note', value: 'x' },
      ]);
    });
  });

  describe('required attributes', () => {
    const attribute = (code: string, required: boolean): ServiceAttribute => ({ code, required, datatype: 'string', datatypeDescription: null, description: code, order: 1, variable: true, values: [] });
    const attributes = [attribute('SIZE', true), attribute('NOTE', false)];
    it.each([
      [{}, ['SIZE']],
      [{ SIZE: [''] }, ['SIZE']],
      [{ SIZE: ['  '] }, ['SIZE']],
      [{ SIZE: ['big'] }, []],
      [{ SIZE: ['', 'big'] }, []],
      [{ NOTE: ['x'] }, ['SIZE']],
    ])('%o misses %o', (given, missing) => {
      expect(missingRequiredAttributes(attributes, given)).toEqual(missing);
    });
  });

  describe('status', () => {
    const expected: Record<TicketStatus, 'open' | 'closed'> = {
      REPORTED: 'open',
      ACCEPTED: 'open',
      DISPATCHED: 'open',
      IN_PROGRESS: 'open',
      RESOLVED: 'closed',
      CLOSED: 'closed',
      REJECTED: 'closed',
      MERGED: 'closed',
    };
    it.each(TICKET_STATUSES.map((status) => [status, expected[status]]))('%s is %s', (status, open311) => {
      expect(open311StatusOf(status)).toBe(open311);
    });

    it.each([
      ['REPORTED', '2026-12-08T00:00:00Z'],
      ['ACCEPTED', '2026-12-20T00:00:00Z'],
      ['IN_PROGRESS', '2026-12-20T00:00:00Z'],
      ['RESOLVED', null],
      ['REJECTED', null],
    ] as const)('the expected datetime while %s is %s', (status, deadline) => {
      expect(expectedDatetimeOf({ status, acceptDueAt: '2026-12-08T00:00:00Z', resolveDueAt: '2026-12-20T00:00:00Z' })).toBe(deadline);
    });

    it.each([
      [[], null],
      [[{ action: 'report', at: 't', unit: { name: '太平村' } }], '上报（report），责任单位：太平村'],
      [[{ action: 'dispatch', at: 't', unit: { name: '太平村' } }, { action: 'supervise', at: 't', unit: { name: '清溪镇' } }], '派单（dispatch），责任单位：太平村'],
      [[{ action: 'resolve', at: 't', unit: null }, { action: 'overdue', at: 't', unit: null }], '办结（resolve）'],
    ])('status notes of %o: %s', (timeline, notes) => {
      expect(statusNotesOf(timeline)).toBe(notes);
    });
  });

  describe('ticket → service request', () => {
    it('maps the public fields and nothing else', () => {
      expect(serviceRequestOf(ticket())).toEqual({
        service_request_id: '20261207-000001',
        status: 'open',
        status_notes: '上报（report），责任单位：太平村',
        service_name: '道路交通',
        service_code: 'ROADS',
        agency_responsible: '太平村',
        service_notice: null,
        requested_datetime: '2026-12-07T01:00:00.000Z',
        updated_datetime: '2026-12-07T02:00:00.000Z',
        expected_datetime: '2026-12-08T01:00:00.000Z',
        address: '太平村村口石桥',
        address_id: null,
        zipcode: null,
        lat: 31.71,
        long: 118.1,
        media_url: null,
      });
    });

    it.each([
      ['API', { address: '太平村村口石桥', lat: 31.71, long: 118.1 }],
      ['HOTLINE', { address: null, lat: null, long: null }],
      ['GRID_REPORT', { address: null, lat: null, long: null }],
      ['WECHAT', { address: null, lat: null, long: null }],
    ])('publishes the location of a %s ticket as %o', (channel, location) => {
      expect(publicLocationOf(ticket({ channel }))).toEqual(location);
    });

    it('falls back to the category code without a category name', () => {
      expect(serviceRequestOf(ticket({ categoryName: null })).service_name).toBe('ROADS');
    });
  });

  describe('reporter and title', () => {
    it.each([
      [undefined, undefined, null],
      ['  ', '', null],
      ['伟', '王', '王伟'],
      ['Wei', 'Wang', 'Wei Wang'],
      ['伟', undefined, '伟'],
      [undefined, 'Wang', 'Wang'],
    ])('first %p last %p → %p', (first, last, name) => {
      expect(reporterNameOf(first, last)).toBe(name);
    });

    it.each([
      [undefined, '道路交通'],
      ['  ', '道路交通'],
      ['村口石桥塌了一角\n详细情况如下', '道路交通：村口石桥塌了一角'],
      ['一'.repeat(50), `道路交通：${'一'.repeat(40)}…`],
    ])('title for description %p', (description, title) => {
      expect(ticketTitleOf('道路交通', description)).toBe(title);
    });
  });
});
