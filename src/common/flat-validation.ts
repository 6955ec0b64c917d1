import { getMetadataStorage, ValidationArguments, ValidationTypes, ValidatorConstraintInterface } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

interface PropertyRules {
  property: string;
  /** @IsOptional and @ValidateIf: the property's rules run only when all of these hold. */
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: { validator: ValidatorConstraintInterface; metadata: ValidationMetadata }[];
}

interface ClassRules {
  known: Set<string>;
  properties: PropertyRules[];
}

const COVERED_TYPES = new Set<string>([ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);
const rulesByClass = new WeakMap<object, ClassRules | null>();

/**
 * Whether class-validator's validateSync, with the global pipe's options (whitelist, forbidden
 * unknown fields, no groups), would find nothing wrong with this instance of a flat DTO. It runs
 * class-validator's own rules, read from its metadata, without building an error object per
 * property and filtering its metadata again for every request: that was a quarter of what an
 * intake allocated (docs/performance.md). False means "ask class-validator", which then reports
 * the errors; so is any rule this check does not cover (nested, async, @IsDefined).
 */
export function passesEveryRule(entity: object): boolean {
  const rules = rulesOf(entity.constructor);
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

function rulesOf(metatype: object): ClassRules | null {
  let rules = rulesByClass.get(metatype);
  if (rules === undefined) {
    rules = compileRules(metatype as new () => object);
    rulesByClass.set(metatype, rules);
  }
  return rules;
}

function compileRules(metatype: new () => object): ClassRules | null {
  const storage = getMetadataStorage();
  // The same selection as class-validator's executor makes without groups.
  const metadatas = storage.getTargetValidationMetadatas(metatype, undefined as unknown as string, false, false);
  if (metadatas.length === 0 || metadatas.some((metadata) => !COVERED_TYPES.has(metadata.type))) return null;
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
