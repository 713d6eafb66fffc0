import type { OrgUnitSnapshot } from '@steward/replicas';
import { gridLookupOf, planHouseholdImport, validateHouseholdRows, type HouseholdImportRow, type StoredHousehold } from './household-import';
import { ImportRowsError } from './import-rows';

const unit = (id: string, level: OrgUnitSnapshot['level'], ancestors: string[], name: string, status: 'ACTIVE' | 'RETIRED' = 'ACTIVE'): OrgUnitSnapshot => ({
  id,
  name,
  level,
  parentId: ancestors[ancestors.length - 1] ?? null,
  ancestors,
  status,
  code: null,
  validTo: null,
});
const UNITS = [
  unit('town', 'TOWNSHIP', ['city'], '清溪镇'),
  unit('v1', 'ADMIN_VILLAGE', ['city', 'town'], '太平村'),
  unit('g1', 'GRID', ['city', 'town', 'v1'], '太平村第一网格'),
  unit('g2', 'GRID', ['city', 'town', 'v1'], '太平村第二网格', 'RETIRED'),
  unit('g3', 'GRID', ['city', 'other', 'v9'], '太平村第一网格'),
  unit('g4', 'GRID', ['city', 'town', 'v1'], '同名网格'),
  unit('g5', 'GRID', ['city', 'town', 'v1'], '同名网格'),
];
const lookup = gridLookupOf(UNITS, 'town');
const row = (n: number, changes: Partial<HouseholdImportRow> = {}): HouseholdImportRow => ({
  row: n,
  code: `HH-${n}`,
  grid: '太平村第一网格',
  head: '王大山',
  address: '太平村 1 号',
  size: 3,
  tags: ['POOR'],
  phone: '13812345678',
  ...changes,
});

describe('household import rows (导入户)', () => {
  it('resolves grids of the township only, by name or id', () => {
    expect(lookup('太平村第一网格')).toEqual({ id: 'g1', path: ['city', 'town', 'v1', 'g1'] });
    expect(lookup('g1')).toEqual({ id: 'g1', path: ['city', 'town', 'v1', 'g1'] });
    expect(lookup('g3')).toEqual({ problem: expect.stringMatching(/^不存在/) });
    expect(lookup('太平村第二网格')).toEqual({ problem: expect.stringMatching(/^已撤销/) });
    expect(lookup('同名网格')).toEqual({ problem: expect.stringMatching(/^不唯一/) });
  });

  it('answers every bad row in Chinese, naming the row and the column', () => {
    const { households, errors } = validateHouseholdRows(
      [row(2), row(12, { phone: '1381234' }), row(13, { grid: '月亮网格', size: 0 }), row(14, { code: 'HH-2' }), row(15, { address: '太平村****' })],
      lookup,
    );
    expect(new ImportRowsError(errors).details.errors).toEqual([
      '行 12: 联系电话格式错误（须为手机号或带区号的固定电话，如 13812345678、0555-2345678）',
      expect.stringMatching(/^行 13: 网格不存在：本乡镇没有网格“月亮网格”/),
      '行 13: 户人口须为 1–99 的整数',
      '行 14: 户编号重复（与行 2 相同）',
      expect.stringMatching(/^行 15: 住址是脱敏后的/),
    ]);
    expect(households.map((h) => h.row)).toEqual([2]);
  });

  it('accepts landlines and no phone', () => {
    const { errors } = validateHouseholdRows([row(2, { phone: '0555-2345678' }), row(3, { phone: null })], lookup);
    expect(errors).toEqual([]);
  });
});

describe('planHouseholdImport', () => {
  const { households } = validateHouseholdRows([row(2), row(3), row(4)], lookup);
  const stored = (code: string, changes: Partial<StoredHousehold> = {}): StoredHousehold => ({
    _id: `id-${code}`,
    code,
    gridId: 'g1',
    orgPath: ['city', 'town', 'v1', 'g1'],
    head: '王大山',
    address: '太平村 1 号',
    size: 3,
    tags: ['POOR'],
    phone: '13812345678',
    version: 1,
    ...changes,
  });

  it('creates new codes, updates changed ones and counts the unchanged', () => {
    const plan = planHouseholdImport(households, [stored('HH-2'), stored('HH-3', { size: 5 })], 'town');
    expect(plan).toMatchObject({ created: 1, updated: 1, unchanged: 1, errors: [] });
    expect(plan.update[0].changes).toEqual({ size: 3 });
    expect(plan.create.map((h) => h.code)).toEqual(['HH-4']);
  });

  it('never takes over a code of another township', () => {
    const plan = planHouseholdImport(households, [stored('HH-2', { orgPath: ['city', 'other', 'v9', 'g3'] })], 'town');
    expect(plan.errors.map((e) => e.message)).toEqual(['行 2: 户编号已被其他乡镇的户使用：“HH-2”']);
  });
});
