// `node -r ts-node/register/transpile-only bench/logrank-under-noise.ts`: how often the log-rank test
// of GET /api/stats/compare says p < 0.05 on two cells drawn from one distribution, on exact binned
// histograms, on noisy releases as published, and on noise without the small-bin rule (docs/api.md).
import { binOf, delayBins } from '../src/stats/delay-bins';
import { discreteGaussian, NoiseSource } from '../src/stats/discrete-gaussian';
import { NOISE_VARIANCE, projectToTotal, releaseCell, releasedHistogram } from '../src/stats/noisy-release';
import { logRankTest } from '../src/stats/survival-comparison';
import { seededRandom } from '../test/seeded-random';

const bins = delayBins(30);
const WIDTH = bins.times.length;
const noise = new NoiseSource(Buffer.alloc(32, 9), 'logrank-under-noise');
const TRIALS = 1000;

for (const reports of [30, 60, 120, 400]) {
  const random = seededRandom(reports);
  // Delays exponential around 30 days, a tenth still waiting: the same law for both cells.
  const drawn = () => {
    const main = new Int32Array(2 * WIDTH);
    for (let i = 0; i < reports; i++) main[binOf(bins, Math.round(-30 * Math.log(1 - random()))) + (random() < 0.1 ? WIDTH : 0)]++;
    return { main, fund: new Int32Array(2 * WIDTH), consequences: new Int32Array(6) };
  };
  const withoutSmallBinRule = (main: Int32Array, key: number) => {
    const stream = noise.forCell([key, 1]);
    const total = Math.max(0, reports + discreteGaussian(stream, NOISE_VARIANCE));
    return projectToTotal(
      Array.from(main, (count) => count + discreteGaussian(stream, NOISE_VARIANCE)),
      total,
    );
  };
  const significant = { exact: 0, published: 0, noiseOnly: 0 };
  const count = (first: Int32Array, second: Int32Array, key: keyof typeof significant) => {
    const test = logRankTest(releasedHistogram(first, bins.times), releasedHistogram(second, bins.times));
    if (test && test.pValue < 0.05) significant[key]++;
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    const [a, b] = [drawn(), drawn()];
    count(a.main, b.main, 'exact');
    count(releaseCell(a, noise.forCell([trial, 2 * reports]), 11).main, releaseCell(b, noise.forCell([trial, 2 * reports + 1]), 11).main, 'published');
    count(withoutSmallBinRule(a.main, 2 * trial), withoutSmallBinRule(b.main, 2 * trial + 1), 'noiseOnly');
  }
  const share = (key: keyof typeof significant) => (significant[key] / TRIALS).toFixed(3);
  process.stdout.write(
    `${reports} reports a side: p < 0.05 in ${share('exact')} exact, ${share('published')} published, ${share('noiseOnly')} noise without the small-bin rule\n`,
  );
}
