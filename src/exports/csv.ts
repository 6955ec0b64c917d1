import type { Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { ExportColumn, ExportMetadata, ExportTable, ExportValue } from './export-table';
import { neutralizeFormula } from './spreadsheet-safety';

// CSV renderer. Layout: the `Clé;Valeur` metadata lines, one empty line, then the table with its
// header line (Excel's "current region" and pivot tables stop at the empty line). UTF-8 with a
// BOM, CRLF line ends; `excel-fr` (default): `;` and decimal comma, as French Excel reads them;
// `rfc4180`: `,` and `.`.

export const CSV_DIALECTS = ['excel-fr', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

function csvOptions(dialect: CsvDialect): Options {
  const decimalComma = dialect === 'excel-fr';
  return {
    bom: true,
    delimiter: decimalComma ? ';' : ',',
    record_delimiter: 'windows',
    cast: {
      number: (value) => (decimalComma ? String(value).replace('.', ',') : String(value)),
      // Formula neutralisation comes before quoting: the apostrophe ends up inside the quotes.
      string: (value) => neutralizeFormula(value),
    },
  };
}

/** The blank record between the metadata and the table. */
const SEPARATOR_LINE: ExportValue[] = [''];

function headerLine(columns: ExportColumn[]): string[] {
  return columns.map((column) => column.header);
}

/** A whole table export, in memory (a table has at most a few hundred lines). */
export function renderCsv(table: ExportTable, metadata: ExportMetadata, dialect: CsvDialect): string {
  return stringifySync([...metadata, SEPARATOR_LINE, headerLine(table.columns), ...table.rows], csvOptions(dialect));
}

/** Lines formatted together: one string per batch instead of a stream event per line. */
const LINES_PER_CHUNK = 250;

/**
 * The lines of a long table, formatted as csv-stringify does with `csvOptions(dialect)` (csv.spec.ts
 * compares both on awkward values), except that a lone CR or LF is quoted too. csv-stringify's
 * per-field machinery cost a cube export much of its time (docs/performance.md); the cube's fields
 * are only texts, numbers and blanks.
 */
export function formatCsvLines(lines: ExportValue[][], dialect: CsvDialect): string {
  const decimalComma = dialect === 'excel-fr';
  const delimiter = decimalComma ? ';' : ',';
  const needsQuotes = decimalComma ? /[";\r\n]/ : /[",\r\n]/;
  let text = '';
  for (const line of lines) {
    for (let index = 0; index < line.length; index++) {
      if (index > 0) text += delimiter;
      const value = line[index];
      if (value === null) continue;
      if (typeof value === 'number') {
        text += decimalComma ? String(value).replace('.', ',') : String(value);
        continue;
      }
      const field = neutralizeFormula(value);
      text += needsQuotes.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
    }
    text += '\r\n';
  }
  return text;
}

/**
 * A long table streamed chunk by chunk with backpressure (the cube): `Readable.from` pulls the
 * next chunk only when the reply has room, so only a page of cells is held at a time.
 */
export function streamCsv(columns: ExportColumn[], lines: AsyncIterable<ExportValue[]>, metadata: ExportMetadata, dialect: CsvDialect): Readable {
  async function* chunks(): AsyncIterable<string> {
    yield stringifySync([...metadata, SEPARATOR_LINE, headerLine(columns)], csvOptions(dialect));
    let batch: ExportValue[][] = [];
    for await (const line of lines) {
      batch.push(line);
      if (batch.length === LINES_PER_CHUNK) {
        yield formatCsvLines(batch, dialect);
        batch = [];
      }
    }
    if (batch.length > 0) yield formatCsvLines(batch, dialect);
  }
  return Readable.from(chunks(), { objectMode: false });
}
