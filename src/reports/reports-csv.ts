import { parse } from 'csv-parse/sync';
import { ErrorDetail, validationFailed } from '../common/api-error';

// The CSV columns are the JSON fields of POST /api/reports.
const COLUMNS = ['caisseCode', 'allowanceKind', 'leaveStartedOn', 'certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'consent'];
const REQUIRED_COLUMNS = ['caisseCode', 'allowanceKind', 'leaveStartedOn', 'consent'];
const BOOLEAN_COLUMNS = new Set(['subrogation', 'consent']);
const DATE_COLUMNS = new Set(['leaveStartedOn', 'certificateSentOn', 'firstPaidOn']);
// French spreadsheets write VRAI/FAUX; paper forms say oui/non.
const BOOLEANS: Record<string, boolean> = { true: true, false: false, oui: true, non: false, vrai: true, faux: false };
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * Reads a CSV of reports into the same plain objects a JSON array would hold: `;` or `,` (chosen
 * from the header line), optional BOM, an empty cell is an absent field, booleans true/false/
 * oui/non/vrai/faux, consequences separated by `|`, dates YYYY-MM-DD or DD/MM/YYYY.
 */
export function parseReportsCsv(text: string): Record<string, unknown>[] {
  const withoutBom = text.replace(/^\uFEFF/, '');
  const headerLine = withoutBom.split(/\r?\n/, 1)[0];
  const delimiter = count(headerLine, ';') >= count(headerLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(withoutBom, { delimiter, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw validationFailed('Invalid CSV', [{ field: 'body', message: `not readable as CSV: ${(error as Error).message}` }]);
  }
  const [header = [], ...rows] = records;
  assertHeader(header);
  return rows.map((cells) => toReportFields(header, cells));
}

function assertHeader(header: string[]): void {
  const details: ErrorDetail[] = [];
  for (const name of header) {
    if (!COLUMNS.includes(name)) details.push({ field: 'header', message: `unknown column "${name}"; columns are ${COLUMNS.join(', ')}` });
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!header.includes(name)) details.push({ field: 'header', message: `the column "${name}" is required` });
  }
  if (new Set(header).size !== header.length) details.push({ field: 'header', message: 'a column is named twice' });
  if (details.length > 0) throw validationFailed('Invalid CSV header', details);
}

function toReportFields(header: string[], cells: string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const cell = cells[index];
    if (cell !== undefined && cell !== '') fields[name] = convertCell(name, cell);
  });
  return fields;
}

// Only unambiguous conversions: anything else stays a string and fails validation by its field.
function convertCell(column: string, cell: string): unknown {
  if (BOOLEAN_COLUMNS.has(column)) return BOOLEANS[cell.toLowerCase()] ?? cell;
  if (column === 'consequences') return cell.split('|').map((value) => value.trim());
  if (DATE_COLUMNS.has(column)) return cell.replace(FRENCH_DATE, '$3-$2-$1');
  // A spreadsheet drops the leading zeros of a fund code such as 011.
  if (column === 'caisseCode' && /^\d{1,2}$/.test(cell)) return cell.padStart(3, '0');
  return cell;
}

function count(line: string, character: string): number {
  return line.split(character).length - 1;
}
