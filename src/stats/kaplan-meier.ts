/**
 * A histogram of durations: for each distinct time (whole days, ascending), how many reports
 * ended with a payment (events) and how many were still waiting (censored) at that time.
 * Kaplan–Meier on such a histogram is exact: the estimator only depends on these counts.
 */
export interface DurationHistogram {
  times: Int32Array;
  events: Int32Array;
  censored: Int32Array;
}

export interface KaplanMeierSummary {
  reports: number;
  events: number;
  /** Smallest t with S(t) <= 0.5, null when the curve never gets there. */
  medianDays: number | null;
  /** Smallest t with S(t) <= 0.1, null when not reached. */
  p90Days: number | null;
  /** S(threshold): the share still unpaid after `threshold` days (unrounded). */
  survivalAtThreshold: number | null;
  /** 95 % log-log interval of S(threshold), as R's survfit(conf.type = "log-log"); null when S is 0 or 1. */
  survivalAtThresholdCi: [number, number] | null;
  /** Greenwood's variance of S(threshold), S² Σ d/(n(n−d)); null without reports, Infinity when S is 0. */
  survivalAtThresholdVariance: number | null;
}

export const Z_975 = 1.959963984540054;

/**
 * Kaplan–Meier estimate S(t) = Π (1 − d_i / n_i) over the distinct times t_i ≤ t, with Greenwood's
 * variance. At a tied time the payments count before the censorings: reports censored at t are
 * still at risk at t (the usual convention, and R's).
 */
export function kaplanMeier(histogram: DurationHistogram, thresholdDays: number): KaplanMeierSummary {
  const { times, events, censored } = histogram;
  let atRisk = 0;
  let totalEvents = 0;
  for (let i = 0; i < times.length; i++) {
    atRisk += events[i] + censored[i];
    totalEvents += events[i];
  }
  const reports = atRisk;
  let survival = 1;
  let greenwoodSum = 0;
  let medianDays: number | null = null;
  let p90Days: number | null = null;
  let survivalAtThreshold: number | null = reports > 0 ? 1 : null;
  let greenwoodAtThreshold = 0;
  for (let i = 0; i < times.length; i++) {
    const time = times[i];
    const deaths = events[i];
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      // d / (n (n − d)) is infinite when everyone left is paid: S is then 0 and has no interval.
      greenwoodSum += atRisk > deaths ? deaths / (atRisk * (atRisk - deaths)) : Infinity;
      if (medianDays === null && survival <= 0.5 + 1e-12) medianDays = time;
      if (p90Days === null && survival <= 0.1 + 1e-12) p90Days = time;
    }
    if (time <= thresholdDays) {
      survivalAtThreshold = survival;
      greenwoodAtThreshold = greenwoodSum;
    }
    atRisk -= deaths + censored[i];
  }
  return {
    reports,
    events: totalEvents,
    medianDays,
    p90Days,
    survivalAtThreshold,
    survivalAtThresholdCi: survivalAtThreshold === null ? null : logLogInterval(survivalAtThreshold, Math.sqrt(greenwoodAtThreshold)),
    survivalAtThresholdVariance: survivalAtThreshold === null ? null : survivalAtThreshold === 0 ? 0 : survivalAtThreshold ** 2 * greenwoodAtThreshold,
  };
}

/**
 * S^exp(±z·σ/ln S), σ the standard error of the cumulative hazard (√ of Greenwood's sum):
 * the interval stays inside [0, 1]. Undefined (null) when S is 0 or 1, as in R.
 */
export function logLogInterval(survival: number, standardError: number): [number, number] | null {
  if (survival <= 0 || survival >= 1 || !Number.isFinite(standardError)) return null;
  const logSurvival = Math.log(survival);
  const spread = (Z_975 * standardError) / logSurvival; // negative
  const lower = Math.exp(-Math.exp(Math.log(-logSurvival) - spread));
  const upper = Math.exp(-Math.exp(Math.log(-logSurvival) + spread));
  return [lower, upper];
}

/** percentile_cont(0.5) over the paid durations (the histogram's events); null without any. */
export function paidMedian(histogram: DurationHistogram): number | null {
  let paid = 0;
  for (let i = 0; i < histogram.times.length; i++) paid += histogram.events[i];
  if (paid === 0) return null;
  // 0-based positions of the two middle values (the same one when the count is odd).
  const lowerRank = Math.floor((paid - 1) / 2);
  const upperRank = Math.ceil((paid - 1) / 2);
  let lowerValue: number | null = null;
  let seen = 0;
  for (let i = 0; i < histogram.times.length; i++) {
    const count = histogram.events[i];
    if (count === 0) continue;
    if (lowerValue === null && seen + count > lowerRank) lowerValue = histogram.times[i];
    if (seen + count > upperRank) return (lowerValue! + histogram.times[i]) / 2;
    seen += count;
  }
  return lowerValue;
}

/** The mean paid duration; null without any payment. */
export function paidMean(histogram: DurationHistogram): number | null {
  let paid = 0;
  let sum = 0;
  for (let i = 0; i < histogram.times.length; i++) {
    paid += histogram.events[i];
    sum += histogram.events[i] * histogram.times[i];
  }
  return paid === 0 ? null : sum / paid;
}

/** Merges two lists of durations (paid: events, waiting: censored) into a histogram. */
export function histogramOf(paid: number[], waiting: number[]): DurationHistogram {
  paid.sort((a, b) => a - b);
  waiting.sort((a, b) => a - b);
  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  let i = 0;
  let j = 0;
  while (i < paid.length || j < waiting.length) {
    const time = j >= waiting.length || (i < paid.length && paid[i] <= waiting[j]) ? paid[i] : waiting[j];
    let paidHere = 0;
    let waitingHere = 0;
    for (; i < paid.length && paid[i] === time; i++) paidHere++;
    for (; j < waiting.length && waiting[j] === time; j++) waitingHere++;
    times.push(time);
    events.push(paidHere);
    censored.push(waitingHere);
  }
  return { times: Int32Array.from(times), events: Int32Array.from(events), censored: Int32Array.from(censored) };
}
