import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../test/seeded-random';
import { histogram, referenceSurvdiff, referenceSurvival, Row, upperIncompleteGammaRegularized } from '../../test/survival-reference';
import { chiSquareOneDegreeTail, logRankTest, shareDifference } from './survival-comparison';

function generatedRows(random: () => number, count: number, scale: number): Row[] {
  // Whole days (many ties) and about a quarter still waiting (censored).
  return Array.from({ length: count }, () => {
    const delay = Math.round(-scale * Math.log(1 - random()));
    return random() < 0.25 ? { time: Math.floor(delay * random()), paid: false } : { time: delay, paid: true };
  });
}

describe('logRankTest', () => {
  it('gives R survdiff’s answer on the aml data (maintained against non-maintained chemotherapy)', () => {
    const row = (time: number, paid = true): Row => ({ time, paid });
    const maintained = [row(9), row(13), row(13, false), row(18), row(23), row(28, false), row(31), row(34), row(45, false), row(48), row(161, false)];
    const nonMaintained = [row(5), row(5), row(8), row(8), row(12), row(16, false), row(23), row(27), row(30), row(33), row(43), row(45)];
    const test = logRankTest(histogram(maintained), histogram(nonMaintained))!;
    // survdiff(Surv(time, status) ~ x, data = aml): Observed 7, Expected 10.69, Chisq = 3.4 on 1 df, p = 0.07.
    expect(test.observedFirst).toBe(7);
    expect(test.expectedFirst).toBeCloseTo(10.69, 2);
    expect(test.chiSquare).toBeCloseTo(3.4, 1);
    expect(test.pValue).toBeCloseTo(0.07, 2);
  });

  it('equals the reference survdiff to 1e-6 on generated data with ties and censoring', () => {
    const random = seededRandom(14);
    for (let trial = 0; trial < 200; trial++) {
      const first = generatedRows(random, 5 + Math.floor(random() * 80), 20 + random() * 30);
      const second = generatedRows(random, 5 + Math.floor(random() * 80), 20 + random() * 30);
      const reference = referenceSurvdiff(first, second);
      const test = logRankTest(histogram(first), histogram(second));
      if (!Number.isFinite(reference.chiSquare)) {
        expect(test).toBeNull();
        continue;
      }
      expect(test!.observedFirst).toBe(reference.observed);
      expect(Math.abs(test!.expectedFirst - reference.expected)).toBeLessThan(1e-9);
      expect(Math.abs(test!.chiSquare - reference.chiSquare)).toBeLessThan(1e-6 * Math.max(1, reference.chiSquare));
      expect(Math.abs(test!.pValue - reference.pValue)).toBeLessThan(1e-6);
    }
  });

  it('is null when nobody was paid', () => {
    expect(logRankTest(histogram([{ time: 4, paid: false }]), histogram([{ time: 9, paid: false }]))).toBeNull();
  });
});

describe('chiSquareOneDegreeTail', () => {
  it('matches the incomplete gamma function over the range of p-values', () => {
    for (const x of [0, 1e-6, 0.1, 0.5, 1, 2, 3.841458820694124, 6.634896601021214, 10, 20, 40]) {
      expect(Math.abs(chiSquareOneDegreeTail(x) - upperIncompleteGammaRegularized(0.5, x / 2))).toBeLessThan(1e-10);
    }
    // The 5 % and 1 % critical values of χ²₁.
    expect(chiSquareOneDegreeTail(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(chiSquareOneDegreeTail(6.634896601021214)).toBeCloseTo(0.01, 12);
  });
});

describe('shareDifference', () => {
  it('gives the difference of the shares unpaid after the threshold with a 95 % Greenwood interval, as computed on rows', () => {
    const random = seededRandom(15);
    for (let trial = 0; trial < 200; trial++) {
      const first = generatedRows(random, 11 + Math.floor(random() * 80), 25);
      const second = generatedRows(random, 11 + Math.floor(random() * 80), 40);
      const [a, b] = [referenceSurvival(first, 30), referenceSurvival(second, 30)];
      const result = shareDifference(histogram(first), histogram(second), 30);
      const spread = 1.959963984540054 * Math.sqrt(a.variance + b.variance);
      if (!Number.isFinite(spread)) {
        expect(result).toBeNull();
        continue;
      }
      expect(Math.abs(result!.difference - (b.survival - a.survival))).toBeLessThan(1e-12);
      expect(Math.abs(result!.interval[0] - (b.survival - a.survival - spread))).toBeLessThan(1e-12);
      expect(Math.abs(result!.interval[1] - (b.survival - a.survival + spread))).toBeLessThan(1e-12);
    }
  });
});
