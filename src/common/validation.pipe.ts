import { ArgumentMetadata, Injectable, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationError, validateSync, ValidatorOptions } from 'class-validator';
import { ErrorDetail, validationFailed } from './api-error';
import { passesEveryRule } from './flat-validation';

/** Flattens class-validator errors into one `{ field, message }` entry per offending field. */
export function toErrorDetails(errors: ValidationError[], parentPath = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const messages = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      rule === 'whitelistValidation' ? 'is not an accepted field' : message,
    );
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
      if (isFlatJson(value) && !needsClassTransformer(metadata.metatype!)) return this.validateFlat(value, metadata.metatype!);
    }
    return super.transform(value, metadata);
  }

  /**
   * The intake hot path: a body of plain values (no nested object) for a class that
   * class-transformer has nothing to do on. Copying it onto an instance is what plainToInstance
   * would do, and Nest's walks for nested and binary values find nothing; skipping them spares
   * a sixth of a report's CPU (docs/performance.md). Same rules, same errors.
   */
  private validateFlat(value: Record<string, unknown>, metatype: Type<unknown>): object {
    const entity = Object.assign(new metatype() as object, value);
    if (passesEveryRule(entity)) return entity;
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
  if (found.length > 0) throw validationFailed('Invalid request', found.map((field) => ({ field, message: 'is not an accepted field' })));
}

// Strings, numbers, booleans and null, or arrays of them without gaps: what a flat DTO receives.
function isFlatJson(value: Record<string, unknown>): boolean {
  for (const key in value) {
    const field = value[key];
    if (Array.isArray(field)) {
      for (let index = 0; index < field.length; index++) if (!isPlainScalar(field[index])) return false;
    } else if (!isPlainScalar(field)) {
      return false;
    }
  }
  return true;
}

function isPlainScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

const transformedClasses = new WeakMap<object, boolean>();

/** Whether class-transformer would change a flat value for this class (@Type, @Transform, @Expose, @Exclude). */
export function needsClassTransformer(metatype: Type<unknown>): boolean {
  let answer = transformedClasses.get(metatype);
  if (answer === undefined) {
    const properties = new Set(getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).map((rule) => rule.propertyName));
    answer =
      defaultMetadataStorage.getExposedMetadatas(metatype).length > 0 ||
      defaultMetadataStorage.getExcludedMetadatas(metatype).length > 0 ||
      [...properties].some(
        (property) =>
          defaultMetadataStorage.findTypeMetadata(metatype, property) !== undefined ||
          defaultMetadataStorage.findTransformMetadatas(metatype, property, TransformationType.PLAIN_TO_CLASS).length > 0,
      );
    transformedClasses.set(metatype, answer);
  }
  return answer;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
