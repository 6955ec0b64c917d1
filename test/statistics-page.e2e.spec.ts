import { MAP_DEPARTEMENTS } from '../src/presentation/charts/france-map';
import { NOT_PUBLISHED } from '../src/presentation/french-labels';
import { StatsService } from '../src/stats/stats.service';
import { dashboardReports, LOZERE_REPORTS } from './dashboard-reports';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

interface PageRow {
  caisse: string;
  cells: string[];
}

/** The fund codes of a selection ('' for France), sorted as the page lists them. */
async function fundCodes(testApp: TestApp, region = ''): Promise<string[]> {
  const rows: { code: string }[] = await testApp.db.query("SELECT code FROM caisses WHERE $1 = '' OR region = $1 ORDER BY code", [region]);
  return rows.map((row) => row.code);
}

/** The rows of the table by fund, as text cells. */
function fundRows(page: string): PageRow[] {
  return [...page.matchAll(/<tr role="row" data-caisse="(\d{3})"[^>]*>(.*?)<\/tr>/gs)].map((match) => ({
    caisse: match[1],
    cells: [...match[2].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  }));
}

describe('/statistiques and the home page figures (HTTP)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('says there are no figures yet before the first snapshot, and shows none', async () => {
    const dashboard = await testApp.http.get('/statistiques').expect(200);
    expect(dashboard.text).toContain('Pas encore de chiffres');
    expect(dashboard.text).not.toContain('<table');
    const home = await testApp.http.get('/').expect(200);
    expect(home.text).toContain('Pas encore de chiffres');
    expect(home.text).not.toContain('Délai médian');
  });

  it('shows no national figure while France has fewer reports than the minimum group size', async () => {
    await insertReports(testApp.db, sameReports(3, '291', 12));
    await testApp.app.get(StatsService).refresh();
    expect((await testApp.http.get('/api/stats').expect(200)).body.total).toEqual({ suppressed: true });
    const home = (await testApp.http.get('/').expect(200)).text;
    expect(home).toContain('Pas encore de chiffres');
    expect(home).not.toContain('Délai médian');
    const dashboard = (await testApp.http.get('/statistiques').expect(200)).text;
    // The fund with 3 reports reads like every fund without any: one row each, the same words.
    const rows = fundRows(dashboard);
    expect(rows.map((row) => row.caisse)).toEqual(await fundCodes(testApp));
    expect(rows.find((row) => row.caisse === '291')).toEqual({ caisse: '291', cells: ['CPAM du Finistère', NOT_PUBLISHED] });
    for (const row of rows) expect(row.cells.slice(1)).toEqual([NOT_PUBLISHED]);
    expect(dashboard).toContain('Pas assez de signalements pour publier un chiffre sur cette sélection.');
    // The rule is stated once in the introduction; no cell is labelled with it.
    expect(dashboard.match(/moins de 11 signalements/g)).toHaveLength(1);
  });

  describe('with a snapshot', () => {
    beforeAll(async () => {
      await insertReports(testApp.db, dashboardReports());
      await testApp.app.get(StatsService).refresh();
    });

    it.each(['', '?period=2025&kind=maladie', '?region=Hauts-de-France', '?period=2025-Q2'])(
      'shows the rows of /api/stats, and every other fund of the selection as not published, for %p',
      async (query) => {
        const page = (await testApp.http.get(`/statistiques${query}`).expect(200)).text;
        const params = new URLSearchParams(query.slice(1));
        params.set('groupBy', 'caisse');
        const api = (await testApp.http.get(`/api/stats?${params}`).expect(200)).body;
        const rows = fundRows(page);
        expect(rows.map((row) => row.caisse)).toEqual(await fundCodes(testApp, params.get('region') ?? ''));
        const apiRows = new Map<string, Record<string, any>>(api.rows.map((row: Record<string, any>) => [row.group.caisse, row]));
        expect(api.rows.length).toBeGreaterThan(0);
        rows.forEach(({ caisse, cells }) => {
          const row = apiRows.get(caisse);
          if (row) expect(cells[0]).toBe(row.group.caisseName.replace(/'/g, '&#39;'));
          if (!row || row.suppressed) {
            expect(cells.slice(1)).toEqual([NOT_PUBLISHED]);
          } else {
            const daysText = (value: number | null) => (value === null ? '–' : `${value} jours`);
            expect(cells[1]).toBe(String(row.reports));
            expect(cells[2]).toBe(daysText(row.medianDays));
            expect(cells[3]).toBe(daysText(row.p90Days));
            expect(cells[4]).toContain(`${Math.round(row.shareOverThreshold * 100)} %`);
            if (row.shareOverThresholdCi) {
              expect(cells[4]).toContain(`IC 95 % : ${Math.round(row.shareOverThresholdCi[0] * 100)} à ${Math.round(row.shareOverThresholdCi[1] * 100)} %`);
            }
            expect(cells[5]).toBe(daysText(row.paidMeanDays));
          }
        });
      },
    );

    it('shows a suppressed fund exactly as a fund without any report', async () => {
      const page = (await testApp.http.get('/statistiques').expect(200)).text;
      const lozere = fundRows(page).find((row) => row.caisse === '481');
      expect(lozere?.cells).toEqual(['CCSS de la Lozère (Caisse commune de sécurité sociale)', NOT_PUBLISHED]);
      expect(page).not.toMatch(new RegExp(`data-caisse="481">(?:(?!</tr>).)*<td>${LOZERE_REPORTS}</td>`, 's'));
      // The Lozère (a few reports) and the Ain (none), in the table and on the map: only the names differ.
      const markup = (pattern: RegExp) => pattern.exec(page)![0];
      // The search text holds the name and the département, nothing else.
      const withoutName = (row: string) => row.replace(/<th.*?<\/th>/s, '').replace(/ data-recherche="[^"]*"/, '');
      expect(markup(/<tr role="row" data-caisse="481".*?<\/tr>/s)).toContain(
        'data-recherche="ccss de la lozere (caisse commune de securite sociale) 481 48 lozere"',
      );
      expect(withoutName(markup(/<tr role="row" data-caisse="481".*?<\/tr>/s))).toBe(
        withoutName(markup(/<tr role="row" data-caisse="011".*?<\/tr>/s)).replace('011', '481'),
      );
      expect(page).toContain(
        `<tr data-departement="48"><th scope="row"><a href="/statistiques/departements/48">48 Lozère</a></th><td colspan="2" class="suppressed">${NOT_PUBLISHED}</td></tr>`,
      );
      expect(page).toContain(
        `<tr data-departement="01"><th scope="row"><a href="/statistiques/departements/01">01 Ain</a></th><td colspan="2" class="suppressed">${NOT_PUBLISHED}</td></tr>`,
      );
      expect(page).toMatch(new RegExp(`id="departement-48" data-classe="masque"[^>]*><title>48 Lozère : ${NOT_PUBLISHED}</title>`));
      expect(page).toMatch(new RegExp(`id="departement-01" data-classe="masque"[^>]*><title>01 Ain : ${NOT_PUBLISHED}</title>`));
      expect(page.match(/moins de 11 signalements/g)).toHaveLength(1);
    });

    it('lists only periods with a published national figure, and draws the départements outside a chosen region apart', async () => {
      const national = (await testApp.http.get('/api/stats?groupBy=month').expect(200)).body;
      const published = national.rows.filter((row: { suppressed: boolean }) => !row.suppressed).map((row: { group: { month: string } }) => row.group.month);
      const page = (await testApp.http.get('/statistiques?region=Hauts-de-France').expect(200)).text;
      const months = [...page.matchAll(/<option value="(\d{4}-\d{2})"/g)].map((match) => match[1]);
      expect(months).toEqual([...published].reverse());
      for (const code of ['02', '59', '60', '62', '80'])
        expect(page).toMatch(new RegExp(`id="departement-${code}" data-classe="(c[1-4]|masque|non-atteinte)"`));
      expect(page.match(/data-classe="hors"/g)).toHaveLength(MAP_DEPARTEMENTS.length - 5);
      expect(page).toMatch(/id="departement-75" data-classe="hors"[^>]*><title>75 Ville de Paris : hors de la région choisie<\/title>/);
      expect(page).toContain('hors de la région choisie</li>');
    });

    it('says under every figure that the delays are declared, with n and the snapshot time', async () => {
      const page = (await testApp.http.get('/statistiques?caisse=751').expect(200)).text;
      const national = (await testApp.http.get('/api/stats').expect(200)).body;
      // The fund's count is that of the cell the trend chart reads (all periods, all kinds).
      const paris = (await testApp.http.get('/api/stats?groupBy=month&caisse=751').expect(200)).body;
      const provenance = new RegExp(
        `Délais déclarés par les assurés, ${national.total.reports} signalements, chiffres du \\d{1,2} \\S+ \\d{4} à \\d{2}:\\d{2}`,
        'g',
      );
      // Table caption, bar chart, trend (France), map.
      expect(page.match(provenance)?.length).toBeGreaterThanOrEqual(4);
      expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="graphique-caisses"');
      expect(page).toContain('id="graphique-evolution"');
      expect(paris.total.suppressed).toBe(false);
      expect(page).toContain(`CPAM de Paris : Délais déclarés par les assurés, ${paris.total.reports} signalements`);
      expect(page).not.toMatch(/\sstyle=|<style|<script(?![^>]*\bsrc="\/assets\/)/);
      expect(page).not.toMatch(/src="(https?:)?\/\//);
    });

    it('draws the map with every département and the five overseas insets, and credits its sources', async () => {
      const page = (await testApp.http.get('/statistiques').expect(200)).text;
      expect(MAP_DEPARTEMENTS).toHaveLength(101);
      for (const { code } of MAP_DEPARTEMENTS) expect(page).toContain(`<path id="departement-${code}"`);
      for (const code of ['971', '972', '973', '974', '976']) expect(page).toContain(`<g id="encart-${code}">`);
      expect(page).toMatch(/id="departement-75" data-classe="c[1-4]"/);
      // A département with too few reports and one with none look the same.
      expect(page).toMatch(/id="departement-48" data-classe="masque"/);
      expect(page).toMatch(/id="departement-01" data-classe="masque"/);
      expect(page).not.toContain('data-classe="hors"');
      expect(page).toContain('Victor Cazanave');
      expect(page).toContain('CC BY 4.0');
      expect(page).toContain('Natural Earth');
      // The text alternative: the same figures by département.
      const byDepartement = (await testApp.http.get('/api/stats?groupBy=departement').expect(200)).body;
      const paris = byDepartement.rows.find((row: { group: { departement: string } }) => row.group.departement === '75');
      expect(paris.suppressed).toBe(false);
      expect(page).toContain(
        `<tr data-departement="75"><th scope="row"><a href="/statistiques/departements/75">75 Ville de Paris</a></th><td>${paris.reports}</td>`,
      );
    });

    it.each([
      ['period=1999', 'period', 'Choisissez une période dans la liste.'],
      ['period=2025-13', 'period', 'Choisissez une période dans la liste.'],
      ['kind=sick', 'kind', 'Choisissez un type d’arrêt dans la liste.'],
      ['region=Atlantide', 'region', 'Choisissez une région dans la liste.'],
      ['caisse=999', 'caisse', 'Choisissez une caisse dans la liste.'],
      ['tri=delai', 'tri', 'Choisissez dans la liste la colonne selon laquelle trier le tableau.'],
      ['tri=mediane&ordre=haut', 'ordre', 'Choisissez un ordre de tri dans la liste.'],
    ])('answers %s with a French message next to the field, not a 500', async (query, field, message) => {
      const response = await testApp.http.get(`/statistiques?${query}`).expect(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain(`id="${field}-erreur"`);
      expect(response.text).toContain(message);
      expect(response.text).toMatch(new RegExp(`<select id="${field}" name="${field}" aria-describedby="${field}-erreur" aria-invalid="true">`));
      // The rest of the page still shows the figures for the other filters.
      expect(response.text).toContain('<tr role="row" data-caisse="751"');
    });

    it('answers a wrong barres value with a 400 whose French message names it and leads to the chart', async () => {
      const response = await testApp.http.get('/statistiques?barres=10').expect(400);
      expect(response.text).toContain('<a href="#graphique">Ce lien vers le graphique est incorrect : « barres » ne peut valoir que « toutes ».</a>');
      expect(response.text).toContain('id="graphique"');
    });

    it.each([
      ['caisse', 'croissant'],
      ['caisse', 'decroissant'],
      ['signalements', 'decroissant'],
      ['mediane', 'decroissant'],
      ['mediane', 'croissant'],
      ['centile90', 'decroissant'],
      ['part', 'croissant'],
      ['moyenne', 'decroissant'],
    ])('sorts the table by %s, %s, the funds without a published figure last when sorted by a figure', async (column, order) => {
      const page = (await testApp.http.get(`/statistiques?period=2025&tri=${column}&ordre=${order}`).expect(200)).text;
      const api = (await testApp.http.get('/api/stats?groupBy=caisse&period=2025').expect(200)).body;
      const everyCode = await fundCodes(testApp);
      const direction = order === 'croissant' ? 1 : -1;
      let expected: string[];
      if (column === 'caisse') {
        expected = order === 'croissant' ? everyCode : [...everyCode].reverse();
      } else {
        const field = { signalements: 'reports', mediane: 'medianDays', centile90: 'p90Days', part: 'shareOverThreshold', moyenne: 'paidMeanDays' }[column]!;
        const published: Record<string, any>[] = api.rows.filter((row: { suppressed: boolean }) => !row.suppressed);
        // A delay not reached (null) is longer than any reached one.
        const value = (row: Record<string, any>) => row[field] ?? Infinity;
        published.sort((a, b) => (value(a) === value(b) ? a.group.caisse.localeCompare(b.group.caisse) : direction * (value(a) < value(b) ? -1 : 1)));
        const withFigure = published.map((row) => row.group.caisse);
        expect(withFigure.length).toBeGreaterThan(3);
        expected = [...withFigure, ...everyCode.filter((code) => !withFigure.includes(code))];
      }
      expect(fundRows(page).map((row) => row.caisse)).toEqual(expected);
      const ariaSort = order === 'croissant' ? 'ascending' : 'descending';
      expect(page).toMatch(new RegExp(`<th role="columnheader" scope="col" aria-sort="${ariaSort}"><a href="[^"]*" data-tri="${column}"`));
      expect(page.match(/aria-sort=/g)).toHaveLength(1);
    });

    it('writes sort links that keep the filters and flip the order of the current column', async () => {
      const page = (await testApp.http.get('/statistiques?period=2025&kind=maladie&tri=mediane').expect(200)).text;
      const href = (column: string) => new RegExp(`<a href="([^"]*)" data-tri="${column}"`).exec(page)![1].replace(/&amp;/g, '&');
      expect(href('mediane')).toBe('/statistiques?period=2025&kind=maladie&tri=mediane&ordre=croissant#par-caisse');
      expect(href('signalements')).toBe('/statistiques?period=2025&kind=maladie&tri=signalements#par-caisse');
      expect(href('caisse')).toBe('/statistiques?period=2025&kind=maladie#par-caisse');
    });

    it('links each fund (row and bar) to its page and each département (area and row) to its page, with the period and kind', async () => {
      const page = (await testApp.http.get('/statistiques?period=2025&kind=maladie').expect(200)).text;
      const api = (await testApp.http.get('/api/stats?groupBy=caisse&period=2025&kind=maladie').expect(200)).body;
      const query = '?period=2025&amp;kind=maladie';
      for (const code of await fundCodes(testApp)) {
        expect(page).toMatch(
          new RegExp(`<tr role="row" data-caisse="${code}"[^>]*><th role="rowheader" scope="row"><a href="/statistiques/caisses/${code}\\${query}">`),
        );
      }
      // Fewer than 30 funds published: every one has its bar, linked.
      const published = api.rows.filter((row: { suppressed: boolean }) => !row.suppressed);
      const bars = /<svg[^>]*id="graphique-caisses".*?<\/svg>/s.exec(page)![0];
      expect(bars).toContain('role="group"');
      const barLinks = [...bars.matchAll(/<a href="\/statistiques\/caisses\/(\d{3})\?period=2025&amp;kind=maladie" tabindex="-1">/g)].map((match) => match[1]);
      expect(barLinks.sort()).toEqual(published.map((row: { group: { caisse: string } }) => row.group.caisse).sort());
      for (const { code } of MAP_DEPARTEMENTS) {
        expect(page).toContain(`<a href="/statistiques/departements/${code}${query}" tabindex="-1"><path id="departement-${code}"`);
        expect(page).toContain(`<tr data-departement="${code}"><th scope="row"><a href="/statistiques/departements/${code}${query}">`);
      }
    });

    it('shows the national headline figures on the home page', async () => {
      const national = (await testApp.http.get('/api/stats').expect(200)).body;
      const home = (await testApp.http.get('/').expect(200)).text;
      expect(home).toContain(`<dt>Délai médian</dt><dd>${national.total.medianDays} jours</dd>`);
      expect(home).toContain(`<dd>${national.total.p90Days} jours</dd>`);
      expect(home).toContain(`<dd>${Math.round(national.total.shareOverThreshold * 100)} %</dd>`);
      expect(home).toContain(`${national.total.reports} signalements, chiffres du`);
    });
  });
});
