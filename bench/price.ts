// `npm run bench:price -- --reports 30000`: the price of the noisy releases at one size, on a
// scratch embedded PostgreSQL seeded like `npm run bench`. Prints a table and writes
// bench/disclosure-price-<reports>.json (figures quoted in docs/privacy.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureDisclosurePrice } from './disclosure-price';
import { refreshSnapshot } from './scenarios-stats';
import { startScratchDatabase } from './scratch-database';
import { seedReports } from './seed';

const { values: options } = parseArgs({ options: { reports: { type: 'string', default: '30000' } } });
const REPORTS = Number(options.reports);

async function main(): Promise<void> {
  const database = await startScratchDatabase('price');
  try {
    const seedSeconds = await seedReports(database.url, REPORTS);
    const refreshMs = refreshSnapshot(database.url);
    const { rows, underThreshold } = await measureDisclosurePrice(database.url);
    const results = { when: new Date().toISOString(), reports: REPORTS, seedSeconds, refreshMs, underThreshold, rows };
    writeFileSync(join(__dirname, `disclosure-price-${REPORTS}.json`), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(
      `${REPORTS} reports, refresh ${refreshMs} ms; cells under MIN_GROUP_SIZE exact reports published: ${underThreshold.published} of ${underThreshold.ofCells}\n`,
    );
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  } finally {
    await database.close();
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
