import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Challenge } from 'altcha-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import request from 'supertest';
import { solveAltcha } from '../src/abuse/pow-solver';
import { RateLimitService } from '../src/abuse/rate-limit.service';
import { openDecrypted } from '../src/backup/backup-encryption';
import { BackupService } from '../src/backup/backup.service';
import { createHttpApp } from '../src/http-app';
import { RetentionService } from '../src/retention/retention.service';
import { createToken } from './access-tokens';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

// Addresses come from X-Forwarded-For through a trusted proxy, so each test has its own.
const ENVIRONMENT = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_REPORTS_PER_HOUR: '3',
  RATE_LIMIT_READS_PER_HOUR: '4',
  TRUST_PROXY: 'true',
  POW_REQUIRED: 'true',
  POW_COST: '1',
  POW_MAX_COUNTER: '30',
  // A throwaway key: backups are always encrypted.
  BACKUP_ENCRYPTION_KEY: 'AGE-SECRET-KEY-13KRRZ2W9KNRAPM3H73LNDE5UHWWFM9LSJ3FFKUWR29MYQHG64UZSJK2H2Q',
};

describe('rate limits in PostgreSQL, per keyed address hash', () => {
  let testApp: TestApp;
  let second: NestFastifyApplication;

  const from = (address: string) => ({ 'X-Forwarded-For': address });

  // Challenges are fetched from addresses of their own, so they do not use up the one under test.
  let challengeFetches = 0;
  async function solvedOn(agent: TestApp['http']): Promise<string> {
    const response = await agent
      .get('/api/pow-challenge')
      .set(from(`192.0.2.${++challengeFetches}`))
      .expect(200);
    return solveAltcha(response.body as Challenge);
  }

  beforeAll(async () => {
    testApp = await startTestApp(ENVIRONMENT);
    // A second instance on the same database, as behind a load balancer.
    second = await createHttpApp(testApp.db.url, { logRequests: false, logger: ['error'], environment: ENVIRONMENT });
  });
  afterAll(async () => {
    await second.close();
    await testApp.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After past the hourly intake limit, per address', async () => {
    const address = '198.51.100.10';
    for (let index = 0; index < 3; index++) {
      await testApp.http
        .post('/api/reports')
        .set(from(address))
        .send(reportBody({ altcha: await solvedOn(testApp.http) }))
        .expect(201);
    }
    const refused = await testApp.http
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(429);
    expectErrorShape(refused.body, 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The limit is counted before the report, with the other bookkeeping: an invalid body costs
    // the database nothing and gets its 400, and nothing of the refused report was written.
    const invalid = await testApp.http.post('/api/reports').set(from(address)).send({}).expect(400);
    expectErrorShape(invalid.body, 400, 'VALIDATION_FAILED');
    const [{ stored }] = await testApp.db.query<{ stored: number }>(`SELECT count(*)::int AS stored FROM reports`);
    const [{ used }] = await testApp.db.query<{ used: number }>(`SELECT count(*)::int AS used FROM used_pow_challenges`);
    await testApp.http
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(429);
    expect((await testApp.db.query<{ stored: number }>(`SELECT count(*)::int AS stored FROM reports`))[0].stored).toBe(stored);
    expect((await testApp.db.query<{ used: number }>(`SELECT count(*)::int AS used FROM used_pow_challenges`))[0].used).toBe(used);
    // Another address is not affected.
    await testApp.http
      .post('/api/reports')
      .set(from('198.51.100.11'))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(201);
  });

  it('is not got round by a client writing its own X-Forwarded-For (TRUST_PROXY=true reads the proxy-added entry)', async () => {
    // The proxy appends the address it saw (198.51.100.77) after whatever the client sent.
    const spoofed = (index: number) => ({ 'X-Forwarded-For': `203.0.113.${index}, 198.51.100.77` });
    for (let index = 0; index < 3; index++) {
      await testApp.http
        .post('/api/reports')
        .set(spoofed(index))
        .send(reportBody({ altcha: await solvedOn(testApp.http) }))
        .expect(201);
    }
    const refused = await testApp.http
      .post('/api/reports')
      .set(spoofed(99))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(429);
    expectErrorShape(refused.body, 429, 'RATE_LIMITED');
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (const address of ['2001:db8:5:6::1', '2001:db8:5:6::2', '2001:db8:5:6:a:b:c:d']) {
      await testApp.http
        .post('/api/reports')
        .set(from(address))
        .send(reportBody({ altcha: await solvedOn(testApp.http) }))
        .expect(201);
    }
    await testApp.http
      .post('/api/reports')
      .set(from('2001:db8:5:6::99'))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(429);
    await testApp.http
      .post('/api/reports')
      .set(from('2001:db8:5:7::1'))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(201);
  });

  it('limits receipt look-ups per hour (receipt guessing), and challenges', async () => {
    const address = '198.51.100.20';
    for (let index = 0; index < 4; index++) {
      await testApp.http.get('/api/my-report').set(from(address)).set('X-Receipt', 'AAAA-BBBB-CCCC-DDDD').expect(404);
    }
    const refused = await testApp.http.get('/api/my-report').set(from(address)).set('X-Receipt', 'AAAA-BBBB-CCCC-DDDD').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    await testApp.http.delete('/api/my-report').set(from(address)).set('X-Receipt', 'AAAA-BBBB-CCCC-DDDD').expect(429);
    for (let index = 0; index < 4; index++) await testApp.http.get('/api/pow-challenge').set(from(address)).expect(200);
    await testApp.http.get('/api/pow-challenge').set(from(address)).expect(429);
  });

  it('shares the counts and the proof-of-work key between two instances on one database', async () => {
    const address = '198.51.100.30';
    const secondHttp = request(second.getHttpServer());
    // Challenges issued by one instance are accepted by the other (the key lives in the database).
    await testApp.http
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(secondHttp) }))
      .expect(201);
    await secondHttp
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(201);
    await testApp.http
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(secondHttp) }))
      .expect(201);
    await secondHttp
      .post('/api/reports')
      .set(from(address))
      .send(reportBody({ altcha: await solvedOn(testApp.http) }))
      .expect(429);
    const counts = await testApp.db.query(`SELECT 1 FROM rate_limit_windows, jsonb_each_text(counts) WHERE bucket = 'reports' AND value::integer >= 4`);
    expect(counts.length).toBeGreaterThanOrEqual(1);
  });

  it('does not count token holders', async () => {
    const token = await createToken(testApp, 'union');
    for (let index = 0; index < 5; index++) {
      await testApp.http.post('/api/reports').set(from('198.51.100.40')).set('Authorization', token.bearer).send(reportBody()).expect(201);
    }
  });

  it('guards the French pages too, answering 429 with a French page', async () => {
    const address = '198.51.100.50';
    const form = 'caisseCode=751&allowanceKind=maladie&leaveStartedOn=2026-10-01&paymentStatus=waiting&consent=oui';
    const post = () => testApp.http.post('/signaler').set(from(address)).set('Accept', 'text/html').type('form').send(form);
    for (let index = 0; index < 3; index++) await post().expect(200);
    const refused = await post().expect(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.text).toContain('Trop de demandes');
    for (let index = 0; index < 4; index++) {
      await testApp.http.post('/mon-signalement').set(from(address)).set('Accept', 'text/html').type('form').send('receipt=AAAABBBBCCCCDDDD').expect(404);
    }
    await testApp.http.post('/mon-signalement').set(from(address)).set('Accept', 'text/html').type('form').send('receipt=AAAABBBBCCCCDDDD').expect(429);
  });

  it('never stores an address: no trace of any in a dump of every table', async () => {
    const tables = await testApp.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const { name } of tables) {
      const rows = await testApp.db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${name}" t`);
      dump += rows.map((row) => row.row).join('\n');
    }
    for (const address of ['198.51.100.10', '198.51.100.20', '198.51.100.30', '198.51.100.50', '127.0.0.1', '2001:db8:5:6']) {
      expect(dump).not.toContain(address);
      expect(dump).not.toContain(Buffer.from(address).toString('hex'));
    }
    expect((await testApp.db.query('SELECT 1 FROM rate_limit_windows')).length).toBeGreaterThan(0);
  });

  it('leaves the keys, counters, fingerprints and used challenges out of backups', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'delais-ij-abuse-backup-'));
    try {
      const counts = await testApp.app.get(BackupService).backup(join(folder, 'backup.gz'));
      expect(counts.reports).toBeGreaterThan(0);
      for (const table of ['server_secrets', 'rate_limit_windows', 'report_fingerprints', 'used_pow_challenges']) expect(counts).not.toHaveProperty(table);
      const content = await text((await openDecrypted(join(folder, 'backup.gz'), ENVIRONMENT.BACKUP_ENCRYPTION_KEY)).pipe(createGunzip()));
      expect(content).toContain('"t":"reports"');
      expect(content).not.toContain('198.51.100.');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('hashes an address under a new key each Paris day; the purge deletes keys and counters after two days', async () => {
    const limits = testApp.app.get(RateLimitService);
    const address = '198.51.100.60';
    // 23:30 and 00:30 in Paris (UTC+1 in winter): two Paris days, one hour apart.
    await limits.consume('receipts', address, new Date('2026-11-20T22:30:00Z'));
    await limits.consume('receipts', address, new Date('2026-11-20T23:30:00Z'));
    const hashes = await testApp.db.query<{ sender: string }>(
      `SELECT DISTINCT sender FROM rate_limit_windows, jsonb_object_keys(counts) sender WHERE window_start IN ('2026-11-20T22:00:00Z', '2026-11-20T23:00:00Z')`,
    );
    expect(hashes).toHaveLength(2);
    const secretsBefore = await testApp.db.query<{ day: string }>(
      `SELECT day::text FROM server_secrets WHERE day IN ('2026-11-20', '2026-11-21') ORDER BY day`,
    );
    expect(secretsBefore.map((secret) => secret.day)).toEqual(['2026-11-20', '2026-11-21']);
    await testApp.db.query(`INSERT INTO used_pow_challenges (challenge_hash, expires_at) VALUES ('\\x01', utc_hour(now()) - interval '1 hour')`);
    await testApp.db.query(
      `INSERT INTO report_fingerprints (fingerprint, seen_at) VALUES ('\\x02', utc_hour(now()) - interval '49 hours'), ('\\x03', utc_hour(now()))`,
    );

    // On 2026-11-22 the keys of the 20th go; the 21st's stays (yesterday's, for duplicates).
    const result = await testApp.app.get(RetentionService).purge({ today: '2026-11-22' });
    expect(result.deletedAbuseRows).toBeGreaterThanOrEqual(5);
    const secretsAfter = await testApp.db.query<{ day: string }>(`SELECT day::text FROM server_secrets WHERE day IS NOT NULL ORDER BY day`);
    expect(secretsAfter.map((secret) => secret.day).filter((day) => day < '2026-11-21')).toEqual([]);
    expect(secretsAfter.map((secret) => secret.day)).toContain('2026-11-21');
    // Closed windows go at once; the current one stays.
    expect(await testApp.db.query(`SELECT 1 FROM rate_limit_windows WHERE window_start < utc_hour(now())`)).toEqual([]);
    expect(await testApp.db.query(`SELECT 1 FROM rate_limit_windows WHERE window_start = utc_hour(now())`)).not.toEqual([]);
    expect(await testApp.db.query(`SELECT fingerprint FROM report_fingerprints WHERE fingerprint IN ('\\x02', '\\x03')`)).toHaveLength(1);
    expect(await testApp.db.query(`SELECT 1 FROM used_pow_challenges WHERE expires_at < now()`)).toEqual([]);
    // The proof-of-work key has no day: it stays.
    expect(await testApp.db.query(`SELECT 1 FROM server_secrets WHERE name = 'pow'`)).toHaveLength(1);
  });
});
