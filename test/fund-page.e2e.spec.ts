import { NOT_PUBLISHED } from '../src/presentation/french-labels';
import { StatsService } from '../src/stats/stats.service';
import { LOZERE_REPORTS } from './dashboard-reports';
import { fundPageReports, QUARTERLY_FUND, YEARLY_FUND } from './fund-reports';
import { insertReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

type Row = Record<string, any>;

const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
const daysText = (value: number | null) => (value === null ? '–' : `${value} jour${value > 1 ? 's' : ''}`);

/** The comparison table: its column headers and, per line label, its cells. */
function comparison(page: string): { columns: string[]; lines: Map<string, string[]> } {
  const table = /<table class="stats-table comparison" id="comparaison">(.*?)<\/table>/s.exec(page)![1];
  const columns = [.../<thead>(.*?)<\/thead>/s.exec(table)![1].matchAll(/<th scope="col">(.*?)<\/th>/g)].map((match) => text(match[1])).slice(1);
  const lines = new Map(
    [...table.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/gs)].map((match) => [text(match[1]), [...match[2].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => text(cell[1]))]),
  );
  return { columns, lines };
}

/** The trend's table: period → [fund cell, France cell]. */
function trendTable(page: string): Map<string, string[]> {
  return new Map([...page.matchAll(/<tr data-periode="([^"]+)">(.*?)<\/tr>/gs)].map((match) => [match[1], [...match[2].matchAll(/<td>(.*?)<\/td>/g)].map((cell) => text(cell[1]))]));
}

function expectedCells(row: Row | undefined): string[] {
  if (!row || row.suppressed) return [NOT_PUBLISHED, NOT_PUBLISHED, NOT_PUBLISHED];
  return [String(row.reports), daysText(row.medianDays), daysText(row.p90Days)];
}

describe('/statistiques/caisses/{code} (HTTP)', () => {
  let testApp: TestApp;
  const api = async (query: string): Promise<Row> => (await testApp.http.get(`/api/stats?${query}`).expect(200)).body;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('says there are no figures yet before the first snapshot, and answers 404 for an unknown fund', async () => {
    const page = (await testApp.http.get('/statistiques/caisses/751').expect(200)).text;
    expect(page).toContain('Pas encore de chiffres');
    expect(page).not.toContain('id="comparaison"');
    const missing = await testApp.http.get('/statistiques/caisses/999').set('Accept', 'text/html').expect(404);
    expect(missing.text).toContain('Page introuvable');
    const json = await testApp.http.get('/statistiques/caisses/999').expect(404);
    expect(json.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  describe('with a snapshot', () => {
    beforeAll(async () => {
      await insertReports(testApp.db, fundPageReports());
      await testApp.app.get(StatsService).refresh();
    });

    it.each([
      ['751', ''],
      ['751', '?period=2025&kind=maladie'],
      ['131', '?period=2025-Q2'],
      ['594', '?kind=accident_travail'],
    ])('shows fund %s beside its region and France with the figures of /api/stats for %p', async (code, query) => {
      const params = new URLSearchParams(query.slice(1));
      const selection = params.toString() ? `&${params}` : '';
      const [byCaisse, byRegion] = await Promise.all([api(`groupBy=caisse${selection}`), api(`groupBy=region${selection}`)]);
      const fundRow = byCaisse.rows.find((row: Row) => row.group.caisse === code);
      const regionName = fundRow.group && (await testApp.db.query('SELECT region FROM caisses WHERE code = $1', [code]))[0].region;
      const regionRow = byRegion.rows.find((row: Row) => row.group.region === regionName);
      const page = (await testApp.http.get(`/statistiques/caisses/${code}${query}`).expect(200)).text;
      const { columns, lines } = comparison(page);
      expect(columns).toEqual([fundRow.group.caisseName, regionName, 'France entière']);
      const expected = [expectedCells(fundRow), expectedCells(regionRow), expectedCells(byCaisse.total)];
      expect(lines.get('Signalements')).toEqual(expected.map((cells) => cells[0]));
      expect(lines.get('Délai médian')).toEqual(expected.map((cells) => cells[1]));
      expect(lines.get('9 personnes sur 10 payées en moins de')).toEqual(expected.map((cells) => cells[2]));
      const share = lines.get(`Toujours pas payées après ${byCaisse.thresholdDays} jours`)!;
      [fundRow, regionRow, byCaisse.total].forEach((figures, index) => {
        if (!figures || figures.suppressed) expect(share[index]).toBe(NOT_PUBLISHED);
        else expect(share[index]).toContain(`${Math.round(figures.shareOverThreshold * 100)} %`);
      });
      // The selection is kept in the form, so the address is a permalink.
      if (params.get('kind')) expect(page).toContain(`<option value="${params.get('kind')}" selected>`);
    });

    it('ranks the fund among the published funds of the selection, longest median first', async () => {
      const byCaisse = await api('groupBy=caisse&period=2025');
      const published = byCaisse.rows.filter((row: Row) => !row.suppressed);
      expect(published.length).toBeGreaterThan(3);
      for (const fund of published) {
        const longer = published.filter((row: Row) => (row.medianDays ?? Infinity) > (fund.medianDays ?? Infinity)).length;
        const tied = published.filter((row: Row) => row !== fund && (row.medianDays ?? Infinity) === (fund.medianDays ?? Infinity)).length;
        const page = (await testApp.http.get(`/statistiques/caisses/${fund.group.caisse}?period=2025`).expect(200)).text;
        const sentence = text(/<p id="rang">(.*?)<\/p>/s.exec(page)![1]);
        const position = longer + 1;
        expect(sentence).toMatch(new RegExp(`^${position === 1 ? '1er' : `${position}e`} délai médian le plus long sur ${published.length} caisses publiées`));
        expect(sentence.includes('à égalité')).toBe(tied > 0);
      }
    });

    it('shows a suppressed fund as not published, without a rank, like a fund without any report', async () => {
      expect(LOZERE_REPORTS).toBeLessThan(11);
      const lozere = (await testApp.http.get('/statistiques/caisses/481').expect(200)).text;
      const ain = (await testApp.http.get('/statistiques/caisses/011').expect(200)).text;
      for (const page of [lozere, ain]) {
        const { lines } = comparison(page);
        for (const cells of lines.values()) expect(cells[0]).toBe(NOT_PUBLISHED);
        expect(text(/<p id="rang">(.*?)<\/p>/s.exec(page)![1])).toBe(`Pas de rang parmi les caisses : ${NOT_PUBLISHED}.`);
      }
      expect(lozere).not.toMatch(new RegExp(`<td>${LOZERE_REPORTS}</td>`));
    });

    it('draws a busy fund month by month against France, listing its unpublished months as gaps', async () => {
      const [national, fund] = await Promise.all([api('groupBy=month&kind=all'), api('groupBy=month&caisse=751')]);
      const publishedMonths = national.rows.filter((row: Row) => !row.suppressed).map((row: Row) => row.group.month);
      const months = national.rows.map((row: Row) => row.group.month).filter((month: string) => month >= publishedMonths[0] && month <= publishedMonths.at(-1));
      const page = (await testApp.http.get('/statistiques/caisses/751').expect(200)).text;
      expect(page).toContain('Par mois : la plupart des mois récents ont un chiffre publié.');
      const table = trendTable(page);
      expect([...table.keys()]).toEqual(months);
      const fundByMonth = new Map<string, Row>(fund.rows.map((row: Row) => [row.group.month, row]));
      const nationalByMonth = new Map<string, Row>(national.rows.map((row: Row) => [row.group.month, row]));
      const cell = (row: Row | undefined) => (!row || row.suppressed ? NOT_PUBLISHED : row.medianDays === null ? 'médiane non atteinte' : daysText(row.medianDays));
      for (const month of months) expect(table.get(month)).toEqual([cell(fundByMonth.get(month)), cell(nationalByMonth.get(month))]);
      const gaps = months.filter((month: string) => (fundByMonth.get(month) as Row).suppressed);
      const listed = text(/<p id="periodes-sans-chiffre">(.*?)<\/p>/s.exec(page)![1]);
      if (gaps.length === 0) expect(listed).toBe('Chaque période du graphique a un chiffre publié pour CPAM de Paris.');
      else expect(listed).toContain(`laissées en blanc sur le graphique : `);
      expect(listed.match(/\d{4}/g) ?? []).toHaveLength(gaps.length);
    });

    it('draws a fund whose months are all suppressed quarter by quarter, and says why', async () => {
      const months = await api(`groupBy=month&caisse=${QUARTERLY_FUND}`);
      expect(months.rows.every((row: Row) => row.suppressed)).toBe(true);
      const [quarters, national] = await Promise.all([api(`groupBy=quarter&caisse=${QUARTERLY_FUND}`), api('groupBy=quarter')]);
      const page = (await testApp.http.get(`/statistiques/caisses/${QUARTERLY_FUND}`).expect(200)).text;
      expect(page).toContain('<strong>Par trimestre : trop peu de signalements par mois.</strong>');
      expect(page).toContain('Règle : l’évolution est tracée par mois quand plus de la moitié des 6 derniers mois ont un chiffre publié');
      const table = trendTable(page);
      const publishedQuarters = national.rows.filter((row: Row) => !row.suppressed).map((row: Row) => row.group.quarter);
      expect([...table.keys()]).toEqual(national.rows.map((row: Row) => row.group.quarter).filter((quarter: string) => quarter >= publishedQuarters[0] && quarter <= publishedQuarters.at(-1)));
      for (const [quarter, [fundCell]] of table) {
        const row = quarters.rows.find((candidate: Row) => candidate.group.quarter === quarter);
        expect(fundCell).toBe(row.suppressed ? NOT_PUBLISHED : daysText(row.medianDays));
      }
      expect(page).toMatch(/<text [^>]*>T[1-4] 25<\/text>/);
    });

    it('draws a fund whose quarters are suppressed too year by year', async () => {
      const [quarters, year] = await Promise.all([api(`groupBy=quarter&caisse=${YEARLY_FUND}`), api(`groupBy=year&caisse=${YEARLY_FUND}`)]);
      expect(quarters.rows.every((row: Row) => row.suppressed)).toBe(true);
      const page = (await testApp.http.get(`/statistiques/caisses/${YEARLY_FUND}`).expect(200)).text;
      expect(page).toContain('<strong>Par année : trop peu de signalements par mois et par trimestre.</strong>');
      const row2025 = year.rows.find((row: Row) => row.group.year === '2025');
      expect(row2025.suppressed).toBe(false);
      expect(trendTable(page).get('2025')?.[0]).toBe(daysText(row2025.medianDays));
    });

    it.each([
      ['period=1999', 'period', 'Choisissez une période dans la liste.'],
      ['kind=sick', 'kind', 'Choisissez un type d’arrêt dans la liste.'],
    ])('answers %s with 400 and a French message next to the field', async (query, field, message) => {
      const response = await testApp.http.get(`/statistiques/caisses/751?${query}`).expect(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain(`id="${field}-erreur"`);
      expect(response.text).toContain(message);
      expect(response.text).toContain('id="comparaison"');
    });

    it('lists the funds of a département with links to their pages and the figures of /api/stats', async () => {
      const query = 'period=2025&kind=maladie';
      const [byFund, byRegion] = await Promise.all([api(`groupBy=caisse&departement=59&${query}`), api(`groupBy=region&${query}`)]);
      const page = (await testApp.http.get(`/statistiques/departements/59?${query}`).expect(200)).text;
      const listed = [...page.matchAll(/<tr data-caisse="(\d{3})"><th scope="row"><a href="([^"]+)">(.*?)<\/a><\/th>(.*?)<\/tr>/gs)];
      expect(listed.map((match) => match[1])).toEqual(['594', '595', '597', '599']);
      for (const [, code, href, , cells] of listed) {
        expect(href).toBe(`/statistiques/caisses/${code}?period=2025&amp;kind=maladie`);
        const row = byFund.rows.find((candidate: Row) => candidate.group.caisse === code);
        const figures = [...cells.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => text(cell[1]));
        expect(figures).toEqual(!row || row.suppressed ? [NOT_PUBLISHED] : expectedCells(row));
        const fundPage = (await testApp.http.get(href.replace(/&amp;/g, '&')).expect(200)).text;
        expect(fundPage).toContain(`<h1>Délais de paiement déclarés : ${row.group.caisseName}</h1>`);
      }
      const { columns, lines } = comparison(page);
      expect(columns).toEqual(['59 Nord', 'Hauts-de-France', 'France entière']);
      const regionRow = byRegion.rows.find((row: Row) => row.group.region === 'Hauts-de-France');
      const expected = [expectedCells(byFund.total), expectedCells(regionRow), expectedCells(byRegion.total)];
      expect(lines.get('Signalements')).toEqual(expected.map((cells) => cells[0]));
      expect(lines.get('Délai médian')).toEqual(expected.map((cells) => cells[1]));
      await testApp.http.get('/statistiques/departements/00').set('Accept', 'text/html').expect(404);
      expect((await testApp.http.get('/statistiques/departements/59?period=1999').expect(400)).text).toContain('id="period-erreur"');
    });

    it('links to its départements, its sheet with the same selection, and writes no inline style or script', async () => {
      const page = (await testApp.http.get('/statistiques/caisses/594?period=2025&kind=maladie').expect(200)).text;
      expect(page).toContain('<a href="/statistiques/departements/59">59 Nord</a>');
      expect(page).toContain('href="/statistiques/caisses/594.pdf?period=2025&amp;kind=maladie"');
      expect(page).not.toMatch(/\sstyle=|<style|<script(?![^>]*\bsrc="\/assets\/)/);
    });
  });
});
