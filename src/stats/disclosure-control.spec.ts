import { describe, expect, it } from '@jest/globals';
import { changesBetween } from './disclosure-control';
import { SKETCH_BUCKETS } from './report-fact-layout';

/** A change sketch of reports given as [id bucket, content bucket]. */
function sketchOf(reports: [number, number][]): Int32Array {
  const sketch = new Int32Array(2 * SKETCH_BUCKETS);
  for (const [idBucket, contentBucket] of reports) {
    sketch[idBucket]++;
    sketch[SKETCH_BUCKETS + contentBucket]++;
  }
  return sketch;
}

describe('changesBetween', () => {
  const before: [number, number][] = [[0, 3], [1, 4], [2, 5], [3, 6], [4, 7], [5, 8]];

  it('counts additions and removals exactly', () => {
    expect(changesBetween(sketchOf(before), sketchOf([...before, [7, 1], [7, 2], [9, 9]]))).toBe(3);
    expect(changesBetween(sketchOf(before), sketchOf(before.slice(2)))).toBe(2);
    expect(changesBetween(sketchOf(before), sketchOf(before))).toBe(0);
  });

  it('counts a changed report once: same id bucket, another content bucket', () => {
    const changed = before.map(([id, content], index): [number, number] => (index < 3 ? [id, (content + 8) % 16] : [id, content]));
    expect(changesBetween(sketchOf(before), sketchOf(changed))).toBe(3);
  });

  it('never counts more changes than there were (collisions only under-count)', () => {
    // One report removed and another added in the same buckets: they cancel, 0 ≤ 2.
    const swapped: [number, number][] = [...before.slice(1), [0, 3]];
    expect(changesBetween(sketchOf(before), sketchOf(swapped))).toBe(0);
  });
});
