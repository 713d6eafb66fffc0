import { HOUSEHOLD_COLUMNS, headerOf } from './sheet-columns';
import {
  ASSESSMENT_COLUMNS,
  chinaTime,
  exportFileName,
  HOUSEHOLD_EXPORT_COLUMNS,
  instantOf,
  parseExportParams,
  percent,
  periodOf,
  selectionOf,
  TICKET_COLUMNS,
  type TicketNode,
} from './export-sheets';
import { parseHouseholdSheet } from './sheet-rows';

describe('export parameters', () => {
  it.each([
    ['2026', { kind: 'YEAR', key: '2026' }],
    ['2026-11', { kind: 'MONTH', key: '2026-11' }],
    ['2026-Q4', { kind: 'QUARTER', key: '2026-Q4' }],
    ['2026-W48', { kind: 'WEEK', key: '2026-W48' }],
    ['2026-13', null],
    ['last month', null],
  ])('period %p', (key, period) => {
    expect(periodOf(key)).toEqual(period);
  });

  it('reads a date as midnight in China and keeps an ISO time', () => {
    expect(instantOf('2026-11-01')).toBe('2026-10-31T16:00:00.000Z');
    expect(instantOf('2026-11-01T08:00:00Z')).toBe('2026-11-01T08:00:00.000Z');
    expect(instantOf('yesterday')).toBeNull();
  });

  it('names every bad parameter', () => {
    expect(parseExportParams('tickets', { from: '2026-12-01', to: '2026-11-01' })).toEqual({
      problems: ['unitId：缺少或不是单位 id (missing or not a unit id)', 'from 须早于 to (from must be before to)'],
    });
    expect(parseExportParams('assessment', { unitId: 'u1', period: 'soon' })).toEqual({ problems: [expect.stringMatching(/^period：/)] });
    expect(parseExportParams('households', { unitId: 'u1' })).toEqual({ params: { kind: 'households', unitId: 'u1' } });
  });

  it('names the file in Chinese', () => {
    expect(exportFileName({ kind: 'assessment', unitId: 'u', period: { kind: 'MONTH', key: '2026-11' } }, '清溪镇')).toBe('考核报表_清溪镇_2026-11.xlsx');
    expect(exportFileName({ kind: 'tickets', unitId: 'u', from: instantOf('2026-11-01'), to: null }, '太平 村')).toBe('工单_太平_村_2026-11-01.xlsx');
  });
});

describe('export columns', () => {
  it('writes households in the format the import reads', () => {
    expect(HOUSEHOLD_EXPORT_COLUMNS.map(headerOf)).toEqual(HOUSEHOLD_COLUMNS.map(headerOf));
    const node = { code: 'HH-1', gridId: 'g1', grid: { name: '第一网格' }, head: '王大山', address: '太平村 1 号', size: 3, tags: ['POOR', 'OTHER'], phone: '13812345678' };
    const cells = HOUSEHOLD_EXPORT_COLUMNS.map((column) => String(column.value(node) ?? ''));
    const parsed = parseHouseholdSheet([{ row: 1, cells: HOUSEHOLD_EXPORT_COLUMNS.map(headerOf) }, { row: 2, cells }]);
    expect(parsed.rows).toEqual([{ row: 2, code: 'HH-1', grid: '第一网格', head: '王大山', address: '太平村 1 号', size: 3, tags: ['POOR', 'OTHER'], phone: '13812345678' }]);
  });

  it('selects what each ticket column reads and shows the phone as given', () => {
    expect(selectionOf(TICKET_COLUMNS)).toContain('reporter { name phone anonymous }');
    const ticket: TicketNode = {
      number: 'QX-1',
      title: '灌溉渠堵塞',
      category: 'WATER_IRRIGATION',
      categoryName: '水利灌溉',
      categoryFields: [{ label: '受影响面积', displayValue: '12.5 亩' }, { label: '是否影响春耕', displayValue: '是' }],
      channel: 'HOTLINE',
      priority: 'NORMAL',
      status: 'RESOLVED',
      level: 'GRID',
      reporter: { name: '汤自会', phone: '139****5678', anonymous: false },
      createdAt: '2026-11-03T06:05:00Z',
      resolvedOnTime: true,
      overdue: false,
    };
    const row = Object.fromEntries(TICKET_COLUMNS.map((column) => [column.zh, column.value(ticket)]));
    expect(row).toMatchObject({ 工单编号: 'QX-1', 类别: '水利灌溉', 类别字段: '受影响面积：12.5 亩；是否影响春耕：是', 渠道: '580 热线', 状态: '已办结', 反映人电话: '139****5678', 上报时间: '2026-11-03 14:05', 按时办结: '是' });
  });

  it('gives a unit without a score zeros and no rates, and rates as percentages', () => {
    const empty = ASSESSMENT_COLUMNS.map((column) => column.value({ id: 'v', name: '太平村', level: 'ADMIN_VILLAGE', score: null }));
    expect(empty.slice(0, 5)).toEqual(['太平村', null, 0, 0, null]);
    expect(percent(0.875)).toBe('87.5%');
    expect(chinaTime(null)).toBeNull();
  });
});
