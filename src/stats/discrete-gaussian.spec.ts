import { describe, expect, it } from '@jest/globals';
import { bernoulliExpMinus, discreteGaussian, NoiseSource } from './discrete-gaussian';

const SECRET = Buffer.alloc(32, 7);

/** The discrete Gaussian's probabilities, computed here from its definition: P(x) ∝ exp(−x²/2σ²). */
function discreteGaussianPmf(variance: number, range: number): Map<number, number> {
  const weights = new Map<number, number>();
  let total = 0;
  for (let x = -range; x <= range; x++) {
    const weight = Math.exp((-x * x) / (2 * variance));
    weights.set(x, weight);
    total += weight;
  }
  for (const [x, weight] of weights) weights.set(x, weight / total);
  return weights;
}

/** Pearson's chi-square of observed counts against expected probabilities, tails pooled below 5 expected. */
function chiSquare(counts: Map<number, number>, pmf: Map<number, number>, samples: number): { statistic: number; degrees: number } {
  let statistic = 0;
  let degrees = -1;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (const [x, probability] of pmf) {
    const expected = probability * samples;
    const observed = counts.get(x) ?? 0;
    if (expected < 5) {
      pooledObserved += observed;
      pooledExpected += expected;
      continue;
    }
    statistic += (observed - expected) ** 2 / expected;
    degrees++;
  }
  statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
  degrees++;
  return { statistic, degrees };
}

describe('discreteGaussian', () => {
  it.each([1, 4, 9])('follows N_Z(0, %i) (chi-square against the exact probabilities)', (variance) => {
    const source = new NoiseSource(SECRET, `distribution-${variance}`);
    const counts = new Map<number, number>();
    const samples = 60_000;
    let sum = 0;
    let squares = 0;
    for (let cell = 0; cell < samples / 20; cell++) {
      const random = source.forCell([cell, 17]);
      for (let i = 0; i < 20; i++) {
        const x = discreteGaussian(random, variance);
        counts.set(x, (counts.get(x) ?? 0) + 1);
        sum += x;
        squares += x * x;
      }
    }
    const { statistic, degrees } = chiSquare(counts, discreteGaussianPmf(variance, 60), samples);
    // 99.9th percentile of chi-square: about degrees + 3.1·sqrt(2·degrees) + 7 for these sizes.
    expect(statistic).toBeLessThan(degrees + 3.1 * Math.sqrt(2 * degrees) + 7);
    expect(Math.abs(sum / samples)).toBeLessThan(0.05 * Math.sqrt(variance));
    // The discrete Gaussian's variance is within 1 % of σ² for σ² ≥ 1.
    expect(squares / samples / variance).toBeGreaterThan(0.96);
    expect(squares / samples / variance).toBeLessThan(1.04);
  });

  it('draws Bernoulli(exp(−n/d)) exactly, also past 1', () => {
    const random = new NoiseSource(SECRET, 'bernoulli').forCell([1, 2]);
    for (const [numerator, denominator] of [
      [1, 3],
      [5, 2],
      [0, 1],
    ]) {
      let hits = 0;
      for (let i = 0; i < 40_000; i++) if (bernoulliExpMinus(random, numerator, denominator)) hits++;
      const expected = Math.exp(-numerator / denominator);
      expect(Math.abs(hits / 40_000 - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 40_000) + 1e-9);
    }
  });

  it('gives the same noise to the same content key, and other noise to another key, secret or purpose', () => {
    const draw = (secret: Buffer, purpose: string, key: [number, number], salt = 0) => {
      const random = new NoiseSource(secret, purpose).forCell(key, salt);
      return Array.from({ length: 50 }, () => discreteGaussian(random, 4));
    };
    const reference = draw(SECRET, 'figures', [123, 456]);
    expect(draw(SECRET, 'figures', [123, 456])).toEqual(reference);
    expect(draw(SECRET, 'figures', [123, 457])).not.toEqual(reference);
    expect(draw(SECRET, 'figures', [124, 456])).not.toEqual(reference);
    expect(draw(SECRET, 'figures', [123, 456], 1)).not.toEqual(reference);
    expect(draw(SECRET, 'gate', [123, 456])).not.toEqual(reference);
    expect(draw(Buffer.alloc(32, 8), 'figures', [123, 456])).not.toEqual(reference);
  });

  it('refuses a variance that is not a positive integer (the exact sampler needs rational arithmetic)', () => {
    const random = new NoiseSource(SECRET, 'x').forCell([0, 0]);
    expect(() => discreteGaussian(random, 0)).toThrow(RangeError);
    expect(() => discreteGaussian(random, 2.5)).toThrow(RangeError);
  });
});
