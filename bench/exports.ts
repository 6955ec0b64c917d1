// The cube exports at a full cube: seeds reports into a scratch embedded PostgreSQL, computes the
// snapshot, then downloads /api/exports/cube.csv and cube.xlsx from the app in this process while
// sampling its memory. Run: node --expose-gc -r ts-node/register/transpile-only bench/exports.ts --reports 1000000
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
import { seedReports } from './seed';

const MB = 2 ** 20;

/** Downloads a URL, counting bytes without keeping them; samples RSS meanwhile. */
function download(url: string, bearer: string): Promise<{ bytes: number; seconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    request(url, { headers: { Authorization: bearer } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        clearInterval(sampler);
        if (response.statusCode !== 200) return reject(new Error(`${url}: ${response.statusCode}`));
        resolve({ bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak / MB });
      });
    }).on('error', reject).end();
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reports: { type: 'string', default: '1000000' } } });
  const reports = Number(values.reports);
  const dataDir = mkdtempSync(join(tmpdir(), 'delais-ij-bench-exports-'));
  const postgres = new EmbeddedPostgres({ dataDir, logger: { log: () => undefined, warn: () => undefined } });
  const serverUrl = await postgres.start();
  const databaseUrl = serverUrl.replace(/\/postgres$/, '/bench_exports');
  try {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_exports');
    await admin.end();
    await runMigrations(databaseUrl);
    process.stdout.write(`seeded ${reports} reports in ${(await seedReports(databaseUrl, reports)).toFixed(1)} s\n`);
    const app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'], environment: { STATS_REFRESH_MINUTES: '100000' } });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    try {
      const stats = app.get(StatsService);
      const refresh = await stats.refresh();
      process.stdout.write(`snapshot: ${refresh.cells} cells (${refresh.suppressedCells} suppressed), refreshed in ${refresh.durationMs} ms\n`);
      const bearer = `Bearer ${(await app.get(TokensService).create('Bench', 'union')).token}`;
      for (const path of ['/api/exports/cube.csv', '/api/exports/cube.xlsx', '/api/exports/cube.csv?dialect=rfc4180']) {
        (globalThis as { gc?: () => void }).gc?.();
        const before = process.memoryUsage.rss() / MB;
        const result = await download(`${base}${path}`, bearer);
        process.stdout.write(`${path}: ${(result.bytes / MB).toFixed(1)} MB in ${result.seconds.toFixed(2)} s; RSS ${before.toFixed(0)} MB before, peak ${result.peakRssMb.toFixed(0)} MB (growth ${(result.peakRssMb - before).toFixed(0)} MB)\n`);
      }
    } finally {
      await app.close();
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
