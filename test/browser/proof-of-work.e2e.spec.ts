import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { daysAgo } from '../report-factory';
import { launchChromium, phoneContext, screenshot, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

/** Waits until the widget's hidden field holds a solution other than `previous`, and returns it. */
async function solutionOtherThan(page: Page, previous: string): Promise<string> {
  // Typed without the DOM lib, like the harness: the page's own document.
  await page.waitForFunction(
    (old) => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } };
      const value = document.querySelector('input[name="altcha"]')?.value ?? '';
      return value !== '' && value !== old;
    },
    previous,
    { timeout: 20_000 },
  );
  return page.inputValue('input[name="altcha"]');
}

// The ALTCHA widget on /signaler, self-hosted, under the page's strict CSP. A low cost keeps the
// solve short; the widget's code path is the same at any cost.
describe('/signaler with proof of work required', () => {
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp({ POW_REQUIRED: 'true', POW_COST: '10', POW_MAX_COUNTER: '60' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('solves the challenge in the browser, without breaking the CSP, and stores an accepted report', async () => {
    const { context, foreignRequests } = await phoneContext(browser, served.baseUrl);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${served.baseUrl}/signaler`);
    await page.selectOption('#caisseCode', '751');
    await page.check('#allowanceKind-maladie');
    await page.fill('#leaveStartedOn', daysAgo(30));
    await page.check('#consent');
    // The widget fills its hidden `altcha` field once it has solved the challenge.
    const solved = await solutionOtherThan(page, '');
    expect(await page.textContent('altcha-widget')).toContain('Vérifié');
    // When a challenge expires (a form filled in over 10 minutes), a new one is solved at once.
    await page.dispatchEvent('altcha-widget', 'expired');
    await solutionOtherThan(page, solved);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'signaler-altcha-verifie');
    await page.click('button[type=submit]');
    expect((await page.textContent('#recu'))!.trim()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await served.db.query('SELECT moderation FROM reports')).toEqual([{ moderation: 'accepted' }]);
    expect(await served.db.query('SELECT 1 FROM used_pow_challenges')).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
