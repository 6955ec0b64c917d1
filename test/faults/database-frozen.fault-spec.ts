import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runOnServer, withDatabase } from '../database-admin';
import { freePort, ServiceProcess, startService } from '../service-process';
import { postUntil, sleep } from './load';

const quiet = { log: () => undefined, warn: () => undefined };
const FREEZE_MS = 4_000;

// A frozen server (SIGSTOP on the postmaster and every backend) stands for a host that stops
// answering without closing its connections: the hard case, documented in operations.md.
describe('PostgreSQL frozen under load', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres;
  let service: ServiceProcess;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'delais-ij-frozen-'));
    postgres = new EmbeddedPostgres({ dataDir, port: await freePort(), logger: quiet });
    const serverUrl = await postgres.start();
    await runOnServer(serverUrl, 'CREATE DATABASE frozen');
    await runMigrations(withDatabase(serverUrl, 'frozen'));
    service = await startService({ DATABASE_URL: withDatabase(serverUrl, 'frozen') });
  });
  afterAll(async () => {
    service.child.kill('SIGKILL');
    await service.exited;
    await postgres.destroy();
  });

  it('answers health 503 within a second while frozen; requests in flight wait, then all succeed once it thaws', async () => {
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let stop = false;
    const load = postUntil(service.baseUrl, 8, () => stop, 'frozen');
    await sleep(1_500);
    // The postmaster and every process it started, the backends serving the pool included.
    const processes = [
      postmaster,
      ...execFileSync('pgrep', ['-P', String(postmaster)])
        .toString()
        .trim()
        .split('\n')
        .map(Number),
    ];
    for (const pid of processes) process.kill(pid, 'SIGSTOP');
    let healthMs = 0;
    let healthStatus = 0;
    try {
      await sleep(1_000);
      const asked = Date.now();
      healthStatus = (await fetch(`${service.baseUrl}/api/health`)).status;
      healthMs = Date.now() - asked;
      await sleep(FREEZE_MS - 1_000 - healthMs);
    } finally {
      for (const pid of processes) process.kill(pid, 'SIGCONT');
    }
    await sleep(2_000);
    stop = true;
    const attempts = await load;
    const slowest = Math.max(...attempts.map((attempt) => attempt.latencyMs));
    process.stdout.write(
      `frozen database figures: ${JSON.stringify({ attempts: attempts.length, statuses: [...new Set(attempts.map((a) => a.status))], slowestMs: slowest, healthStatus, healthMs })}\n`,
    );
    expect(healthStatus).toBe(503);
    expect(healthMs).toBeLessThan(1_500);
    expect(attempts.every((attempt) => attempt.status === 201)).toBe(true);
    // No client-side query timeout: a request on an open connection waits out the freeze.
    expect(slowest).toBeGreaterThan(FREEZE_MS / 2);
    expect((await fetch(`${service.baseUrl}/api/health`)).status).toBe(200);
  });
});
