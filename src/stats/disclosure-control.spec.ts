import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../test/seeded-random';
import { binOf, delayBins } from './delay-bins';
import { NoiseSource } from './discrete-gaussian';
import { changesBetween, ProtectedCell, protectCube } from './disclosure-control';
import { SKETCH_BUCKETS } from './report-fact-layout';
import { CellAggregate, sumAggregates } from './stats-cube-builder';

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
  const before: [number, number][] = [
    [0, 3],
    [1, 4],
    [2, 5],
    [3, 6],
    [4, 7],
    [5, 8],
  ];

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

describe('protectCube', () => {
  const bins = delayBins(30);
  const width = bins.times.length;
  const noise = { figures: new NoiseSource(Buffer.alloc(32, 1), 'figures'), gate: new NoiseSource(Buffer.alloc(32, 1), 'gate') };
  const options = (epoch = 1) => ({ minGroupSize: 11, thresholdDays: 30, bins, noise, epoch });

  /** A cell of `size` random reports, its content key and sketch drawn from the same generator. */
  function randomCell(random: () => number, size: number): CellAggregate {
    const main = new Int32Array(2 * width);
    const sketch = new Int32Array(2 * SKETCH_BUCKETS);
    let keyA = 0;
    let keyB = 0;
    for (let i = 0; i < size; i++) {
      main[binOf(bins, Math.floor(random() * 120)) + (random() < 0.8 ? 0 : width)]++;
      sketch[Math.floor(random() * SKETCH_BUCKETS)]++;
      sketch[SKETCH_BUCKETS + Math.floor(random() * SKETCH_BUCKETS)]++;
      keyA = (keyA + Math.floor(random() * 2 ** 32)) % 2 ** 32;
      keyB = (keyB + Math.floor(random() * 2 ** 32)) % 2 ** 32;
    }
    return { main, fund: new Int32Array(2 * width), consequences: new Int32Array(6), sketch, contentKey: [keyA, keyB] };
  }

  const fate = (cell: ProtectedCell) => JSON.stringify([cell.suppressed, cell.fundPartSuppressed, cell.consequencesSuppressed, cell.figures]);

  it('decides each cell alone: the same result whatever the order of the cells (seeded, 300 random cubes)', () => {
    const random = seededRandom(2026);
    for (let cube = 0; cube < 300; cube++) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, index) => ({ index, aggregate: randomCell(random, Math.floor(random() * 40)) }));
      const inOrder = new Map(protectCube(cells, new Map(), options()).map((cell) => [cell.index, fate(cell)]));
      const shuffled = [...cells].sort(() => random() - 0.5);
      const reordered = new Map(protectCube(shuffled, new Map(), options()).map((cell) => [cell.index, fate(cell)]));
      expect(reordered).toEqual(inOrder);
    }
  });

  it('gives cells that hold the same reports the same figures and fate (a département served by one fund)', () => {
    const random = seededRandom(48);
    for (let trial = 0; trial < 200; trial++) {
      const aggregate = randomCell(random, 5 + Math.floor(random() * 30));
      const cells = protectCube(
        [
          { index: 1, aggregate },
          { index: 2, aggregate },
        ],
        new Map(),
        options(trial),
      );
      // Both released with the same figures, or neither (the gate is keyed by contents too).
      expect(cells.length === 0 || (cells.length === 2 && fate(cells[0]) === fate(cells[1]))).toBe(true);
    }
  });

  it('suppresses a cell exactly when its noisy count is under the threshold, and never publishes a single report', () => {
    const random = seededRandom(11);
    let published = 0;
    for (let trial = 0; trial < 3_000; trial++) {
      const size = Math.floor(random() * 25);
      const [cell] = protectCube([{ index: 0, aggregate: randomCell(random, size) }], new Map(), options());
      if (!cell) continue;
      expect(cell.suppressed).toBe(cell.figures!.reports < 11);
      if (!cell.suppressed) published++;
      if (size <= 1) expect(cell.suppressed).toBe(true);
    }
    expect(published).toBeGreaterThan(500);
  });

  it('keeps a release until a noisy count of changes reaches 5; a cell unchanged shows the same figures either way', () => {
    const random = seededRandom(5);
    let kept = 0;
    for (let trial = 0; trial < 300; trial++) {
      const aggregate = randomCell(random, 30);
      const [first] = protectCube([{ index: 0, aggregate }], new Map(), options(1));
      const previous = new Map([[0, { sketch: first.sketch, suppressed: first.suppressed, fundPartSuppressed: false, consequencesSuppressed: false }]]);
      const [again] = protectCube([{ index: 0, aggregate }], previous, options(2));
      if (again.figures === null) kept++;
      else expect(fate(again)).toBe(fate(first));
      // Twenty more reports: far past the gate whatever its noise.
      const grown = sumAggregates([aggregate, randomCell(random, 20)])!;
      const [next] = protectCube([{ index: 0, aggregate: grown }], new Map(previous), options(2));
      expect(next.figures).not.toBeNull();
    }
    expect(kept).toBeGreaterThan(280);
  });

  it('lets the gate count about half of the releases at exactly 5 changes, few at 1 (its noise hides who changed)', () => {
    const random = seededRandom(6);
    const releasedAfter = (changes: number) => {
      let released = 0;
      for (let trial = 0; trial < 2_000; trial++) {
        const before = randomCell(random, 20);
        const after = sumAggregates([before, randomCell(random, changes)])!;
        const previous = new Map([[0, { sketch: before.sketch, suppressed: false, fundPartSuppressed: false, consequencesSuppressed: false }]]);
        if (protectCube([{ index: 0, aggregate: after }], previous, options(trial))[0].figures !== null) released++;
      }
      return released / 2_000;
    };
    // P(changes + N(0, 4) ≥ 5) for a discrete Gaussian: about 0.6 at 5, 0.4 at 4, 0.02 at 1.
    expect(releasedAfter(5)).toBeGreaterThan(0.5);
    expect(releasedAfter(5)).toBeLessThan(0.7);
    expect(releasedAfter(4)).toBeGreaterThan(0.3);
    expect(releasedAfter(4)).toBeLessThan(0.5);
    expect(releasedAfter(1)).toBeLessThan(0.05);
  });

  it('unpublishes a cell whose reports all left once the change passes the gate, keeps it otherwise', () => {
    const random = seededRandom(9);
    const many = randomCell(random, 40);
    const previous = new Map([[3, { sketch: many.sketch, suppressed: false, fundPartSuppressed: false, consequencesSuppressed: false }]]);
    expect(protectCube([], previous, options())).toEqual([]);
    let kept = 0;
    for (let epoch = 0; epoch < 500; epoch++) {
      const few = randomCell(random, 1);
      const cells = protectCube(
        [],
        new Map([[3, { sketch: few.sketch, suppressed: true, fundPartSuppressed: true, consequencesSuppressed: true }]]),
        options(epoch),
      );
      if (cells.length === 1) {
        expect([cells[0].index, cells[0].figures, cells[0].suppressed]).toEqual([3, null, true]);
        kept++;
      }
    }
    // P(1 + N(0, 4) < 5) ≈ 0.97
    expect(kept).toBeGreaterThan(450);
  });
});
