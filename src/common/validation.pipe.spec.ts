import { describe, expect, it } from '@jest/globals';
import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { CubeCsvQueryDto, StatsCsvQueryDto } from '../exports/exports.dto';
import { ExcludeReportDto, ModerationListQueryDto } from '../moderation/moderation.dto';
import { CreateReportDto, UpdateReportDto } from '../reports/reports.dto';
import { StatsQueryDto } from '../stats/stats.dto';
import { ApiError } from './api-error';
import { PageQueryDto } from './page-query.dto';
import { needsClassTransformer, STRICT_VALIDATION_OPTIONS, StrictValidationPipe } from './validation.pipe';

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

describe('StrictValidationPipe', () => {
  it('knows which classes class-transformer changes', () => {
    expect(needsClassTransformer(PageQueryDto)).toBe(true);
    expect(needsClassTransformer(ModerationListQueryDto)).toBe(true);
    expect(needsClassTransformer(CreateReportDto)).toBe(false);
    expect(needsClassTransformer(StatsCsvQueryDto)).toBe(false);
  });

  it.each(samples.flatMap(([metatype, type, values]) => values.map((value) => [metatype.name, JSON.stringify(value), metatype, type, value] as const)))(
    '%s %s: the same instance or the same error as Nest’s own pipe',
    async (_name, _shown, metatype, type, value) => {
      const metadata: ArgumentMetadata = { type, metatype };
      const expected = await outcome(reference, value, metadata);
      expect(await outcome(strict, value, metadata)).toEqual(expected);
    },
  );

  it('returns an instance of the class with exactly the fields sent', async () => {
    const result = await strict.transform({ ...report }, { type: 'body', metatype: CreateReportDto });
    expect(result).toBeInstanceOf(CreateReportDto);
    expect(Object.entries(result as object).filter(([, value]) => value !== undefined)).toEqual(Object.entries(report));
  });
});
