import type { Browser } from 'playwright-core';
import { UNION_IDENTITY } from '../organisation-identity';
import { launchChromium, phoneContext, screenshot, seriousAccessibilityViolations, ServedApp, startServedApp } from './browser-harness';

// pages.e2e.spec.ts scans every page of an unconfigured instance (with its banner); here the pages
// that show the identity, on an instance that has set it.
describe('a configured instance in a browser', () => {
  let served: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServedApp(UNION_IDENTITY), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows the union’s name in the header and footer, the legal pages axe-clean, and a link from the footer to the legal notice', async () => {
    const { context, foreignRequests } = await phoneContext(browser, served.baseUrl);
    const page = await context.newPage();
    const violations: Record<string, unknown[]> = {};
    for (const [name, path] of [
      ['confidentialite-configuree', '/confidentialite'],
      ['mentions-legales-configurees', '/mentions-legales'],
      ['espace-syndical-configure', '/espace-syndical'],
    ]) {
      await page.goto(`${served.baseUrl}${path}`);
      expect(await page.textContent('.site-header')).toContain('proposé par Union locale des syndicats de Lille');
      expect(await page.textContent('.site-footer')).toContain('Service proposé par Union locale des syndicats de Lille');
      expect(await page.locator('.unconfigured-banner').count()).toBe(0);
      violations[name] = await seriousAccessibilityViolations(page);
      await screenshot(page, name);
    }
    expect(violations).toEqual({ 'confidentialite-configuree': [], 'mentions-legales-configurees': [], 'espace-syndical-configure': [] });
    await page.click('.site-footer a[href="/mentions-legales"]');
    expect(await page.textContent('h1')).toBe('Mentions légales');
    expect(foreignRequests).toEqual([]);
    await context.close();
  }, 60_000);
});
