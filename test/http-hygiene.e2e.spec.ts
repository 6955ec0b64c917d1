import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { contentSecurityPolicy } from '../src/common/http-hygiene';
import { allowLongStatements } from '../src/database/data-source-options';
import { findDurabilityRisks, warnIfNotDurable } from '../src/database/database-readiness';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

describe('HTTP hygiene of the real application', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '1000' })));
  afterAll(async () => testApp.close());

  it('sends the security headers on successes and errors alike, never X-Powered-By', async () => {
    const answers = [
      await testApp.http.get('/api/caisses').expect(200),
      await testApp.http.get('/api/nowhere').expect(404),
      await testApp.http.post('/api/reports').send({}).expect(400),
      await testApp.http.post('/api/reports').set('Content-Type', 'application/x-www-form-urlencoded').send('a=1').expect(415),
    ];
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({
        'content-security-policy': contentSecurityPolicy(),
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      expect(answer.headers['x-powered-by']).toBeUndefined();
      expect(answer.headers['strict-transport-security']).toBeUndefined();
      expect(answer.text).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('never echoes the URL or its query string in an error body', async () => {
    const secret = 'K7QF-9XWD-M2PA-83TN';
    const refused = (response: { status: number }) => expect(response.status).toBeGreaterThanOrEqual(400);
    const answers = [
      await testApp.http.get(`/api/nowhere/${secret}?receipt=${secret}`).expect(404),
      await testApp.http.delete(`/api/caisses?token=${secret}`).expect(404),
      await testApp.http.post(`/api/reports/${secret}?x=${secret}`).send({}).expect(404),
      await testApp.http.get(`/api/stats?groupBy=${secret}`).expect(400),
      await testApp.http.get(`/api/my-report?receipt=${secret}`).expect(refused),
      await testApp.http.get(`/nulle-part/${secret}?q=${secret}`).set('Accept', 'text/html').expect(404),
      await testApp.http.get(`/api/exports/cube.csv?dialect=${secret}`).expect(refused),
    ];
    for (const answer of answers) {
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toContain('nowhere');
    }
    expectErrorShape(answers[0].body, 404, 'NOT_FOUND');
  });

  it('marks receipts, reports and errors no-store; reference data stays cacheable', async () => {
    const created = await testApp.http.post('/api/reports').send(reportBody()).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const receipt = created.body.receipt as string;
    expect((await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await testApp.http.patch('/api/my-report').set('X-Receipt', receipt).send({ stillWaiting: true }).expect(200)).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await testApp.http.get('/api/my-report').set('X-Receipt', 'nope').expect(404)).headers['cache-control']).toBe('no-store');
    expect((await testApp.http.get('/api/caisses').expect(200)).headers['cache-control']).toBeUndefined();
  });

  it('limits bodies to 64 KiB and takes JSON only', async () => {
    const padding = (size: number) => JSON.stringify({ ...reportBody(), padding: 'x'.repeat(size) });
    const justUnder = await testApp.http
      .post('/api/reports')
      .set('Content-Type', 'application/json')
      .send(padding(64 * 1024 - 200))
      .expect(400);
    expectErrorShape(justUnder.body, 400, 'VALIDATION_FAILED', ['padding']);
    const over = await testApp.http
      .post('/api/reports')
      .set('Content-Type', 'application/json')
      .send(padding(64 * 1024))
      .expect(413);
    expectErrorShape(over.body, 413, 'PAYLOAD_TOO_LARGE');
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const refused = await testApp.http.post('/api/reports').set('Content-Type', type).send('caisseCode=751').expect(415);
      expectErrorShape(refused.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('gives no CORS allowance to another origin, preflight included', async () => {
    const simple = await testApp.http.get('/api/caisses').set('Origin', 'https://evil.example').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await testApp.http.options('/api/reports').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('runs every statement under the configured statement timeout, which a long job raises for its transaction only', async () => {
    const dataSource = testApp.app.get(DataSource);
    expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1s' }]);
    await expect(dataSource.query('SELECT pg_sleep(1.5)')).rejects.toThrow(/statement timeout/);
    await dataSource.transaction(async (manager) => {
      await allowLongStatements(manager, 3_000);
      await manager.query('SELECT pg_sleep(1.5)');
    });
    expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1s' }]);
  });

  it('warns loudly at start-up when PostgreSQL may lose acknowledged writes', async () => {
    expect(await findDurabilityRisks(testApp.db.url)).toEqual([]);
    const database = new URL(testApp.db.url).pathname.slice(1);
    await testApp.db.query(`ALTER DATABASE ${database} SET synchronous_commit = off`);
    const warnings: string[] = [];
    expect(await warnIfNotDurable(testApp.db.url, { warn: (message: string) => warnings.push(message) })).toEqual(['synchronous_commit=off']);
    expect(warnings[0]).toMatch(/^DURABILITY AT RISK: PostgreSQL runs with synchronous_commit=off/);
    await testApp.db.query(`ALTER DATABASE ${database} RESET synchronous_commit`);
  });
});
