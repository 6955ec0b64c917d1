// `node -r ts-node/register/transpile-only bench/alerts-under-null.ts [--runs 100 --funds 10 --reports 60 --out file.json]`:
// how often a snapshot raises any alert when every fund's two quarters are drawn from one law and
// released with noise as the refresh does (issue 14: about 5 % or fewer). src/stats/alerts.spec.ts
// runs it in a child process: simulations run several times faster under node than under jest.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { alertCandidates, detectAlerts, PublishedSide } from '../src/stats/alerts';
import { NoiseSource } from '../src/stats/discrete-gaussian';
import { seededRandom } from '../src/stats/simulation-random';
import { cellKey } from '../src/stats/stats-cube';
import { exponentialCell, publishedSide, releasedCell } from '../test/released-cells';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    funds: { type: 'string', default: '10' },
    reports: { type: 'string', default: '60' },
    out: { type: 'string', default: 'bench/alerts-under-null.json' },
  },
});
const noise = new NoiseSource(Buffer.alloc(32, 14), 'alerts-under-null');
let releases = 0;

/** A published side: delays about 30 days with a tenth still waiting, released with noise. */
const side = (random: () => number, reports: number) =>
  publishedSide(releasedCell(exponentialCell(random, reports, 30, 'a tenth'), noise.forCell([releases++, reports])));

async function main(): Promise<void> {
  const funds = Array.from({ length: Number(options.funds) }, (_, index) => String(100 + index));
  const candidates = alertCandidates(funds, ['all'], '2026-12-05').filter((candidate) => candidate.baseline === 'previous-quarter');
  const runs = Number(options.runs);
  let runsWithAnAlert = 0;
  for (let seed = 0; seed < runs; seed++) {
    const random = seededRandom(1000 + seed);
    const sides = new Map<string, PublishedSide>();
    for (const candidate of candidates) {
      sides.set(cellKey(candidate.before), side(random, Number(options.reports)));
      sides.set(cellKey(candidate.after), side(random, Number(options.reports)));
    }
    if ((await detectAlerts(candidates, sides, 11)).alerts.length > 0) runsWithAnAlert++;
  }
  const result = { runs, funds: funds.length, reports: Number(options.reports), runsWithAnAlert, share: runsWithAnAlert / runs };
  writeFileSync(options.out, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
