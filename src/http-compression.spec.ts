import { isCompressible } from './http-compression';

describe(isCompressible.name, () => {
  it.each([
    'text/html; charset=utf-8',
    'application/json; charset=utf-8',
    'text/csv; charset=utf-8',
    'image/svg+xml',
    'text/css; charset=utf-8',
    'text/javascript; charset=utf-8',
    'application/problem+json',
  ])('compresses %s', (contentType) => {
    expect(isCompressible(contentType)).toBe(true);
  });

  it.each([
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
    'image/png',
    'application/zip',
    'application/gzip',
    'application/octet-stream',
    'text/event-stream',
    'image/svg+xmlz',
  ])('never compresses %s (already compressed, or not ours to guess)', (contentType) => {
    expect(isCompressible(contentType)).toBe(false);
  });
});
