import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { StatsService } from '../src/stats/stats.service';
import { FundPageService } from '../src/web/fund/fund-page.service';
import { frenchPValue, NO_COMPARISON, NO_DIFFERENCE, SUPPRESSED_SIDE } from '../src/web/fund/comparison-texts';
import { createToken } from './access-tokens';
import { seededRandom } from './seeded-random';
import { fixNoiseSecret, insertReports, reportsInQuarter, withSeededIds } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
const decimal = (value: number, digits: number) => value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const days = (value: number) => `${value} jour${value > 1 ? 's' : ''}`;
/** The inner markup of the paragraph, list or table with this id. */
const section = (page: string, id: string) => new RegExp(`id="${id}"[^>]*>(.*?)</(p|ul|table)>`, 's').exec(page)?.[1];

describe('before/after comparison and events on the fund page', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
    const random = seededRandom(1414);
    await fixNoiseSecret(testApp.db);
    await insertReports(
      testApp.db,
      withSeededIds(
        [
          // Fund 751: delays about doubled from the first quarter of 2025 to the third.
          ...reportsInQuarter(random, '751', '2025-Q1', 80, 20, 0.1),
          ...reportsInQuarter(random, '751', '2025-Q2', 80, 30, 0.1),
          ...reportsInQuarter(random, '751', '2025-Q3', 80, 45, 0.1),
          // Fund 931: the same delays every quarter.
          ...reportsInQuarter(random, '931', '2025-Q1', 60, 30, 0.1),
          ...reportsInQuarter(random, '931', '2025-Q2', 60, 30, 0.1),
          ...reportsInQuarter(random, '931', '2025-Q3', 60, 30, 0.1),
          // Fund 481: two reports in the second quarter, never published.
          ...reportsInQuarter(random, '481', '2025-Q1', 60, 30, 0.1),
          ...reportsInQuarter(random, '481', '2025-Q2', 2, 30, 0.1),
          ...reportsInQuarter(random, '481', '2025-Q3', 60, 30, 0.1),
        ],
        1515,
      ),
    );
    await testApp.app.get(StatsService).refresh();
    const union = await createToken(testApp, 'union', 'UD CGT 75');
    for (const body of [
      { scope: '751', date: '2025-05-15', title: 'Transfert de 6 agents <IJ> & "plateforme" retraite', source: 'https://example.org/tract?a=1&b=2' },
      { scope: 'national', date: '2025-02-10', title: 'Réforme nationale' },
    ])
      await testApp.http.post('/api/events').set('Authorization', union.bearer).send(body).expect(201);
  });
  afterAll(async () => testApp.close());

  const api = async (query: string) => (await testApp.http.get(`/api/stats/compare?${query}`).expect(200)).body;

  it('shows for a doubled fund the figures of GET /api/stats/compare and a "hausse nette" verdict', async () => {
    const answer = await api('caisse=751&before=2025-Q1&after=2025-Q3');
    expect(answer.comparison.logRank.pValue).toBeLessThan(0.01);
    expect(answer.after.medianDays).toBeGreaterThan(answer.before.medianDays);
    const page = (await testApp.http.get('/statistiques/caisses/751?before=2025-Q1&after=2025-Q3').expect(200)).text;
    const table = text(/<table class="stats-table" id="tableau-avant-apres">(.*?)<\/table>/s.exec(page)![1]);
    expect(table).toContain(`Avant : 1er trimestre 2025 ${days(answer.before.medianDays)} ${Math.round(answer.before.shareOverThreshold * 100)} %`);
    expect(table).toContain(`Après : 3e trimestre 2025 ${days(answer.after.medianDays)} ${Math.round(answer.after.shareOverThreshold * 100)} %`);
    expect(text(section(page, 'verdict')!)).toBe('hausse nette, très peu probable par hasard');
    const figures = text(section(page, 'chiffres-avant-apres')!);
    expect(figures).toContain(
      `χ² = ${decimal(answer.comparison.logRank.chiSquare, 2)} (1 degré de liberté), ${frenchPValue(answer.comparison.logRank.pValue)}`,
    );
    const points = (share: number) => `${share > 0 ? '+' : '−'}${decimal(Math.abs(share * 100), 1)}`;
    const { difference, interval } = answer.comparison.shareDifference;
    expect(figures).toContain(
      `${points(difference)} points (intervalle de confiance à 95 %, bruit compris : de ${points(interval[0])} à ${points(interval[1])} points)`,
    );
  });

  it('says "pas de différence démontrée" for a fund whose delays stayed the same', async () => {
    const answer = await api('caisse=931&before=2025-Q1&after=2025-Q3');
    expect(answer.comparison.logRank.pValue).toBeGreaterThanOrEqual(0.05);
    const page = (await testApp.http.get('/statistiques/caisses/931?before=2025-Q1&after=2025-Q3').expect(200)).text;
    expect(text(section(page, 'verdict')!)).toBe(NO_DIFFERENCE);
    expect(text(section(page, 'chiffres-avant-apres')!)).toContain(frenchPValue(answer.comparison.logRank.pValue));
  });

  it('compares nothing when a side is suppressed', async () => {
    expect((await api('caisse=481&before=2025-Q1&after=2025-Q2')).comparison).toBeNull();
    const page = (await testApp.http.get('/statistiques/caisses/481?before=2025-Q1&after=2025-Q2').expect(200)).text;
    expect(text(/<table class="stats-table" id="tableau-avant-apres">(.*?)<\/table>/s.exec(page)![1])).toContain(
      `Après : 2e trimestre 2025 ${SUPPRESSED_SIDE}`,
    );
    expect(text(section(page, 'verdict')!)).toBe(NO_COMPARISON);
    expect(page).not.toContain('χ²');
  });

  it('refuses overlapping or unknown periods with a French 400 beside the field', async () => {
    const overlapping = (await testApp.http.get('/statistiques/caisses/751?before=2025&after=2025-Q3').expect(400)).text;
    expect(overlapping).toContain('Choisissez une période qui commence après la fin de la première');
    expect(overlapping).not.toContain('id="verdict"');
    const unknown = (await testApp.http.get('/statistiques/caisses/751?before=2019-Q1&after=2025-Q3').expect(400)).text;
    expect(unknown).toContain('Choisissez une période publiée');
  });

  it('offers in its GET form only the periods published for the fund', async () => {
    const page = (await testApp.http.get('/statistiques/caisses/481?period=2025').expect(200)).text;
    const form = /<form method="get" action="\/statistiques\/caisses\/481#avant-apres"[^>]*>(.*?)<\/form>/s.exec(page)![1];
    const options = (name: string) =>
      [...new RegExp(`name="${name}"[^>]*>(.*?)</select>`, 's').exec(form)![1].matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
    // The fund's quarterly trend in 2025: Q2 is not published for 481, so it is not offered.
    expect(options('before')).toEqual(['2025-Q1', '2025-Q3']);
    expect(options('after')).toEqual(['2025-Q1', '2025-Q3']);
    expect(form).toContain('<input type="hidden" name="period" value="2025">');
  });

  it('lists the events under the chart, draws them, escapes their titles, and links the quarter before with the quarter after', async () => {
    const page = (await testApp.http.get('/statistiques/caisses/751?period=2025').expect(200)).text;
    expect(page).not.toContain('<IJ>');
    const events = /<table class="stats-table events-table" id="evenements">(.*?)<\/table>/s.exec(page)![1];
    const rows = [...events.matchAll(/<tr><td>(.*?)<\/tr>/gs)].map((match) => match[0]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Réforme nationale');
    expect(rows[0]).toContain('France entière');
    expect(rows[1]).toContain('Transfert de 6 agents &lt;IJ&gt; &amp; &quot;plateforme&quot; retraite');
    expect(rows[1]).toContain('https://example.org/tract?a=1&amp;b=2');
    expect(rows[1]).not.toContain('href="https://');
    // Both on the chart, numbered oldest first, the title escaped in the SVG too.
    const chart = /<svg[^>]*id="graphique-evolution".*?<\/svg>/s.exec(page)![0];
    expect(chart.match(/<g class="event-mark">/g)).toHaveLength(2);
    expect(chart).toContain('<title>2. Transfert de 6 agents &lt;IJ&gt; &amp; &quot;plateforme&quot; retraite</title>');
    // The event of May 2025 compares the whole first quarter with the whole third one.
    const link = /<a href="([^"]+)">avant \/ après<span class="visually-hidden"> : Transfert/.exec(rows[1])![1].replace(/&amp;/g, '&');
    expect(link).toBe('/statistiques/caisses/751?period=2025&before=2025-Q1&after=2025-Q3#avant-apres');
    const linked = (await testApp.http.get(link.replace('#avant-apres', '')).expect(200)).text;
    const answer = await api('caisse=751&before=2025-Q1&after=2025-Q3');
    expect(text(section(linked, 'chiffres-avant-apres')!)).toContain(frenchPValue(answer.comparison.logRank.pValue));
  });

  it('draws and lists on /statistiques the events of France, or of the chosen fund, and a new event shows at once', async () => {
    const national = (await testApp.http.get('/statistiques?period=2025').expect(200)).text;
    const chart = /<svg[^>]*id="graphique-evolution".*?<\/svg>/s.exec(national)![0];
    expect(chart).toContain('<title>1. Réforme nationale</title>');
    expect(chart).not.toContain('Transfert');
    const fund = (await testApp.http.get('/statistiques?period=2025&caisse=751').expect(200)).text;
    const rows = [.../<table class="stats-table events-table" id="evenements">(.*?)<\/table>/s.exec(fund)![1].matchAll(/<tr><td>(.*?)<\/tr>/gs)];
    expect(rows.map((row) => text(row[0]).split(' ')[0])).toEqual(['1', '2']);
    expect(fund).toContain('Transfert de 6 agents &lt;IJ&gt;');
    // The rendered page is cached per snapshot (and host: one here, as a browser would send):
    // an event recorded since must still appear.
    const cached = (await testApp.http.get('/statistiques?period=2025').set('Host', 'syndicat.example').expect(200)).text;
    expect(cached).not.toContain('Grève des agents');
    const admin = await createToken(testApp, 'admin', 'Fédération');
    await testApp.http
      .post('/api/events')
      .set('Authorization', admin.bearer)
      .send({ scope: 'national', date: '2025-08-20', title: 'Grève des agents' })
      .expect(201);
    const again = (await testApp.http.get('/statistiques?period=2025').set('Host', 'syndicat.example').expect(200)).text;
    expect(/<svg[^>]*id="graphique-evolution".*?<\/svg>/s.exec(again)![0]).toContain('<title>2. Grève des agents</title>');
  });

  it('keeps a page with a comparison finished, and shows an event recorded, edited or deleted since at the next request', async () => {
    const builds = jest.spyOn(testApp.app.get(FundPageService), 'page');
    const address = '/statistiques/caisses/751?before=2025-Q1&after=2025-Q3';
    // One host: without PUBLIC_URL the page's absolute links, and so its entry, depend on it.
    const page = async (path = address) => (await testApp.http.get(path).set('Host', 'syndicat.example').expect(200)).text;
    const eventRows = (markup: string) => /<table class="stats-table events-table" id="evenements">(.*?)<\/table>/s.exec(markup)![1];
    try {
      const first = await page();
      expect(first).toContain('id="verdict"');
      // The same comparison, its parameters in another order: the same page, not built again.
      expect(await page('/statistiques/caisses/751?after=2025-Q3&before=2025-Q1')).toBe(first);
      expect(builds).toHaveBeenCalledTimes(1);

      const union = await createToken(testApp, 'union', 'UD CGT 75 bis');
      const recorded = await testApp.http
        .post('/api/events')
        .set('Authorization', union.bearer)
        .send({ scope: '751', date: '2025-07-01', title: 'Ouverture d’une plateforme IJ' })
        .expect(201);
      expect(eventRows(await page())).toContain('Ouverture d’une plateforme IJ');
      await testApp.http.patch(`/api/events/${recorded.body.id}`).set('Authorization', union.bearer).send({ title: 'Plateforme IJ régionale' }).expect(200);
      const edited = eventRows(await page());
      expect(edited).toContain('Plateforme IJ régionale');
      expect(edited).not.toContain('Ouverture d’une plateforme IJ');
      await testApp.http.delete(`/api/events/${recorded.body.id}`).set('Authorization', union.bearer).expect(204);
      expect(await page()).toBe(first);
      expect(builds).toHaveBeenCalledTimes(4);
    } finally {
      builds.mockRestore();
    }
  });
});
