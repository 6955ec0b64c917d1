import type { ReportFields } from './report.entity';

/** A new report as the intake inserts it: what the reporter said and the hash of its receipt. */
export interface NewReportRow extends ReportFields {
  receiptHash: Buffer;
}

// The one list of what a new report is inserted with: the column names, their count, the value
// array and the placeholders are all derived from it, so a new column cannot be half-added.
const INSERTED_COLUMNS: ReadonlyArray<readonly [column: string, value: (report: NewReportRow) => unknown]> = [
  ['id', (report) => report.id],
  ['receipt_hash', (report) => report.receiptHash],
  ['caisse_code', (report) => report.caisseCode],
  ['allowance_kind', (report) => report.allowanceKind],
  ['leave_started_on', (report) => report.leaveStartedOn],
  ['certificate_sent_on', (report) => report.certificateSentOn],
  ['first_paid_on', (report) => report.firstPaidOn],
  ['subrogation', (report) => report.subrogation],
  ['consequences', (report) => report.consequences],
  ['status_as_of', (report) => report.statusAsOf],
  ['notice_version', (report) => report.noticeVersion],
];

export const REPORT_COLUMNS = INSERTED_COLUMNS.map(([column]) => column).join(', ');
export const REPORT_COLUMN_COUNT = INSERTED_COLUMNS.length;

/** The values of a new report, in the order of REPORT_COLUMNS. */
export function reportInsertValues(report: NewReportRow): unknown[] {
  return INSERTED_COLUMNS.map(([, value]) => value(report));
}

/** `$a, …, $b`: the placeholders of one report whose first value is parameter `first`. */
export function reportPlaceholders(first = 1): string {
  return Array.from({ length: REPORT_COLUMN_COUNT }, (_, index) => `$${first + index}`).join(', ');
}

/** One INSERT of `rowCount` reports, their values flattened row after row. */
export function insertReportsSql(rowCount: number): string {
  const rows = Array.from({ length: rowCount }, (_, row) => `(${reportPlaceholders(row * REPORT_COLUMN_COUNT + 1)})`);
  return `INSERT INTO reports (${REPORT_COLUMNS}) VALUES ${rows.join(', ')}`;
}
