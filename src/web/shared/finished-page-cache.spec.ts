import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FinishedPageCache } from './finished-page-cache';

describe(FinishedPageCache.name, () => {
  const page = (text: string) => `<p>${text}</p>`.repeat(100);

  it('keeps a page, and compresses it once per encoding', () => {
    const cache = new FinishedPageCache(1_000_000);
    expect(cache.find('snapshot-1 /statistiques', 'gzip')).toBeUndefined();
    const plain = cache.keep('snapshot-1 /statistiques', page('page 1'), 'identity');
    const gzip = cache.find('snapshot-1 /statistiques', 'gzip')!;
    expect(cache.find('snapshot-1 /statistiques', 'gzip')).toBe(gzip);
    expect(gunzipSync(gzip).equals(plain)).toBe(true);
    expect(brotliDecompressSync(cache.find('snapshot-1 /statistiques', 'br')!).equals(plain)).toBe(true);
    expect(cache.bytes).toBe(plain.length + gzip.length + cache.find('snapshot-1 /statistiques', 'br')!.length);
    // A new snapshot is a new key: never the old page.
    expect(cache.find('snapshot-2 /statistiques', 'identity')).toBeUndefined();
  });

  it('answers a page kept in an encoding in that encoding', () => {
    const cache = new FinishedPageCache(1_000_000);
    const brotli = cache.keep('key', page('page'), 'br');
    expect(brotliDecompressSync(brotli).toString()).toBe(page('page'));
    expect(cache.find('key', 'br')).toBe(brotli);
  });

  it('drops the least recently used pages once over its budget in bytes, compressed copies counted', () => {
    const size = Buffer.byteLength(page('v00'));
    const cache = new FinishedPageCache(size * 4);
    for (const key of ['v00', 'v01', 'v02', 'v03']) cache.keep(key, page(key), 'identity');
    expect(cache.size).toBe(4);
    cache.find('v00', 'identity');
    cache.keep('v04', page('v04'), 'identity');
    // v00 was used again before v04 came in; v01, the least recently used then, was dropped.
    expect(cache.find('v01', 'identity')).toBeUndefined();
    expect(cache.find('v00', 'identity')?.toString()).toBe(page('v00'));
    expect(cache.size).toBe(4);
    // A compressed copy takes room too: the least recently used goes (v02).
    cache.find('v03', 'gzip');
    expect(cache.size).toBe(3);
    expect(cache.find('v02', 'identity')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(size * 4);
  });

  it('replaces a page kept twice under one key (two requests rendered it at once) without counting it twice', () => {
    const cache = new FinishedPageCache(1_000_000);
    cache.keep('key', page('first'), 'identity');
    cache.keep('key', page('second'), 'identity');
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(Buffer.byteLength(page('second')));
    expect(cache.find('key', 'identity')?.toString()).toBe(page('second'));
  });
});
