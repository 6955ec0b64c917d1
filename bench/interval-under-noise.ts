// `node -r ts-node/register/transpile-only bench/interval-under-noise.ts [trials]`: how often the 95 %
// interval of a cell's share unpaid after 30 days misses the true share: R's log-log interval on
// exact binned histograms, the same on the noisy release taken as exact, and the interval the
// snapshot publishes (widened for the noise, releasedShareInterval). docs/privacy.md, "Intervals".
// Delays exponential around 30 days; in the second set, three in ten have an independent censoring
// time uniform over 0–150 days. The true share is P(round(delay) > 30) either way.
import { writeFileSync } from 'node:fs';
import { delayBins } from '../src/stats/delay-bins';
import { NoiseSource } from '../src/stats/discrete-gaussian';
import { kaplanMeier } from '../src/stats/kaplan-meier';
import { releasedHistogram, releasedShareInterval } from '../src/stats/noisy-release';
import { seededRandom } from '../src/stats/simulation-random';
import { exponentialCell, releasedCell } from '../test/released-cells';

const THRESHOLD_DAYS = 30;
const bins = delayBins(THRESHOLD_DAYS);
const noise = new NoiseSource(Buffer.alloc(32, 2), 'interval-under-noise');
const TRIALS = Number(process.argv[2] ?? 1000);
const TRUE_SHARE = Math.exp(-(THRESHOLD_DAYS + 0.5) / 30);

type Reading = 'exact' | 'releasedAsExact' | 'published';
const results: Record<string, Record<Reading, number>> = {};
for (const censoring of [false, true]) {
  for (const reports of [30, 60, 120, 400, 2000]) {
    const random = seededRandom(reports + (censoring ? 7 : 0));
    const missed: Record<Reading, number> = { exact: 0, releasedAsExact: 0, published: 0 };
    const shown: Record<Reading, number> = { exact: 0, releasedAsExact: 0, published: 0 };
    const count = (reading: Reading, interval: [number, number] | null) => {
      if (!interval) return;
      shown[reading]++;
      if (TRUE_SHARE < interval[0] || TRUE_SHARE > interval[1]) missed[reading]++;
    };
    for (let trial = 0; trial < TRIALS; trial++) {
      const main = exponentialCell(random, reports, 30, censoring ? 'three in ten at random' : 'none');
      count('exact', kaplanMeier(releasedHistogram(main, bins.times), THRESHOLD_DAYS).survivalAtThresholdCi);
      const released = releasedCell(main, noise.forCell([trial, reports + (censoring ? 7 : 0)])).main;
      const km = kaplanMeier(releasedHistogram(released, bins.times), THRESHOLD_DAYS);
      count('releasedAsExact', km.survivalAtThresholdCi);
      count('published', releasedShareInterval(released, bins.times, THRESHOLD_DAYS, km));
    }
    const rate = (reading: Reading) => missed[reading] / shown[reading];
    const label = `${reports} reports${censoring ? ', 30 % censored at random' : ''}`;
    results[label] = { exact: rate('exact'), releasedAsExact: rate('releasedAsExact'), published: rate('published') };
    process.stdout.write(
      `${label}: the 95 % interval misses the true share in ${rate('exact').toFixed(3)} exact, ${rate('releasedAsExact').toFixed(3)} released taken as exact, ${rate('published').toFixed(3)} published\n`,
    );
  }
}
writeFileSync('bench/interval-under-noise.json', JSON.stringify({ trials: TRIALS, trueShare: TRUE_SHARE, results }, null, 2) + '\n');
