import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, registerDecorator, ValidationOptions } from 'class-validator';
import { CONSEQUENCES } from './report.entity';

/** `none` means "the wait caused nothing": it cannot stand beside another consequence. */
export function NoneAlone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noneAlone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '"none" must be the only value when given', ...options },
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || !value.includes('none') || value.length === 1,
      },
    });
}

/** An array of distinct consequence values, `none` alone. */
export function IsConsequenceList(): PropertyDecorator {
  return applyDecorators(IsArray(), ArrayMaxSize(CONSEQUENCES.length), ArrayUnique(), IsIn(CONSEQUENCES, { each: true }), NoneAlone());
}
