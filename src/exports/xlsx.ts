import type { Row, Style, Worksheet } from 'exceljs';
import { ColumnKind, ExportColumn, ExportMetadata, ExportTable, ExportValue } from './export-table';
import { neutralizeFormula } from './spreadsheet-safety';

// XLSX renderer: the table on the first sheet (typed number cells, percentages as numbers with a
// % format, a styled, frozen header row with an auto-filter), the metadata on an "Informations"
// sheet. exceljs is loaded on the first export, so start-up does not pay for it. The
// cube, a long table, is written by xlsx-stream.ts instead.

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, count: '0', days: '0', share: '0%' };
// One style object per column kind, shared by every cell: exceljs recognises an object it has
// seen (a WeakMap) instead of serialising each cell's own copy (half the time of a cube export).
const SHARED_STYLES: Record<ColumnKind, Partial<Style>> = {
  text: {},
  count: { numFmt: '0' },
  days: { numFmt: '0' },
  share: { numFmt: '0%' },
};
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } } as const;
const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } };
const METADATA_SHEET = 'Informations';

export function columnWidth(column: ExportColumn): number {
  return column.kind === 'text' ? Math.max(14, Math.min(40, column.header.length + 4)) : Math.max(10, Math.min(24, column.header.length * 0.6 + 4));
}

/** An empty figure or text becomes no cell at all (undefined), not an empty one. */
function cellValue(value: ExportValue): string | number | undefined {
  if (value === null || value === '') return undefined;
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}

function layOutTableSheet(sheet: Worksheet, columns: ExportColumn[]): void {
  sheet.columns = columns.map((column) => ({
    header: neutralizeFormula(column.header),
    width: columnWidth(column),
    style: { numFmt: NUMBER_FORMATS[column.kind] },
  }));
  const header = sheet.getRow(1);
  header.font = HEADER_FONT;
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function layOutMetadataSheet(sheet: Worksheet, metadata: ExportMetadata): void {
  sheet.columns = [
    { header: 'Clé', width: 34 },
    { header: 'Valeur', width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const [key, value] of metadata) sheet.addRow([neutralizeFormula(key), neutralizeFormula(value)]);
}

function addLine(sheet: Worksheet, columns: ExportColumn[], line: ExportValue[]): Row {
  const row = sheet.addRow(line.map(cellValue));
  row.eachCell((cell, column) => (cell.style = SHARED_STYLES[columns[column - 1].kind]));
  return row;
}

/** exceljs, loaded on the first spreadsheet: a synchronous require (jest's VM refuses `import()`). */
function exceljs(): typeof import('exceljs') {
  return require('exceljs') as typeof import('exceljs');
}

const FROZEN_HEADER = [{ state: 'frozen' as const, ySplit: 1 }];

/** A whole table export, in memory. */
export async function renderXlsx(table: ExportTable, metadata: ExportMetadata, sheetName: string): Promise<Buffer> {
  const { Workbook } = exceljs();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: FROZEN_HEADER });
  layOutTableSheet(sheet, table.columns);
  for (const line of table.rows) addLine(sheet, table.columns, line);
  layOutMetadataSheet(workbook.addWorksheet(METADATA_SHEET), metadata);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
