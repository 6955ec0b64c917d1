import { describe, expect, it } from '@jest/globals';
import { ArgumentMetadata, Type, ValidationPipe } from '@nestjs/common';
import { MODULE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import { AppModule } from '../app.module';
import { validateEnvironment } from '../config/env';
import { CreateEventDto, EventListQueryDto, UpdateEventDto } from '../events/events.dto';
import { CubeCsvQueryDto, StatsCsvQueryDto } from '../exports/exports.dto';
import { ExcludeReportDto, ModerationListQueryDto } from '../moderation/moderation.dto';
import { CreateReportDto, UpdateReportDto } from '../reports/reports.dto';
import { CompareQueryDto } from '../stats/compare.dto';
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
  [
    CreateReportDto,
    'body',
    [
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
    ],
  ],
  [UpdateReportDto, 'body', [{ firstPaidOn: '2025-07-01' }, { stillWaiting: true }, { consequences: null }, { consequences: [] }, { firstPaidOn: 'demain' }]],
  [ExcludeReportDto, 'body', [{ reason: 'doublon' }, { reason: '' }, { reason: 'a\nb' }, { reason: 3 }]],
  [StatsQueryDto, 'query', [{}, { groupBy: 'region', period: '2026-Q3', kind: 'maladie', region: 'Bretagne' }, { groupBy: 'planet' }, { period: '2026-13' }]],
  [
    CompareQueryDto,
    'query',
    [
      { before: '2026-Q1', after: '2026-Q2', caisse: '751' },
      { before: 'all', after: '2026' },
      { after: '2026-05' },
      { before: '2026-01', after: '2026-02', kind: 'x' },
    ],
  ],
  [StatsCsvQueryDto, 'query', [{ dialect: 'rfc4180', caisse: '751' }, { dialect: 'tsv' }]],
  [CubeCsvQueryDto, 'query', [{}, { dialect: 'excel-fr' }, { dialect: 'x', other: '1' }]],
  [PageQueryDto, 'query', [{}, { limit: '20', offset: '40' }, { limit: '0' }, { limit: '2.5' }, { offset: 'x' }]],
  [ModerationListQueryDto, 'query', [{ moderation: 'flagged', limit: '10' }, { moderation: 'gone' }]],
  [
    CreateEventDto,
    'body',
    [
      { scope: '751', date: '2025-06-01', title: 'Réorganisation' },
      { scope: 'national', date: '2025-06-01', title: 'Décret', source: 'https://example.org/x' },
      { scope: '751', date: '2025-06-01', title: 'Décret', source: null },
      { scope: '751', date: '2025-02-30', title: 'x'.repeat(121), source: 'http://example.org' },
      { scope: 751, date: '1999-12-31', title: 'a\nb' },
      { date: '2025-06-01', title: ' ', extra: 1 },
    ],
  ],
  [UpdateEventDto, 'body', [{}, { title: 'Grève' }, { source: null }, { scope: null }, { date: 'demain' }, { source: 'ftp://example.org' }]],
  [EventListQueryDto, 'query', [{}, { scope: 'Bretagne', limit: '10' }, { scope: 'x'.repeat(61) }, { limit: '0' }]],
];

type ParamKind = 'body' | 'query' | 'param';
const PARAM_KINDS: Partial<Record<number, ParamKind>> = { [RouteParamtypes.BODY]: 'body', [RouteParamtypes.QUERY]: 'query', [RouteParamtypes.PARAM]: 'param' };

/** Every class a route hands to the global pipe, found by walking the application's modules and controllers. */
function discoverDtos(): Map<Type<unknown>, ParamKind> {
  const dtos = new Map<Type<unknown>, ParamKind>();
  const seen = new Set<unknown>();
  const visit = (entry: unknown): void => {
    const module = (entry as { module?: unknown }).module ?? entry;
    if (typeof module !== 'function' || seen.has(entry)) return;
    seen.add(entry);
    const imports = [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []), ...((entry as { imports?: unknown[] }).imports ?? [])];
    const controllers: Type<unknown>[] = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? [];
    for (const controller of controllers) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const params: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {};
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? [];
        for (const [key, { index }] of Object.entries(params)) {
          const kind = PARAM_KINDS[Number(key.split(':')[0])];
          const metatype = types[index];
          if (kind && typeof metatype === 'function' && ![Object, String, Number, Boolean, Array].includes(metatype as never))
            dtos.set(metatype as Type<unknown>, kind);
        }
      }
    }
    imports.forEach(visit);
  };
  visit(AppModule.forDatabase('postgres://localhost/unused', validateEnvironment({})));
  return dtos;
}

const DISCOVERED = discoverDtos();

/** Values of every kind a JSON body or a query string brings, and the ones a DTO's @IsIn names. */
function candidateValues(metatype: Type<unknown>, property: string): unknown[] {
  const named = getMetadataStorage()
    .getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false)
    .filter((rule) => rule.propertyName === property && Array.isArray(rule.constraints?.[0]))
    .flatMap((rule) => rule.constraints[0] as unknown[]);
  return [
    ...named,
    ...named,
    '',
    'x',
    '10',
    '-1',
    '2.5',
    '2025-06-01',
    '2025-02-30',
    'x'.repeat(600),
    7,
    0,
    2.5,
    true,
    false,
    null,
    [],
    ['x'],
    [...named.slice(0, 2)],
    { x: 1 },
  ];
}

function propertiesOf(metatype: Type<unknown>): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false);
  return [...new Set(rules.map((rule) => rule.propertyName))];
}

const CREATE_FIELDS = ['caisseCode', 'allowanceKind', 'leaveStartedOn', 'certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'consent', 'altcha'];
const UPDATE_FIELDS = ['certificateSentOn', 'firstPaidOn', 'subrogation', 'consequences', 'stillWaiting'];

describe('StrictValidationPipe', () => {
  it('runs with the options the flat-body shortcut assumes', () => {
    // flat-validation.ts reproduces validateSync with exactly these: no groups, no skipping of
    // missing or null values, unknown fields refused; any other option must be added there first.
    const pipe = strict as unknown as { validatorOptions: object; isTransformEnabled: boolean; transformOptions: object };
    expect(pipe.validatorOptions).toEqual({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    expect(pipe.isTransformEnabled).toBe(true);
    expect(pipe.transformOptions).toEqual({ enableImplicitConversion: false });
  });

  it('finds every DTO of the application and has hand-written samples, accepted and refused, for each', async () => {
    expect([...DISCOVERED.keys()].map((metatype) => metatype.name).sort()).toEqual(expect.arrayContaining(samples.map(([metatype]) => metatype.name).sort()));
    for (const [metatype, type] of DISCOVERED) {
      const entry = samples.find(([listed]) => listed === metatype);
      expect([metatype.name, entry?.[1]]).toEqual([metatype.name, type]);
      const outcomes = await Promise.all(entry![2].map((value) => outcome(reference, value, { type, metatype })));
      expect([metatype.name, outcomes.some((result) => 'class' in result), outcomes.some((result) => 'status' in result)]).toEqual([metatype.name, true, true]);
    }
  });

  it.each([...DISCOVERED].map(([metatype, type]) => [metatype.name, metatype, type] as const))(
    '%s: the same answer as Nest’s own pipe on 300 bodies drawn from its own rules',
    async (_name, metatype, type) => {
      const random = seededRandom(metatype.name.length * 7919);
      const properties = [...propertiesOf(metatype), 'unknownField'];
      for (let index = 0; index < 300; index++) {
        const value: Record<string, unknown> = {};
        for (const property of properties) {
          const values = candidateValues(metatype, property);
          if (random() < (property === 'unknownField' ? 0.05 : 0.6)) value[property] = values[Math.floor(random() * values.length)];
        }
        const metadata: ArgumentMetadata = { type, metatype };
        expect([index, await outcome(strict, value, metadata)]).toEqual([index, await outcome(reference, value, metadata)]);
      }
    },
  );

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
