import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runOnServer, withDatabase } from '../database-admin';
import { freePort, ServiceProcess, startService } from '../service-process';
import { Attempt, percentile, postUntil, retryAll, sleep } from './load';

const quiet = { log: () => undefined, warn: () => undefined };

// Our own PostgreSQL, so that it can be stopped and started under load.
describe('PostgreSQL stopped under load', () => {
  let dataDir: string;
  let port: number;
  let postgres: EmbeddedPostgres;
  let databaseUrl: string;
  let service: ServiceProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'delais-ij-outage-'));
    port = await freePort();
    postgres = new EmbeddedPostgres({ dataDir, port, logger: quiet });
    const serverUrl = await postgres.start();
    await runOnServer(serverUrl, 'CREATE DATABASE outage');
    databaseUrl = withDatabase(serverUrl, 'outage');
    await runMigrations(databaseUrl);
    service = await startService({ DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    service.child.kill('SIGKILL');
    await service.exited;
    await postgres.destroy();
  });

  it('answers 503 with Retry-After within a second while it is down, recovers by itself, and keeps exactly one report per key', async () => {
    const phases: { name: string; from: number }[] = [];
    const started = Date.now();
    const mark = (name: string) => phases.push({ name, from: Date.now() - started });
    let stopLoad = false;
    mark('up');
    const load = postUntil(service.baseUrl, 8, () => stopLoad, 'outage');
    await sleep(2_000);
    await postgres.stop();
    mark('down');
    await sleep(3_000);
    const health = await fetch(`${service.baseUrl}/api/health`);
    expect(health.status).toBe(503);
    mark('restarting');
    postgres = new EmbeddedPostgres({ dataDir, port, logger: quiet });
    await postgres.start();
    mark('back');
    await sleep(3_000);
    stopLoad = true;
    const attempts = await load;

    const phaseOf = (attempt: Attempt) => [...phases].reverse().find((phase) => attempt.at >= phase.from)?.name;
    const during = attempts.filter((attempt) => phaseOf(attempt) === 'down');
    const lastSecond = attempts.filter((attempt) => attempt.at > Date.now() - started - 1_000);
    const figures = {
      attempts: attempts.length,
      created: attempts.filter((attempt) => attempt.status === 201).length,
      unavailable: attempts.filter((attempt) => attempt.status === 503).length,
      noAnswer: attempts.filter((attempt) => attempt.status === 0).length,
      otherStatuses: [...new Set(attempts.map((attempt) => attempt.status))].filter((status) => ![0, 201, 503].includes(status)),
      p99LatencyDownMs: percentile(
        during.map((attempt) => attempt.latencyMs),
        0.99,
      ),
      maxLatencyDownMs: Math.max(...during.map((attempt) => attempt.latencyMs)),
    };
    process.stdout.write(`database outage figures: ${JSON.stringify(figures)}\n`);
    expect(figures.otherStatuses).toEqual([]);
    expect(during.length).toBeGreaterThan(20);
    expect(during.every((attempt) => attempt.status === 503 && Number(attempt.retryAfter) > 0)).toBe(true);
    expect(figures.maxLatencyDownMs).toBeLessThan(1_000);
    expect(lastSecond.length).toBeGreaterThan(0);
    expect(lastSecond.every((attempt) => attempt.status === 201)).toBe(true);
    expect((await fetch(`${service.baseUrl}/api/health`)).status).toBe(200);

    // Every acknowledged report is stored; retrying the others with their keys leaves one report per key.
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const stored = new Set((await client.query<{ id: string }>('SELECT id FROM reports')).rows.map((row) => row.id));
      for (const attempt of attempts.filter((candidate) => candidate.status === 201)) expect(stored.has(attempt.id as string)).toBe(true);
      const retries = await retryAll(
        service.baseUrl,
        attempts.filter((attempt) => attempt.status !== 201),
      );
      expect(retries.every((retry) => retry.status === 201)).toBe(true);
      const [{ reports }] = (await client.query<{ reports: number }>('SELECT count(*)::int AS reports FROM reports')).rows;
      expect(reports).toBe(attempts.length);
    } finally {
      await client.end();
    }
  });
});
