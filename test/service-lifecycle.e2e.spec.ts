import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../src/database/embedded-postgres';
import { reportBody } from './report-factory';
import { ServiceProcess, startService } from './service-process';

const runsAsRoot = process.getuid?.() === 0;

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

// `npm start` with no database installed: the embedded PostgreSQL keeps its data in DATA_DIR.
describe('the service on its embedded PostgreSQL', () => {
  let parent: string;
  let dataDir: string;
  let service: ServiceProcess | undefined;

  beforeAll(() => {
    // A private (0700) parent folder, as /root is: as root, PostgreSQL runs as `postgres` and
    // must still reach its data.
    parent = mkdtempSync(join(tmpdir(), 'delais-ij-lifecycle-'));
    mkdirSync(join(parent, 'home'), { mode: 0o700 });
    dataDir = join(parent, 'home', 'data');
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    const pid = postmasterPid(dataDir);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
    rmSync(parent, { recursive: true, force: true });
  });

  it('keeps a report across a clean restart and a crash, and stops PostgreSQL on SIGTERM', async () => {
    service = await startService({ DATA_DIR: dataDir, PURGE_INTERVAL_HOURS: '24' });
    // The service starts its schedules (CLI commands and test apps build the application without them).
    expect(service.output()).toContain('purge scheduled every 24 h');
    const created = await fetch(`${service.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reportBody()),
    });
    expect(created.status).toBe(201);
    const { id, receipt } = (await created.json()) as { id: string; receipt: string };
    if (runsAsRoot) {
      expect(statSync(join(dataDir, 'pg')).uid).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString()));
    }

    // SIGTERM: requests drained, pool closed, PostgreSQL stopped, exit 0.
    const pid = postmasterPid(dataDir) as number;
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('stopped cleanly');
    expect(isAlive(pid)).toBe(false);

    service = await startService({ DATA_DIR: dataDir });
    const mine = await fetch(`${service.baseUrl}/api/my-report`, { headers: { 'X-Receipt': receipt } });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { id: string }).id).toBe(id);

    // SIGKILL leaves PostgreSQL running on the folder: the next start takes over cleanly.
    service.child.kill('SIGKILL');
    await service.exited;
    service = await startService({ DATA_DIR: dataDir });
    const afterCrash = await fetch(`${service.baseUrl}/api/my-report`, { headers: { 'X-Receipt': receipt } });
    expect(afterCrash.status).toBe(200);

    // The logs hold one line per request and nothing personal (the line follows the answer).
    const running = service;
    await waitFor(() => running.output().includes('"route":"/api/my-report"'));
    const logs = service.output();
    expect(logs).not.toContain(receipt);
    expect(logs).not.toContain('127.0.0.1');
    const requestLine = logs.split('\n').find((line) => line.includes('"route":"/api/my-report"')) as string;
    expect(JSON.parse(requestLine).message).toEqual({
      requestId: expect.any(String),
      method: 'GET',
      route: '/api/my-report',
      status: 200,
      durationMs: expect.any(Number),
    });
  });

  it('starts without its identity, with a warning naming the missing settings (never a value) and the banner on its pages', async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    service = await startService({ DATA_DIR: dataDir, ORGANISATION_NAME: 'Union locale de Lille', HOST_PHONE: '03 20 11 11 11' });
    const running = service;
    await waitFor(() => running.output().includes('instance not configured'));
    const warning = running
      .output()
      .split('\n')
      .find((line) => line.includes('instance not configured')) as string;
    expect(JSON.parse(warning)).toMatchObject({ level: 'warn', context: 'OrganisationService' });
    expect(warning).toContain('set ORGANISATION_ADDRESS, ORGANISATION_EMAIL, PUBLICATION_DIRECTOR, HOST_NAME, HOST_ADDRESS before opening');
    expect(running.output()).not.toContain('Lille');
    expect(running.output()).not.toContain('03 20 11 11 11');
    expect(await (await fetch(`${running.baseUrl}/`)).text()).toContain('Instance non configurée');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('refuses to start on a bad setting, naming the variable', async () => {
    const refused = await startService({ DATA_DIR: dataDir, MIN_GROUP_SIZE: '5' }, 20_000);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('MIN_GROUP_SIZE');
  });
});
