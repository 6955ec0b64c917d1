import { DigestVersion } from './digest-version';

describe(DigestVersion.name, () => {
  let digest: string;
  let reads: number;
  let clock: number;
  let version: DigestVersion;

  beforeEach(() => {
    digest = 'empty';
    reads = 0;
    clock = 0;
    version = new DigestVersion(
      async () => {
        reads += 1;
        return digest;
      },
      1_000,
      () => clock,
    );
  });

  it('reads the digest at most once a second, and grows when it changed', async () => {
    const first = await version.current();
    digest = 'one event';
    expect(await version.current()).toBe(first);
    clock = 999;
    expect(await version.current()).toBe(first);
    expect(reads).toBe(1);
    clock = 1_000;
    expect(await version.current()).toBeGreaterThan(first);
    expect(reads).toBe(2);
  });

  it('stays the same while the digest does', async () => {
    const first = await version.current();
    clock = 5_000;
    expect(await version.current()).toBe(first);
  });

  it('never gives an earlier number back when the digest comes back (an event added then deleted)', async () => {
    const before = await version.current();
    digest = 'one event';
    version.changed();
    const added = await version.current();
    digest = 'empty';
    version.changed();
    const deleted = await version.current();
    expect(new Set([before, added, deleted]).size).toBe(3);
    expect(deleted).toBeGreaterThan(added);
  });

  it('reads again at once after a change made here, and after a failed read', async () => {
    await version.current();
    version.changed();
    await version.current();
    expect(reads).toBe(2);
    const failing = new DigestVersion(
      async () => {
        reads += 1;
        if (reads === 3) throw new Error('connection lost');
        return digest;
      },
      1_000,
      () => clock,
    );
    await expect(failing.current()).rejects.toThrow('connection lost');
    await expect(failing.current()).resolves.toBe(1);
  });
});
