import { registerDecorator, ValidationOptions } from 'class-validator';

// Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
// controls that reorder what a reader sees (the "Trojan Source" trick): a title is one line of
// text, shown escaped, that must read the same in every place it is shown. A lone surrogate is
// no character at all (in `u` mode the class matches only unpaired halves).
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u{d800}-\u{dfff}]/u;

/** True for one line of plain text: no control, separator or bidirectional-override character. */
export function isPlainTextLine(value: unknown): boolean {
  return typeof value === 'string' && !FORBIDDEN_CHARACTERS.test(value);
}

/** Counted in Unicode code points, as PostgreSQL's char_length counts them (an emoji is one). */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** One line of plain text without control characters. */
export function IsPlainTextLine(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainTextLine',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be one line of plain text, without control characters', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || isPlainTextLine(value) },
    });
}

/** The form a title is stored in: NFC, without surrounding spaces. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim();
}

/** Between `min` and `max` characters (code points) once normalised: a blank title has none. */
export function HasCharacterCount(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasCharacterCount',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [min, max],
      options: { message: `must hold ${min} to ${max} characters`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const count = characterCount(normaliseText(value));
          return count >= min && count <= max;
        },
      },
    });
}
