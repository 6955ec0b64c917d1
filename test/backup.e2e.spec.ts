import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { text } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import request from 'supertest';
import { createHttpApp } from '../src/http-app';
import { generateBackupKey, openDecrypted } from '../src/backup/backup-encryption';
import { RetentionService } from '../src/retention/retention.service';
import { runOnServer, withDatabase } from './database-admin';
import { daysAgo, reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'dist', 'cli', 'cli.js');

/** Every row of every table of the service, in a stable order, and the facts statistics read. */
async function snapshot(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const content: Record<string, unknown[]> = {};
    for (const { name } of [...tables, { name: 'report_facts' }]) {
      content[name] = (await client.query(`SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`)).rows.map((row) => row.row);
    }
    return content;
  } finally {
    await client.end();
  }
}

describe('backup and restore', () => {
  // Each test spawns the CLI several times (a few seconds each, much more on a loaded machine).
  jest.setTimeout(180_000);
  let testApp: TestApp;
  let folder: string;
  const restoredName = `delais_ij_restored_${process.pid}`;
  const restoredUrl = () => withDatabase(process.env.TEST_SERVER_URL as string, restoredName);
  let key: string;
  const cli = (args: string[], databaseUrl: string, environment: Record<string, string> = {}) =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, BACKUP_ENCRYPTION_KEY: key, ...environment } });

  beforeAll(async () => {
    testApp = await startTestApp();
    key = await generateBackupKey();
    folder = mkdtempSync(join(tmpdir(), 'delais-ij-backup-'));
  });
  afterAll(async () => {
    await runOnServer(process.env.TEST_SERVER_URL as string, `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    rmSync(folder, { recursive: true, force: true });
    await testApp.close();
  });

  it('restores into a fresh database the same rows of every table, hence the same report_facts', async () => {
    const receipts: string[] = [];
    for (let index = 0; index < 30; index++) {
      const body = reportBody({
        leaveStartedOn: daysAgo(20 + index * 17),
        firstPaidOn: index % 3 === 0 ? null : daysAgo(index * 17),
        certificateSentOn: index % 2 === 0 ? daysAgo(15 + index * 17) : undefined,
        consequences: index % 4 === 0 ? ['overdraft', 'unpaid_bills'] : [],
        subrogation: index % 7 === 0,
      });
      const created = await testApp.http.post('/api/reports').set('Idempotency-Key', `backup-${index}`).send(body).expect(201);
      receipts.push(created.body.receipt);
    }
    await testApp.app.get(RetentionService).purge();
    const original = await snapshot(testApp.db.url);
    expect(original.reports.length).toBe(30);
    expect(original.reports.some((row) => JSON.parse(row as string).coarsened)).toBe(true);

    const file = join(folder, 'backup.jsonl.gz.age');
    const backup = await cli(['backup', '--file', file], testApp.db.url);
    expect(backup.stdout).toContain('reports: 30');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    // The backup holds hashes, never a receipt.
    const content = await text((await openDecrypted(file, key)).pipe(createGunzip()));
    expect(content).toContain('"t":"reports"');
    for (const receipt of receipts) expect(content).not.toContain(receipt.replace(/-/g, ''));

    await runOnServer(process.env.TEST_SERVER_URL as string, `CREATE DATABASE ${restoredName}`);
    const restore = await cli(['restore', '--file', file], restoredUrl());
    expect(restore.stdout).toContain('reports: 30');
    expect(await snapshot(restoredUrl())).toEqual(original);

    // The restored service answers receipts given before the backup.
    const restoredApp = await startTestAppOn(restoredUrl());
    try {
      await restoredApp.get('/api/my-report').set('X-Receipt', receipts[1]).expect(200);
    } finally {
      await restoredApp.close();
    }
  });

  it('refuses to restore over a non-empty database unless --force', async () => {
    const file = join(folder, 'backup.jsonl.gz.age');
    await testApp.http.post('/api/reports').send(reportBody()).expect(201);
    await expect(cli(['restore', '--file', file], testApp.db.url)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the database is not empty (idempotency_keys, reports)'),
    });
    const before = await snapshot(restoredUrl());
    await cli(['restore', '--file', file, '--force'], restoredUrl());
    expect(await snapshot(restoredUrl())).toEqual(before);
    await expect(cli(['restore'], restoredUrl())).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--file PATH is required') });
  });

  it('refuses to restore with another key or none, and to back up without a key', async () => {
    const file = join(folder, 'backup.jsonl.gz.age');
    const before = await snapshot(restoredUrl());
    await expect(cli(['restore', '--file', file, '--force'], restoredUrl(), { BACKUP_ENCRYPTION_KEY: await generateBackupKey() })).rejects.toMatchObject({
      code: 2,
      stderr: "restore: the backup cannot be decrypted with BACKUP_ENCRYPTION_KEY (no identity matched any of the file's recipients)\n",
    });
    await expect(cli(['restore', '--file', file, '--force'], restoredUrl(), { BACKUP_ENCRYPTION_KEY: '' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the backup is encrypted: set BACKUP_ENCRYPTION_KEY'),
    });
    expect(await snapshot(restoredUrl())).toEqual(before);
    const unencrypted = join(folder, 'plain.jsonl.gz');
    await expect(cli(['backup', '--file', unencrypted], testApp.db.url, { BACKUP_ENCRYPTION_KEY: '' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('backups are encrypted: set BACKUP_ENCRYPTION_KEY'),
    });
    expect(existsSync(unencrypted)).toBe(false);
    expect(existsSync(`${unencrypted}.partial`)).toBe(false);
  });
});

async function startTestAppOn(url: string) {
  const app = await createHttpApp(url, { logRequests: false, logger: ['error'] });
  const agent = request(app.getHttpServer());
  return Object.assign(agent, { close: () => app.close() });
}
