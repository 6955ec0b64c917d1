import { describe, expect, it } from '@jest/globals';
import { DurationHistogram, histogramOf, kaplanMeier, paidMean, paidMedian } from './kaplan-meier';

/** A histogram from per-report observations: [days, paid]. */
function histogram(observations: [number, boolean][]): DurationHistogram {
  const sorted = [...observations].sort((a, b) => a[0] - b[0]);
  return histogramOf(
    sorted.filter(([, paid]) => paid).map(([days]) => days),
    sorted.filter(([, paid]) => !paid).map(([days]) => days),
  );
}

describe('kaplanMeier', () => {
  it('counts a payment before a censoring on the same day', () => {
    // Day 10: 4 at risk (the censored one included), 1 paid → S = 3/4; then 2 at risk at day 20.
    const result = kaplanMeier(
      histogram([
        [10, true],
        [10, false],
        [20, true],
        [30, false],
      ]),
      15,
    );
    expect(result.survivalAtThreshold).toBeCloseTo(0.75, 12);
    // Day 20: 1 of 2 paid → S = 3/8 ≤ 0.5: the median is 20; S never reaches 0.1.
    expect(result.medianDays).toBe(20);
    expect(result.p90Days).toBeNull();
  });

  it('gives S = 1, no median and no interval when everyone is still waiting', () => {
    const result = kaplanMeier(
      histogram([
        [5, false],
        [40, false],
        [90, false],
      ]),
      30,
    );
    expect(result).toMatchObject({ reports: 3, events: 0, medianDays: null, p90Days: null, survivalAtThreshold: 1, survivalAtThresholdCi: null });
  });

  it('leaves the median null when the curve stays above one half', () => {
    const result = kaplanMeier(
      histogram([
        [10, true],
        [50, false],
        [60, false],
        [70, false],
      ]),
      30,
    );
    expect(result.survivalAtThreshold).toBeCloseTo(0.75, 12);
    expect(result.medianDays).toBeNull();
  });

  it('handles a single report', () => {
    expect(kaplanMeier(histogram([[12, true]]), 30)).toMatchObject({
      reports: 1,
      medianDays: 12,
      p90Days: 12,
      survivalAtThreshold: 0,
      survivalAtThresholdCi: null,
    });
    expect(kaplanMeier(histogram([[12, false]]), 30)).toMatchObject({ reports: 1, medianDays: null, survivalAtThreshold: 1 });
  });

  it('is null on an empty histogram', () => {
    expect(kaplanMeier(histogram([]), 30)).toMatchObject({ reports: 0, medianDays: null, survivalAtThreshold: null });
  });

  // Freireich et al. (1963), 6-MP arm: the textbook example of survival analysis (S(t) as printed
  // in every survival course). The intervals are checked against the log-log formula written out
  // here per report, and at day 6 against a hand computation: σ² = 3 / (21 × 18), S = 18/21,
  // lower = S^exp(−1.96 σ / ln S) = 0.620, upper = S^exp(1.96 σ / ln S) = 0.952.
  it('matches the textbook 6-MP example and an independent log-log interval', () => {
    const events = [6, 6, 6, 7, 10, 13, 16, 22, 23];
    const censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
    const observations = [...events.map((t): [number, boolean] => [t, true]), ...censored.map((t): [number, boolean] => [t, false])];
    const data = histogram(observations);
    const textbook: [number, number][] = [
      [6, 0.857],
      [7, 0.807],
      [10, 0.753],
      [13, 0.69],
      [16, 0.627],
      [22, 0.538],
      [23, 0.448],
    ];
    for (const [time, survival] of textbook) {
      const result = kaplanMeier(data, time);
      expect(result.survivalAtThreshold).toBeCloseTo(survival, 3);
      const expected = independentLogLog(observations, time);
      expect(result.survivalAtThresholdCi![0]).toBeCloseTo(expected[0], 10);
      expect(result.survivalAtThresholdCi![1]).toBeCloseTo(expected[1], 10);
    }
    expect(kaplanMeier(data, 6).survivalAtThresholdCi!.map((bound) => Math.round(bound * 1000) / 1000)).toEqual([0.62, 0.952]);
    expect(kaplanMeier(data, 30).medianDays).toBe(23);
  });
});

/** Straight from the definitions, one report at a time: S(t), Greenwood, then S^exp(∓z σ / ln S). */
function independentLogLog(observations: [number, boolean][], at: number): [number, number] {
  let survival = 1;
  let greenwood = 0;
  const eventTimes = [...new Set(observations.filter(([, paid]) => paid).map(([days]) => days))].sort((a, b) => a - b);
  for (const time of eventTimes.filter((time) => time <= at)) {
    const atRisk = observations.filter(([days]) => days >= time).length;
    const paid = observations.filter(([days, isPaid]) => isPaid && days === time).length;
    survival *= (atRisk - paid) / atRisk;
    greenwood += paid / (atRisk * (atRisk - paid));
  }
  const sigma = Math.sqrt(greenwood);
  const z = 1.959963984540054;
  return [survival ** Math.exp((-z * sigma) / Math.log(survival)), survival ** Math.exp((z * sigma) / Math.log(survival))];
}

describe('paid figures', () => {
  it('interpolates percentile_cont(0.5) between the two middle paid durations', () => {
    expect(
      paidMedian(
        histogram([
          [10, true],
          [20, true],
          [31, true],
          [40, true],
          [5, false],
        ]),
      ),
    ).toBe(25.5);
    expect(
      paidMedian(
        histogram([
          [10, true],
          [20, true],
          [20, true],
        ]),
      ),
    ).toBe(20);
    expect(paidMedian(histogram([[3, false]]))).toBeNull();
  });

  it('averages paid durations only', () => {
    expect(
      paidMean(
        histogram([
          [10, true],
          [20, true],
          [90, false],
        ]),
      ),
    ).toBe(15);
    expect(paidMean(histogram([[90, false]]))).toBeNull();
  });
});
