import { DomainError } from '@steward/errors';
import {
  categoryDefinitionSchema,
  displayFieldValues,
  fieldDefinitionSchema,
  parseFieldValue,
  parseFieldValues,
  versionProblems,
  type CategoryVersion,
  type FieldDefinition,
} from './category-fields';

const field = (input: Record<string, unknown>): FieldDefinition => fieldDefinitionSchema.parse({ label: '字段', labelEn: 'Field', ...input });
const AREA = field({ key: 'affectedArea', label: '受影响面积', labelEn: 'Affected area', type: 'DECIMAL', unit: '亩', min: 0, required: true });
const HOUSEHOLDS = field({ key: 'households', label: '涉及户数', labelEn: 'Households involved', type: 'INTEGER', unit: '户', min: 1, max: 500 });
const NOTE = field({ key: 'note', type: 'TEXT', maxLength: 5 });
const LAND = field({ key: 'land', type: 'CHOICE', options: [{ value: 'PADDY', label: '水田', labelEn: 'Paddy' }, { value: 'DRY_LAND', label: '旱地', labelEn: 'Dry land' }] });
const URGENT = field({ key: 'urgent', type: 'BOOLEAN' });
const CATEGORY: CategoryVersion = {
  code: 'WATER_IRRIGATION',
  name: '水利灌溉',
  nameEn: 'Water and irrigation',
  examples: [],
  active: true,
  version: 2,
  fields: [AREA, HOUSEHOLDS, NOTE, LAND, URGENT],
  createdAt: null,
  createdBy: null,
};

function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.details.problems ?? [];
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('category fields: parsing one value by its type', () => {
  it.each([
    [AREA, '12.5', 12.5],
    [AREA, ' 0 ', 0],
    [AREA, '3', 3],
    [HOUSEHOLDS, '1', 1],
    [HOUSEHOLDS, '500', 500],
    [NOTE, ' 水渠 ', '水渠'],
    [LAND, 'DRY_LAND', 'DRY_LAND'],
    [URGENT, 'true', true],
    [URGENT, '是', true],
    [URGENT, 'FALSE', false],
    [URGENT, '否', false],
  ] as const)('%o takes %p as %p', (definition, text, value) => {
    expect(parseFieldValue(definition, text)).toEqual({ value });
  });

  it.each([
    [AREA, '-1', /不小于 0 亩 .*at least 0 亩/],
    [AREA, 'abc', /须为数字/],
    [AREA, '1.234', /最多 2 位小数/],
    [AREA, '1e3', /must be a number/],
    [HOUSEHOLDS, '0', /1–500 户/],
    [HOUSEHOLDS, '501', /between 1 and 500/],
    [HOUSEHOLDS, '2.5', /须为整数/],
    [NOTE, '一二三四五六', /最多 5 个字/],
    [LAND, '水田', /PADDY、DRY_LAND/],
    [URGENT, 'maybe', /true or false/],
  ] as const)('%o refuses %p', (definition, text, problem) => {
    const parsed = parseFieldValue(definition, text);
    expect('problem' in parsed && parsed.problem).toMatch(problem);
  });
});

describe('category fields: the values of a report', () => {
  it('parses every given value, in the order of the fields, leaving out empty optional ones', () => {
    const values = parseFieldValues(CATEGORY, [
      { key: 'urgent', value: 'true' },
      { key: 'affectedArea', value: '12.5' },
      { key: 'note', value: '' },
      { key: 'land', value: 'PADDY' },
    ]);
    expect(values).toEqual([
      { key: 'affectedArea', value: 12.5 },
      { key: 'land', value: 'PADDY' },
      { key: 'urgent', value: true },
    ]);
  });

  it.each([
    ['a required field missing', [], 'input.fields.affectedArea', /受影响面积（affectedArea, Affected area）：必填 \/ is required/],
    ['a required field empty', [{ key: 'affectedArea', value: '  ' }], 'input.fields.affectedArea', /必填/],
    ['a wrong type', [{ key: 'affectedArea', value: 'a lot' }], 'input.fields.affectedArea', /受影响面积.*须为数字 \/ must be a number/],
    ['out of bounds', [{ key: 'affectedArea', value: '1' }, { key: 'households', value: '0' }], 'input.fields.households', /涉及户数（households, Households involved）/],
    ['an unknown key', [{ key: 'affectedArea', value: '1' }, { key: 'colour', value: 'red' }], 'input.fields.colour', /has no field colour/],
    ['a key given twice', [{ key: 'affectedArea', value: '1' }, { key: 'affectedArea', value: '2' }], 'input.fields.affectedArea', /given twice/],
  ])('refuses %s, naming the field', (_name, inputs, path, message) => {
    const [problem] = problemsOf(() => parseFieldValues(CATEGORY, inputs));
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });

  it('names every problem at once', () => {
    expect(problemsOf(() => parseFieldValues(CATEGORY, [{ key: 'households', value: 'x' }, { key: 'land', value: 'ROCK' }])).map((problem) => problem.path)).toEqual([
      'input.fields.affectedArea',
      'input.fields.households',
      'input.fields.land',
    ]);
  });

  it('shows stored values with labels, units and option names', () => {
    expect(displayFieldValues(CATEGORY.fields, [{ key: 'urgent', value: false }, { key: 'land', value: 'DRY_LAND' }, { key: 'affectedArea', value: 12.5 }])).toEqual([
      { key: 'affectedArea', label: '受影响面积', labelEn: 'Affected area', type: 'DECIMAL', unit: '亩', value: '12.5', displayValue: '12.5 亩' },
      { key: 'land', label: '字段', labelEn: 'Field', type: 'CHOICE', unit: null, value: 'DRY_LAND', displayValue: '旱地' },
      { key: 'urgent', label: '字段', labelEn: 'Field', type: 'BOOLEAN', unit: null, value: 'false', displayValue: '否' },
    ]);
  });
});

describe('category definitions', () => {
  const definition = (fields: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    categoryDefinitionSchema.safeParse({ code: 'ROADS', name: '道路交通', nameEn: 'Roads', fields: fields.map((entry) => ({ label: '字段', labelEn: 'Field', ...entry })), ...extra });

  it('takes a definition with every type, filling in the defaults', () => {
    const parsed = definition([
      { key: 'damagedLength', type: 'DECIMAL', unit: '米', min: 0, decimals: 1, required: true },
      { key: 'lanes', type: 'INTEGER', min: 1, max: 8 },
      { key: 'note', type: 'TEXT', maxLength: 200 },
      { key: 'surface', type: 'CHOICE', options: [{ value: 'ASPHALT', label: '沥青', labelEn: 'Asphalt' }] },
      { key: 'blocked', type: 'BOOLEAN' },
    ]);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ active: true, examples: [], fields: [{ required: true }, { required: false, unit: null, options: [] }, {}, {}, {}] });
  });

  it.each([
    ['duplicate keys', [{ key: 'a', type: 'TEXT' }, { key: 'a', type: 'BOOLEAN' }], /duplicate field key a/],
    ['CHOICE without options', [{ key: 'a', type: 'CHOICE' }], /a CHOICE field needs options/],
    ['duplicate options', [{ key: 'a', type: 'CHOICE', options: [{ value: 'X', label: 'x', labelEn: 'x' }, { value: 'X', label: 'y', labelEn: 'y' }] }], /duplicate option values/],
    ['options on a TEXT field', [{ key: 'a', type: 'TEXT', options: [{ value: 'X', label: 'x', labelEn: 'x' }] }], /only a CHOICE field has options/],
    ['bounds on a TEXT field', [{ key: 'a', type: 'TEXT', min: 1 }], /only INTEGER and DECIMAL fields have min/],
    ['a unit on a BOOLEAN field', [{ key: 'a', type: 'BOOLEAN', unit: '个' }], /only INTEGER and DECIMAL fields have unit/],
    ['min above max', [{ key: 'a', type: 'DECIMAL', min: 5, max: 1 }], /min is greater than max/],
    ['fractional INTEGER bounds', [{ key: 'a', type: 'INTEGER', min: 0.5 }], /whole bounds/],
    ['decimals on an INTEGER', [{ key: 'a', type: 'INTEGER', decimals: 2 }], /only a DECIMAL field has decimals/],
    ['maxLength on a DECIMAL', [{ key: 'a', type: 'DECIMAL', maxLength: 2 }], /only a TEXT field has maxLength/],
    ['an upper-case key', [{ key: 'Area', type: 'DECIMAL' }], /a key such as affectedArea/],
    ['an unknown type', [{ key: 'a', type: 'DATE' }], /./],
    ['an empty label', [{ key: 'a', type: 'TEXT', label: ' ' }], /must not be empty/],
  ])('refuses %s', (_name, fields, message) => {
    const parsed = definition(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });

  it('refuses a lower-case category code', () => {
    expect(definition([], { code: 'roads' }).success).toBe(false);
  });

  it('keeps a key to its type from one version to the next', () => {
    expect(versionProblems({ fields: [AREA] }, { fields: [{ ...AREA, label: '面积', required: false }, URGENT] })).toEqual([]);
    expect(versionProblems({ fields: [AREA] }, { fields: [{ ...AREA, type: 'INTEGER' }] })).toEqual([
      { path: ['fields', 0, 'type'], message: expect.stringContaining('a key keeps its type') as unknown },
    ]);
  });
});
