import { toYaml } from './yaml';

describe('toYaml', () => {
  it('writes nested maps and lists in block style and quotes ambiguous scalars', () => {
    expect(
      toYaml({
        asyncapi: '2.6.0',
        plain: 'hello world',
        keyword: 'no',
        list: [{ $ref: '#/a', count: 1 }, 'x'],
        empty: {},
        none: [],
        nothing: null,
        flag: true,
      }),
    ).toBe(
      [
        'asyncapi: "2.6.0"',
        'plain: hello world',
        'keyword: "no"',
        'list:',
        '  - "$ref": "#/a"',
        '    count: 1',
        '  - x',
        'empty: {}',
        'none: []',
        'nothing: null',
        'flag: true',
        '',
      ].join('\n'),
    );
  });
});
