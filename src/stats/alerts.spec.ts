import { describe, expect, it } from '@jest/globals';
import { benchScript } from '../../test/bench-script';
import { exponentialCell, publishedSide, releasedCell } from '../../test/released-cells';
import { seededRandom } from '../../test/seeded-random';
import { alertCandidates, benjaminiHochberg, detectAlerts, lastCompleteQuarter, PublishedSide, previousQuarter } from './alerts';
import { NoiseSource } from './discrete-gaussian';
import { cellKey } from './stats-cube';

const noise = new NoiseSource(Buffer.alloc(32, 14), 'alerts-spec');
let releases = 0;

/** A published side: delays about `scale` days with a tenth still waiting, released with noise as the refresh does. */
const side = (random: () => number, reports: number, scale: number) =>
  publishedSide(releasedCell(exponentialCell(random, reports, scale, 'a tenth'), noise.forCell([releases++, reports])));

describe('benjaminiHochberg', () => {
  it('rejects the k smallest p-values, k the largest rank with p ≤ k·q/m (worked by hand)', () => {
    // Sorted: 0.005 ≤ 0.01, 0.01 ≤ 0.02, 0.03 ≤ 0.03, 0.04 ≤ 0.04, 0.20 > 0.05.
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2], 0.05)).toEqual([true, true, true, true, false]);
    // Step-up: 0.02 > 1·0.05/3, yet 0.04 ≤ 3·0.05/3 rejects all three.
    expect(benjaminiHochberg([0.04, 0.02, 0.03], 0.05)).toEqual([true, true, true]);
    expect(benjaminiHochberg([0.02, 0.5, 0.9], 0.05)).toEqual([false, false, false]);
    expect(benjaminiHochberg([], 0.05)).toEqual([]);
  });
});

describe('quarters', () => {
  it('compares the last complete quarter with the one before and the same one a year earlier', () => {
    expect(lastCompleteQuarter('2026-12-05')).toBe('2026-Q3');
    expect(lastCompleteQuarter('2026-01-01')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    const candidates = alertCandidates(['751'], ['all'], '2026-12-05');
    expect(candidates.map((candidate) => [candidate.baseline, candidate.before.period, candidate.after.period])).toEqual([
      ['previous-quarter', '2026-Q2', '2026-Q3'],
      ['year-earlier', '2025-Q3', '2026-Q3'],
    ]);
  });
});

describe('detectAlerts', () => {
  const funds = Array.from({ length: 10 }, (_, index) => String(100 + index));
  const candidates = alertCandidates(funds, ['all'], '2026-12-05').filter((candidate) => candidate.baseline === 'previous-quarter');

  it('reports a fund whose delays doubled from one quarter to the next, and only that one', async () => {
    const random = seededRandom(41);
    const sides = new Map<string, PublishedSide>();
    for (const candidate of candidates) {
      // 300 reports a quarter: a fund's usual size at a million reports (docs/privacy.md, "Price").
      const doubled = candidate.caisse === '107';
      sides.set(cellKey(candidate.before), side(random, 300, 25));
      sides.set(cellKey(candidate.after), side(random, 300, doubled ? 50 : 25));
    }
    const { compared, alerts } = await detectAlerts(candidates, sides, 11);
    expect(compared).toBe(10);
    expect(alerts.map((alert) => alert.caisse)).toEqual(['107']);
    expect(alerts[0].id).toBe('urn:delais-ij:alerte:107:all:2026-Q2:2026-Q3');
  });

  it('raises about 5 % or fewer false alerts on noisy releases of data drawn from one distribution (any alert in a run counts)', () => {
    // 100 runs of 10 funds, each quarter 60 reports released with noise: bench/alerts-under-null.ts, in a child process.
    const result = benchScript<{ runs: number; runsWithAnAlert: number }>('alerts-under-null.ts', ['--runs', '100', '--funds', '10', '--reports', '60']);
    expect(result.runs).toBe(100);
    // Under the global null BH bounds P(any rejection) by q = 5 %; only deteriorations alert (about half).
    expect(result.runsWithAnAlert / result.runs).toBeLessThanOrEqual(0.06);
  }, 120_000);

  it('compares nothing where a side is not published', async () => {
    const random = seededRandom(3);
    const sides = new Map<string, PublishedSide>([[cellKey(candidates[0].after), side(random, 100, 60)]]);
    expect(await detectAlerts(candidates, sides, 11)).toEqual({ compared: 0, alerts: [] });
  });
});
