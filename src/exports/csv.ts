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

/** Lines stringified together: one csv-stringify call per batch instead of a stream event per line. */
const LINES_PER_CHUNK = 250;

/**
 * A long table streamed chunk by chunk with backpressure (the cube): `Readable.from` pulls the
 * next chunk only when the reply has room, so only a page of cells is held at a time.
 */
export function streamCsv(columns: ExportColumn[], lines: AsyncIterable<ExportValue[]>, metadata: ExportMetadata, dialect: CsvDialect): Readable {
  const options = csvOptions(dialect);
  async function* chunks(): AsyncIterable<string> {
    yield stringifySync([...metadata, SEPARATOR_LINE, headerLine(columns)], options);
    const continued = { ...options, bom: false };
    let batch: ExportValue[][] = [];
    for await (const line of lines) {
      batch.push(line);
      if (batch.length === LINES_PER_CHUNK) {
        yield stringifySync(batch, continued);
        batch = [];
      }
    }
    if (batch.length > 0) yield stringifySync(batch, continued);
  }
  return Readable.from(chunks(), { objectMode: false });
}
