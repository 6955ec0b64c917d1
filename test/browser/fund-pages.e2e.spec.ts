import type { Browser, BrowserContext } from 'playwright-core';
import { StatsService } from '../../src/stats/stats.service';
import { fundPageReports, QUARTERLY_FUND } from '../fund-reports';
import { insertReports } from '../stats-factory';
import { launchChromium, screenshot, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

const VIEWPORTS = [
  { name: 'ecran', width: 1366, height: 900 },
  { name: 'telephone', width: 390, height: 844 },
];

const PAGES = [
  ['caisse-751', '/statistiques/caisses/751'],
  ['caisse-trimestres', `/statistiques/caisses/${QUARTERLY_FUND}?period=2025`],
  ['caisse-masquee', '/statistiques/caisses/481'],
  ['departement-59', '/statistiques/departements/59'],
];

describe('fund and département pages in a browser', () => {
  let served: ServedApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(viewport: { width: number; height: number }, javaScriptEnabled = true) {
    const context = await browser.newContext({ viewport, locale: 'fr-FR', javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp(), launchChromium()]);
    await insertReports(served.db, fundPageReports());
    await served.app.get(StatsService).refresh();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.close();
  });

  it.each(VIEWPORTS)(
    'fits $width × $height without sideways scrolling and has no serious accessibility violation',
    async (viewport) => {
      const page = await open(viewport);
      const violations: Record<string, unknown[]> = {};
      const overflowing: string[] = [];
      for (const [name, path] of PAGES) {
        await page.goto(`${served.baseUrl}${path}`);
        violations[name] = await seriousAccessibilityViolations(page);
        if (await page.evaluate<boolean>(`document.documentElement.scrollWidth > ${viewport.width}`)) overflowing.push(name);
        await screenshot(page, `${name}-${viewport.name}`);
      }
      expect(violations).toEqual(Object.fromEntries(PAGES.map(([name]) => [name, []])));
      expect(overflowing).toEqual([]);
    },
    60_000,
  );

  it('shows a quarterly trend, with its reason, for a fund whose months are suppressed', async () => {
    const page = await open(VIEWPORTS[1]);
    await page.goto(`${served.baseUrl}/statistiques/caisses/${QUARTERLY_FUND}`);
    expect(await page.textContent('#granularite')).toBe('Par trimestre : trop peu de signalements par mois.');
    const box = await page.locator('#graphique-evolution').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(VIEWPORTS[1].width);
    expect(await page.locator('#tableau-evolution tbody tr').first().getAttribute('data-periode')).toMatch(/^\d{4}-Q[1-4]$/);
  });

  it('filters without JavaScript into a permalink, and leads from a département to its funds', async () => {
    const page = await open(VIEWPORTS[1], false);
    await page.goto(`${served.baseUrl}/statistiques/departements/59`);
    await page.selectOption('#period', '2025');
    await Promise.all([page.waitForURL(/period=2025/), page.click('text=Afficher')]);
    expect(new URL(page.url()).pathname).toBe('/statistiques/departements/59');
    const links = await page.locator('#tableau-caisses a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(links).toEqual(['594', '595', '597', '599'].map((code) => `/statistiques/caisses/${code}?period=2025`));
    await Promise.all([page.waitForURL(/\/statistiques\/caisses\/594\?period=2025$/), page.click('#tableau-caisses a >> nth=0')]);
    expect(await page.textContent('h1')).toContain('CPAM des Flandres');
    expect(await page.inputValue('#period')).toBe('2025');
    const sheet = await page.getAttribute('a[href$=".pdf?period=2025"]', 'href');
    expect(sheet).toBe('/statistiques/caisses/594.pdf?period=2025');
  });
});
