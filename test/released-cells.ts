import type { PublishedSide } from '../src/stats/alerts';
import { binOf, delayBins } from '../src/stats/delay-bins';
import type { CoarseFigures } from '../src/stats/disclosure-control';
import type { CellRandom } from '../src/stats/discrete-gaussian';
import { kaplanMeier } from '../src/stats/kaplan-meier';
import { CellRelease, releaseCell, releasedHistogram } from '../src/stats/noisy-release';

// Cells drawn from a known law, binned and released as the refresh does: what the statistical
// specs and the measurement scripts of bench/ (false positives, interval coverage, false alerts) draw.

/** The bins at THRESHOLD_DAYS = 30, the setting every such measurement uses. */
const BINS = delayBins(30);
const WIDTH = BINS.times.length;

/**
 * Who is still waiting: 'a tenth' are counted waiting at their delay's bin; 'three in ten at
 * random' get a censoring time uniform over 0–150 days (waiting if it comes first, independent
 * censoring as Kaplan–Meier assumes); 'none' are all paid.
 */
export type Waiting = 'a tenth' | 'three in ten at random' | 'none';

/** `reports` delays exponential around `scale` days, binned: events per bin, then censored per bin. */
export function exponentialCell(random: () => number, reports: number, scale: number, waiting: Waiting): Int32Array {
  const main = new Int32Array(2 * WIDTH);
  for (let i = 0; i < reports; i++) {
    const delay = Math.round(-scale * Math.log(1 - random()));
    if (waiting === 'a tenth') main[binOf(BINS, delay) + (random() < 0.1 ? WIDTH : 0)]++;
    else {
      const censoredAt = waiting === 'three in ten at random' && random() < 0.3 ? Math.round(random() * 150) : Infinity;
      if (censoredAt < delay) main[binOf(BINS, censoredAt) + WIDTH]++;
      else main[binOf(BINS, delay)]++;
    }
  }
  return main;
}

/** The noisy release of a cell that has only its main histogram (no fund part, no consequences). */
export function releasedCell(main: Int32Array, random: CellRandom, minGroupSize = 11): CellRelease {
  return releaseCell({ main, fund: new Int32Array(main.length), consequences: new Int32Array(6) }, random, minGroupSize);
}

/** A side of an alert's comparison as the snapshot stores it: the release and the figures read from it. */
export function publishedSide(release: CellRelease): PublishedSide {
  const km = kaplanMeier(releasedHistogram(release.main, BINS.times), 30);
  const figures = { reports: release.reports, medianDays: km.medianDays, shareOverThreshold: km.survivalAtThreshold } as CoarseFigures;
  return { figures, release: { main: Array.from(release.main), fund: Array.from(release.fund), times: Array.from(BINS.times) } };
}
