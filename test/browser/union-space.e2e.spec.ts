import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { StatsResponse } from '../../src/stats/stats.dto';
import { StatsService } from '../../src/stats/stats.service';
import { TokensService } from '../../src/tokens/tokens.service';
import { parseCsvExport } from '../export-files';
import { insertReports, sameReports } from '../stats-factory';
import { launchChromium, phoneContext, ServedApp, startServedApp } from './browser-harness';

describe('/espace-syndical in a browser', () => {
  let served: ServedApp;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp(), launchChromium()]);
    token = (await served.app.get(TokensService).create('UD Solidaires 33', 'union')).token;
    // Enough reports for Gironde to be published whatever the noise.
    await insertReports(served.db, sameReports(40, '331', 21, { leave: '2025-09-01' }));
    await served.app.get(StatsService).refresh();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('downloads a CSV with JavaScript disabled, the token never in a URL or a cookie', async () => {
    const { context, foreignRequests } = await phoneContext(browser, served.baseUrl, { javaScriptEnabled: false });
    const urls: string[] = [];
    context.on('request', (request) => urls.push(request.url()));
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/espace-syndical`);
    await page.fill('#token', token);
    await page.fill('#period', '2025-T3');
    await page.selectOption('#region', 'Nouvelle-Aquitaine');
    await page.check('#format-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[type=submit]')]);
    expect(download.suggestedFilename()).toMatch(/^delais-ij-caisse-2025-q3-all-nouvelle-aquitaine-\d{4}-\d\d-\d\d\.csv$/);
    const csv = parseCsvExport(readFileSync((await download.path())!), ';');
    expect(csv.metadata.get('Zone')).toBe('Région : Nouvelle-Aquitaine');
    const answer = await fetch(`${served.baseUrl}/api/stats?groupBy=caisse&period=2025-Q3&kind=all&region=Nouvelle-Aquitaine`);
    expect(answer.status).toBe(200);
    const stats = (await answer.json()) as StatsResponse;
    const gironde = stats.rows.find((row) => row.group.caisse === '331');
    if (!gironde || gironde.suppressed) throw new Error(`Gironde is not published: ${JSON.stringify(gironde)}`);
    expect(csv.rows.find((row) => row[1] === '331')?.[3]).toBe(String(gironde.reports));
    expect(urls.some((url) => url.includes(token))).toBe(false);
    expect(await context.cookies()).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('shows the French message for a wrong token', async () => {
    const { context } = await phoneContext(browser, served.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/espace-syndical`);
    await page.fill('#token', `dij_${'x'.repeat(43)}`);
    await page.click('button[type=submit]');
    expect(await page.textContent('#token-erreur')).toContain('Ce jeton n’est pas valide ou a été révoqué.');
    expect(await page.inputValue('#token')).toBe('');
    await context.close();
  });
});
