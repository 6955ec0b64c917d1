import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { text as streamText } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import { generateBackupKey, openDecrypted } from '../src/backup/backup-encryption';
import { reportBody } from './report-factory';
import { freePort, ServiceProcess, startService } from './service-process';
import { createTestDatabase, TestDatabase } from './test-database';

const run = promisify(execFile);
const CLIENT_ADDRESS = '203.0.113.77';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A POST whose body arrives in two halves: `finish()` sends the rest and resolves with the answer. */
function startSlowPost(baseUrl: string, body: string) {
  const url = new URL('/api/reports', baseUrl);
  let answer: Promise<{ status: number; text: string }> = Promise.resolve({ status: 0, text: '' });
  const request = httpRequest({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': CLIENT_ADDRESS },
  });
  answer = new Promise((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return {
    finish: () => {
      request.end(body.slice(half));
      return answer;
    },
  };
}

describe('the built service under stress of its life cycle', () => {
  let db: TestDatabase;
  let service: ServiceProcess | undefined;
  let folder: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    folder = mkdtempSync(join(tmpdir(), 'delais-ij-hardening-'));
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('drains requests in flight on SIGTERM (all answered 201, exit 0); neither logs nor a backup hold the address, a receipt or a key', async () => {
    service = await startService({ DATABASE_URL: db.url, TRUST_PROXY: 'true' });
    const post = (index: number) =>
      fetch(`${service!.baseUrl}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `drain-key-${index}`, 'x-forwarded-for': CLIENT_ADDRESS },
        body: JSON.stringify(reportBody({ consequences: ['overdraft'] })),
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    const first = await post(0);
    const slow = startSlowPost(service.baseUrl, JSON.stringify(reportBody()));
    const burst = Array.from({ length: 30 }, (_, index) => post(index + 1));
    await sleep(100);
    service.child.kill('SIGTERM');
    // Past the drain grace: the server no longer listens, the slow request is still in flight.
    await sleep(1_300);
    const slowAnswer = await slow.finish();
    const answers = [first, slowAnswer, ...(await Promise.all(burst))];
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('SIGTERM received: draining requests');
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    expect(n).toBe(answers.length);

    const receipts = answers.map((answer) => JSON.parse(answer.text).receipt as string);
    const file = join(folder, 'dump.jsonl.gz');
    const key = await generateBackupKey();
    await run(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'cli.js'), 'backup', '--file', file], {
      env: { ...process.env, DATABASE_URL: db.url, BACKUP_ENCRYPTION_KEY: key },
    });
    const dump = await streamText((await openDecrypted(file, key)).pipe(createGunzip()));
    expect(dump).toContain('"reports"');
    for (const text of [service.output(), dump]) {
      expect(text).not.toContain(CLIENT_ADDRESS);
      expect(text).not.toContain('drain-key-');
      for (const receipt of receipts) {
        expect(text).not.toContain(receipt);
        expect(text).not.toContain(receipt.replace(/-/g, ''));
      }
    }
  });

  it('gives up on an unreachable database after its retries, naming the host but never the password', async () => {
    const port = await freePort();
    const started = Date.now();
    service = await startService(
      { DATABASE_URL: `postgres://app:s3cret-pw@127.0.0.1:${port}/delais`, DB_CONNECT_RETRIES: '3', DB_CONNECT_RETRY_DELAY_MS: '100' },
      20_000,
    );
    expect(await service.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    const output = service.output();
    expect(output).toContain(`database 127.0.0.1:${port}/delais unreachable after 3 attempts`);
    expect(output).toContain('attempt 2/3');
    expect(output).not.toContain('s3cret-pw');
  });
});
