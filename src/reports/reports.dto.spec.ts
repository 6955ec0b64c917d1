import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, ErrorBody } from '../common/api-error';
import { StrictValidationPipe } from '../common/validation.pipe';
import { CreateReportDto, UpdateReportDto } from './reports.dto';

const pipe = new StrictValidationPipe();

async function fieldsRefused(metatype: typeof CreateReportDto | typeof UpdateReportDto, body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    const response = (error as ApiError).getResponse() as ErrorBody;
    return (response.details ?? []).map((detail) => detail.field).sort();
  }
}

const valid = { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '2026-06-01', consent: true };

describe('CreateReportDto validation', () => {
  // 22:30 UTC on 30 June is already 1 July in Paris (UTC+2).
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-06-30T22:30:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('accepts a complete valid report', async () => {
    const body = { ...valid, certificateSentOn: '2026-06-05', firstPaidOn: '2026-07-01', subrogation: false, consequences: ['overdraft', 'borrowed'] };
    expect(await fieldsRefused(CreateReportDto, body)).toEqual([]);
  });

  it('takes "today" in Paris around midnight UTC', async () => {
    expect(await fieldsRefused(CreateReportDto, { ...valid, leaveStartedOn: '2026-07-01' })).toEqual([]);
    expect(await fieldsRefused(CreateReportDto, { ...valid, leaveStartedOn: '2026-07-02' })).toEqual(['leaveStartedOn']);
  });

  it.each([
    ['an impossible date', { leaveStartedOn: '2026-02-30' }, ['leaveStartedOn']],
    ['a leave before 2015', { leaveStartedOn: '2014-12-31' }, ['leaveStartedOn']],
    ['an attestation before the leave', { certificateSentOn: '2026-05-31' }, ['certificateSentOn']],
    ['a payment before the leave', { firstPaidOn: '2026-05-01' }, ['firstPaidOn']],
    ['a payment tomorrow in Paris', { firstPaidOn: '2026-07-02' }, ['firstPaidOn']],
    ['a kind outside the enum', { allowanceKind: 'Maladie' }, ['allowanceKind']],
    ['consequences with none and another', { consequences: ['none', 'overdraft'] }, ['consequences']],
    ['repeated consequences', { consequences: ['borrowed', 'borrowed'] }, ['consequences']],
    ['an object for consequences', { consequences: { overdraft: true } }, ['consequences']],
    ['a number for the fund', { caisseCode: 751 }, ['caisseCode']],
    ['a string for subrogation', { subrogation: 'yes' }, ['subrogation']],
    ['an array for a date', { leaveStartedOn: ['2026-06-01'] }, ['leaveStartedOn']],
    ['a boolean for a date', { firstPaidOn: true }, ['firstPaidOn']],
    ['consent as 1', { consent: 1 }, ['consent']],
    ['an unknown field', { nir: '184127510823742' }, ['nir']],
  ])('refuses %s', async (_label, overrides, fields) => {
    expect(await fieldsRefused(CreateReportDto, { ...valid, ...overrides })).toEqual(fields);
  });

  it('refuses a body that is not an object', async () => {
    for (const body of [[valid], 'report', 3, null]) expect(await fieldsRefused(CreateReportDto, body)).toEqual(['body']);
  });

  it('treats null optional dates as absent', async () => {
    expect(await fieldsRefused(CreateReportDto, { ...valid, certificateSentOn: null, firstPaidOn: null })).toEqual([]);
  });
});

describe('UpdateReportDto validation', () => {
  it('accepts each updatable field, and stillWaiting: true', async () => {
    for (const body of [{ firstPaidOn: '2026-01-05' }, { certificateSentOn: null }, { subrogation: true }, { consequences: [] }, { stillWaiting: true }]) {
      expect(await fieldsRefused(UpdateReportDto, body)).toEqual([]);
    }
  });

  it('refuses fields that cannot change and wrong types', async () => {
    expect(await fieldsRefused(UpdateReportDto, { leaveStartedOn: '2026-01-01', caisseCode: '751' })).toEqual(['caisseCode', 'leaveStartedOn']);
    expect(await fieldsRefused(UpdateReportDto, { stillWaiting: 'yes', consequences: null })).toEqual(['consequences', 'stillWaiting']);
  });
});
