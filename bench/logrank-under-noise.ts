// `node -r ts-node/register/transpile-only bench/logrank-under-noise.ts`: how the comparisons
// of GET /api/stats/compare behave on noisy releases (docs/api.md, "Calibrated for the noise").
// Two cells of n reports each: drawn from one law (false positives: how often p < 0.05, how often
// the 95 % interval of the difference of shares misses 0), then with delays 1.5 times longer in
// the second (power), each on exact binned histograms, on noisy releases read as exact data, and
// on noisy releases with the calibration of src/stats/release-calibration.ts.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { delayBins } from '../src/stats/delay-bins';
import { NoiseSource } from '../src/stats/discrete-gaussian';
import { releasedHistogram } from '../src/stats/noisy-release';
import { calibratedComparison } from '../src/stats/release-calibration';
import { seededRandom } from '../src/stats/simulation-random';
import { exponentialCell, releasedCell } from '../test/released-cells';
import { logRankTest, shareDifference } from '../src/stats/survival-comparison';

const THRESHOLD_DAYS = 30;
const MIN_GROUP_SIZE = 11;
const bins = delayBins(THRESHOLD_DAYS);
const noise = new NoiseSource(Buffer.alloc(32, 9), 'logrank-under-noise');
// `--trials N --sizes 30,60 --same-law-only --out file.json`: a smaller run, as src/stats/release-calibration.spec.ts asks.
const { values: options } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    sizes: { type: 'string', default: '30,60,120,400' },
    'same-law-only': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/logrank-under-noise.json' },
  },
});
const TRIALS = Number(options.trials);

type Reading = 'exact' | 'published' | 'calibrated';
interface Outcome {
  significant: number;
  intervalMissesZero: number;
}

function readings(first: Int32Array, second: Int32Array, releasedFirst: Int32Array, releasedSecond: Int32Array): Record<Reading, [boolean, boolean]> {
  const plain = (a: Int32Array, b: Int32Array): [boolean, boolean] => {
    const [x, y] = [releasedHistogram(a, bins.times), releasedHistogram(b, bins.times)];
    const share = shareDifference(x, y, THRESHOLD_DAYS);
    return [(logRankTest(x, y)?.pValue ?? 1) < 0.05, !!share && (share.interval[0] > 0 || share.interval[1] < 0)];
  };
  const calibrated = calibratedComparison(releasedFirst, releasedSecond, bins.times, THRESHOLD_DAYS, MIN_GROUP_SIZE);
  const interval = calibrated.shareDifference?.interval;
  return {
    exact: plain(first, second),
    published: plain(releasedFirst, releasedSecond),
    calibrated: [(calibrated.logRank?.pValue ?? 1) < 0.05, !!interval && (interval[0] > 0 || interval[1] < 0)],
  };
}

const results: Record<string, Record<Reading, Outcome>> = {};
for (const reports of options.sizes.split(',').map(Number)) {
  const laws = [
    ['same law', 1],
    ['delays ×1.5', 1.5],
  ] as const;
  for (const [law, slower] of options['same-law-only'] ? laws.slice(0, 1) : laws) {
    const random = seededRandom(reports * 10 + slower * 2);
    // Delays exponential around 30 days, a tenth still waiting.
    const drawn = (scale: number) => exponentialCell(random, reports, scale, 'a tenth');
    const release = (main: Int32Array, key: number) => releasedCell(main, noise.forCell([key, reports * 10 + slower * 2]), MIN_GROUP_SIZE).main;
    const outcome: Record<Reading, Outcome> = {
      exact: { significant: 0, intervalMissesZero: 0 },
      published: { significant: 0, intervalMissesZero: 0 },
      calibrated: { significant: 0, intervalMissesZero: 0 },
    };
    for (let trial = 0; trial < TRIALS; trial++) {
      const [first, second] = [drawn(30), drawn(30 * slower)];
      const read = readings(first, second, release(first, 2 * trial), release(second, 2 * trial + 1));
      for (const reading of Object.keys(read) as Reading[]) {
        if (read[reading][0]) outcome[reading].significant++;
        if (read[reading][1]) outcome[reading].intervalMissesZero++;
      }
    }
    results[`${reports} reports a side, ${law}`] = outcome;
    const share = (value: number) => (value / TRIALS).toFixed(3);
    process.stdout.write(
      `${reports} reports a side, ${law}: p < 0.05 in ${share(outcome.exact.significant)} exact, ${share(outcome.published.significant)} published read as exact, ` +
        `${share(outcome.calibrated.significant)} calibrated; share interval without 0 in ${share(outcome.exact.intervalMissesZero)}, ` +
        `${share(outcome.published.intervalMissesZero)}, ${share(outcome.calibrated.intervalMissesZero)}\n`,
    );
  }
}
writeFileSync(options.out, JSON.stringify({ trials: TRIALS, results }, null, 2) + '\n');
