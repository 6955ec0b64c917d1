import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isCalendarDate, parisToday } from '../config/paris-date';

/** An existing calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an existing date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** Not after today's date in Paris. */
export function IsNotInFuture(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must not be in the future', ...options },
      validator: { validate: (value: unknown) => !isCalendarDate(value) || value <= parisToday() },
    });
}

/** Not before a fixed date, or before the date held by another property of the same object. */
export function IsNotBefore(bound: { date: string } | { property: string }, options?: ValidationOptions): PropertyDecorator {
  const describe = 'date' in bound ? bound.date : bound.property;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [describe],
      options: { message: `must not be before ${describe}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const limit = 'date' in bound ? bound.date : (args.object as Record<string, unknown>)[bound.property];
          // Only comparable dates are compared: a malformed one is reported by its own rule.
          return !isCalendarDate(value) || !isCalendarDate(limit) || value >= limit;
        },
      },
    });
}
