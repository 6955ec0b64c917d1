import { describe, expect, it } from '@jest/globals';
import { benchScript } from '../../test/bench-script';
import { exponentialCell, releasedCell } from '../../test/released-cells';
import { delayBins } from './delay-bins';
import { NoiseSource } from './discrete-gaussian';
import { releasedHistogram } from './noisy-release';
import { calibratedComparison } from './release-calibration';
import { seededRandom } from './simulation-random';
import { logRankTest } from './survival-comparison';

const bins = delayBins(30);
const WIDTH = bins.times.length;
const noise = new NoiseSource(Buffer.alloc(32, 5), 'release-calibration-spec');

/** n reports with delays exponential around `scale` days, a tenth still waiting: exact bins, then their noisy release. */
function cell(random: () => number, reports: number, scale: number, key: number) {
  const main = exponentialCell(random, reports, scale, 'a tenth');
  return { main, released: releasedCell(main, noise.forCell([key, reports])).main };
}

describe('calibratedComparison', () => {
  it('reports the textbook log-rank of the released histograms beside the calibrated one', () => {
    const random = seededRandom(1);
    const [a, b] = [cell(random, 200, 30, 1), cell(random, 200, 45, 2)];
    const { logRank } = calibratedComparison(a.released, b.released, bins.times, 30, 11);
    const plain = logRankTest(releasedHistogram(a.released, bins.times), releasedHistogram(b.released, bins.times))!;
    expect(logRank!.observedFirst).toBe(plain.observedFirst);
    expect(logRank!.expectedFirst).toBeCloseTo(plain.expectedFirst, 12);
    expect(logRank!.uncalibratedChiSquare).toBeCloseTo(plain.chiSquare, 12);
    expect(logRank!.uncalibratedPValue).toBeCloseTo(plain.pValue, 12);
    expect(logRank!.simulations).toBe(200);
    // The noise widens the null spread, so the calibrated statistic is the smaller.
    expect(logRank!.chiSquare).toBeLessThan(logRank!.uncalibratedChiSquare);
  });

  it('gives the same answer for the same two releases (its draws are seeded by them)', () => {
    const random = seededRandom(2);
    const [a, b] = [cell(random, 80, 30, 3).released, cell(random, 80, 30, 4).released];
    expect(calibratedComparison(a, b, bins.times, 30, 11)).toEqual(calibratedComparison(Int32Array.from(a), Int32Array.from(b), bins.times, 30, 11));
  });

  it('comes back to the textbook test where the noise is negligible (20,000 reports a side)', () => {
    const random = seededRandom(3);
    const [a, b] = [cell(random, 20000, 30, 5), cell(random, 20000, 30, 6)];
    const { logRank } = calibratedComparison(a.released, b.released, bins.times, 30, 11);
    // The hypergeometric variance of O − E, from the plain test: (O − E)² / χ².
    const plain = logRankTest(releasedHistogram(a.released, bins.times), releasedHistogram(b.released, bins.times))!;
    const hypergeometric = (plain.observedFirst - plain.expectedFirst) ** 2 / plain.chiSquare;
    // 200 simulations know a variance to about ±20 % (two standard errors).
    expect(logRank!.nullStandardDeviation ** 2 / hypergeometric).toBeGreaterThan(0.8);
    expect(logRank!.nullStandardDeviation ** 2 / hypergeometric).toBeLessThan(1.25);
  });

  it('says p < 0.05 in about 5 % of pairs drawn from one law, where the uncalibrated test says it four times as often; the interval of the shares misses 0 about as rarely', () => {
    // 400 pairs of 60 reports a side: bench/logrank-under-noise.ts, in a child process.
    type Reading = { significant: number; intervalMissesZero: number };
    const { trials, results } = benchScript<{ trials: number; results: Record<string, Record<'exact' | 'published' | 'calibrated', Reading>> }>(
      'logrank-under-noise.ts',
      ['--trials', '400', '--sizes', '60', '--same-law-only'],
    );
    const outcome = results['60 reports a side, same law'];
    // The calibration is approximate: it simulates from the released histograms, where small bins
    // are already emptied, so it sees a little less noise than there was (bench/logrank-under-noise.json:
    // 5 to 7 % and 5 to 9 % at 1,000 trials a size).
    expect(outcome.calibrated.significant / trials).toBeLessThan(0.1);
    expect(outcome.published.significant / trials).toBeGreaterThan(0.2);
    expect(outcome.calibrated.intervalMissesZero / trials).toBeLessThan(0.1);
    expect(outcome.published.intervalMissesZero / trials).toBeGreaterThan(0.15);
  }, 120_000);

  it('finds delays that doubled at a fund’s usual quarterly size, with the interval of the shares above 0', () => {
    const random = seededRandom(5);
    let found = 0;
    for (let trial = 0; trial < 20; trial++) {
      const [a, b] = [cell(random, 300, 25, 1000 + 2 * trial), cell(random, 300, 50, 1001 + 2 * trial)];
      const { logRank, shareDifference } = calibratedComparison(a.released, b.released, bins.times, 30, 11);
      if (logRank!.pValue < 0.001 && shareDifference!.interval[0] > 0) found++;
    }
    expect(found).toBeGreaterThanOrEqual(18);
  });

  it('tests nothing when nobody was paid', () => {
    const none = new Int32Array(2 * WIDTH);
    none[WIDTH + 3] = 40;
    expect(calibratedComparison(none, none, bins.times, 30, 11).logRank).toBeNull();
  });
});
