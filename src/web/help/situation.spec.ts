import type { CoarsenedReportResponse, ReportResponse } from '../../reports/reports.dto';
import { situationOf } from './situation';

const REPORT: ReportResponse = {
  id: '00000000-0000-4000-a000-000000000000',
  caisseCode: '751',
  allowanceKind: 'maladie',
  leaveStartedOn: '2026-10-01',
  certificateSentOn: null,
  firstPaidOn: null,
  subrogation: false,
  consequences: [],
  status: 'waiting',
  statusAsOf: '2026-10-20',
  delayDays: null,
  waitingDays: 19,
  noticeVersion: null,
};

describe('situationOf', () => {
  it('counts a waiting report from the leave start to today, not to its last confirmation', () => {
    expect(situationOf(REPORT, 'CPAM de Paris', '2026-11-15')).toMatchObject({ days: 45, paid: false, leaveYear: '2026', coarsened: false });
  });

  it('takes the delay of a paid report', () => {
    const paid = { ...REPORT, status: 'paid' as const, firstPaidOn: '2026-11-04', delayDays: 34, waitingDays: null };
    expect(situationOf(paid, 'CPAM de Paris', '2026-12-01')).toMatchObject({ days: 34, paid: true });
  });

  it('keeps only the month and the days at the last confirmation of a coarsened report', () => {
    const coarsened: CoarsenedReportResponse = {
      id: REPORT.id,
      caisseCode: '751',
      allowanceKind: 'maternite',
      coarsened: true,
      leaveMonth: '2025-03',
      leaveStartedOn: null,
      certificateSentOn: null,
      firstPaidOn: null,
      subrogation: false,
      consequences: [],
      status: 'waiting',
      statusAsOf: null,
      delayDays: null,
      waitingDays: 80,
      noticeVersion: null,
    };
    expect(situationOf(coarsened, 'CPAM de Paris', '2026-12-01')).toMatchObject({
      days: 80,
      leaveStartedOn: null,
      leaveYear: '2025',
      kind: 'maternite',
      coarsened: true,
    });
  });
});
