import { expect } from '@jest/globals';

/** Every error answer: statusCode, an upper-case code, a message, and details naming fields. */
export function expectErrorShape(body: unknown, statusCode: number, code: string, fields?: string[]): void {
  const error = body as { statusCode: number; code: string; message: string; details?: { field: string; message: string }[] };
  expect(error.statusCode).toBe(statusCode);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(Object.keys(error).sort()).toEqual(error.details ? ['code', 'details', 'message', 'statusCode'] : ['code', 'message', 'statusCode']);
  if (fields) {
    expect(error.details?.map((detail) => detail.field).sort()).toEqual([...fields].sort());
    for (const detail of error.details ?? []) expect(detail.message.length).toBeGreaterThan(0);
  }
}
