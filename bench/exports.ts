// The cube exports at a full cube: seeds reports into a scratch embedded PostgreSQL, computes the
// snapshot, starts the built server (dist/main.js) as its own process, then downloads
// /api/exports/cube.csv and cube.xlsx while sampling the server's resident memory.
// Leaves cover 2015 to today, so the cube is full (about 250,000 cells at 1,000,000 reports).
// Run: npm run bench:exports -- --reports 1000000 [--cpu-prof] (docs/architecture.md, "Exports", has the figures).
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { createHttpApp } from '../src/http-app';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { cpuProfileArgs, downloadMeasuringServer, residentMegabytes, startServer } from './processes';
import { seedReports } from './seed';
import { startScratchDatabase } from './scratch-database';

// seedReports spreads leaves over the last seven years; moving each report back by up to four
// more years (all its dates together) covers 2015 on, so every period cell of the cube exists.
const SPREAD_BACK_TO_2015 = `
  UPDATE reports SET leave_started_on = leave_started_on - shift, certificate_sent_on = certificate_sent_on - shift,
                     first_paid_on = first_paid_on - shift, status_as_of = status_as_of - shift
  FROM (SELECT id AS shifted, floor(random() * 1450)::int AS shift FROM reports) AS shifts WHERE id = shifted`;

/** Seeds, refreshes and creates a token in this process; answers the token. */
async function prepare(databaseUrl: string, reports: number): Promise<string> {
  process.stdout.write(`seeded ${reports} reports in ${(await seedReports(databaseUrl, reports)).toFixed(1)} s\n`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(SPREAD_BACK_TO_2015);
  await db.end();
  const app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'] });
  try {
    const refresh = await app.get(StatsService).refresh();
    process.stdout.write(`snapshot: ${refresh.cells} cells published (${refresh.releasedCells} released), refreshed in ${refresh.durationMs} ms\n`);
    return (await app.get(TokensService).create('Bench', 'union')).token;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reports: { type: 'string', default: '1000000' }, 'cpu-prof': { type: 'boolean', default: false } } });
  const profiling = cpuProfileArgs(values['cpu-prof']);
  const database = await startScratchDatabase('bench_exports');
  const databaseUrl = database.url;
  try {
    const bearer = `Bearer ${await prepare(databaseUrl, Number(values.reports))}`;
    const server = await startServer('app', [...profiling, 'dist/main.js'], { DATABASE_URL: databaseUrl, STATS_REFRESH_MINUTES: '10080' }, 3911);
    try {
      const pid = server.child.pid as number;
      server.child.stdout?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (/refresh/i.test(line)) process.stdout.write(`server: ${line}\n`);
      });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      for (const path of ['/api/exports/cube.csv', '/api/exports/cube.xlsx', '/api/exports/cube.csv?dialect=rfc4180', '/api/exports/cube.xlsx']) {
        const before = residentMegabytes(pid);
        const result = await downloadMeasuringServer(`${server.url}${path}`, bearer, pid);
        process.stdout.write(
          `${path}: ${result.megabytes.toFixed(1)} MB in ${result.seconds.toFixed(2)} s; server RSS ${before.toFixed(0)} MB before, peak ${result.peakRssMb.toFixed(0)} MB (+${(result.peakRssMb - before).toFixed(0)} MB)\n`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
