import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { StatsService } from '../../src/stats/stats.service';
import { daysAgo } from '../report-factory';
import { insertReports } from '../stats-factory';
import { dashboardReports } from '../dashboard-reports';
import { launchChromium, PHONE, phoneContext, screenshot, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

// One browser for the whole file; each test opens its own context.
describe('French pages in a browser', () => {
  let served: ServedApp;
  let browser: Browser;
  const contexts: { context: BrowserContext; foreignRequests: string[] }[] = [];

  async function openPhone(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const opened = await phoneContext(browser, served.baseUrl, options);
    contexts.push(opened);
    return opened.context.newPage();
  }

  async function fillReportForm(page: Page, leaveStartedOn: string): Promise<void> {
    await page.selectOption('#caisseCode', '751');
    await page.check('#allowanceKind-maladie');
    await page.fill('#leaveStartedOn', leaveStartedOn);
    await page.check('#consequences-overdraft');
    await page.check('#consent');
  }

  async function receiptOn(page: Page): Promise<string> {
    return (await page.textContent('#recu'))!.trim();
  }

  /** Files a report through /signaler and returns its receipt. */
  async function reportThroughTheForm(page: Page, leaveStartedOn: string): Promise<string> {
    await page.goto(`${served.baseUrl}/signaler`);
    await fillReportForm(page, leaveStartedOn);
    await page.click('button[type=submit]');
    return receiptOn(page);
  }

  /** Opens a report on /mon-signalement by typing its receipt. */
  async function openMyReport(page: Page, receipt: string): Promise<void> {
    await page.goto(`${served.baseUrl}/mon-signalement`);
    await page.fill('#receipt', receipt);
    await page.click('button[type=submit]');
  }

  let dashboardSeeded = false;
  /** Reports of several funds (some under the minimum group size) and a snapshot, once, after the tests that count reports. */
  async function seedDashboard(): Promise<void> {
    if (dashboardSeeded) return;
    dashboardSeeded = true;
    await insertReports(served.db, dashboardReports());
    await served.app.get(StatsService).refresh();
  }

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  afterEach(() => {
    // No page ever asks anything of another origin.
    for (const { foreignRequests } of contexts) expect(foreignRequests).toEqual([]);
  });

  it('submits /signaler with JavaScript disabled and shows the receipt', async () => {
    const page = await openPhone({ javaScriptEnabled: false });
    await page.goto(`${served.baseUrl}/signaler`);
    expect(await page.isVisible('#recherche-caisse')).toBe(false);
    expect(await page.isVisible('#firstPaidOn')).toBe(true);
    await fillReportForm(page, daysAgo(20));
    await Promise.all([page.waitForURL(`${served.baseUrl}/signaler`), page.click('button[type=submit]')]);
    const receipt = await receiptOn(page);
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // Without JS there is nothing to click that cannot work.
    expect(await page.isVisible('[data-copy-receipt]')).toBe(false);
    const rows = await served.db.query<{ caisse_code: string; consequences: string[] }>('SELECT caisse_code, consequences FROM reports');
    expect(rows).toEqual([{ caisse_code: '751', consequences: ['overdraft'] }]);
  });

  it('submits /signaler with JavaScript, finding the fund with the search box', async () => {
    const page = await openPhone();
    await page.goto(`${served.baseUrl}/signaler`);
    await page.fill('#recherche-caisse', 'lozere');
    expect(await page.$$eval('#caisseCode option', (options) => options.map((option) => option.textContent))).toEqual([
      'Choisir une caisse',
      '48 – CCSS de la Lozère (Caisse commune de sécurité sociale)',
    ]);
    expect(await page.inputValue('#caisseCode')).toBe('481');
    await page.check('#allowanceKind-accident_travail');
    await page.fill('#leaveStartedOn', daysAgo(40));
    // With JS the payment date appears only once "Payé le" is chosen.
    expect(await page.isVisible('#firstPaidOn')).toBe(false);
    await page.check('#paymentStatus-paid');
    await page.fill('#firstPaidOn', daysAgo(10));
    await page.check('#consent');
    await page.click('button[type=submit]');
    await page.waitForSelector('#recu');
    expect(await page.isVisible('[data-copy-receipt]')).toBe(true);
    expect(await page.isVisible('[data-print]')).toBe(true);
    const rows = await served.db.query('SELECT caisse_code, allowance_kind, first_paid_on FROM reports WHERE caisse_code = $1', ['481']);
    expect(rows).toEqual([{ caisse_code: '481', allowance_kind: 'accident_travail', first_paid_on: daysAgo(10) }]);
  });

  it('shows a validation error next to its field and keeps the typed values', async () => {
    const page = await openPhone({ javaScriptEnabled: false });
    await page.goto(`${served.baseUrl}/signaler`);
    await page.selectOption('#caisseCode', '131');
    await page.check('#allowanceKind-maternite');
    await page.fill('#leaveStartedOn', daysAgo(5));
    await page.check('#consequences-borrowed');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    const describedBy = await page.getAttribute('#consent', 'aria-describedby');
    expect(describedBy).toContain('consent-erreur');
    expect(await page.textContent('#consent-erreur')).toContain('Cochez cette case pour que votre signalement soit enregistré.');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#consent');
    expect(await page.inputValue('#caisseCode')).toBe('131');
    expect(await page.isChecked('#allowanceKind-maternite')).toBe(true);
    expect(await page.inputValue('#leaveStartedOn')).toBe(daysAgo(5));
    expect(await page.isChecked('#consequences-borrowed')).toBe(true);
    expect(await page.isChecked('#paymentStatus-waiting')).toBe(true);
    await screenshot(page, 'signaler-erreur');
  });

  it('records a payment on /mon-signalement, then erases the report after confirmation', async () => {
    const page = await openPhone();
    const receipt = await reportThroughTheForm(page, daysAgo(25));
    // Typed loosely: lower case, spaces instead of dashes.
    await openMyReport(page, receipt.toLowerCase().replace(/-/g, ' '));
    await page.waitForSelector('.report-facts');
    // The receipt never appears in a URL.
    expect(page.url()).toBe(`${served.baseUrl}/mon-signalement`);
    expect(await page.textContent('.report-facts')).toContain('Pas encore payé');
    await screenshot(page, 'mon-signalement-rapport');

    await page.click('text=Je suis toujours en attente');
    await page.waitForSelector('text=Merci : votre attente est confirmée');

    await page.fill('#firstPaidOn', daysAgo(3));
    await page.click('text=Enregistrer la date du paiement');
    await page.waitForSelector('text=Merci : la date du paiement est enregistrée.');
    expect(await page.textContent('.report-facts')).toContain('22 jours après le début de l’arrêt');

    await page.click('text=Effacer mon signalement…');
    await page.waitForSelector('text=Effacer définitivement votre signalement ?');
    await screenshot(page, 'mon-signalement-effacer');
    await page.click('text=Oui, effacer mon signalement');
    await page.waitForSelector('text=Votre signalement est effacé');

    await openMyReport(page, receipt);
    await page.waitForSelector('#receipt-erreur');
    expect(await page.textContent('#receipt-erreur')).toContain('Ce reçu ne correspond à aucun signalement.');
    await screenshot(page, 'mon-signalement-recu-inconnu');
  });

  it('downloads a calendar reminder holding no data about the report', async () => {
    const page = await openPhone();
    const receipt = await reportThroughTheForm(page, daysAgo(12));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Ajouter un rappel')]);
    expect(download.url()).toBe(`${served.baseUrl}/rappel.ics`);
    const ics = readFileSync((await download.path())!, 'utf8').replace(/\r\n /g, '');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain(`URL:${served.baseUrl}/mon-signalement`);
    for (const secret of [receipt, receipt.replace(/-/g, ''), '751', 'Paris', daysAgo(12).replace(/-/g, '')]) {
      expect(ics).not.toContain(secret);
    }
  });

  it('has no serious or critical accessibility violation on any page, and a phone screenshot of each', async () => {
    const page = await openPhone();
    const scanned: Record<string, unknown[]> = {};
    const overflowAt320: string[] = [];
    async function scan(name: string, { screenshotToo = true } = {}): Promise<void> {
      scanned[name] = await seriousAccessibilityViolations(page);
      if (screenshotToo) await screenshot(page, name);
      // Readable on the narrowest phones: nothing scrolls sideways at 320 px.
      await page.setViewportSize({ width: 320, height: 640 });
      if (await page.evaluate<boolean>('document.documentElement.scrollWidth > 320')) {
        overflowAt320.push(name);
      }
      await page.setViewportSize(PHONE);
    }
    for (const [name, path] of [
      ['accueil', '/'],
      ['signaler', '/signaler'],
      ['mon-signalement', '/mon-signalement'],
      ['confidentialite', '/confidentialite'],
      ['mentions-legales', '/mentions-legales'],
      ['espace-syndical', '/espace-syndical'],
      ['page-introuvable', '/page-inexistante'],
    ]) {
      await page.goto(`${served.baseUrl}${path}`);
      await scan(name);
    }
    await seedDashboard();
    for (const [name, path] of [
      ['statistiques', '/statistiques?caisse=751'],
      ['accueil-chiffres', '/'],
    ]) {
      await page.goto(`${served.baseUrl}${path}`);
      await scan(name);
    }
    await page.goto(`${served.baseUrl}/signaler`);
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    await scan('signaler-erreurs');
    await fillReportForm(page, daysAgo(8));
    await page.click('button[type=submit]');
    await page.waitForSelector('#recu');
    await scan('recu');
    await openMyReport(page, await receiptOn(page));
    await page.waitForSelector('.report-facts');
    // Its screenshot is taken in the round-trip test.
    await scan('mon-signalement-rapport', { screenshotToo: false });
    expect(scanned).toEqual(Object.fromEntries(Object.keys(scanned).map((name) => [name, []])));
    expect(Object.keys(scanned)).toHaveLength(12);
    expect(overflowAt320).toEqual([]);
    // Twelve pages scanned, each with the "instance non configurée" banner (no identity set here); /statistiques now lists every period since 2015 (empty ones look
    // suppressed), which alone takes axe several seconds on a busy machine.
  }, 90_000);

  it('lets a keyboard user skip to the content and reach the form fields in order', async () => {
    const page = await openPhone();
    await page.goto(`${served.baseUrl}/signaler`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    const focusedIds: string[] = [];
    for (let step = 0; step < 3; step++) {
      await page.keyboard.press('Tab');
      focusedIds.push(await page.evaluate<string>('document.activeElement.id'));
    }
    expect(focusedIds).toEqual(['recherche-caisse', 'caisseCode', 'allowanceKind-maladie']);
  });

  it('renders the dashboard with a map and a suppressed row, and filters it without JavaScript', async () => {
    await seedDashboard();
    const page = await openPhone({ javaScriptEnabled: false });
    await page.goto(`${served.baseUrl}/statistiques`);
    expect(await page.locator('#carte path[id^="departement-"]').count()).toBe(101);
    expect(await page.locator('#carte g[id^="encart-"]').count()).toBe(5);
    expect(await page.textContent('tr[data-caisse="481"]')).toContain('pas assez de signalements pour publier');
    // The map and the charts fit the phone's width.
    for (const chart of ['#carte', '#graphique-caisses', '#graphique-evolution']) {
      const box = await page.locator(chart).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.selectOption('#period', '2025');
    await page.selectOption('#caisse', '131');
    await Promise.all([page.waitForURL(/period=2025/), page.click('text=Afficher')]);
    expect(page.url()).toContain('caisse=131');
    expect(await page.textContent('#graphique-evolution')).toContain('CPAM des Bouches-du-Rhône');
    expect(await page.inputValue('#period')).toBe('2025');
  });
});
