import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateBackupKey } from '../src/backup/backup-encryption';
import { backupFileName } from '../src/backup/backup-folder';
import { ScheduledBackupsService } from '../src/backup/scheduled-backups.service';
import { StatsService } from '../src/stats/stats.service';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'dist', 'cli', 'cli.js');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BACKUP_LOCK_KEY = 7_240_301;

describe('scheduled backups and the restore drill', () => {
  // Each test spawns the CLI several times (a few seconds each, much more on a loaded machine).
  jest.setTimeout(180_000);
  let testApp: TestApp;
  let folder: string;
  let key: string;
  let scheduled: ScheduledBackupsService;
  const cli = (args: string[], environment: Record<string, string> = {}) =>
    run(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: testApp.db.url, BACKUP_DIR: folder, BACKUP_ENCRYPTION_KEY: key, ...environment },
    });
  const emptyFolder = () => {
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'delais-ij-backups-'));
    key = await generateBackupKey();
    testApp = await startTestApp({ BACKUP_DIR: folder, BACKUP_ENCRYPTION_KEY: key, BACKUP_INTERVAL_HOURS: '24', BACKUP_RETENTION_DAYS: '30' });
    // The tests drive the checks themselves, at the times they choose: test apps start no scheduler.
    scheduled = testApp.app.get(ScheduledBackupsService);
  });
  afterAll(async () => {
    await testApp.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a backup once the newest is BACKUP_INTERVAL_HOURS old, and deletes those past BACKUP_RETENTION_DAYS', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS);
    const [expired, kept] = [backupFileName(at(-31 * 24)), backupFileName(at(-29 * 24))];
    const interrupted = `${backupFileName(at(-2))}.partial`;
    for (const name of [expired, kept, interrupted, 'notes.txt']) writeFileSync(join(folder, name), name);

    const first = await scheduled.run({ now: () => now });
    expect(first.ran).toBe(true);
    expect(first.written?.file).toBe(join(folder, backupFileName(now)));
    expect(first.written?.counts.reports).toBe(0);
    expect(first.deleted.sort()).toEqual([expired, interrupted].sort());
    expect(readdirSync(folder).sort()).toEqual([kept, backupFileName(now), 'notes.txt'].sort());
    expect(statSync(join(folder, backupFileName(now))).mode & 0o777).toBe(0o600);

    // 23 hours on, nothing is due; 36 hours on, a backup is, and the 29-day-old one has expired.
    expect(await scheduled.run({ now: () => at(23) })).toEqual({ ran: true, written: undefined, deleted: [] });
    const next = await scheduled.run({ now: () => at(36) });
    expect(next.written?.file).toBe(join(folder, backupFileName(at(36))));
    expect(next.deleted).toEqual([kept]);
    expect(readdirSync(folder).sort()).toEqual([backupFileName(now), backupFileName(at(36)), 'notes.txt'].sort());
    // A month on, both have expired.
    expect((await scheduled.run({ now: () => at(36 + 31 * 24) })).deleted.sort()).toEqual([backupFileName(now), backupFileName(at(36))].sort());
  });

  it('tells people on /confidentialite how long an erased report can survive in a backup: BACKUP_RETENTION_DAYS', async () => {
    const page = await testApp.http.get('/confidentialite').expect(200);
    expect(page.text).toContain('Il peut subsister au plus 30 jours dans les sauvegardes chiffrées du serveur, qui sont ensuite détruites.');
  });

  it('lets one writer at a time hold BACKUP_DIR: while another holds the lock, nothing is written or deleted', async () => {
    emptyFolder();
    writeFileSync(join(folder, backupFileName(new Date(Date.now() - 40 * DAY_MS))), 'expired');
    await testApp.db.query('SELECT pg_advisory_lock($1)', [BACKUP_LOCK_KEY]);
    try {
      expect(await scheduled.run()).toEqual({ ran: false, deleted: [] });
      expect(readdirSync(folder)).toHaveLength(1);
    } finally {
      await testApp.db.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK_KEY]);
    }
    const result = await scheduled.run();
    expect(result.deleted).toHaveLength(1);
    expect(result.written).toBeDefined();
  });

  it('restore-drill restores the newest backup into a scratch database and compares it with the live one', async () => {
    emptyFolder();
    for (let index = 0; index < 12; index++) {
      const body = reportBody({
        leaveStartedOn: daysAgo(40 + index),
        firstPaidOn: index % 2 === 0 ? daysAgo(index) : null,
        caisseCode: index < 6 ? '751' : '131',
      });
      await testApp.http.post('/api/reports').send(body).expect(201);
    }
    await testApp.app.get(StatsService).refresh();
    const backup = await cli(['backup']);
    expect(backup.stdout).toMatch(/^backup written to .*delais-ij-\d{8}T\d{6}Z\.jsonl\.gz\.age \(.*reports: 12/m);
    expect(backup.stdout).toContain('deleted 0 backups past BACKUP_RETENTION_DAYS');

    const same = await cli(['restore-drill']);
    expect(same.stdout).toMatch(/^recovery time: \d+ ms/m);
    expect(same.stdout).toMatch(/^reports\s+12\s+12\s+12$/m);
    expect(same.stdout).toMatch(/^stats_snapshots\s+1\s+1\s+1$/m);
    expect(same.stdout).toContain('statistics snapshot: restored = live');
    expect(same.stdout).toContain('result: complete; matches the live database');

    await testApp.http.post('/api/reports').send(reportBody()).expect(201);
    const changed = await cli(['restore-drill']);
    expect(changed.stdout).toMatch(/^reports\s+12\s+12\s+13$/m);
    expect(changed.stdout).toContain('result: complete; the live database changed since the backup (reports +1)');
    // The scratch database is gone after each drill.
    expect(await testApp.db.query(`SELECT datname FROM pg_database WHERE datname LIKE '%restore_drill'`)).toEqual([]);
  });

  it('backup:key prints a new key even before BACKUP_ENCRYPTION_KEY is set, with no database', async () => {
    const made = await cli(['backup:key'], { BACKUP_ENCRYPTION_KEY: '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(made.stdout).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}\n$/);
  });

  it('restore-drill refuses a key the backups were not written with, and an empty BACKUP_DIR', async () => {
    await expect(cli(['restore-drill'], { BACKUP_ENCRYPTION_KEY: await generateBackupKey() })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('restore-drill: the backup cannot be decrypted with BACKUP_ENCRYPTION_KEY'),
    });
    emptyFolder();
    await expect(cli(['restore-drill'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no backup in BACKUP_DIR yet') });
  });
});
