import { describe, expect, it } from '@jest/globals';
import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { CubeCsvQueryDto, StatsCsvQueryDto } from '../exports/exports.dto';
import { ExcludeReportDto, ModerationListQueryDto } from '../moderation/moderation.dto';
import { CreateReportDto, UpdateReportDto } from '../reports/reports.dto';
import { StatsQueryDto } from '../stats/stats.dto';
import { seededRandom } from '../../test/seeded-random';
import { ApiError } from './api-error';
import { needsClassTransformer, passesEveryRule } from './flat-validation';
import { PageQueryDto } from './page-query.dto';
import { STRICT_VALIDATION_OPTIONS, StrictValidationPipe } from './validation.pipe';

const strict = new StrictValidationPipe();
// Nest's own pipe with the same options: the reference the shortcut for flat bodies must match.
const reference = new ValidationPipe(STRICT_VALIDATION_OPTIONS);

async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    const result = (await pipe.transform(structuredClone(value), metadata)) as object;
    return { class: result.constructor.name, fields: { ...result } };
  } catch (error) {
    return { status: (error as ApiError).getStatus(), body: (error as ApiError).getResponse() };
  }
}

const report = { caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: '2025-06-01', consent: true };
const samples: [Type<unknown>, 'body' | 'query', unknown[]][] = [
  [CreateReportDto, 'body', [
    report,
    { ...report, firstPaidOn: '2025-07-01', certificateSentOn: '2025-06-03', subrogation: true, consequences: ['overdraft', 'borrowed'] },
    { ...report, firstPaidOn: null, certificateSentOn: null, altcha: 'abc' },
    { ...report, leaveStartedOn: '2025-02-30', consequences: ['none', 'overdraft'] },
    { ...report, firstPaidOn: '2025-05-01', consent: false, subrogation: 'yes' },
    { ...report, caisseCode: 751, allowanceKind: 'autre', extra: 1 },
    { ...report, consequences: 'overdraft' },
    { ...report, consequences: [['overdraft']] },
    { ...report, consequences: [{ kind: 'overdraft' }] },
    { ...report, leaveStartedOn: { year: 2025 } },
    {},
  ]],
  [UpdateReportDto, 'body', [{ firstPaidOn: '2025-07-01' }, { stillWaiting: true }, { consequences: null }, { consequences: [] }, { firstPaidOn: 'demain' }]],
  [ExcludeReportDto, 'body', [{ reason: 'doublon' }, { reason: '' }, { reason: 'a\nb' }, { reason: 3 }]],
  [StatsQueryDto, 'query', [{}, { groupBy: 'region', period: '2026-Q3', kind: 'maladie', region: 'Bretagne' }, { groupBy: 'planet' }, { period: '2026-13' }]],
  [StatsCsvQueryDto, 'query', [{ dialect: 'rfc4180', caisse: '751' }, { dialect: 'tsv' }]],
  [CubeCsvQueryDto, 'query', [{}, { dialect: 'excel-fr' }, { dialect: 'x', other: '1' }]],
  [PageQueryDto, 'query', [{}, { limit: '20', offset: '40' }, { limit: '0' }, { limit: '2.5' }, { offset: 'x' }]],
  [ModerationListQueryDto, 'query', [{ moderation: 'flagged', limit: '10' }, { moderation: 'gone' }]],
];

const CREATE_FIELDS = ['caisseCode', 'allowanceKind', 'leaveStartedOn', 'certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'consent', 'altcha'];
const UPDATE_FIELDS = ['certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'stillWaiting'];

describe('StrictValidationPipe', () => {
  it('knows which classes class-transformer changes', () => {
    expect(needsClassTransformer(PageQueryDto)).toBe(true);
    expect(needsClassTransformer(ModerationListQueryDto)).toBe(true);
    expect(needsClassTransformer(CreateReportDto)).toBe(false);
    expect(needsClassTransformer(StatsCsvQueryDto)).toBe(false);
  });

  it('decides a valid flat body without class-validator’s executor, and leaves doubt to it', () => {
    const fullReport = { ...report, firstPaidOn: '2025-07-01', subrogation: true, consequences: ['overdraft', 'borrowed'], altcha: 'abc' };
    expect(passesEveryRule(Object.assign(new CreateReportDto(), fullReport))).toBe(true);
    expect(passesEveryRule(Object.assign(new CreateReportDto(), { ...report, consequences: ['overdraft', 'ailleurs'] }))).toBe(false);
    expect(passesEveryRule(Object.assign(new CreateReportDto(), { ...report, extra: 1 }))).toBe(false);
    expect(passesEveryRule(Object.assign(new UpdateReportDto(), { consequences: [] }))).toBe(true);
  });

  it.each(samples.flatMap(([metatype, type, values]) => values.map((value) => [metatype.name, JSON.stringify(value), metatype, type, value] as const)))(
    '%s %s: the same instance or the same error as Nest’s own pipe',
    async (_name, _shown, metatype, type, value) => {
      const metadata: ArgumentMetadata = { type, metatype };
      const expected = await outcome(reference, value, metadata);
      expect(await outcome(strict, value, metadata)).toEqual(expected);
    },
  );

  it('agrees with Nest’s own pipe on 3,000 random report bodies and changes', async () => {
    const random = seededRandom(2026);
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
    const candidates: Record<string, unknown[]> = {
      caisseCode: ['751', '974', 751, '75', '', null, ['751']],
      allowanceKind: ['maladie', 'maternite', 'autre', 1, null],
      leaveStartedOn: ['2025-06-01', '2014-12-31', '2015-01-01', '2025-02-29', '2024-02-29', '2999-01-01', '1/6/2025', 20250601, null, undefined],
      certificateSentOn: ['2025-06-03', '2025-05-01', null, undefined, '', true],
      firstPaidOn: ['2025-07-01', '2025-05-31', '2999-01-01', null, undefined, 'hier'],
      subrogation: [true, false, 'true', 0, null, undefined],
      consequences: [[], ['none'], ['overdraft', 'borrowed'], ['none', 'overdraft'], ['overdraft', 'overdraft'], ['x'], 'none', [1], null, undefined],
      consent: [true, false, 'true', 1, undefined],
      altcha: ['abc', '', 'x'.repeat(5000), 12, undefined],
      stillWaiting: [true, false, undefined],
      receipt: ['K7QF-9XWD-M2PA-83TN', undefined, undefined, undefined],
    };
    let accepted = 0;
    for (let index = 0; index < 3000; index++) {
      const metatype = random() < 0.7 ? CreateReportDto : UpdateReportDto;
      const fields = metatype === CreateReportDto ? CREATE_FIELDS : UPDATE_FIELDS;
      const body: Record<string, unknown> = {};
      for (const [field, values] of Object.entries(candidates)) {
        // Mostly valid values and the usual fields, so that both answers come up often.
        const usual = fields.includes(field);
        if (!usual && random() < 0.95) continue;
        const value = !usual || random() < 0.3 ? pick(values) : field in report ? report[field as keyof typeof report] : undefined;
        if (value !== undefined || random() < 0.2) body[field] = value;
      }
      const metadata: ArgumentMetadata = { type: 'body', metatype };
      const expected = await outcome(reference, body, metadata);
      expect([index, await outcome(strict, body, metadata)]).toEqual([index, expected]);
      if ('class' in expected) accepted++;
    }
    // Both answers are exercised: bodies accepted, and bodies refused.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
  });

  it('returns an instance of the class with exactly the fields sent', async () => {
    const result = await strict.transform({ ...report }, { type: 'body', metatype: CreateReportDto });
    expect(result).toBeInstanceOf(CreateReportDto);
    expect(Object.entries(result as object).filter(([, value]) => value !== undefined)).toEqual(Object.entries(report));
  });
});
