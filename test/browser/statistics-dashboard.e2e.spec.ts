import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StatsService } from '../../src/stats/stats.service';
import { everyFundReports } from '../every-fund-reports';
import { insertReports, sameReports } from '../stats-factory';
import { launchChromium, screenshot, SCREENSHOT_DIR, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Without a published figure: the Lozère has too few reports, the Ain and the Aisne none. */
const UNPUBLISHED = ['011', '021', '481'];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ApiRow {
  group: { caisse: string; caisseName: string };
  suppressed: boolean;
  medianDays?: number | null;
}

// /statistiques on a wide screen and a phone, with nearly every fund published (107 funds, 3 not).
describe('/statistiques in a browser', () => {
  let served: ServedApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let funds: { code: string; departements: string[] }[];

  async function open(viewport: { width: number; height: number }, path: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}${path}`);
    return page;
  }

  const box = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox())!;
  const rowOrder = (page: Page): Promise<string[]> => page.$$eval('#tableau-caisses tbody tr', (rows) => rows.map((row) => row.getAttribute('data-caisse')!));
  const visibleRows = (page: Page): Promise<string[]> =>
    page.$$eval('#tableau-caisses tbody tr', (rows) => rows.filter((row) => !(row as HTMLElement).hidden).map((row) => row.getAttribute('data-caisse')!));
  const horizontalOverflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** The table's order as the server lays it out for this address. */
  async function serverOrder(path: string): Promise<string[]> {
    const page = (await (await fetch(`${served.baseUrl}${path}`)).text()) as string;
    return [...page.matchAll(/<tr role="row" data-caisse="(\d{3})"/g)].map((match) => match[1]);
  }

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp(), launchChromium()]);
    funds = await served.db.query('SELECT code, departements FROM caisses ORDER BY code');
    const published = funds.map((fund) => fund.code).filter((code) => !UNPUBLISHED.includes(code));
    await insertReports(served.db, [...everyFundReports(published), ...sameReports(2, '481', 20)]);
    await served.app.get(StatsService).refresh();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.close();
  });

  it('shows on a 1366-pixel screen the headline figures, then the map and the ranking side by side, then the whole table, with no sideways scroll', async () => {
    const page = await open(WIDE, '/statistiques');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The table itself does not scroll sideways either: every column is in view.
    expect(await page.$eval('.fund-table .table-scroll', (region) => region.scrollWidth - region.clientWidth)).toBeLessThanOrEqual(0);
    const [headline, map, ranking, table] = await Promise.all([
      box(page, '.headline'),
      box(page, '.map-section'),
      box(page, '.ranking'),
      box(page, '#tableau-caisses'),
    ]);
    expect(headline.y + headline.height).toBeLessThanOrEqual(map.y);
    expect(Math.abs(map.y - ranking.y)).toBeLessThan(5);
    expect(map.x + map.width).toBeLessThanOrEqual(ranking.x);
    expect(ranking.x + ranking.width).toBeLessThanOrEqual(WIDE.width);
    expect(table.y).toBeGreaterThanOrEqual(Math.max(map.y + map.height, ranking.y + ranking.height));
    expect(table.x + table.width).toBeLessThanOrEqual(WIDE.width);
    // Four headline figures on one line.
    const figures = await page.$$eval('.headline-figures > div', (items) => items.map((item) => item.getBoundingClientRect().y));
    expect(figures).toHaveLength(4);
    expect(new Set(figures).size).toBe(1);
    await screenshot(page, 'statistiques-1366');
    // What the first screens show, for a person to look at.
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'statistiques-1366-haut.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: WIDE.width, height: 2 * WIDE.height },
    });
  });

  it('keeps one column on a 390-pixel phone, nothing wider than the screen', async () => {
    const page = await open(PHONE, '/statistiques');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const [map, ranking, table] = await Promise.all([box(page, '.map-section'), box(page, '.ranking'), box(page, '#tableau-caisses')]);
    expect(ranking.y).toBeGreaterThanOrEqual(map.y + map.height);
    expect(table.y).toBeGreaterThanOrEqual(ranking.y + ranking.height);
    for (const chart of ['#carte', '#graphique-caisses-longs', '#graphique-caisses-courts']) {
      const drawn = await box(page, chart);
      expect(drawn.x).toBeGreaterThanOrEqual(0);
      expect(drawn.x + drawn.width).toBeLessThanOrEqual(PHONE.width);
    }
    await screenshot(page, 'statistiques-390');
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'statistiques-390-haut.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: PHONE.width, height: 3 * PHONE.height },
    });
  });

  it('sorts the table by a column header without JavaScript, rows without a figure last', async () => {
    const page = await open(WIDE, '/statistiques?period=2025', false);
    const api = (await (await fetch(`${served.baseUrl}/api/stats?groupBy=caisse&period=2025`)).json()) as { rows: ApiRow[] };
    const hidden = api.rows
      .filter((row) => row.suppressed)
      .map((row) => row.group.caisse)
      .sort();
    const published = api.rows.filter((row) => !row.suppressed);
    expect(hidden).toEqual(expect.arrayContaining(UNPUBLISHED));
    // Longest first; a median not reached is longer than any; ties in code order.
    const longestFirst = [...published]
      .sort((a, b) => (b.medianDays ?? Infinity) - (a.medianDays ?? Infinity) || a.group.caisse.localeCompare(b.group.caisse))
      .map((row) => row.group.caisse);
    await Promise.all([page.waitForURL(/tri=mediane/), page.click('#tableau-caisses thead a[data-tri="mediane"]')]);
    expect(new URL(page.url()).search).toBe('?period=2025&tri=mediane');
    expect(await rowOrder(page)).toEqual([...longestFirst, ...hidden]);
    expect(await page.getAttribute('#tableau-caisses th:has(a[data-tri="mediane"])', 'aria-sort')).toBe('descending');
    expect(await page.inputValue('#tri')).toBe('mediane');
    // Again: the other way round, the rows without a figure still last.
    await Promise.all([page.waitForURL(/ordre=croissant/), page.click('#tableau-caisses thead a[data-tri="mediane"]')]);
    const shortestFirst = [...published]
      .sort((a, b) => (a.medianDays ?? Infinity) - (b.medianDays ?? Infinity) || a.group.caisse.localeCompare(b.group.caisse))
      .map((row) => row.group.caisse);
    expect(await rowOrder(page)).toEqual([...shortestFirst, ...hidden]);
    expect(await page.getAttribute('#tableau-caisses th:has(a[data-tri="mediane"])', 'aria-sort')).toBe('ascending');
  });

  it('sorts in place with JavaScript, in the order the server gives for the same address, which the address bar keeps', async () => {
    const page = await open(WIDE, '/statistiques?kind=maladie');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    for (const column of ['signalements', 'mediane', 'centile90', 'part', 'moyenne', 'caisse']) {
      for (let click = 0; click < 2; click++) {
        await page.click(`#tableau-caisses thead a[data-tri="${column}"]`);
        const address = new URL(page.url());
        expect(address.searchParams.get('kind')).toBe('maladie');
        expect(await rowOrder(page)).toEqual(await serverOrder(`${address.pathname}${address.search}`));
      }
    }
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(new URL(page.url()).search).toBe('?kind=maladie&ordre=decroissant');
    expect(await page.textContent('[data-annonce-tri]')).toBe('Trié par caisse, dans l’ordre inverse des départements.');
    // The header links now point at the next sort, as the server would write them.
    expect(await page.getAttribute('#tableau-caisses thead a[data-tri="caisse"]', 'href')).toBe('/statistiques?kind=maladie#par-caisse');
    expect(await page.getAttribute('#tableau-caisses thead a[data-tri="part"]', 'href')).toBe('/statistiques?kind=maladie&tri=part#par-caisse');
  });

  it('narrows the table to a fund or a département with the search box', async () => {
    const page = await open(PHONE, '/statistiques');
    await page.fill('#recherche-tableau', 'Lozère');
    expect(await visibleRows(page)).toEqual(['481']);
    await page.fill('#recherche-tableau', '59');
    expect(await visibleRows(page)).toEqual(funds.filter((fund) => fund.departements.includes('59')).map((fund) => fund.code));
    expect(await page.textContent('.table-search .hint')).toMatch(/^\d caisses sur 107 affichées\.$/);
    await page.fill('#recherche-tableau', 'bouches du rhone');
    expect(await visibleRows(page)).toEqual(['131']);
    await page.fill('#recherche-tableau', 'atlantide');
    expect(await visibleRows(page)).toEqual([]);
    expect(await page.textContent('.table-search .hint')).toBe('Aucune caisse ne correspond à votre recherche.');
    await page.fill('#recherche-tableau', '');
    expect(await visibleRows(page)).toHaveLength(107);
  });

  it('links every fund row and bar to its fund page and every map area to its département page, with the period and kind', async () => {
    const filters = '?period=2024&kind=maladie';
    const page = await open(WIDE, `/statistiques${filters}`);
    const api = (await (await fetch(`${served.baseUrl}/api/stats?groupBy=caisse&period=2024&kind=maladie`)).json()) as { rows: ApiRow[] };
    const published = api.rows.filter((row) => !row.suppressed).length;
    expect(published).toBeGreaterThan(30);
    const rows = await page.$$eval('#tableau-caisses tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-caisse'), tr.querySelector('th a')?.getAttribute('href')]),
    );
    expect(rows).toHaveLength(107);
    for (const [code, href] of rows) expect(href).toBe(`/statistiques/caisses/${code}${filters}`);
    const names = new Map(
      await page.$$eval('#tableau-caisses tbody tr', (trs) =>
        trs.map((tr) => [tr.querySelector('th a')!.textContent!, tr.getAttribute('data-caisse')!] as [string, string]),
      ),
    );
    // 15 longest and 15 shortest medians; each bar's link is the fund named on it.
    for (const chart of ['#graphique-caisses-longs', '#graphique-caisses-courts']) {
      const bars = await page.$$eval(`${chart} a`, (links) => links.map((link) => [link.querySelector('text')!.textContent!, link.getAttribute('href')!]));
      expect(bars).toHaveLength(15);
      for (const [label, href] of bars) {
        const code = [...names].find(([name]) => name === label || (label.endsWith('…') && name.startsWith(label.slice(0, -1))))?.[1];
        expect(href).toBe(`/statistiques/caisses/${code}${filters}`);
      }
    }
    const areas = await page.$$eval('#carte a', (links) =>
      links.map((link) => [link.querySelector('path')!.id, link.getAttribute('href')!] as [string, string]),
    );
    expect(areas).toHaveLength(101);
    for (const [id, href] of areas) expect(href).toBe(`/statistiques/departements/${id.replace('departement-', '')}${filters}`);
    const departementRows = await page.$$eval('tr[data-departement]', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-departement'), tr.querySelector('th a')?.getAttribute('href')]),
    );
    expect(departementRows.length).toBeGreaterThanOrEqual(101);
    for (const [code, href] of departementRows) expect(href).toBe(`/statistiques/departements/${code}${filters}`);
    // The link to every fund's bar, and back.
    await Promise.all([page.waitForURL(/barres=toutes/), page.click(`text=Voir les ${published} caisses publiées dans le graphique`)]);
    expect(await page.locator('#graphique-caisses a').count()).toBe(published);
    await Promise.all([page.waitForURL((url) => !url.search.includes('barres')), page.click('text=N’afficher que les 15 plus longs et les 15 plus courts')]);
    expect(await page.locator('#graphique-caisses-longs a').count()).toBe(15);
  });

  it('has no serious or critical accessibility violation, wide or on a phone, search box and sorted table included', async () => {
    const violations: Record<string, unknown[]> = {};
    for (const [name, viewport] of [
      ['1366', WIDE],
      ['390', PHONE],
    ] as const) {
      const page = await open(viewport, '/statistiques?tri=part&ordre=croissant&barres=toutes');
      await page.fill('#recherche-tableau', 'cpam');
      violations[name] = await seriousAccessibilityViolations(page);
    }
    expect(violations).toEqual({ '1366': [], '390': [] });
  }, 90_000);
});
