import { validationFailed } from '../common/api-error';

const VISIBLE_ASCII_KEY = /^[\x21-\x7e]{1,255}$/;

/** `Idempotency-Key`: absent, or 1-255 visible ASCII characters. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!VISIBLE_ASCII_KEY.test(value)) {
    throw validationFailed('Invalid request', [{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return value;
}
