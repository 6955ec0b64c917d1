import { describe, expect, it } from '@jest/globals';
import { ApiError, ErrorBody } from '../common/api-error';
import { parseReportsCsv } from './reports-csv';

function refusal(text: string): ErrorBody {
  try {
    parseReportsCsv(text);
  } catch (error) {
    return (error as ApiError).getResponse() as ErrorBody;
  }
  throw new Error('the CSV was accepted');
}

describe(parseReportsCsv.name, () => {
  it('reads `;` with a BOM and CRLF, and `,` without, to the same fields', () => {
    const semicolons = '\uFEFFcaisseCode;allowanceKind;leaveStartedOn;consent\r\n751;maladie;2026-09-01;oui\r\n';
    const commas = 'caisseCode,allowanceKind,leaveStartedOn,consent\n751,maladie,2026-09-01,true\n';
    const expected = [{ caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '2026-09-01', consent: true }];
    expect(parseReportsCsv(semicolons)).toEqual(expected);
    expect(parseReportsCsv(commas)).toEqual(expected);
  });

  it('leaves empty cells out, splits consequences on |, reads French booleans and dates, pads fund codes', () => {
    const text = [
      'caisseCode;allowanceKind;leaveStartedOn;certificateSentOn;firstPaidOn;subrogation;consequences;consent',
      '11;maternite;01/09/2026;;2026-10-02;NON;overdraft | borrowed;VRAI',
      '751;maladie;2026-09-01;;;;;Oui',
    ].join('\n');
    expect(parseReportsCsv(text)).toEqual([
      {
        caisseCode: '011',
        allowanceKind: 'maternite',
        leaveStartedOn: '2026-09-01',
        firstPaidOn: '2026-10-02',
        subrogation: false,
        consequences: ['overdraft', 'borrowed'],
        consent: true,
      },
      { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '2026-09-01', consent: true },
    ]);
  });

  it('keeps what it cannot convert, for validation to name', () => {
    const [row] = parseReportsCsv('caisseCode;allowanceKind;leaveStartedOn;consent;subrogation\n751;maladie;1 sept;peut-être;2\n');
    expect(row).toEqual({ caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '1 sept', consent: 'peut-être', subrogation: '2' });
  });

  it('refuses unknown, missing or repeated columns on the field header', () => {
    const body = refusal('caisseCode;allowanceKind;leaveStartedOn;name\n751;maladie;2026-09-01;Dupont\n');
    expect(body.details?.map((detail) => detail.field)).toEqual(['header', 'header']);
    expect(body.details?.map((detail) => detail.message).join(' ')).toMatch(/unknown column "name".*"consent" is required/);
    expect(refusal('caisseCode;caisseCode;allowanceKind;leaveStartedOn;consent\n').details).toEqual([{ field: 'header', message: 'a column is named twice' }]);
  });

  it('refuses a row with a different number of cells, naming the line', () => {
    const body = refusal('caisseCode;allowanceKind;leaveStartedOn;consent\n751;maladie;2026-09-01;oui\n751;maladie\n');
    expect(body.details?.[0].field).toBe('body');
    expect(body.details?.[0].message).toMatch(/line 3/);
  });
});
