import ExcelJS from 'exceljs';
import { cellText, readSheet } from './sheet-io';

describe('readSheet', () => {
  it('reads the first sheet of an .xlsx, Chinese intact, numbers and rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('户');
    sheet.addRow(['户编号 (Household code)', '户主姓名 (Head name)', '户人口 (Size)']);
    // long Chinese cells: the text a streaming decoder would split
    for (let i = 0; i < 300; i += 1) sheet.addRow([`QX-${i}`, `太平村第二网格户主${'王'.repeat(i % 7)}`, i % 9]);
    sheet.addRow(['QX-x', { richText: [{ text: '汤' }, { text: '自会' }] }, { formula: '1+2', result: 3 }]);
    const rows = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toHaveLength(302);
    expect(rows[0]).toEqual({ row: 1, cells: ['户编号 (Household code)', '户主姓名 (Head name)', '户人口 (Size)'] });
    expect(rows.some(({ cells }) => cells.join('').includes('\ufffd'))).toBe(false);
    expect(rows[301]).toEqual({ row: 302, cells: ['QX-x', '汤自会', '3'] });
  }, 30_000);

  it('reads a body without the zip signature as UTF-8 CSV', async () => {
    expect(await readSheet(Buffer.from('户编号,网格\nQX-1,第一网格\n'))).toEqual([
      { row: 1, cells: ['户编号', '网格'] },
      { row: 2, cells: ['QX-1', '第一网格'] },
    ]);
  });

  it('turns dates and empty cells into text', () => {
    expect(cellText(new Date('2026-11-01T00:00:00Z'))).toBe('2026-11-01T00:00:00.000Z');
    expect(cellText(null)).toBe('');
  });
});
