import { DurationHistogram, kaplanMeier, Z_975 } from './kaplan-meier';

// Two published cells compared (issue 14): the log-rank test on their delays and the difference of
// their shares unpaid after the threshold. Both read released histograms only, so a comparison is
// post-processing of what the snapshot publishes and costs no privacy.

export interface LogRankTest {
  /** (O − E)² / V for the first group, one degree of freedom, as R's survdiff(rho = 0) */
  chiSquare: number;
  pValue: number;
  observedFirst: number;
  expectedFirst: number;
}

/**
 * The log-rank test. At each time with a payment, d of n at risk are paid (reports still waiting
 * at t count as at risk at t, as in kaplanMeier); the first group expects d·n₁/n of them, with the
 * hypergeometric variance d·(n₁/n)(n₂/n)(n − d)/(n − 1). Null when no payment happened or the
 * variance is 0 (nothing to test).
 */
export function logRankTest(first: DurationHistogram, second: DurationHistogram): LogRankTest | null {
  const times = [...new Set([...first.times, ...second.times])].sort((a, b) => a - b);
  const [a, b] = [onTimes(first, times), onTimes(second, times)];
  const score = logRankScore(a.events, a.censored, b.events, b.censored);
  if (score.variance <= 0) return null;
  const chiSquare = (score.observed - score.expected) ** 2 / score.variance;
  return { chiSquare, pValue: chiSquareOneDegreeTail(chiSquare), observedFirst: score.observed, expectedFirst: score.expected };
}

/** The log-rank's sums over two histograms counted on the same times (index by index). */
export function logRankScore(
  eventsFirst: ArrayLike<number>,
  censoredFirst: ArrayLike<number>,
  eventsSecond: ArrayLike<number>,
  censoredSecond: ArrayLike<number>,
): { observed: number; expected: number; variance: number } {
  let atRiskFirst = 0;
  let atRiskSecond = 0;
  for (let i = 0; i < eventsFirst.length; i++) {
    atRiskFirst += eventsFirst[i] + censoredFirst[i];
    atRiskSecond += eventsSecond[i] + censoredSecond[i];
  }
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (let i = 0; i < eventsFirst.length; i++) {
    const paid = eventsFirst[i] + eventsSecond[i];
    const atRisk = atRiskFirst + atRiskSecond;
    if (paid > 0 && atRisk > 0) {
      observed += eventsFirst[i];
      expected += (paid * atRiskFirst) / atRisk;
      if (atRisk > 1) variance += (paid * (atRiskFirst / atRisk) * (atRiskSecond / atRisk) * (atRisk - paid)) / (atRisk - 1);
    }
    atRiskFirst -= eventsFirst[i] + censoredFirst[i];
    atRiskSecond -= eventsSecond[i] + censoredSecond[i];
  }
  return { observed, expected, variance };
}

/** A histogram's counts on `times` (a superset of its own), 0 where it has none. */
function onTimes(histogram: DurationHistogram, times: number[]): { events: Int32Array; censored: Int32Array } {
  const position = new Map<number, number>();
  times.forEach((time, index) => position.set(time, index));
  const events = new Int32Array(times.length);
  const censored = new Int32Array(times.length);
  histogram.times.forEach((time, index) => {
    events[position.get(time)!] += histogram.events[index];
    censored[position.get(time)!] += histogram.censored[index];
  });
  return { events, censored };
}

export interface ShareDifference {
  /** share unpaid after the threshold, second minus first (positive: the second is worse) */
  difference: number;
  /** 95 % interval from the two Greenwood variances (normal approximation) */
  interval: [number, number];
}

/** Null when either side has no share (no report) or no variance to speak of. */
export function shareDifference(first: DurationHistogram, second: DurationHistogram, thresholdDays: number): ShareDifference | null {
  const [a, b] = [kaplanMeier(first, thresholdDays), kaplanMeier(second, thresholdDays)];
  if (a.survivalAtThreshold === null || b.survivalAtThreshold === null) return null;
  const variance = (a.survivalAtThresholdVariance ?? 0) + (b.survivalAtThresholdVariance ?? 0);
  if (!Number.isFinite(variance)) return null;
  const difference = b.survivalAtThreshold - a.survivalAtThreshold;
  const spread = Z_975 * Math.sqrt(variance);
  return { difference, interval: [difference - spread, difference + spread] };
}

/** P(χ²₁ > x) = erfc(√(x/2)). */
export function chiSquareOneDegreeTail(x: number): number {
  return erfc(Math.sqrt(x / 2));
}

/**
 * erfc by its continued fraction for large arguments and the Maclaurin series of erf for small
 * ones: relative error below 1e-12 over the range a p-value needs.
 */
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 60; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))), evaluated from the tail (Lentz-free)
  let fraction = 0;
  for (let k = 60; k >= 1; k--) fraction = k / 2 / (x + fraction);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + fraction);
}
