import { describe, expect, it } from '@jest/globals';
import { duplicateContent, implausibilityReasons } from './report-signals';

const TODAY = '2026-11-29';
const base = { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '2026-10-01' };

describe('implausibilityReasons', () => {
  it('finds nothing wrong in an ordinary report', () => {
    expect(implausibilityReasons({ ...base, certificateSentOn: '2026-10-03', firstPaidOn: '2026-11-02' }, TODAY)).toEqual([]);
    expect(implausibilityReasons(base, TODAY)).toEqual([]);
  });

  it('flags a payment before the employer attestation', () => {
    expect(implausibilityReasons({ ...base, certificateSentOn: '2026-10-20', firstPaidOn: '2026-10-19' }, TODAY)).toEqual([
      'paid before the employer attestation',
    ]);
  });

  it('accepts a payment on the day of the attestation', () => {
    expect(implausibilityReasons({ ...base, certificateSentOn: '2026-10-20', firstPaidOn: '2026-10-20' }, TODAY)).toEqual([]);
  });

  it('flags a first payment or a wait of over a year, not of exactly a year', () => {
    expect(implausibilityReasons({ ...base, leaveStartedOn: '2025-01-01', firstPaidOn: '2026-01-02' }, TODAY)).toEqual(['paid over a year after the leave']);
    expect(implausibilityReasons({ ...base, leaveStartedOn: '2025-01-01', firstPaidOn: '2026-01-01' }, TODAY)).toEqual([]);
    expect(implausibilityReasons({ ...base, leaveStartedOn: '2025-11-28' }, TODAY)).toEqual(['waiting for over a year']);
    expect(implausibilityReasons({ ...base, leaveStartedOn: '2025-11-29' }, TODAY)).toEqual([]);
  });
});

describe('duplicateContent', () => {
  it('differs when any date differs, and ignores what is not compared', () => {
    const one = duplicateContent({ ...base, firstPaidOn: '2026-11-02' });
    expect(duplicateContent({ ...base, firstPaidOn: '2026-11-02' })).toBe(one);
    expect(duplicateContent({ ...base, firstPaidOn: '2026-11-03' })).not.toBe(one);
    expect(duplicateContent({ ...base, certificateSentOn: null })).toBe(duplicateContent(base));
  });
});
