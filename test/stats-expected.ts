// An independent computation of the published figures from a cell's released histogram, one
// observation at a time, straight from the definitions of shared/API.md: what /api/stats must match.

const Z = 1.959963984540054;

const round2 = (value: number) => Math.round(value * 100) / 100;

interface Observation {
  days: number;
  paid: boolean;
}

function survivalCurve(observations: Observation[]): { time: number; survival: number; greenwood: number }[] {
  const curve: { time: number; survival: number; greenwood: number }[] = [];
  let survival = 1;
  let greenwood = 0;
  const times = [...new Set(observations.filter((o) => o.paid).map((o) => o.days))].sort((a, b) => a - b);
  for (const time of times) {
    const atRisk = observations.filter((o) => o.days >= time).length;
    const paid = observations.filter((o) => o.paid && o.days === time).length;
    survival *= 1 - paid / atRisk;
    greenwood += atRisk > paid ? paid / (atRisk * (atRisk - paid)) : Infinity;
    curve.push({ time, survival, greenwood });
  }
  return curve;
}

function quantileDay(curve: { time: number; survival: number }[], level: number): number | null {
  return curve.find((point) => point.survival <= level + 1e-12)?.time ?? null;
}

/** A stored release (stats_cells.figures.release): events per bin then censored per bin, each bin at its last day. */
export interface StoredRelease {
  main: number[];
  fund: number[];
  times: number[];
}

/** One observation per report counted in a released histogram, as R's survfit would take them. */
function expandRelease(counts: number[], times: number[]): Observation[] {
  return counts.flatMap((count, position) => Array.from({ length: count }, () => ({ days: times[position % times.length], paid: position < times.length })));
}

/**
 * The delay figures a cell publishes, computed independently from its released histograms
 * (R: survfit(Surv(days, paid) ~ 1, conf.type = "log-log") on the expanded observations).
 */
export function expectedFiguresOfRelease(release: StoredRelease, thresholdDays: number) {
  const observations = expandRelease(release.main, release.times);
  const curve = survivalCurve(observations);
  const atThreshold = [...curve].reverse().find((point) => point.time <= thresholdDays) ?? { survival: 1, greenwood: 0 };
  const s = atThreshold.survival;
  // Greenwood's variance of log S, plus the release noise's (docs/privacy.md, "Intervals"): the
  // count after the threshold carries the noise of its kept bins, less its part f of the gap the
  // projection spread over all kept bins, against the noisy total.
  const kept = release.main
    .map((count, position) => ({ count, after: release.times[position % release.times.length] > thresholdDays }))
    .filter((bin) => bin.count > 0);
  const f = kept.filter((bin) => bin.after).length / kept.length;
  const total = release.main.reduce((sum, count) => sum + count, 0);
  const countVariance = kept.reduce((sum, bin) => sum + (bin.after ? (1 - f) ** 2 : f ** 2), 0) + f ** 2;
  const shareNoise = (4 * (countVariance + s ** 2 - 2 * s * f)) / total ** 2;
  const sigma = Math.sqrt(atThreshold.greenwood + (s > 0 ? shareNoise / s ** 2 : 0));
  const ci =
    s > 0 && s < 1 && Number.isFinite(sigma) ? [round2(s ** Math.exp((-Z * sigma) / Math.log(s))), round2(s ** Math.exp((Z * sigma) / Math.log(s)))] : null;
  const paidDays = observations
    .filter((o) => o.paid)
    .map((o) => o.days)
    .sort((a, b) => a - b);
  const middle = (paidDays.length - 1) / 2;
  const paidMedian = paidDays.length === 0 ? null : (paidDays[Math.floor(middle)] + paidDays[Math.ceil(middle)]) / 2;
  const fundCurve = survivalCurve(expandRelease(release.fund, release.times));
  return {
    reports: observations.length,
    paid: paidDays.length,
    waiting: observations.length - paidDays.length,
    medianDays: quantileDay(curve, 0.5),
    p90Days: quantileDay(curve, 0.1),
    shareOverThreshold: observations.length === 0 ? null : round2(s),
    shareOverThresholdCi: ci,
    paidMeanDays: paidDays.length === 0 ? null : Math.round(paidDays.reduce((sum, value) => sum + value, 0) / paidDays.length),
    paidMedianDays: paidMedian === null ? null : Math.round(paidMedian),
    fundPart: { medianDays: quantileDay(fundCurve, 0.5), p90Days: quantileDay(fundCurve, 0.1) },
  };
}
