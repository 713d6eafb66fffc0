import { Open311Error, open311ErrorOf } from './open311-errors';
import { renderErrors, renderList, renderObject, splitExtension } from './open311-format';

describe('Open311 serialisation', () => {
  it.each([
    ['services.json', { resource: 'services', format: 'json' }],
    ['services.xml', { resource: 'services', format: 'xml' }],
    ['20261207-000001.json', { resource: '20261207-000001', format: 'json' }],
    ['a.b.xml', { resource: 'a.b', format: 'xml' }],
  ])('%s is %o', (segment, split) => {
    expect(splitExtension(segment)).toEqual(split);
  });

  it.each(['services', 'services.html', '.json'])('%s is not a resource (404)', (segment) => {
    expect(() => splitExtension(segment)).toThrow(Open311Error);
  });

  const items = [
    { service_code: 'ROADS', service_name: '道路交通', metadata: false, group: null },
    { service_code: 'A&B', service_name: '<其他>', metadata: true, group: 'x' },
  ];

  it.each([
    ['json', '[{"service_code":"ROADS","service_name":"道路交通","metadata":false,"group":null},{"service_code":"A&B","service_name":"<其他>","metadata":true,"group":"x"}]'],
    [
      'xml',
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>ROADS</service_code><service_name>道路交通</service_name><metadata>false</metadata><group></group></service>' +
        '<service><service_code>A&amp;B</service_code><service_name>&lt;其他&gt;</service_name><metadata>true</metadata><group>x</group></service></services>',
    ],
  ] as const)('renders a list as %s', (format, text) => {
    expect(renderList(format, 'services', 'service', items)).toBe(text);
  });

  it.each([
    ['json', '[]'],
    ['xml', '<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>'],
  ] as const)('renders an empty list as %s', (format, text) => {
    expect(renderList(format, 'service_requests', 'request', [])).toBe(text);
  });

  it.each([
    ['json', '{"service_code":"ROADS","attributes":[]}'],
    ['xml', '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>ROADS</service_code><attributes></attributes></service_definition>'],
  ] as const)('renders an object as %s', (format, text) => {
    expect(renderObject(format, 'service_definition', { service_code: 'ROADS', attributes: [] })).toBe(text);
  });

  it('wraps the items of list fields in XML as the specification names them', () => {
    const definition = { service_code: 'X', attributes: [{ code: 'SIZE', values: [{ key: 'b', name: '大' }, { key: 's', name: '小' }] }] };
    expect(renderObject('xml', 'service_definition', definition)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>X</service_code><attributes><attribute><code>SIZE</code>' +
        '<values><value><key>b</key><name>大</name></value><value><key>s</key><name>小</name></value></values></attribute></attributes></service_definition>',
    );
    expect(renderObject('xml', 'discovery', { endpoints: [{ formats: ['application/json', 'text/xml'] }] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<discovery><endpoints><endpoint><formats><format>application/json</format><format>text/xml</format></formats></endpoint></endpoints></discovery>',
    );
  });

  it.each([
    ['json', '[{"code":403,"description":"api_key is not valid"}]'],
    ['xml', '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key is not valid</description></error></errors>'],
  ] as const)('renders errors as %s', (format, text) => {
    expect(renderErrors(format, [new Open311Error(403, 'api_key is not valid')])).toBe(text);
  });

  describe('GraphQL errors', () => {
    it.each([
      [[{ message: 'Unknown category X', extensions: { code: 'BAD_USER_INPUT' } }], 200, 400, 'Unknown category X'],
      [[{ message: 'wrong', extensions: { code: 'UNAUTHENTICATED' } }], 200, 403, 'api_key is not valid (接口密钥无效)'],
      [[{ message: 'Your roles do not allow tickets:report', extensions: { code: 'FORBIDDEN' } }], 200, 403, expect.stringContaining('tickets:report') as unknown],
      [[{ message: 'Ticket x not found', extensions: { code: 'NOT_FOUND' } }], 200, 404, 'Ticket x not found'],
      [[{ message: 'slow', extensions: { code: 'RATE_LIMITED' } }], 200, 429, expect.stringContaining('Too many') as unknown],
      [[], 429, 429, expect.stringContaining('Too many') as unknown],
      [[{ message: 'mongo exploded at 10.0.0.5', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], 500, 500, expect.not.stringContaining('mongo') as unknown],
      [[{ message: 'no code' }], 200, 500, expect.stringContaining('Internal error') as unknown],
    ])('%o (HTTP %i) → %i', (errors, httpStatus, status, description) => {
      const error = open311ErrorOf(errors, httpStatus);
      expect(error.status).toBe(status);
      expect(error.description).toEqual(description);
    });
  });
});
