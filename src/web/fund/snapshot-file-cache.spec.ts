import { SnapshotFileCache } from './snapshot-file-cache';

describe(SnapshotFileCache.name, () => {
  it('renders once per set of inputs, shares a rendering in progress, and renders again for other figures', async () => {
    const cache = new SnapshotFileCache(10);
    let renders = 0;
    const render = (text: string) => async () => {
      renders += 1;
      return Buffer.from(text);
    };
    const [first, concurrent] = await Promise.all([cache.get({ median: 28 }, render('a')), cache.get({ median: 28 }, render('b'))]);
    expect(concurrent).toBe(first);
    expect(renders).toBe(1);
    expect((await cache.get({ median: 35 }, render('c'))).toString()).toBe('c');
    expect(renders).toBe(2);
  });

  it('drops the oldest file past its capacity, and keeps no failed rendering', async () => {
    const cache = new SnapshotFileCache(2);
    const render = (text: string) => () => Promise.resolve(Buffer.from(text));
    await cache.get(1, render('one'));
    await cache.get(2, render('two'));
    await cache.get(3, render('three'));
    expect((await cache.get(1, render('one again'))).toString()).toBe('one again');
    await expect(cache.get(4, () => Promise.reject(new Error('renderer failed')))).rejects.toThrow('renderer failed');
    expect((await cache.get(4, render('four'))).toString()).toBe('four');
  });
});
