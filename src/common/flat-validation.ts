import type { Type } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationArguments, ValidationTypes, ValidatorConstraintInterface } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// The intake's hot path (StrictValidationPipe): a body of plain values for a DTO that
// class-transformer leaves alone is copied onto an instance, and its rules are run straight from
// class-validator's metadata; class-validator's executor runs only when one fails, to build the
// errors. The executor built an error object per property and filtered its metadata again on
// every call (what that cost an intake: docs/performance.md).

interface PropertyRules {
  property: string;
  /** @IsOptional and @ValidateIf: the property's rules run only when all of these hold. */
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: { validator: ValidatorConstraintInterface; metadata: ValidationMetadata }[];
}

/** A flat DTO's rules, read once per class. */
export interface FlatRules {
  known: Set<string>;
  properties: PropertyRules[];
}

const COVERED_TYPES = new Set<string>([ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);
const rulesByClass = new WeakMap<object, FlatRules | null>();

/**
 * The rules of a class this shortcut may validate, or null: class-transformer would change its
 * values, or a rule is of a kind the check does not cover (nested, @IsDefined).
 */
export function flatRulesOf(metatype: Type<unknown>): FlatRules | null {
  let rules = rulesByClass.get(metatype);
  if (rules === undefined) {
    // The same selection as class-validator's executor makes without groups.
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false);
    const covered = metadatas.length > 0 && metadatas.every((metadata) => COVERED_TYPES.has(metadata.type));
    rules = covered && !needsClassTransformer(metatype, metadatas) ? compileRules(metadatas) : null;
    rulesByClass.set(metatype, rules);
  }
  return rules;
}

/** Strings, numbers, booleans and null, or arrays of them without gaps: what a flat DTO receives. */
export function isFlatJson(value: Record<string, unknown>): boolean {
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

/**
 * Whether class-validator's validateSync, with the global pipe's options (whitelist, forbidden
 * unknown fields, no groups), would find nothing wrong with this instance of a flat DTO. False
 * means "ask class-validator", which then reports the errors; so does an asynchronous verdict.
 */
export function passesEveryRule(entity: object, rules = flatRulesOf(entity.constructor as Type<unknown>)): boolean {
  if (rules === null) return false;
  for (const key of Object.keys(entity)) if (!rules.known.has(key)) return false;
  for (const { property, conditions, checks } of rules.properties) {
    const value = (entity as Record<string, unknown>)[property];
    if (!conditions.every((condition) => condition(entity, value))) continue;
    for (const { validator, metadata } of checks) {
      if (metadata.validateIf && !metadata.validateIf(entity, value)) continue;
      const args: ValidationArguments = { targetName: entity.constructor.name, property, object: entity, value, constraints: metadata.constraints };
      if (!passes(validator, value, args, metadata.each)) return false;
    }
  }
  return true;
}

/** Whether class-transformer would change a flat value for this class (@Type, @Transform, @Expose, @Exclude). */
export function needsClassTransformer(
  metatype: Type<unknown>,
  metadatas = getMetadataStorage().getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false),
): boolean {
  const properties = new Set(metadatas.map((rule) => rule.propertyName));
  return (
    defaultMetadataStorage.getExposedMetadatas(metatype).length > 0 ||
    defaultMetadataStorage.getExcludedMetadatas(metatype).length > 0 ||
    [...properties].some(
      (property) =>
        defaultMetadataStorage.findTypeMetadata(metatype, property) !== undefined ||
        defaultMetadataStorage.findTransformMetadatas(metatype, property, TransformationType.PLAIN_TO_CLASS).length > 0,
    )
  );
}

// `each`: every item of an array must pass (a flat body holds no Set or Map). An asynchronous
// verdict is left to class-validator, as validateSync ignores it.
function passes(validator: ValidatorConstraintInterface, value: unknown, args: ValidationArguments, each: boolean): boolean {
  if (!each || !Array.isArray(value)) return isPass(validator.validate(value, args));
  for (const item of value) if (!isPass(validator.validate(item, args))) return false;
  return true;
}

function isPass(verdict: unknown): boolean {
  return Boolean(verdict) && !(verdict instanceof Promise);
}

function isPlainScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function compileRules(metadatas: ValidationMetadata[]): FlatRules {
  const storage = getMetadataStorage();
  const properties = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    const rules = properties.get(metadata.propertyName) ?? { property: metadata.propertyName, conditions: [], checks: [] };
    properties.set(metadata.propertyName, rules);
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      rules.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
    } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        // validateSync skips asynchronous rules too.
        if (!constraint.async) rules.checks.push({ validator: constraint.instance, metadata });
      }
    }
  }
  return { known: new Set(properties.keys()), properties: [...properties.values()] };
}
