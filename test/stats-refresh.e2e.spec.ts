import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createHttpApp } from '../src/http-app';
import { StatsService } from '../src/stats/stats.service';
import { insertReports, sameReports } from './stats-factory';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startService } from './service-process';
import { createTestDatabase } from './test-database';
import { startTestApp, TestApp } from './test-app';

// Two application instances on one database: one refresh at a time, readers never see half a snapshot.
describe('statistics refresh', () => {
  let testApp: TestApp;
  let secondInstance: NestFastifyApplication;
  beforeAll(async () => {
    testApp = await startTestApp();
    secondInstance = await createHttpApp(testApp.db.url, { logRequests: false, logger: ['error'] });
  });
  afterAll(async () => {
    await secondInstance.close();
    await testApp.close();
  });

  const batch = () => [
    ...sameReports(600, '751', 20),
    ...sameReports(400, '931', null, { kind: 'accident_travail' }),
    ...sameReports(300, '594', 45, { kind: 'maternite' }),
  ];

  it('runs one refresh at a time across instances', async () => {
    await insertReports(testApp.db, [...batch(), ...batch()]);
    const results = await Promise.all([testApp.app.get(StatsService).refresh(), secondInstance.get(StatsService).refresh()]);
    expect(results.map((result) => result.refreshed).sort()).toEqual([false, true]);
    expect((await testApp.db.query('SELECT count(*)::int AS count FROM stats_snapshots'))[0]).toEqual({ count: 1 });
  });

  it('lets readers see only whole snapshots while refreshes commit', async () => {
    let refreshing = true;
    const refresher = (async () => {
      for (let round = 0; round < 4; round++) {
        await insertReports(testApp.db, batch());
        const summary = await (round % 2 === 0 ? testApp.app : secondInstance).get(StatsService).refresh();
        expect(summary).toMatchObject({ refreshed: true, reports: 2600 + (round + 1) * 1300 });
      }
      refreshing = false;
    })();
    let reads = 0;
    const readers = Array.from({ length: 3 }, async (_, reader) => {
      const http = reader === 0 ? testApp.http : request(secondInstance.getHttpServer());
      while (refreshing) {
        const body = (await http.get('/api/stats?groupBy=kind').expect(200)).body;
        const published = body.rows.filter((row: { suppressed: boolean }) => !row.suppressed);
        const sum = published.reduce((total: number, row: { reports: number }) => total + row.reports, 0);
        expect(published).toHaveLength(3);
        // Each count is noisy (σ = 2): rows and total of one snapshot agree within a few reports,
        // while rows of one snapshot beside the total of another would be 1300 apart.
        expect(Math.abs(sum - body.total.reports)).toBeLessThanOrEqual(40);
        // Each snapshot holds whole batches of 1300 reports: never a refresh's partial write.
        const offBatch = (body.total.reports - 2600) % 1300;
        expect(Math.min(offBatch, 1300 - offBatch)).toBeLessThanOrEqual(10);
        reads++;
      }
    });
    await Promise.all([refresher, ...readers]);
    expect(reads).toBeGreaterThan(3);
    // An instance learns of a snapshot written by another within a second (answers are cached per snapshot).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(Math.abs((await testApp.http.get('/api/stats?groupBy=kind').expect(200)).body.total.reports - (2600 + 4 * 1300))).toBeLessThanOrEqual(10);
    // The newest snapshot and the one before it (for readers that started on it) are kept.
    expect((await testApp.db.query('SELECT count(*)::int AS count FROM stats_snapshots'))[0]).toEqual({ count: 2 });
  });

  it('refreshes from the command line with a one-line summary', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'cli.js'), 'stats:refresh'], {
      env: { ...process.env, DATABASE_URL: testApp.db.url },
    });
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^snapshot \S+: 7800 reports, \d+ cells published \(\d+ given a new release\) in \d+ ms$/),
    ]);
  });

  it('computes a first snapshot when the service starts without one', async () => {
    const db = await createTestDatabase();
    const service = await startService({ DATABASE_URL: db.url, STATS_REFRESH_MINUTES: '60' });
    try {
      let status = 503;
      for (let attempt = 0; attempt < 100 && status === 503; attempt++) {
        status = (await fetch(`${service.baseUrl}/api/stats`)).status;
        if (status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      await db.drop();
    }
  });
});
