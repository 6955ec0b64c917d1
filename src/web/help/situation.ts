import { daysBetween } from '../../config/paris-date';
import type { CoarsenedReportResponse, ReportResponse } from '../../reports/reports.dto';
import type { AllowanceKind } from '../../reports/report.entity';

/** What the help sections know of a person: their report only, seen on `today`. */
export interface Situation {
  caisseCode: string;
  fundName: string;
  kind: AllowanceKind;
  /** exact date, or null once the report is coarsened (only its month is kept) */
  leaveStartedOn: string | null;
  /** the year the leave started: the period of the finest published selection */
  leaveYear: string;
  certificateSentOn: string | null;
  paid: boolean;
  subrogation: boolean;
  /** the delay when paid; else the days since the leave started (or, coarsened, at the last confirmation) */
  days: number;
  coarsened: boolean;
}

export function situationOf(report: ReportResponse | CoarsenedReportResponse, fundName: string, today: string): Situation {
  const common = { caisseCode: report.caisseCode, fundName, kind: report.allowanceKind, subrogation: report.subrogation, paid: report.status === 'paid' };
  if ('coarsened' in report) {
    return {
      ...common,
      leaveStartedOn: null,
      leaveYear: report.leaveMonth.slice(0, 4),
      certificateSentOn: null,
      days: (report.status === 'paid' ? report.delayDays : report.waitingDays) ?? 0,
      coarsened: true,
    };
  }
  return {
    ...common,
    leaveStartedOn: report.leaveStartedOn,
    leaveYear: report.leaveStartedOn.slice(0, 4),
    certificateSentOn: report.certificateSentOn,
    days: report.status === 'paid' ? report.delayDays! : daysBetween(report.leaveStartedOn, today),
    coarsened: false,
  };
}
