import type { OrgUnitSnapshot } from '@steward/replicas';
import { unitLookupOf, validateMemberRows, type MemberImportRow } from './member-import';

const unit = (id: string, level: OrgUnitSnapshot['level'], ancestors: string[], name: string): OrgUnitSnapshot => ({
  id,
  name,
  level,
  parentId: ancestors[ancestors.length - 1] ?? null,
  ancestors,
  status: 'ACTIVE',
  code: null,
  validTo: null,
});
const lookup = unitLookupOf(
  [unit('town', 'TOWNSHIP', ['city'], '清溪镇'), unit('v1', 'ADMIN_VILLAGE', ['city', 'town'], '太平村'), unit('g1', 'GRID', ['city', 'town', 'v1'], '第一网格'), unit('g9', 'GRID', ['city', 'x'], '外镇网格')],
  'town',
);
const row = (n: number, changes: Partial<MemberImportRow> = {}): MemberImportRow => ({ row: n, name: '李四', phone: '13900001111', isPartyMember: true, skills: ['电工'], role: 'GRID_MEMBER', unit: '第一网格', ...changes });

describe('member import rows (导入人员)', () => {
  it('resolves the unit inside the township, the township included', () => {
    const { members, errors } = validateMemberRows([row(2), row(3, { role: 'TOWNSHIP_DISPATCHER', unit: '清溪镇' })], lookup);
    expect(errors).toEqual([]);
    expect(members.map((m) => m.role?.unit.id)).toEqual(['g1', 'town']);
  });

  it('answers every bad row in Chinese', () => {
    const { errors } = validateMemberRows(
      [row(2, { phone: '1390000' }), row(3, { unit: '外镇网格' }), row(4, { unit: null }), row(5), row(6), row(7, { role: 'VILLAGE_STAFF', unit: '太平村', name: '王五' })],
      lookup,
    );
    expect(errors.map((e) => e.message).sort()).toEqual(
      [
        '行 2: 手机号格式错误（须为 11 位手机号 1[3-9]xxxxxxxxx）',
        '行 3: 任职单位不存在：本乡镇没有单位“外镇网格”（填单位名称、区划代码或 id）',
        '行 4: 任职单位不能为空（填了岗位就要填任职单位）',
        '行 6: 手机号、岗位与任职单位重复（与行 5 相同）',
        '行 7: 姓名与行 3 同一手机号但姓名或党员不同',
      ].sort(),
    );
    expect(validateMemberRows([row(5), row(6)], lookup).members.map((m) => m.row)).toEqual([5]);
  });
});
