import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { createHttpApp } from '../src/http-app';
import { StatsService } from '../src/stats/stats.service';
import { TokensService } from '../src/tokens/tokens.service';
import { seedReports } from './seed';
const MB = 2 ** 20;
const fmt = () => { const m = process.memoryUsage(); return `rss ${(m.rss / MB).toFixed(0)} heap ${(m.heapUsed / MB).toFixed(0)} ext ${(m.external / MB).toFixed(0)} ab ${(m.arrayBuffers / MB).toFixed(0)}`; };
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'delais-ij-bench-exports-'));
  const postgres = new EmbeddedPostgres({ dataDir, logger: { log: () => undefined, warn: () => undefined } });
  const serverUrl = await postgres.start();
  const databaseUrl = serverUrl.replace(/\/postgres$/, '/bench_exports');
  try {
    const admin = new Client({ connectionString: serverUrl }); await admin.connect(); await admin.query('CREATE DATABASE bench_exports'); await admin.end();
    await runMigrations(databaseUrl);
    await seedReports(databaseUrl, Number(process.argv[2]));
    let app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'] });
    await app.get(StatsService).refresh();
    const token = (await app.get(TokensService).create('Bench', 'union')).token;
    await app.close();
    (globalThis as any).gc(); await new Promise((r) => setTimeout(r, 500)); (globalThis as any).gc();
    console.log('after prepare', fmt());
    app = await createHttpApp(databaseUrl, { logRequests: false, logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as any).port;
    (globalThis as any).gc(); console.log('fresh app', fmt());
    for (const path of ['/api/exports/cube.csv', '/api/exports/cube.csv']) {
      const t = Date.now();
      const sampler = setInterval(() => console.log('  ', Date.now() - t, fmt()), 500);
      await new Promise<void>((resolve, reject) => request(`http://127.0.0.1:${port}${path}`, { headers: { Authorization: `Bearer ${token}` } }, (res) => { res.on('data', () => undefined); res.on('end', resolve); }).on('error', reject).end());
      clearInterval(sampler);
      console.log(path, Date.now() - t, 'ms', fmt());
      (globalThis as any).gc(); console.log('after gc', fmt());
    }
    await app.close();
  } finally { await postgres.stop(); rmSync(dataDir, { recursive: true, force: true }); }
}
void main();
