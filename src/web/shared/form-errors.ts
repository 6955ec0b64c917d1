import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { ApiError } from '../../common/api-error';

/** One French message per field, shown next to it and in the summary at the top. */
export type FieldErrors = Record<string, string>;

/** French wording of each rule, per field; `*` is the field's fallback. */
export type FrenchMessages = Record<string, Record<string, string>>;

/**
 * Validates a form's fields with the API's own DTO and rules (same class-validator options as the
 * global pipe), and words each failure in French.
 */
export async function validateLikeTheApi<T extends object>(
  dtoClass: new () => T,
  candidate: Record<string, unknown>,
  messages: FrenchMessages,
): Promise<{ dto: T; errors: FieldErrors }> {
  const dto = plainToInstance(dtoClass, candidate);
  const failures = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const errors: FieldErrors = {};
  for (const failure of failures) errors[failure.property] = frenchMessage(failure, messages);
  return { dto, errors };
}

function frenchMessage(failure: ValidationError, messages: FrenchMessages): string {
  const wording = messages[failure.property] ?? {};
  const rule = Object.keys(wording).find((name) => failure.constraints?.[name] !== undefined);
  return wording[rule ?? '*'] ?? wording['*'] ?? 'Cette réponse n’est pas valide.';
}

/** A VALIDATION_FAILED raised by the service itself (rules that need the database), in French. */
export function frenchErrorsOf(error: unknown, messages: FrenchMessages): FieldErrors | undefined {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return undefined;
  const errors: FieldErrors = {};
  for (const detail of error.details ?? []) {
    const wording = messages[detail.field] ?? {};
    errors[detail.field] = wording.service ?? wording['*'] ?? 'Cette réponse n’est pas valide.';
  }
  return errors;
}
