import { kaplanMeier, Z_975 } from './kaplan-meier';
import { noisyHistogram, releasedHistogram, sum } from './noisy-release';
import { multinomial, seededRandom, seedOf, simulatedNoise } from './simulation-random';
import { chiSquareOneDegreeTail, LogRankTest, logRankScore, ShareDifference } from './survival-comparison';

// Comparisons of two published cells, calibrated for the way the cells were published. Their
// histograms are noisy releases (noise of variance NOISE_VARIANCE per bin, small bins read as
// empty, projected on a noisy total), which the textbook variances know nothing of: on two cells
// drawn from one law, the plain log-rank said p < 0.05 in 16 to 32 % of trials and the Greenwood
// interval of the difference of shares missed 0 in 11 to 25 % (bench/logrank-under-noise.ts).
//
// So the spread is simulated instead (a parametric bootstrap through the release mechanism): cells
// are redrawn from the released histograms, released again with the same noise, rule and
// projection, and the statistic recomputed. For the log-rank, both sides come from their pooled
// histogram (nothing changed) and the observed O − E is read against the simulated mean and
// spread, normal from there on, so that a p-value can be small enough for the Benjamini–Hochberg
// correction over a thousand comparisons. For the shares, each side comes from its own histogram
// and the interval uses the simulated variances.
//
// Only the two releases are read (post-processing: no privacy cost), and the draws are seeded by
// them, so the same two cells always give the same answer.

/** Simulated releases per side and per statistic: a spread is then known to about 5 %. */
export const CALIBRATION_SIMULATIONS = 200;

export interface CalibratedLogRank extends LogRankTest {
  /** what R's survdiff says when the released histograms are taken as exact data (its p-value is too small: see above) */
  uncalibratedChiSquare: number;
  uncalibratedPValue: number;
  /** O − E if nothing changed, through the release mechanism: simulated mean and standard deviation */
  nullMean: number;
  nullStandardDeviation: number;
  simulations: number;
}

/** Both, as GET /api/stats/compare answers them (alerts need the log-rank only). */
export function calibratedComparison(first: Int32Array, second: Int32Array, times: Int32Array, thresholdDays: number, minGroupSize: number) {
  return {
    logRank: calibratedLogRank(first, second, minGroupSize),
    shareDifference: calibratedShareDifference(first, second, times, thresholdDays, minGroupSize),
  };
}

type ReleaseSimulator = (weights: ArrayLike<number>, size: number) => Int32Array | null;

/** Draws `size` reports over the bins of `weights`, then releases them as a cell is released; null when that cell would be suppressed. */
function releaseSimulator(seed: number, minGroupSize: number): ReleaseSimulator {
  const random = seededRandom(seed);
  return (weights, size) => {
    const counts = multinomial(random, size, weights);
    const noisyTotal = Math.max(0, size + simulatedNoise(random));
    return noisyTotal < minGroupSize ? null : noisyHistogram(counts, noisyTotal, (count) => count + simulatedNoise(random));
  };
}

/** Up to CALIBRATION_SIMULATIONS values of `statistic` on simulated published pairs (pairs where a side would be suppressed are not compared). */
function simulated(draw: () => [Int32Array | null, Int32Array | null], statistic: (a: Int32Array, b: Int32Array) => number | null): number[] {
  const values: number[] = [];
  for (let attempt = 0; attempt < 4 * CALIBRATION_SIMULATIONS && values.length < CALIBRATION_SIMULATIONS; attempt++) {
    const [a, b] = draw();
    const value = a && b ? statistic(a, b) : null;
    if (value !== null) values.push(value);
  }
  return values;
}

function meanAndVariance(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  return { mean, variance: values.reduce((total, value) => total + (value - mean) ** 2, 0) / (values.length - 1) };
}

/**
 * The log-rank test of two released main histograms (events per bin, then censored per bin, on
 * the same bins). Null when nobody was paid, or when too few simulated cells would be published
 * to say anything.
 */
export function calibratedLogRank(first: Int32Array, second: Int32Array, minGroupSize: number): CalibratedLogRank | null {
  const observed = score(first, second);
  if (observed.variance <= 0) return null;
  const simulate = releaseSimulator(seedOf(first, second), minGroupSize);
  const pooled = first.map((count, index) => count + second[index]);
  const [sizeFirst, sizeSecond] = [sum(first), sum(second)];
  const scores = simulated(
    () => [simulate(pooled, sizeFirst), simulate(pooled, sizeSecond)],
    (a, b) => {
      const again = score(a, b);
      return again.variance > 0 ? again.observed - again.expected : null;
    },
  );
  if (scores.length < CALIBRATION_SIMULATIONS / 2) return null;
  const { mean, variance } = meanAndVariance(scores);
  if (!(variance > 0)) return null;
  const chiSquare = (observed.observed - observed.expected - mean) ** 2 / variance;
  const uncalibratedChiSquare = (observed.observed - observed.expected) ** 2 / observed.variance;
  return {
    chiSquare,
    pValue: chiSquareOneDegreeTail(chiSquare),
    observedFirst: observed.observed,
    expectedFirst: observed.expected,
    uncalibratedChiSquare,
    uncalibratedPValue: chiSquareOneDegreeTail(uncalibratedChiSquare),
    nullMean: mean,
    nullStandardDeviation: Math.sqrt(variance),
    simulations: scores.length,
  };
}

/** The share unpaid after the threshold, second minus first, with a 95 % interval from each side's simulated variance; null when a side has no share. */
export function calibratedShareDifference(
  first: Int32Array,
  second: Int32Array,
  times: Int32Array,
  thresholdDays: number,
  minGroupSize: number,
): ShareDifference | null {
  const share = (counts: Int32Array) => kaplanMeier(releasedHistogram(counts, times), thresholdDays).survivalAtThreshold;
  const [a, b] = [share(first), share(second)];
  if (a === null || b === null) return null;
  const simulate = releaseSimulator(seedOf(first, second, [thresholdDays]), minGroupSize);
  const sideVariance = (counts: Int32Array) => {
    const size = sum(counts);
    const shares = simulated(
      () => [simulate(counts, size), counts],
      (again) => share(again),
    );
    return shares.length < CALIBRATION_SIMULATIONS / 2 ? NaN : meanAndVariance(shares).variance;
  };
  const spread = Z_975 * Math.sqrt(sideVariance(first) + sideVariance(second));
  if (!Number.isFinite(spread)) return null;
  const difference = b - a;
  return { difference, interval: [difference - spread, difference + spread] };
}

/** The log-rank sums of two released main histograms (events then censored, per bin). */
function score(first: Int32Array, second: Int32Array) {
  const width = first.length / 2;
  return logRankScore(first.subarray(0, width), first.subarray(width), second.subarray(0, width), second.subarray(width));
}
