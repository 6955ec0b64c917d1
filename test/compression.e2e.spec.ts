import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { wholeNumber } from '../src/presentation/french-format';
import { StatsService } from '../src/stats/stats.service';
import { createToken, TestToken } from './access-tokens';
import { everyFundReports } from './every-fund-reports';
import { decoded, rawGet, RawAnswer } from './raw-http';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

/** The budget of issue 12: /statistiques with every fund published, as sent to a browser. */
const DASHBOARD_BUDGET_BYTES = 60 * 1024;
/** And a fund's page (issue 12): under 30 KB. */
const FUND_PAGE_BUDGET_BYTES = 30 * 1024;
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

// Export bodies name the second they were written: compare them without that line.
const withoutGenerationTime = (body: Buffer) => body.toString('utf8').replace(/^.*(?:généré|generatedAt).*$/gm, '');

describe('compression of the answers (every fund published)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let union: TestToken;
  const get = (path: string, acceptEncoding?: string, token?: TestToken): Promise<RawAnswer> =>
    rawGet(baseUrl, path, {
      ...(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }),
      ...(token ? { Authorization: token.bearer } : {}),
    });

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as { port: number }).port}`;
    union = await createToken(testApp, 'union');
    const codes: { code: string }[] = await testApp.db.query('SELECT code FROM caisses ORDER BY code');
    await insertReports(testApp.db, everyFundReports(codes.map((row) => row.code)));
    await testApp.app.get(StatsService).refresh();
  }, 120_000);
  afterAll(async () => testApp.close());

  it('publishes all 107 funds, the situation the budget is about', async () => {
    const stats = (await testApp.http.get('/api/stats?groupBy=caisse').expect(200)).body;
    expect(stats.rows).toHaveLength(107);
    expect(stats.rows.filter((row: { suppressed: boolean }) => row.suppressed)).toEqual([]);
  });

  it(`sends /statistiques in under ${DASHBOARD_BUDGET_BYTES / 1024} KB to a browser, with brotli and with gzip alone`, async () => {
    const plain = await get('/statistiques');
    expect(plain.status).toBe(200);
    for (const [accepted, encoding] of [
      [BROWSER_ENCODINGS, 'br'],
      ['gzip', 'gzip'],
    ]) {
      const answer = await get('/statistiques', accepted);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.wire.length).toBeLessThan(DASHBOARD_BUDGET_BYTES);
      expect(decoded(answer).equals(plain.wire)).toBe(true);
    }
  });

  it(`sends a fund's page in under ${FUND_PAGE_BUDGET_BYTES / 1024} KB to a browser`, async () => {
    const plain = await get('/statistiques/caisses/751');
    expect(plain.status).toBe(200);
    const answer = await get('/statistiques/caisses/751', BROWSER_ENCODINGS);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.wire.length).toBeLessThan(FUND_PAGE_BUDGET_BYTES);
    expect(decoded(answer).equals(plain.wire)).toBe(true);
  });

  it.each([
    ['HTML', '/statistiques?tri=mediane', 'text/html; charset=utf-8', false],
    ['JSON', '/api/stats?groupBy=departement', 'application/json; charset=utf-8', false],
    ['the JSON export', '/api/exports/stats.json?groupBy=caisse', 'application/json; charset=utf-8', true],
    ['CSV', '/api/exports/stats.csv?groupBy=caisse', 'text/csv; charset=utf-8', true],
    ['the streamed CSV cube', '/api/exports/cube.csv', 'text/csv; charset=utf-8', true],
    ['the stylesheet', '/assets/site.css', 'text/css; charset=utf-8', false],
  ])('compresses %s with br or gzip as asked, and the body decodes to the uncompressed one', async (_name, path, contentType, needsToken) => {
    const token = needsToken ? union : undefined;
    const plain = await get(path, 'identity', token);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe(contentType);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const answer = await get(path, encoding, token);
      expect(answer.headers['content-type']).toBe(contentType);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(answer.wire.length).toBeLessThan(plain.wire.length / 2);
      expect(withoutGenerationTime(decoded(answer))).toBe(withoutGenerationTime(plain.wire));
      // The download headers are those of the uncompressed answer.
      expect(answer.headers['content-disposition']).toBe(plain.headers['content-disposition']);
    }
  });

  it('sends the page uncompressed to a client that accepts no encoding', async () => {
    const answer = await get('/statistiques');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.wire.toString('utf8')).toMatch(/^<!doctype html>/);
    expect(Number(answer.headers['content-length'])).toBe(answer.wire.length);
  });

  it.each([
    ['XLSX', '/api/exports/stats.xlsx?groupBy=caisse', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [0x50, 0x4b]],
    ['the streamed XLSX cube', '/api/exports/cube.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [0x50, 0x4b]],
    ['PDF', '/api/exports/stats.pdf?groupBy=caisse', 'application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ])('never compresses %s again, even when br and gzip are accepted', async (_name, path, contentType, magic) => {
    const answer = await get(path, BROWSER_ENCODINGS, union);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect([...answer.wire.subarray(0, magic.length)]).toEqual(magic);
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="delais-ij-.*"$/);
  });

  it('leaves small answers alone (under 1 KiB compression saves nothing)', async () => {
    const favicon = await get('/assets/favicon.svg', BROWSER_ENCODINGS);
    expect(favicon.headers['content-type']).toBe('image/svg+xml');
    expect(favicon.wire.length).toBeLessThan(1024);
    expect(favicon.headers['content-encoding']).toBeUndefined();
  });

  it('compresses a 400 page too (the plugin does; only complete views are kept)', async () => {
    const answer = await get('/statistiques?tri=delai', 'br');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(decoded(answer).toString('utf8')).toContain('id="tri-erreur"');
  });

  // Last: it adds reports. Pages are kept per snapshot and address, so a new snapshot is a new page.
  it('serves the new figures once a new snapshot is out, in every encoding', async () => {
    const before = await Promise.all(['br', 'gzip', 'identity'].map(async (encoding) => decoded(await get('/statistiques', encoding)).toString('utf8')));
    await insertReports(testApp.db, sameReports(40, '751', 90, { leave: '2025-06-02' }));
    await testApp.app.get(StatsService).refresh();
    const total = (await testApp.http.get('/api/stats').expect(200)).body.total;
    const provenance = `Délais déclarés par les assurés, ${wholeNumber(total.reports)} signalements`;
    for (const [index, encoding] of ['br', 'gzip', 'identity'].entries()) {
      expect(before[index]).not.toContain(provenance);
      const after = await get('/statistiques', encoding);
      expect(after.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
      expect(after.headers.vary).toBe('Accept-Encoding');
      expect(decoded(after).toString('utf8')).toContain(provenance);
    }
  });
});
