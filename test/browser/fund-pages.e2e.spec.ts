import type { Browser, BrowserContext } from 'playwright-core';
import { EventsService } from '../../src/events/events.service';
import { StatsService } from '../../src/stats/stats.service';
import { TokensService } from '../../src/tokens/tokens.service';
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
  ['caisse-avant-apres', `/statistiques/caisses/${QUARTERLY_FUND}?period=2025&before=2025-Q1&after=2025-Q3`],
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
    // Events with a long source address and a title to escape: the table under the chart must still fit a phone.
    const token = await served.app.get(TokensService).create('UD test', 'union');
    const identity = { id: token.id, organisation: 'UD test', role: 'union' as const };
    const events = served.app.get(EventsService);
    for (const scope of ['751', QUARTERLY_FUND, 'national'])
      await events.create(
        {
          scope,
          date: '2025-05-15',
          title: 'Réorganisation <du service IJ> & fermeture de l’accueil',
          source: `https://example.org/${'tract-'.repeat(12)}.pdf`,
        },
        identity,
      );
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

  it('compares two periods without JavaScript, and draws the events on the trend', async () => {
    const page = await open(VIEWPORTS[1], false);
    await page.goto(`${served.baseUrl}/statistiques/caisses/${QUARTERLY_FUND}?period=2025`);
    expect(await page.locator('#graphique-evolution .event-mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#evenements tbody tr').count()).toBe(2);
    const choices = await page.locator('#before option').evaluateAll((options) => options.map((option) => option.getAttribute('value')));
    await page.selectOption('#before', choices[0]!);
    await page.selectOption('#after', choices[choices.length - 1]!);
    await Promise.all([page.waitForURL(/before=/), page.click('#formulaire-avant-apres button')]);
    const address = new URL(page.url());
    expect(address.searchParams.get('before')).toBe(choices[0]);
    expect(address.searchParams.get('after')).toBe(choices[choices.length - 1]);
    expect(address.searchParams.get('period')).toBe('2025');
    expect(await page.locator('#tableau-avant-apres tbody tr').count()).toBe(2);
    expect(await page.textContent('#verdict')).toBeTruthy();
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
