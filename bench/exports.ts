// The cube exports at a full cube: seeds reports into a scratch embedded PostgreSQL, computes the
// snapshot, starts the built server (dist/main.js) as its own process, then downloads
// /api/exports/cube.csv and cube.xlsx while sampling the server's resident memory.
// Leaves cover 2015 to today, so the cube is full (about 250,000 cells at 1,000,000 reports).
// Run: npm run bench:exports -- --reports 1000000 (docs/architecture.md, "Exports", has the figures).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { runMigrations } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { createHttpApp } from '../src/http-app';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { residentMegabytes, startServer } from './processes';
import { seedReports } from './seed';

/** Downloads a URL, counting bytes without keeping them, while sampling the server's RSS. */
function download(url: string, bearer: string, serverPid: number): Promise<{ megabytes: number; seconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let peak = residentMegabytes(serverPid);
    const sampler = setInterval(() => (peak = Math.max(peak, residentMegabytes(serverPid))), 10);
    request(url, { headers: { Authorization: bearer } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        clearInterval(sampler);
        if (response.statusCode !== 200) return reject(new Error(`${url}: ${response.statusCode}`));
        resolve({ megabytes: bytes / 2 ** 20, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak });
      });
    }).on('error', reject).end();
  });
}

// seedReports spreads leaves over the last seven years; moving each report back by up to four
// more years (all its dates together) covers 2015 on, so every period cell of the cube exists.
const SPREAD_BACK_TO_2015 = `
  UPDATE reports SET leave_started_on = leave_started_on - shift, certificate_sent_on = certificate_sent_on - shift,
                     first_paid_on = first_paid_on - shift, status_as_of = status_as_of - shift
  FROM (SELECT id AS shifted, floor(random() * 1450)::int AS shift FROM reports) AS shifts WHERE id = shifted`;

/** Seeds, refreshes and creates a token in this process; answers the token. */
async function prepare(databaseUrl: string, reports: number): Promise<string> {
  await runMigrations(databaseUrl);
  process.stdout.write(`seeded ${reports} reports in ${(await seedReports(databaseUrl, reports)).toFixed(1)} s\n`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(SPREAD_BACK_TO_2015);
  await db.end();
  const app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'] });
  try {
    const refresh = await app.get(StatsService).refresh();
    process.stdout.write(`snapshot: ${refresh.cells} cells (${refresh.suppressedCells} suppressed), refreshed in ${refresh.durationMs} ms\n`);
    return (await app.get(TokensService).create('Bench', 'union')).token;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reports: { type: 'string', default: '1000000' } } });
  const dataDir = mkdtempSync(join(tmpdir(), 'delais-ij-bench-exports-'));
  const postgres = new EmbeddedPostgres({ dataDir, logger: { log: () => undefined, warn: () => undefined } });
  const serverUrl = await postgres.start();
  const databaseUrl = serverUrl.replace(/\/postgres$/, '/bench_exports');
  try {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_exports');
    await admin.end();
    const bearer = `Bearer ${await prepare(databaseUrl, Number(values.reports))}`;
    const server = await startServer('app', ['dist/main.js'], { DATABASE_URL: databaseUrl, STATS_REFRESH_MINUTES: '30000' }, 3911);
    try {
      const pid = server.child.pid as number;
      server.child.stdout?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (/refresh/i.test(line)) process.stdout.write(`server: ${line}\n`);
      });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      for (const path of ['/api/exports/cube.csv', '/api/exports/cube.xlsx', '/api/exports/cube.csv?dialect=rfc4180', '/api/exports/cube.xlsx']) {
        const before = residentMegabytes(pid);
        const result = await download(`${server.url}${path}`, bearer, pid);
        process.stdout.write(`${path}: ${result.megabytes.toFixed(1)} MB in ${result.seconds.toFixed(2)} s; server RSS ${before.toFixed(0)} MB before, peak ${result.peakRssMb.toFixed(0)} MB (+${(result.peakRssMb - before).toFixed(0)} MB)\n`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
