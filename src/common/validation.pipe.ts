import { ArgumentMetadata, Injectable, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationError, validateSync, ValidatorOptions } from 'class-validator';
import { ErrorDetail, validationFailed } from './api-error';
import { FlatRules, flatRulesOf, isFlatJson, passesEveryRule } from './flat-validation';

/** Flattens class-validator errors into one `{ field, message }` entry per offending field. */
export function toErrorDetails(errors: ValidationError[], parentPath = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const messages = Object.entries(error.constraints ?? {}).map(([rule, message]) => (rule === 'whitelistValidation' ? 'is not an accepted field' : message));
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...toErrorDetails(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, no implicit type conversion (a number sent for a date is an error, not a coincidence). */
export const STRICT_VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => validationFailed('Invalid request', toErrorDetails(errors)),
};

/** The global pipe: STRICT_VALIDATION_OPTIONS, and a body must be a JSON object. */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super(STRICT_VALIDATION_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (isDto && (metadata.type === 'body' || metadata.type === 'query') && !isPlainObject(value)) {
      throw validationFailed('Invalid request', [{ field: metadata.type, message: 'must be a JSON object' }]);
    }
    if (isDto && isPlainObject(value)) {
      refuseObjectMachineryKeys(value);
      const rules = isFlatJson(value) ? flatRulesOf(metadata.metatype!) : null;
      if (rules !== null) return this.validateFlat(value, metadata.metatype!, rules);
    }
    return super.transform(value, metadata);
  }

  /**
   * The intake hot path (flat-validation.ts): copying a flat body onto an instance is what
   * plainToInstance would do, and Nest's walks for nested and binary values find nothing;
   * skipping them is measurable on every report (docs/performance.md). Same rules, same errors.
   */
  private validateFlat(value: Record<string, unknown>, metatype: Type<unknown>, rules: FlatRules): object {
    const entity = Object.assign(new metatype() as object, value);
    if (passesEveryRule(entity, rules)) return entity;
    const errors = this.validate(entity, this.validatorOptions);
    if (errors.length > 0) throw this.exceptionFactory(errors);
    return entity;
  }

  // None of our rules is asynchronous: the synchronous run spares a promise per rule on the
  // intake hot path (docs/performance.md).
  protected override validate(object: object, validatorOptions?: ValidatorOptions): ValidationError[] {
    return validateSync(object, validatorOptions);
  }
}

// class-validator's whitelist does not see `constructor` or `prototype` as unknown fields (every
// object answers to them), so they would slip through silently: refuse them like any other.
const OBJECT_MACHINERY_KEYS = ['constructor', 'prototype', '__proto__'];

function refuseObjectMachineryKeys(value: Record<string, unknown>): void {
  const found = Object.keys(value).filter((key) => OBJECT_MACHINERY_KEYS.includes(key));
  if (found.length > 0)
    throw validationFailed(
      'Invalid request',
      found.map((field) => ({ field, message: 'is not an accepted field' })),
    );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
