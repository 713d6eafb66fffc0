import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { contentDisposition } from '@steward/service-kit/core';
import { headerOf, type SheetColumn } from './sheet-columns';
import { parseCsv, type SheetRow } from './sheet-rows';

/** The start of every .xlsx (a zip archive). */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell's value as text: numbers as written, dates as ISO, rich text and formulas by their text or result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * The first worksheet of an .xlsx, or a UTF-8 .csv (told apart by the zip
 * signature), as rows of text. The body is in memory already (the import's
 * body limit); the .xlsx is loaded whole rather than with exceljs's streaming
 * reader, whose SAX parser decodes each inflated chunk on its own and breaks
 * Chinese characters that straddle two chunks into U+FFFD (exceljs issues
 * #2063, #2084; 4.4.0 has no fix) — an import of 20,000 households hit it.
 */
export async function readSheet(body: Buffer): Promise<SheetRow[]> {
  if (!body.subarray(0, 4).equals(ZIP_MAGIC)) return parseCsv(body.toString('utf8'));
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are the same
  await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0];
  const rows: SheetRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = Array.isArray(row.values) ? row.values : [];
    // exceljs rows are 1-based: values[0] is empty
    rows.push({ row: row.number, cells: values.slice(1).map((value) => cellText(value as ExcelJS.CellValue)) });
  });
  return rows;
}

/** A streamed workbook of one sheet: header row from the columns, then rows as they come. */
export interface SheetStream {
  add(values: readonly (string | number | boolean | Date | null | undefined)[]): void;
  done(): Promise<void>;
}

/**
 * Starts an .xlsx download on `res` (Content-Disposition with the UTF-8 file
 * name) written by exceljs's streaming writer: each row is committed as it is
 * added, so a big export is never held whole.
 */
export function startSheet(res: Response, fileName: string, sheetName: string, columns: readonly Pick<SheetColumn, 'zh' | 'en' | 'width'>[]): SheetStream {
  res.status(200);
  res.setHeader('content-type', XLSX_CONTENT_TYPE);
  res.setHeader('content-disposition', contentDisposition(fileName));
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ header: headerOf(column), width: column.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    add(values) {
      sheet.addRow(values.map((value) => value ?? null)).commit();
    },
    async done() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
