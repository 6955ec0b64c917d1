import { describe, expect, it } from '@jest/globals';
import { NOISE_VARIANCE } from './noisy-release';
import { binomial, multinomial, seededRandom, seedOf, simulatedNoise } from './simulation-random';

const moments = (draw: () => number, count: number) => {
  const values = Array.from({ length: count }, draw);
  const mean = values.reduce((a, b) => a + b, 0) / count;
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1), values };
};

describe('simulation draws', () => {
  it('draws the release noise with mean 0 and variance NOISE_VARIANCE, as whole numbers', () => {
    const random = seededRandom(1);
    const { mean, variance, values } = moments(() => simulatedNoise(random), 100000);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - NOISE_VARIANCE) / NOISE_VARIANCE).toBeLessThan(0.03);
    expect(values.every(Number.isInteger)).toBe(true);
  });

  it('draws binomials with mean np and variance np(1 − p), on both sides of the normal approximation', () => {
    const random = seededRandom(2);
    for (const [n, p] of [
      [20, 0.3],
      [300, 0.05],
      [2000, 0.4],
      [50, 0.9],
    ]) {
      const { mean, variance } = moments(() => binomial(random, n, p), 40000);
      expect(Math.abs(mean - n * p) / Math.sqrt(n * p * (1 - p))).toBeLessThan(0.05);
      expect(Math.abs(variance / (n * p * (1 - p)) - 1)).toBeLessThan(0.05);
    }
  });

  it('spreads exactly n draws over the categories with weight, none over empty ones', () => {
    const random = seededRandom(3);
    const weights = Int32Array.from([5, 0, 10, 0, 5]);
    const totals = new Float64Array(5);
    for (let trial = 0; trial < 2000; trial++) {
      const counts = multinomial(random, 40, weights);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
      counts.forEach((count, index) => (totals[index] += count));
    }
    expect(totals[1] + totals[3]).toBe(0);
    expect(totals[2] / (2000 * 40)).toBeCloseTo(0.5, 2);
  });

  it('seeds by content: the same counts, the same seed', () => {
    expect(seedOf([1, 2, 3], [4])).toBe(seedOf(Int32Array.from([1, 2, 3]), [4]));
    expect(seedOf([1, 2, 3], [4])).not.toBe(seedOf([1, 2], [3, 4]));
  });
});
