import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createHttpApp } from '../src/http-app';
import { StatsService } from '../src/stats/stats.service';
import { daysAgo, reportBody } from './report-factory';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

// Scaling out: two stateless instances (own pools, own memory) on one PostgreSQL. Whatever must
// hold across them lives in the database: idempotency keys and the refresh lock.
describe('two application instances on one database', () => {
  let first: TestApp;
  let second: NestFastifyApplication;
  beforeAll(async () => {
    first = await startTestApp();
    second = await createHttpApp(first.db.url, { logRequests: false, logger: ['error'] });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('store one report for one Idempotency-Key sent to both at once, and answer the same receipt', async () => {
    const secondHttp = request(second.getHttpServer());
    const body = reportBody({ leaveStartedOn: daysAgo(33), firstPaidOn: daysAgo(2) });
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        (index % 2 === 0 ? first.http : secondHttp).post('/api/reports').set('Idempotency-Key', 'both-instances').send(body),
      ),
    );
    const created = responses.filter((response) => response.status === 201);
    expect(responses.every((response) => [201, 409].includes(response.status))).toBe(true);
    expect(new Set(created.map((response) => response.body.receipt)).size).toBe(1);
    expect(await first.db.query('SELECT count(*)::int AS count FROM reports')).toEqual([{ count: 1 }]);
  });

  it('let only one of them refresh the statistics at a time', async () => {
    await insertReports(first.db, [...sameReports(1500, '751', 20), ...sameReports(1500, '931', 35)]);
    const summaries = await Promise.all([first.app.get(StatsService).refresh(), second.get(StatsService).refresh()]);
    expect(summaries.filter((summary) => summary.refreshed)).toHaveLength(1);
    const [{ count }] = await first.db.query<{ count: number }>('SELECT count(*)::int AS count FROM stats_snapshots');
    expect(count).toBe(1);
  });
});
