import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { generateBackupKey } from '../src/backup/backup-encryption';
import { createHttpApp } from '../src/http-app';
import { backupFileName } from '../src/backup/backup-folder';
import { RetentionService } from '../src/retention/retention.service';
import { StatsService } from '../src/stats/stats.service';
import { runOnServer } from './database-admin';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { freePort, startService } from './service-process';
import { createTestDatabase } from './test-database';
import { startTestApp, TestApp } from './test-app';

describe('health: liveness and readiness', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp({ STATS_REFRESH_MINUTES: '60' })));
  afterAll(async () => testApp.close());

  it('is alive without a snapshot, and ready only once the statistics are fresh', async () => {
    expect((await testApp.http.get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const early = await testApp.http.get('/api/health/ready').expect(503);
    expectErrorShape(early.body, 503, 'UNAVAILABLE');
    expect(early.body.details).toEqual([{ field: 'snapshot', message: 'no statistics snapshot yet' }]);
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

    await testApp.app.get(StatsService).refresh();
    const ready = await testApp.http.get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'up' });
    expect(ready.body.snapshotAgeSeconds).toBeGreaterThanOrEqual(0);
    // Snapshots are stamped with the hour only: the age reads up to an hour more than the truth.
    expect(ready.body.snapshotAgeSeconds).toBeLessThan(3_660);

    // Tests release at every refresh (STATS_RELEASE_DAYS=0): the bound is two refresh intervals and
    // the hour of rounding, three hours. Stamped two hours before this hour it passes; four, it does not.
    await testApp.db.query(`UPDATE stats_snapshots SET created_at = utc_hour(now()) - interval '2 hours'`);
    await testApp.http.get('/api/health/ready').expect(200);
    await testApp.db.query(`UPDATE stats_snapshots SET created_at = utc_hour(now()) - interval '4 hours'`);
    const stale = await testApp.http.get('/api/health/ready').expect(503);
    expect(stale.body.details).toEqual([{ field: 'snapshot', message: 'older than the release period, two refresh intervals and an hour (10800 s)' }]);
    // The old health check keeps its meaning: the database answers.
    expect((await testApp.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('is not ready while the database refuses connections, yet alive', async () => {
    await testApp.app.get(StatsService).refresh();
    const serverUrl = process.env.TEST_SERVER_URL as string;
    const database = new URL(testApp.db.url).pathname.slice(1);
    const [{ pid }] = await testApp.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    try {
      await runOnServer(serverUrl, `ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await runOnServer(serverUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> ${pid}`);
      const down = await testApp.http.get('/api/health/ready').expect(503);
      expect(down.body.details).toEqual([{ field: 'database', message: 'does not answer' }]);
      await testApp.http.get('/api/health/live').expect(200);
    } finally {
      await runOnServer(serverUrl, `ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    }
    await testApp.http.get('/api/health/ready').expect(200);
  });
});

describe('metrics', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp({ METRICS_ENABLED: 'true', TRUST_PROXY: 'true', POW_REQUIRED: 'false' })));
  afterAll(async () => testApp.close());

  it('are off unless METRICS_ENABLED', async () => {
    const plain = await createHttpApp(testApp.db.url, { logRequests: false, logger: ['error'] });
    try {
      expectErrorShape((await request(plain.getHttpServer()).get('/metrics').expect(404)).body, 404, 'NOT_FOUND');
    } finally {
      await plain.close();
    }
  });

  it('count requests by route pattern and status, with the pool and the snapshot, and never an address or a receipt', async () => {
    const address = '203.0.113.58';
    const created = await testApp.http.post('/api/reports').set('X-Forwarded-For', address).send(reportBody()).expect(201);
    const receipt = created.body.receipt as string;
    await testApp.http.get('/api/my-report').set('X-Receipt', receipt).set('X-Forwarded-For', address).expect(200);
    await testApp.http.get(`/api/nowhere/${receipt}?receipt=${receipt}`).expect(404);
    await testApp.app.get(StatsService).refresh();
    expect((await testApp.http.get('/metrics').expect(200)).text).not.toContain('purge_last_rows{');
    const purged = await testApp.app.get(RetentionService).purge();

    const scrape = await testApp.http.get('/metrics').expect(200);
    expect(scrape.headers['content-type']).toContain('text/plain');
    const text = scrape.text;
    expect(text).toContain('http_requests_total{method="POST",route="/api/reports",status="201"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/api/my-report",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/reports",status="201"\} 1$/m);
    expect(text).toMatch(/^db_pool_connections \d+$/m);
    expect(text).toMatch(/^db_pool_waiting_requests 0$/m);
    expect(text).toMatch(/^stats_snapshot_age_seconds \d/m);
    expect(text).toMatch(/^stats_refresh_duration_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^purge_last_run_timestamp_seconds \d+/m);
    expect(text).toContain(`purge_last_rows{action="deletedAbuseRows"} ${purged.deletedAbuseRows}`);
    expect(text).toContain(`purge_last_rows{action="coarsenedReports"} ${purged.coarsenedReports}`);
    // No BACKUP_DIR: no backup gauge at all.
    expect(text).not.toContain('backup_newest_age_seconds');
    for (const secret of [address, receipt, receipt.replace(/-/g, ''), 'nowhere', '?']) expect(text).not.toContain(secret);
  });

  it('give the age of the newest backup in BACKUP_DIR', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'delais-ij-metrics-backups-'));
    const takenAt = new Date(Date.now() - 3 * 3_600_000);
    writeFileSync(join(folder, backupFileName(new Date(takenAt.getTime() - 86_400_000))), 'older');
    writeFileSync(join(folder, backupFileName(takenAt)), 'newest');
    const withBackups = await createHttpApp(testApp.db.url, {
      logRequests: false,
      logger: ['error'],
      environment: { METRICS_ENABLED: 'true', BACKUP_DIR: folder, BACKUP_ENCRYPTION_KEY: await generateBackupKey() },
    });
    try {
      const text = (await request(withBackups.getHttpServer()).get('/metrics').expect(200)).text;
      const age = Number(/^backup_newest_age_seconds (\S+)$/m.exec(text)?.[1]);
      expect(age).toBeGreaterThanOrEqual(3 * 3600 - 1);
      expect(age).toBeLessThan(3 * 3600 + 120);
    } finally {
      await withBackups.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('can listen on a port of their own, and are then absent from the service port', async () => {
    const port = await freePort();
    const separate = await createHttpApp(testApp.db.url, {
      logRequests: false,
      logger: ['error'],
      environment: { METRICS_ENABLED: 'true', METRICS_PORT: String(port) },
    });
    try {
      await request(separate.getHttpServer()).get('/metrics').expect(404);
      const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toMatch(/^db_pool_connections \d+$/m);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await separate.close();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('readiness during a drain', () => {
  it('answers 503 from the moment SIGTERM arrives, stays alive through the grace, and exits 0', async () => {
    const db = await createTestDatabase();
    const service = await startService({ DATABASE_URL: db.url, POW_REQUIRED: 'false' });
    try {
      // The service computes its first snapshot at start-up.
      const deadline = Date.now() + 30_000;
      while ((await fetch(`${service.baseUrl}/api/health/ready`)).status !== 200) {
        if (Date.now() > deadline) throw new Error(`never ready:\n${service.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ready = await fetch(`${service.baseUrl}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).details).toEqual([{ field: 'draining', message: 'the service is shutting down' }]);
      expect((await fetch(`${service.baseUrl}/api/health/live`)).status).toBe(200);
      expect(await service.exited).toBe(0);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
      await db.drop();
    }
    // Start-up, its first refresh and the drain: more than jest's 30 s on a loaded machine.
  }, 120_000);
});
