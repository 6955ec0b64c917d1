import { describe, expect, it, jest } from '@jest/globals';

const setFlagsFromString = jest.fn();
jest.mock('node:v8', () => ({ setFlagsFromString }));

import { collectGarbageSooner, withGarbageCollectedSooner } from './heap-tuning';

describe('collectGarbageSooner', () => {
  it('holds the setting until the last of overlapping jobs ends, then gives V8 its own heuristics back', async () => {
    const first = collectGarbageSooner();
    const second = collectGarbageSooner();
    expect(setFlagsFromString.mock.calls).toEqual([['--heap-growing-percent=30']]);
    first();
    first(); // a second call of the same release counts once
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    second();
    expect(setFlagsFromString.mock.calls).toEqual([['--heap-growing-percent=30'], ['--heap-growing-percent=0']]);

    setFlagsFromString.mockClear();
    await expect(withGarbageCollectedSooner(async () => { throw new Error('refresh failed'); })).rejects.toThrow('refresh failed');
    expect(setFlagsFromString.mock.calls).toEqual([['--heap-growing-percent=30'], ['--heap-growing-percent=0']]);
  });
});
