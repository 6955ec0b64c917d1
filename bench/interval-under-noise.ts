// `node -r ts-node/register/transpile-only bench/interval-under-noise.ts [trials]`: how often the 95 %
// interval that a cell publishes for its share unpaid after 30 days misses the true share, on exact
// binned histograms and on the noisy releases the snapshot publishes (docs/privacy.md, "Price").
// Delays exponential around 30 days, nobody censored: the true share is P(round(delay) > 30).
import { writeFileSync } from 'node:fs';
import { binOf, delayBins } from '../src/stats/delay-bins';
import { NoiseSource } from '../src/stats/discrete-gaussian';
import { kaplanMeier } from '../src/stats/kaplan-meier';
import { releaseCell, releasedHistogram } from '../src/stats/noisy-release';
import { seededRandom } from '../src/stats/simulation-random';

const THRESHOLD_DAYS = 30;
const bins = delayBins(THRESHOLD_DAYS);
const WIDTH = bins.times.length;
const noise = new NoiseSource(Buffer.alloc(32, 2), 'interval-under-noise');
const TRIALS = Number(process.argv[2] ?? 1000);
const TRUE_SHARE = Math.exp(-(THRESHOLD_DAYS + 0.5) / 30);

const results: Record<string, { exact: number; published: number }> = {};
for (const reports of [30, 60, 120, 400]) {
  const random = seededRandom(reports);
  const missed = { exact: 0, published: 0 };
  const shown = { exact: 0, published: 0 };
  const count = (key: 'exact' | 'published', counts: Int32Array) => {
    const interval = kaplanMeier(releasedHistogram(counts, bins.times), THRESHOLD_DAYS).survivalAtThresholdCi;
    if (!interval) return;
    shown[key]++;
    if (TRUE_SHARE < interval[0] || TRUE_SHARE > interval[1]) missed[key]++;
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    const main = new Int32Array(2 * WIDTH);
    for (let i = 0; i < reports; i++) main[binOf(bins, Math.round(-30 * Math.log(1 - random())))]++;
    count('exact', main);
    count('published', releaseCell({ main, fund: new Int32Array(2 * WIDTH), consequences: new Int32Array(6) }, noise.forCell([trial, reports]), 11).main);
  }
  results[`${reports} reports`] = { exact: missed.exact / shown.exact, published: missed.published / shown.published };
  process.stdout.write(
    `${reports} reports: the 95 % interval misses the true share in ${(missed.exact / shown.exact).toFixed(3)} exact, ${(missed.published / shown.published).toFixed(3)} published\n`,
  );
}
writeFileSync('bench/interval-under-noise.json', JSON.stringify({ trials: TRIALS, trueShare: TRUE_SHARE, results }, null, 2) + '\n');
