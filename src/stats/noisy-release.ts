import { CONSEQUENCES } from '../reports/report.entity';
import { DelayBins } from './delay-bins';
import { CellRandom, discreteGaussian } from './discrete-gaussian';
import { DurationHistogram, kaplanMeier, KaplanMeierSummary, logLogInterval, paidMean, paidMedian } from './kaplan-meier';

// What a cell publishes is computed from a noisy release of its additive histograms, never from
// the exact ones (docs/privacy.md, "Disclosure control"). Each count below gets its own discrete
// Gaussian noise of variance NOISE_VARIANCE; the histograms are then made consistent with their
// noisy total (non-negative integers summing to it), which is post-processing and costs no privacy.

/** σ² of every noisy count (see docs/privacy.md for the guarantee and the price). */
export const NOISE_VARIANCE = 4;

/**
 * The counts one report can move in one release of one cell, as the squared L2 sensitivity per
 * group of noisy counts: the total and one bin (main), the same for the fund's part, the number
 * who answered and at most CONSEQUENCES.length − 1 consequences ("none" excludes the others).
 */
export const SENSITIVITY_SQUARED = 2 + 2 + 1 + (CONSEQUENCES.length - 1);

/** zCDP cost of one release of one cell: ρ = Δ² / 2σ². */
export const RHO_PER_RELEASE = SENSITIVITY_SQUARED / (2 * NOISE_VARIANCE);

/** A cell's exact additive pieces, binned: what the cube builder sums. */
export interface BinnedAggregate {
  /** events per bin, then censored per bin (2 × bins) */
  main: Int32Array;
  /** the same for the fund's part (reports that gave the attestation date) */
  fund: Int32Array;
  /** answered, then one count per value of CONSEQUENCES */
  consequences: Int32Array;
}

/** A cell's noisy release: every published figure is computed from this alone. */
export interface CellRelease {
  reports: number;
  /** events per bin then censored per bin: non-negative integers summing to `reports` */
  main: Int32Array;
  fundReports: number;
  fund: Int32Array;
  answered: number;
  /** one noisy count per value of CONSEQUENCES, each within [0, answered] */
  consequences: Int32Array;
}

/**
 * Draws the noisy counts of a cell. The parts whose noisy total is under `minGroupSize` are never
 * shown (the cell, its fund part or its consequences is suppressed), so their histogram is not
 * drawn: they come back empty. The draws are in a fixed order, so a release is a function of the
 * cell's contents and its random stream alone.
 */
export function releaseCell(aggregate: BinnedAggregate, random: CellRandom, minGroupSize = 0): CellRelease {
  const noisy = (value: number) => value + discreteGaussian(random, NOISE_VARIANCE);
  const total = (counts: Int32Array) => Math.max(0, noisy(sum(counts)));
  const reports = total(aggregate.main);
  const fundReports = total(aggregate.fund);
  const answered = Math.max(0, noisy(aggregate.consequences[0]));
  const histogram = (counts: Int32Array, noisyTotal: number) =>
    noisyTotal < minGroupSize ? new Int32Array(counts.length) : noisyHistogram(counts, noisyTotal, noisy);
  const main = histogram(aggregate.main, reports);
  const fund = reports < minGroupSize ? new Int32Array(aggregate.fund.length) : histogram(aggregate.fund, fundReports);
  const consequences =
    reports < minGroupSize || answered < minGroupSize
      ? new Int32Array(aggregate.consequences.length - 1)
      : Int32Array.from(aggregate.consequences.subarray(1), (count) => Math.min(answered, Math.max(0, noisy(count))));
  return { reports, main, fundReports, fund, answered, consequences };
}

/** A histogram's released counts: each count noised, the small ones read as empty, then made to sum to the noisy total. */
export function noisyHistogram(counts: Int32Array, noisyTotal: number, noisy: (count: number) => number): Int32Array {
  return projectToTotal(withoutSmallBins(Array.from(counts, noisy)), noisyTotal);
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** Noisy bins under two standard deviations of the noise: read as empty (see withoutSmallBins). */
export const SMALL_BIN_CUTOFF = 2 * Math.sqrt(NOISE_VARIANCE);

/**
 * Post-processing of a noisy histogram (free of privacy cost: it reads the noisy values only).
 * Most bins of a cell are empty, and each gets noise too: projected as they are, the positive
 * draws of forty empty bins become phantom reports, many in the wide tail bins, which pull the
 * 90th percentile far out (simulated cells of 60 reports: median error 50 days, 28 with this
 * rule; the median and the share move less). Bins under SMALL_BIN_CUTOFF are read as empty,
 * unless none reaches it (a small cell spread thin), where that would leave nothing to project.
 */
export function withoutSmallBins(noisy: number[]): number[] {
  if (!noisy.some((value) => value >= SMALL_BIN_CUTOFF)) return noisy;
  return noisy.map((value) => (value >= SMALL_BIN_CUTOFF ? value : 0));
}

/**
 * The non-negative integers closest to `noisy` that sum to `total`: Euclidean projection on the
 * scaled simplex (x = max(y − λ, 0)), then largest remainders to make them whole.
 */
export function projectToTotal(noisy: number[], total: number): Int32Array {
  const size = noisy.length;
  const result = new Int32Array(size);
  if (total <= 0 || size === 0) return result;
  // Plain loops on typed arrays: this runs for every histogram of every cell at each refresh, and
  // hundreds of times per comparison in simulations (release-calibration.ts).
  const sorted = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    // insertion sort: a histogram has a few dozen bins, where it beats a call to the native sort
    let j = i;
    for (; j > 0 && sorted[j - 1] > noisy[i]; j--) sorted[j] = sorted[j - 1];
    sorted[j] = noisy[i];
  }
  let cumulative = 0;
  let shift = 0;
  for (let j = 0; j < size; j++) {
    const value = sorted[size - 1 - j];
    cumulative += value;
    const candidate = (cumulative - total) / (j + 1);
    if (value - candidate > 0) shift = candidate;
  }
  const remainders = new Float64Array(size);
  let assigned = 0;
  for (let index = 0; index < size; index++) {
    const real = Math.max(noisy[index] - shift, 0);
    result[index] = Math.floor(real + 1e-9);
    remainders[index] = real - result[index];
    assigned += result[index];
  }
  // The rest goes by largest remainders, ties to the lower index (deterministic); a whole round
  // to everyone first in the degenerate case where more is missing than there are bins.
  const rounds = Math.floor((total - assigned) / size);
  if (rounds > 0) for (let index = 0; index < size; index++) result[index] += rounds;
  for (let left = total - assigned - rounds * size; left > 0; left--) {
    let best = 0;
    for (let index = 1; index < size; index++) if (remainders[index] > remainders[best]) best = index;
    result[best]++;
    remainders[best] = -Infinity;
  }
  return result;
}

/** The histogram a release's bins stand for (each bin at its last day, `times`): events, then censored. */
export function releasedHistogram(counts: ArrayLike<number>, times: Int32Array): DurationHistogram {
  const width = times.length;
  // A release read back from the snapshot is a plain array; one computed at refresh is typed already.
  const typed = counts instanceof Int32Array ? counts : Int32Array.from(counts);
  return { times, events: typed.slice(0, width), censored: typed.slice(width, 2 * width) };
}

/** A released cell's figures, before rounding: Kaplan–Meier on the released histogram. */
export function figuresOfRelease(release: CellRelease, bins: DelayBins, thresholdDays: number) {
  const main = releasedHistogram(release.main, bins.times);
  const km = kaplanMeier(main, thresholdDays);
  const fundKm = kaplanMeier(releasedHistogram(release.fund, bins.times), thresholdDays);
  return {
    reports: release.reports,
    paid: km.events,
    medianDays: km.medianDays,
    p90Days: km.p90Days,
    shareOverThreshold: km.survivalAtThreshold,
    shareOverThresholdCi: releasedShareInterval(release.main, bins.times, thresholdDays, km),
    paidMeanDays: paidMean(main),
    paidMedianDays: paidMedian(main),
    fundReports: release.fundReports,
    fundMedianDays: fundKm.medianDays,
    fundP90Days: fundKm.p90Days,
    answered: release.answered,
    consequences: release.consequences,
  };
}

/**
 * The 95 % log-log interval of a released cell's share unpaid after the threshold, widened for
 * the release: Greenwood's variance (sampling) plus the noise's. Taken as exact counts, the
 * released histogram gave intervals that missed the true share in 9 to 27 % of cells
 * (bench/interval-under-noise.ts). The noise's part, to first order: with a kept bins after the
 * threshold and b before, f = a / (a + b), the projection spreads the gap between the kept noisy
 * bins and the noisy total N evenly over the kept bins, so the count after the threshold is off by
 * (1 − f)·Σ(noise after) − f·Σ(noise before) + f·(noise of N), and the share S = count / N has
 * variance σ²·((1 − f)²·a + f²·b + f² + S² − 2·S·f) / N².
 */
export function releasedShareInterval(counts: ArrayLike<number>, times: Int32Array, thresholdDays: number, km: KaplanMeierSummary): [number, number] | null {
  const share = km.survivalAtThreshold;
  if (share === null || share <= 0 || share >= 1 || km.survivalAtThresholdVariance === null) return null;
  const width = times.length;
  let [after, before, total] = [0, 0, 0];
  for (let k = 0; k < counts.length; k++) {
    total += counts[k];
    if (counts[k] === 0) continue;
    if (times[k % width] > thresholdDays) after++;
    else before++;
  }
  const f = after / (after + before);
  const noiseVariance = (NOISE_VARIANCE * ((1 - f) ** 2 * after + f * f * before + f * f + share * share - 2 * share * f)) / (total * total);
  // Both as variances of log S, which the log-log interval takes.
  return logLogInterval(share, Math.sqrt((km.survivalAtThresholdVariance + noiseVariance) / share ** 2));
}
