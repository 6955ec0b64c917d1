import { DurationHistogram, histogramOf } from '../src/stats/kaplan-meier';

// Independent references for the comparisons of issue 14, on individual rows as R's survival
// package sees them: survdiff(Surv(time, paid) ~ group, rho = 0) and survfit's Greenwood variance.

export type Row = { time: number; paid: boolean };

export const histogram = (rows: Row[]): DurationHistogram =>
  histogramOf(
    rows
      .filter((row) => row.paid)
      .map((row) => row.time)
      .sort((a, b) => a - b),
    rows
      .filter((row) => !row.paid)
      .map((row) => row.time)
      .sort((a, b) => a - b),
  );

/**
 * R's survdiff(Surv(time, paid) ~ group, rho = 0), written here on individual rows, independently
 * of survival-comparison.ts: at each distinct payment time, the rows still at risk and paid.
 */
export function referenceSurvdiff(first: Row[], second: Row[]) {
  const rows = [...first.map((row) => ({ ...row, group: 1 })), ...second.map((row) => ({ ...row, group: 2 }))];
  const times = [...new Set(rows.filter((row) => row.paid).map((row) => row.time))].sort((a, b) => a - b);
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (const time of times) {
    const atRisk = rows.filter((row) => row.time >= time);
    const n = atRisk.length;
    const n1 = atRisk.filter((row) => row.group === 1).length;
    const d = atRisk.filter((row) => row.time === time && row.paid).length;
    const d1 = atRisk.filter((row) => row.time === time && row.paid && row.group === 1).length;
    observed += d1;
    expected += (d * n1) / n;
    if (n > 1) variance += (d * n1 * (n - n1) * (n - d)) / (n * n * (n - 1));
  }
  const chiSquare = (observed - expected) ** 2 / variance;
  return { observed, expected, chiSquare, pValue: upperIncompleteGammaRegularized(0.5, chiSquare / 2) };
}

/** Q(a, x), Numerical Recipes' series and continued fraction: P(χ²ₖ > x) = Q(k/2, x/2). */
export function upperIncompleteGammaRegularized(a: number, x: number): number {
  const logGammaHalf = 0.5 * Math.log(Math.PI); // ln Γ(1/2): the tests only need a = 1/2
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGammaHalf);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGammaHalf) * h;
}

/** Kaplan–Meier S(t) and Greenwood's variance on individual rows. */
export function referenceSurvival(rows: Row[], threshold: number): { survival: number; variance: number } {
  let survival = 1;
  let greenwood = 0;
  for (const time of [...new Set(rows.filter((row) => row.paid && row.time <= threshold).map((row) => row.time))].sort((a, b) => a - b)) {
    const n = rows.filter((row) => row.time >= time).length;
    const d = rows.filter((row) => row.time === time && row.paid).length;
    survival *= 1 - d / n;
    greenwood += d / (n * (n - d));
  }
  return { survival, variance: survival === 0 ? 0 : survival * survival * greenwood };
}

/** The rows a released histogram stands for: one per counted report, at its bin's day. */
export function rowsOfHistogram(histogram: DurationHistogram): Row[] {
  const rows: Row[] = [];
  histogram.times.forEach((time, bin) => {
    for (let k = 0; k < histogram.events[bin]; k++) rows.push({ time, paid: true });
    for (let k = 0; k < histogram.censored[bin]; k++) rows.push({ time, paid: false });
  });
  return rows;
}
