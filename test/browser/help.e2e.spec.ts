import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StatsService } from '../../src/stats/stats.service';
import { dashboardReports } from '../dashboard-reports';
import { daysAgo } from '../report-factory';
import { insertReports } from '../stats-factory';
import { launchChromium, phoneContext, screenshot, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

/** What a person types in the letter's boxes: each value must stay in the browser. */
const TYPED = { name: 'Camille Zyxwvut', street: '12 rue Qwertyuiop', town: '35000 Azertyville', nir: '1 84 12 75 108 237 42' };

interface RecordedRequest {
  url: string;
  body: string;
  headers: string;
}

describe('Help pages and the letter in a browser (issue 13)', () => {
  let served: ServedApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A 390-px phone context recording every request the page makes, with its body and headers. */
  async function openPhone(javaScriptEnabled: boolean): Promise<{ page: Page; requests: RecordedRequest[]; foreignRequests: string[] }> {
    const { context, foreignRequests } = await phoneContext(browser, served.baseUrl, { javaScriptEnabled });
    contexts.push(context);
    const requests: RecordedRequest[] = [];
    context.on('request', (request) => {
      requests.push({ url: request.url(), body: request.postData() ?? '', headers: JSON.stringify(request.headers()) });
    });
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    return { page, requests, foreignRequests };
  }

  // Both read the page through JavaScript: the JavaScript-less pages are the same HTML, boxes hidden.
  async function expectFitsThePhone(page: Page): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp({ MIN_GROUP_SIZE: '11', STATS_RELEASE_DAYS: '0' }), launchChromium()]);
    await insertReports(served.db, dashboardReports());
    await served.app.get(StatsService).refresh();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.close();
  });

  it('fills the letter from the boxes on the device only: no request carries what was typed', async () => {
    const { page, requests, foreignRequests } = await openPhone(true);
    await page.goto(`${served.baseUrl}/signaler`);
    await page.selectOption('#caisseCode', '751');
    await page.check('#allowanceKind-maladie');
    await page.fill('#leaveStartedOn', daysAgo(45));
    await page.fill('#certificateSentOn', daysAgo(40));
    await page.check('#consent');
    await page.click('button[type=submit]');

    expect(await page.textContent('#situation-titre')).toBe('Où en êtes-vous ?');
    expect(await page.textContent('.help-standing .lead')).toContain('Vous en êtes au 45e jour d’attente.');
    expect(await page.getAttribute('[data-advice]', 'data-advice')).toBe('complain');
    await expectFitsThePhone(page);
    await screenshot(page, 'help-receipt');

    await page.click('text=Réclamation à votre caisse');
    expect(await page.isVisible('#boite-nom')).toBe(true);
    await page.fill('#boite-nom', TYPED.name);
    await page.fill('#boite-adresse', `${TYPED.street}\n${TYPED.town}`);
    await page.fill('#boite-nir', TYPED.nir);
    const letter = (await page.textContent('article.letter'))!;
    for (const value of Object.values(TYPED)) expect(letter).toContain(value);
    expect(letter).toContain('Objet : réclamation, indemnités journalières non versées (arrêt maladie)');
    await expectFitsThePhone(page);
    await screenshot(page, 'help-letter');

    // Clearing a box brings the dotted line back.
    await page.fill('#boite-nir', '');
    expect(await page.textContent('[data-fill="nir"]')).toMatch(/^…+$/);
    await page.fill('#boite-nir', TYPED.nir);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Télécharger en PDF')]);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.click('text=Voir plutôt : Saisine du médiateur de votre caisse');
    expect(await page.textContent('h1')).toBe('Saisine du médiateur de votre caisse');

    const letterPosts = requests.filter(
      (request) => request.url.endsWith('/mon-signalement/courrier') || request.url.endsWith('/mon-signalement/courrier.pdf'),
    );
    expect(letterPosts.length).toBe(3);
    for (const request of letterPosts) expect(Object.keys(Object.fromEntries(new URLSearchParams(request.body))).sort()).toEqual(['letter', 'receipt']);
    const fragments = Object.values(TYPED).flatMap((value) => [
      value,
      encodeURIComponent(value),
      new URLSearchParams({ x: value }).toString().slice(2),
      value.replace(/\s/g, ''),
    ]);
    for (const request of requests) {
      for (const fragment of fragments) {
        expect(request.url).not.toContain(fragment);
        expect(request.body).not.toContain(fragment);
        expect(request.headers).not.toContain(fragment);
      }
    }
    expect(foreignRequests).toEqual([]);
  });

  it('works without JavaScript: dotted lines to fill by hand, and the PDF', async () => {
    const { page, foreignRequests } = await openPhone(false);
    await page.goto(`${served.baseUrl}/signaler`);
    await page.selectOption('#caisseCode', '131');
    await page.check('#allowanceKind-maladie');
    await page.fill('#leaveStartedOn', daysAgo(50));
    await page.check('#consent');
    await page.click('button[type=submit]');
    const receipt = (await page.textContent('#recu'))!.trim();

    await page.goto(`${served.baseUrl}/mon-signalement`);
    await page.fill('#receipt', receipt);
    await page.click('button[type=submit]');
    expect(await page.getAttribute('[data-advice]', 'data-advice')).toBe('askEmployer');
    expect(await page.textContent('.start-here h3')).toContain('Demander à votre employeur');
    await page.click('text=Saisine du médiateur de votre caisse');
    expect(await page.isVisible('#boite-nom')).toBe(false);
    expect(await page.isVisible('[data-print]')).toBe(false);
    for (const box of ['nom', 'adresse', 'nir']) expect(await page.textContent(`[data-fill="${box}"]`)).toMatch(/^[…\n]+$/);
    expect(await page.textContent('article.letter')).toContain('À l’attention du médiateur (conciliateur) de la CPAM des Bouches-du-Rhône');
    await screenshot(page, 'help-letter-no-js');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Télécharger en PDF')]);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(foreignRequests).toEqual([]);
  });
});
