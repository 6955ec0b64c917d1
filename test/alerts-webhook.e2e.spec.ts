import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parisToday } from '../src/config/paris-date';
import { lastCompleteQuarter, previousQuarter } from '../src/stats/alerts';
import { AlertsWebhook } from '../src/stats/alerts-webhook';
import { StatsService } from '../src/stats/stats.service';
import { seededRandom } from './seeded-random';
import { insertReports, reportsInQuarter } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const SECRET = 'jeton-secret-du-canal';

describe('ALERT_WEBHOOK_URL: new alerts pushed after a release', () => {
  let testApp: TestApp;
  let server: Server;
  const received: { path: string; body: { snapshotAt: string; quarter: string; alerts: { id: string; caisse: string }[] } }[] = [];
  let failuresLeft = 1;
  const logged: string[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(body) as (typeof received)[number]['body'] });
        // The first attempt fails: the alert must come through on a retry.
        response.writeHead(failuresLeft-- > 0 ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    testApp = await startTestApp({ ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/${SECRET}` });
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((message: unknown) => void logged.push(String(message)));
    }
    const after = lastCompleteQuarter(parisToday());
    const random = seededRandom(4242);
    await insertReports(testApp.db, [...reportsInQuarter(random, '751', previousQuarter(after), 90, 20), ...reportsInQuarter(random, '751', after, 90, 45)]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await testApp.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the alerts a release adds, retrying until the tool answers, without ever logging the URL’s secret', async () => {
    const webhook = testApp.app.get(AlertsWebhook);
    webhook.retryDelaysMs = [20, 20];
    const summary = await webhook.refreshAndNotify();
    expect(summary.refreshed).toBe(true);
    expect(await webhook.delivering).toBe(true);
    expect(received).toHaveLength(2);
    expect(received[1].path).toBe(`/hooks/${SECRET}`);
    expect(received[1].body.quarter).toBe(lastCompleteQuarter(parisToday()));
    expect(received[1].body.alerts.map((alert) => alert.caisse)).toContain('751');
    const api = (await testApp.http.get('/api/stats/alerts').expect(200)).body;
    expect(received[1].body.alerts).toEqual(api.alerts);
    expect(logged.some((line) => line.includes('alerts webhook') && line.includes('http://127.0.0.1'))).toBe(true);
    expect(logged.filter((line) => line.includes(SECRET))).toEqual([]);
  });

  it('posts nothing when the next release brings no new alert', async () => {
    const webhook = testApp.app.get(AlertsWebhook);
    const previous = webhook.delivering;
    expect((await webhook.refreshAndNotify()).refreshed).toBe(true);
    expect(webhook.delivering).toBe(previous);
    expect(received).toHaveLength(2);
  });

  it('gives up after its retries without failing the refresh', async () => {
    const webhook = testApp.app.get(AlertsWebhook);
    webhook.retryDelaysMs = [10];
    const answer = await testApp.app.get(StatsService).alerts();
    expect(await webhook.deliver('http://127.0.0.1:9/hooks/nowhere', answer, answer.alerts)).toBe(false);
    expect(logged.some((line) => line.includes('gave up after 2 attempts to http://127.0.0.1:9'))).toBe(true);
  });
});
