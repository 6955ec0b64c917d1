import { daysBetween } from '../config/paris-date';

/** The report fields the signals look at. */
export interface ReportContent {
  caisseCode: string;
  allowanceKind: string;
  leaveStartedOn: string;
  certificateSentOn?: string | null;
  firstPaidOn?: string | null;
}

/** Longest plausible wait for a first payment, in days. */
export const LONGEST_PLAUSIBLE_DELAY_DAYS = 365;

/**
 * Why a report looks implausible (empty when it does not): a payment before the employer's
 * attestation, which the fund needs to compute the IJ; a first payment (or a wait) of over a year.
 */
export function implausibilityReasons(report: ReportContent, today: string): string[] {
  const reasons: string[] = [];
  const { certificateSentOn, firstPaidOn } = report;
  if (certificateSentOn && firstPaidOn && firstPaidOn < certificateSentOn) {
    reasons.push('paid before the employer attestation');
  }
  if (daysBetween(report.leaveStartedOn, firstPaidOn ?? today) > LONGEST_PLAUSIBLE_DELAY_DAYS) {
    reasons.push(firstPaidOn ? 'paid over a year after the leave' : 'waiting for over a year');
  }
  return reasons;
}

/** What makes two reports "the same" for duplicate detection: fund, kind and every date. */
export function duplicateContent(report: ReportContent): string {
  return [report.caisseCode, report.allowanceKind, report.leaveStartedOn, report.certificateSentOn ?? '', report.firstPaidOn ?? ''].join('|');
}
