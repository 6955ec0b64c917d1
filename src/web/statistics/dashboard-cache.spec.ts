import { gunzipSync } from 'node:zlib';
import { DashboardCache } from './dashboard-cache';

describe(DashboardCache.name, () => {
  it('renders a view once, and compresses it once per encoding', () => {
    const cache = new DashboardCache();
    let renders = 0;
    const render = () => `<p>page ${++renders}</p>`.repeat(100);
    const plain = cache.body('snapshot-1 /statistiques', 'identity', render);
    const gzip = cache.body('snapshot-1 /statistiques', 'gzip', render);
    expect(cache.body('snapshot-1 /statistiques', 'gzip', render)).toBe(gzip);
    expect(gunzipSync(gzip).equals(plain)).toBe(true);
    expect(renders).toBe(1);
    // A new snapshot is a new key: never the old page.
    expect(cache.body('snapshot-2 /statistiques', 'identity', render).toString()).toContain('page 2');
  });

  it('keeps the 64 most recently used views', () => {
    const cache = new DashboardCache();
    const rendered: string[] = [];
    const view = (key: string) => cache.body(key, 'identity', () => (rendered.push(key), key));
    for (let index = 0; index < 64; index++) view(`v${index}`);
    view('v0');
    view('v64');
    expect(cache.size).toBe(64);
    view('v0');
    view('v1');
    // v0 was used again before v64 came in; v1, the least recently used then, was dropped.
    expect(rendered.filter((key) => key === 'v0')).toHaveLength(1);
    expect(rendered.filter((key) => key === 'v1')).toHaveLength(2);
  });
});
