import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatsService } from '../src/stats/stats.service';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

describe('smoke', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await startTestApp()));
  afterAll(async () => testApp.close());
  it('works', async () => {
    await testApp.http.get('/api/stats').expect(503);
    await insertReports(testApp.db, [...sameReports(20, '751', 30), ...sameReports(5, '481', 10), ...sameReports(15, '751', null)]);
    const summary = await testApp.app.get(StatsService).refresh();
    console.log(summary);
    const res = await testApp.http.get('/api/stats?groupBy=caisse').expect(200);
    console.log(JSON.stringify(res.body, null, 1).slice(0, 3000));
    expect(res.body.total.reports).toBe(40);
  });
});
