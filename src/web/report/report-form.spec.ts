import { parseForm } from '../shared/form-parser';
import { readReportForm, toCreateReportBody } from './report-form';

describe('readReportForm and toCreateReportBody', () => {
  it('turns the form fields into the body POST /api/reports takes', () => {
    const values = readReportForm(
      parseForm(
        'caisseCode=751&allowanceKind=maladie&leaveStartedOn=2026-09-01&certificateSentOn=&paymentStatus=paid' +
          '&firstPaidOn=2026-10-02&subrogation=oui&consequences=overdraft&consequences=borrowed&consent=oui',
      ),
    );
    expect(toCreateReportBody(values)).toEqual({
      caisseCode: '751',
      allowanceKind: 'maladie',
      leaveStartedOn: '2026-09-01',
      certificateSentOn: undefined,
      firstPaidOn: '2026-10-02',
      subrogation: true,
      consequences: ['overdraft', 'borrowed'],
      consent: true,
    });
  });

  it('reads an empty form as "pas encore payé", no subrogation, no consent', () => {
    const values = readReportForm(parseForm(''));
    expect(values.paymentStatus).toBe('waiting');
    expect(toCreateReportBody(values)).toEqual({
      caisseCode: undefined,
      allowanceKind: undefined,
      leaveStartedOn: undefined,
      certificateSentOn: undefined,
      firstPaidOn: undefined,
      subrogation: false,
      consequences: [],
      consent: undefined,
    });
  });

  it('sends no payment date under "pas encore payé", and keeps the typed one for the page', () => {
    const values = readReportForm(parseForm('paymentStatus=waiting&firstPaidOn=2026-10-02'));
    expect(values.firstPaidOn).toBe('2026-10-02');
    expect(toCreateReportBody(values).firstPaidOn).toBeUndefined();
  });
});
