import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createHttpApp } from '../src/http-app';
import { runOnServer } from './database-admin';
import { expectErrorShape } from './error-shape';
import { reportBody } from './report-factory';
import { startTestApp, TestApp } from './test-app';

describe('operations', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());

  it('reports a healthy database', async () => {
    const response = await testApp.http.get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document generated from the DTOs, and its UI', async () => {
    const { body } = await testApp.http.get('/api/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/caisses', '/api/reports', '/api/my-report', '/api/health']));
    const createSchema = body.components.schemas.CreateReportDto;
    expect(Object.keys(createSchema.properties).sort()).toEqual([
      'allowanceKind',
      'altcha',
      'caisseCode',
      'certificateSentOn',
      'consent',
      'consequences',
      'firstPaidOn',
      'leaveStartedOn',
      'subrogation',
    ]);
    expect(createSchema.required.sort()).toEqual(['allowanceKind', 'caisseCode', 'consent', 'leaveStartedOn']);
    expect(body.components.schemas.CreatedReportResponse.properties.receipt).toBeDefined();
    const ui = await testApp.http.get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('hides the OpenAPI document and its UI with API_DOCS=false', async () => {
    const hidden = await createHttpApp(testApp.db.url, { logRequests: false, logger: ['error'], environment: { API_DOCS: 'false' } });
    try {
      const http = request(hidden.getHttpServer());
      expectErrorShape((await http.get('/api/docs-json').expect(404)).body, 404, 'NOT_FOUND');
      await http.get('/api/docs').expect(404);
      await http.get('/api/health').expect(200);
    } finally {
      await hidden.close();
    }
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const response = await testApp.http.get('/api/nowhere').expect(404);
    expectErrorShape(response.body, 404, 'NOT_FOUND');
  });

  it('answers 503 with Retry-After while the database refuses connections, and recovers by itself', async () => {
    const serverUrl = process.env.TEST_SERVER_URL as string;
    const database = new URL(testApp.db.url).pathname.slice(1);
    const [{ pid: testConnection }] = await testApp.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // Refuse new connections and cut the app's pool: what a restarting PostgreSQL looks like.
    const block = async () => {
      await runOnServer(serverUrl, `ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await runOnServer(serverUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> ${testConnection}`);
    };
    try {
      await block();
      const health = await testApp.http.get('/api/health').expect(503);
      expectErrorShape(health.body, 503, 'UNAVAILABLE');
      expect(health.headers['retry-after']).toBeDefined();
      const intake = await testApp.http.post('/api/reports').send(reportBody()).expect(503);
      expectErrorShape(intake.body, 503, 'UNAVAILABLE');
      expect(Number(intake.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await runOnServer(serverUrl, `ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
    }
    await testApp.http.get('/api/health').expect(200);
    await testApp.http.post('/api/reports').send(reportBody()).expect(201);
  });
});
