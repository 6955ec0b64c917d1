import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressBody, isCompressible, preferredEncoding } from './http-compression';

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

describe(preferredEncoding.name, () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
  ])('answers %p with %s', (acceptEncoding, expected) => {
    expect(preferredEncoding(acceptEncoding)).toBe(expected);
  });
});

describe(compressBody.name, () => {
  it('compresses with brotli or gzip, and decodes back to the same bytes', () => {
    const body = Buffer.from('<p>délai médian</p>'.repeat(200));
    expect(brotliDecompressSync(compressBody(body, 'br')).equals(body)).toBe(true);
    expect(gunzipSync(compressBody(body, 'gzip')).equals(body)).toBe(true);
    expect(compressBody(body, 'identity')).toBe(body);
  });
});
