import { HOUSEHOLD_COLUMNS, headerOf, mapHeader, MEMBER_COLUMNS } from './sheet-columns';
import { chunksOf, parseCsv, parseHouseholdSheet, parseMemberSheet, parseRole, parseTags, parseYesNo, sortedErrors, tagsText, type SheetRow } from './sheet-rows';

const HEADER: SheetRow = { row: 1, cells: HOUSEHOLD_COLUMNS.map(headerOf) };
const household = (row: number, cells: Partial<Record<string, string>> = {}): SheetRow => ({
  row,
  cells: [cells.code ?? `HH-${row}`, cells.grid ?? '第一网格', cells.head ?? '王大山', cells.address ?? '太平村 1 号', cells.size ?? '3', cells.tags ?? '', cells.phone ?? '13812345678'],
});

describe('spreadsheet headers (表头)', () => {
  it.each([
    ['the whole header', '户主姓名 (Head name)'],
    ['the Chinese name', '户主姓名'],
    ['the English name in any case', 'head NAME'],
    ['full-width brackets', '户主姓名（Head name）'],
  ])('finds a column by %s', (_case, cell) => {
    const { keys } = mapHeader([cell], HOUSEHOLD_COLUMNS);
    expect(keys).toEqual(['head']);
  });

  it('names the required columns missing and the repeated ones', () => {
    const { missing, repeated } = mapHeader(['户编号', 'Household code', '网格'], HOUSEHOLD_COLUMNS);
    expect(missing.map((column) => column.key)).toEqual(['head', 'address', 'size']);
    expect(repeated.map((column) => column.key)).toEqual(['code']);
  });

  it('writes 中文 (English)', () => {
    expect(MEMBER_COLUMNS.map(headerOf)).toContain('手机号 (Phone)');
  });
});

describe('cell values', () => {
  it.each([
    ['贫困户、独居老人', ['POOR', 'ELDERLY_ALONE'], []],
    ['POOR, other', ['POOR', 'OTHER'], []],
    ['贫困户；富裕户', ['POOR'], ['富裕户']],
    ['', [], []],
  ])('tags %p', (text, tags, unknown) => {
    expect(parseTags(text)).toEqual({ tags, unknown });
  });

  it('writes tags back by their Chinese names', () => {
    expect(tagsText(['POOR', 'LOW_INCOME'])).toBe('贫困户、低保户');
    expect(parseTags(tagsText(['POOR', 'LOW_INCOME'])).tags).toEqual(['POOR', 'LOW_INCOME']);
  });

  it.each([
    ['网格员', 'GRID_MEMBER'],
    ['grid_leader', 'GRID_LEADER'],
    ['村书记', 'VILLAGE_SECRETARY'],
    ['队长', undefined],
  ])('role %p', (text, role) => {
    expect(parseRole(text)).toBe(role);
  });

  it.each([
    ['是', true],
    ['Yes', true],
    ['否', false],
    ['', false],
    ['也许', undefined],
  ])('yes or no %p', (text, value) => {
    expect(parseYesNo(text)).toBe(value);
  });
});

describe('parseHouseholdSheet', () => {
  it('turns rows into import rows, blank rows skipped', () => {
    const parsed = parseHouseholdSheet([HEADER, household(2, { tags: '贫困户' }), { row: 3, cells: ['', ' '] }, household(4, { phone: '' })]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { row: 2, code: 'HH-2', grid: '第一网格', head: '王大山', address: '太平村 1 号', size: 3, tags: ['POOR'], phone: '13812345678' },
      { row: 4, code: 'HH-4', grid: '第一网格', head: '王大山', address: '太平村 1 号', size: 3, tags: [], phone: null },
    ]);
  });

  it('answers every bad row in Chinese and leaves those rows out', () => {
    const parsed = parseHouseholdSheet([HEADER, household(2, { size: '三' }), household(3, { tags: '富裕户' }), household(4, { code: 'HH-9' }), household(5, { code: 'HH-9' })]);
    expect(sortedErrors(parsed.errors)).toEqual([
      '行 2: 户人口须为 1–99 的整数（现为“三”）',
      expect.stringMatching(/^行 3: 标签未知：富裕户/),
      '行 5: 户编号重复（与行 4 相同）',
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([4]);
  });

  it('refuses a sheet without the required columns', () => {
    expect(parseHouseholdSheet([{ row: 1, cells: ['户编号', '网格'] }]).errors.map((error) => error.message)).toEqual([
      '行 1: 缺少列“户主姓名 (Head name)” (missing column)',
      '行 1: 缺少列“住址 (Address)” (missing column)',
      '行 1: 缺少列“户人口 (Size)” (missing column)',
    ]);
  });
});

describe('parseMemberSheet', () => {
  const header: SheetRow = { row: 1, cells: ['Name', 'Phone', 'Party member', 'Skills', 'Role', 'Unit'] };
  it('reads one role a row, by Chinese role name', () => {
    const parsed = parseMemberSheet([header, { row: 2, cells: ['李四', '13900001111', '是', '电工、调解', '网格员', '第一网格'] }]);
    expect(parsed.rows).toEqual([{ row: 2, name: '李四', phone: '13900001111', isPartyMember: true, skills: ['电工', '调解'], role: 'GRID_MEMBER', unit: '第一网格' }]);
  });

  it('names an unknown role and a bad party cell', () => {
    const parsed = parseMemberSheet([header, { row: 2, cells: ['李四', '13900001111', '也许', '', '队长', ''] }]);
    expect(parsed.errors.map((error) => error.message)).toEqual([expect.stringMatching(/^行 2: 党员须填/), expect.stringMatching(/^行 2: 岗位未知：“队长”/)]);
  });
});

describe('chunksOf', () => {
  it('keeps chunks under the row and byte limits, in order', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ i, text: 'x'.repeat(10) }));
    const chunks = chunksOf(rows, 4, 100);
    expect(chunks.flat()).toEqual(rows);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4);
      expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(100 + chunk.length);
    }
  });
});

describe('parseCsv', () => {
  it('reads quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeff户编号,住址\r\nHH-1,"太平村, 1 号"\r\nHH-2,"他说""好""\n二楼"\n')).toEqual([
      { row: 1, cells: ['户编号', '住址'] },
      { row: 2, cells: ['HH-1', '太平村, 1 号'] },
      { row: 3, cells: ['HH-2', '他说"好"\n二楼'] },
    ]);
  });
});
