import { ApiError, ErrorDetail, validationFailed } from '../common/api-error';
import { CsvBody } from '../common/route-body-options';
import { StrictValidationPipe } from '../common/validation.pipe';
import { CreateReportDto } from './reports.dto';
import { parseReportsCsv } from './reports-csv';

export const MAX_BULK_REPORTS = 1000;
export const BULK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
// A thousand bad rows would make a huge answer; the first errors are enough to fix a file.
const MAX_DETAILS = 200;

const rowPipe = new StrictValidationPipe();
export const UNKNOWN_CAISSE: ErrorDetail = { field: 'caisseCode', message: 'must be a code from GET /api/caisses' };

/**
 * Every row of a bulk body (a JSON array, or CSV text), validated by the rules of POST
 * /api/reports. All or nothing: any error refuses the whole body, each error named `[index].field`.
 */
export async function validateBulkReports(body: unknown, isKnownCaisse: (code: string) => boolean): Promise<CreateReportDto[]> {
  const rows = body instanceof CsvBody ? parseReportsCsv(body.text) : body;
  if (!Array.isArray(rows)) {
    throw validationFailed('Invalid reports', [{ field: 'body', message: 'must be a JSON array of reports, or text/csv' }]);
  }
  if (rows.length === 0 || rows.length > MAX_BULK_REPORTS) {
    throw validationFailed('Invalid reports', [{ field: 'body', message: `must hold 1 to ${MAX_BULK_REPORTS} reports; got ${rows.length}` }]);
  }
  const reports: CreateReportDto[] = [];
  const details: ErrorDetail[] = [];
  for (const [index, row] of rows.entries()) {
    const checked = await validateRow(row, isKnownCaisse);
    if (checked.report) reports.push(checked.report);
    details.push(...checked.details.map((detail) => ({ ...detail, field: rowField(index, detail.field) })));
  }
  if (details.length > 0) {
    const message = details.length > MAX_DETAILS ? `Invalid reports: ${details.length} errors, the first ${MAX_DETAILS} listed` : 'Invalid reports';
    throw validationFailed(message, details.slice(0, MAX_DETAILS));
  }
  return reports;
}

async function validateRow(row: unknown, isKnownCaisse: (code: string) => boolean): Promise<{ report?: CreateReportDto; details: ErrorDetail[] }> {
  try {
    const report = (await rowPipe.transform(row, { type: 'body', metatype: CreateReportDto })) as CreateReportDto;
    return { report, details: isKnownCaisse(report.caisseCode) ? [] : [UNKNOWN_CAISSE] };
  } catch (error) {
    if (!(error instanceof ApiError) || !error.details) throw error;
    // The fund is checked even when other fields are wrong, so one answer lists every error.
    const code = typeof row === 'object' && row !== null ? (row as { caisseCode?: unknown }).caisseCode : undefined;
    const fundWrongToo = typeof code === 'string' && code.length === 3 && !isKnownCaisse(code);
    return { details: fundWrongToo ? [...error.details, UNKNOWN_CAISSE] : error.details };
  }
}

function rowField(index: number, field: string): string {
  return field === 'body' ? `[${index}]` : `[${index}].${field}`;
}
