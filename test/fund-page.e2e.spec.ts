import { inflateSync } from 'node:zlib';
import { NOT_PUBLISHED } from '../src/presentation/french-labels';
import { StatsService } from '../src/stats/stats.service';
import { DepartementPageService } from '../src/web/departement/departement-page.service';
import { FundPageService } from '../src/web/fund/fund-page.service';
import { LOZERE_REPORTS } from './dashboard-reports';
import { fundPageReports, QUARTERLY_FUND, YEARLY_FUND } from './fund-reports';
import { binary, pdfText } from './export-files';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

type Row = Record<string, any>;

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
const daysText = (value: number | null) => (value === null ? '–' : `${value} jour${value > 1 ? 's' : ''}`);

/** The comparison table: its column headers and, per line label, its cells. */
function comparison(page: string): { columns: string[]; lines: Map<string, string[]> } {
  const table = /<table class="stats-table cards comparison" id="comparaison" role="table">(.*?)<\/table>/s.exec(page)![1];
  const columns = [.../<thead role="rowgroup">(.*?)<\/thead>/s.exec(table)![1].matchAll(/<th role="columnheader" scope="col">(.*?)<\/th>/g)]
    .map((match) => text(match[1]))
    .slice(1);
  const lines = new Map(
    [...table.matchAll(/<tr role="row"><th role="rowheader" scope="row">(.*?)<\/th>(.*?)<\/tr>/gs)].map((match) => [
      text(match[1]),
      [...match[2].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => text(cell[1])),
    ]),
  );
  return { columns, lines };
}

/** The trend's table: period → [fund cell, France cell]. */
function trendTable(page: string): Map<string, string[]> {
  return new Map(
    [...page.matchAll(/<tr data-periode="([^"]+)">(.*?)<\/tr>/gs)].map((match) => [
      match[1],
      [...match[2].matchAll(/<td>(.*?)<\/td>/g)].map((cell) => text(cell[1])),
    ]),
  );
}

function expectedCells(row: Row | undefined): string[] {
  if (!row || row.suppressed) return [NOT_PUBLISHED, NOT_PUBLISHED, NOT_PUBLISHED];
  return [String(row.reports), daysText(row.medianDays), daysText(row.p90Days)];
}

/** Decodes a PNG far enough to trust it: signature, IHDR, and IDAT inflating to exactly one filtered RGBA scanline per row. */
function pngSize(file: Buffer): { width: number; height: number } {
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset);
    chunks.push({ type: file.subarray(offset + 4, offset + 8).toString('latin1'), data: file.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  expect(chunks[0].type).toBe('IHDR');
  expect(chunks.at(-1)!.type).toBe('IEND');
  const width = chunks[0].data.readUInt32BE(0);
  const height = chunks[0].data.readUInt32BE(4);
  const [bitDepth, colourType] = [chunks[0].data[8], chunks[0].data[9]];
  const channels = { 2: 3, 6: 4 }[colourType as 2 | 6];
  expect(bitDepth).toBe(8);
  const pixels = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  expect(pixels.length).toBe(height * (1 + width * channels!));
  return { width, height };
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
      const cell = (row: Row | undefined) =>
        !row || row.suppressed ? NOT_PUBLISHED : row.medianDays === null ? 'médiane non atteinte' : daysText(row.medianDays);
      for (const month of months) expect(table.get(month)).toEqual([cell(fundByMonth.get(month)), cell(nationalByMonth.get(month))]);
      const gaps = months.filter((month: string) => (fundByMonth.get(month) as Row).suppressed);
      const listed = text(/<p id="periodes-sans-chiffre">(.*?)<\/p>/s.exec(page)![1]);
      if (gaps.length === 0) expect(listed).toBe('Chaque période du graphique a un chiffre publié pour CPAM de Paris.');
      else expect(listed).toContain(`laissées en blanc sur le graphique : `);
      expect(listed.match(/\d{4}/g) ?? []).toHaveLength(gaps.length);
    });

    it('draws a fund whose months are all suppressed quarter by quarter, and says why', async () => {
      // The rule's premise, read from the API: at most half of the six most recent months published for the fund.
      const [nationalMonths, months] = await Promise.all([api('groupBy=month'), api(`groupBy=month&caisse=${QUARTERLY_FUND}`)]);
      const lastMonth = nationalMonths.rows.filter((row: Row) => !row.suppressed).at(-1).group.month;
      const recent = months.rows.filter((row: Row) => row.group.month <= lastMonth).slice(-6);
      expect(recent.filter((row: Row) => !row.suppressed).length).toBeLessThanOrEqual(3);
      const [quarters, national] = await Promise.all([api(`groupBy=quarter&caisse=${QUARTERLY_FUND}`), api('groupBy=quarter')]);
      const page = (await testApp.http.get(`/statistiques/caisses/${QUARTERLY_FUND}`).expect(200)).text;
      expect(page).toContain('<strong>Par trimestre : trop peu de signalements par mois.</strong>');
      expect(page).toContain('Règle : l’évolution est tracée par mois quand plus de la moitié des 6 derniers mois ont un chiffre publié');
      const table = trendTable(page);
      const publishedQuarters = national.rows.filter((row: Row) => !row.suppressed).map((row: Row) => row.group.quarter);
      expect([...table.keys()]).toEqual(
        national.rows.map((row: Row) => row.group.quarter).filter((quarter: string) => quarter >= publishedQuarters[0] && quarter <= publishedQuarters.at(-1)),
      );
      for (const [quarter, [fundCell]] of table) {
        const row = quarters.rows.find((candidate: Row) => candidate.group.quarter === quarter);
        expect(fundCell).toBe(row.suppressed ? NOT_PUBLISHED : daysText(row.medianDays));
      }
      expect(page).toMatch(/<text [^>]*>T[1-4] 25<\/text>/);
    });

    it('draws a fund whose quarters are suppressed too year by year', async () => {
      const [quarters, year] = await Promise.all([api(`groupBy=quarter&caisse=${YEARLY_FUND}`), api(`groupBy=year&caisse=${YEARLY_FUND}`)]);
      expect(quarters.rows.filter((row: Row) => !row.suppressed).length).toBeLessThanOrEqual(1);
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
      const listed = [
        ...page.matchAll(/<tr role="row" data-caisse="(\d{3})"><th role="rowheader" scope="row"><a href="([^"]+)">(.*?)<\/a><\/th>(.*?)<\/tr>/gs),
      ];
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

    it.each([
      ['977', '977 Saint-Barthélemy', ['971']],
      ['2A', '2A Corse-du-Sud', ['201']],
    ])('has a page for département %s (%s), served by funds %p', async (code, label, funds) => {
      const page = (await testApp.http.get(`/statistiques/departements/${code}`).expect(200)).text;
      expect(page).toContain(`<h1>Délais de paiement déclarés : ${label}</h1>`);
      expect([...page.matchAll(/<tr role="row" data-caisse="(\w{3})">/g)].map((match) => match[1])).toEqual(funds);
      const fund = (await testApp.http.get(`/statistiques/caisses/${funds[0]}`).expect(200)).text;
      expect(fund).toContain(`<a href="/statistiques/departements/${code}">${label}</a>`);
    });

    it('has a page for every fund and every département served by one', async () => {
      const caisses: { code: string; name: string; departements: string[] }[] = await testApp.db.query(
        'SELECT code, name, departements FROM caisses ORDER BY code',
      );
      expect(caisses).toHaveLength(107);
      for (const { code, name } of caisses) {
        const page = (await testApp.http.get(`/statistiques/caisses/${code}`).expect(200)).text;
        expect(page).toContain(`<h1>Délais de paiement déclarés : ${name.replace(/'/g, '&#39;')}</h1>`);
      }
      for (const departement of new Set(caisses.flatMap((caisse) => caisse.departements))) {
        const page = (await testApp.http.get(`/statistiques/departements/${departement}`).expect(200)).text;
        const listed = [...page.matchAll(/<tr role="row" data-caisse="(\w{3})">/g)].map((match) => match[1]);
        expect(listed).toEqual(caisses.filter((caisse) => caisse.departements.includes(departement)).map((caisse) => caisse.code));
      }
    });

    it('serves a one-page A4 sheet whose text says what the page says', async () => {
      const query = '?period=2025';
      const page = (await testApp.http.get(`/statistiques/caisses/751${query}`).expect(200)).text;
      const response = await binary(testApp.http.get(`/statistiques/caisses/751.pdf${query}`)).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const file: Buffer = response.body;
      expect(file.subarray(0, 5).toString()).toBe('%PDF-');
      // One page, A4 portrait (595.28 × 841.89 points).
      expect(file.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
      expect(file.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.2\d+ 841\.8\d+\]/);
      const sheet = (await pdfText(file)).replace(/\s+/g, ' ');
      const { columns, lines } = comparison(page);
      expect(sheet).toContain('Délais de paiement des indemnités journalières : CPAM de Paris');
      for (const column of columns) expect(sheet).toContain(column);
      // Each line of the page's table, label then cells, in the same order.
      expect(lines.size).toBe(9);
      for (const [label, cells] of lines) expect(sheet).toContain(`${label} ${cells.join(' ')}`);
      expect(sheet).toContain(text(/<p id="rang">(.*?)<\/p>/s.exec(page)![1]));
      expect(sheet).toContain(text(/<p id="granularite">(.*?)<\/p>/s.exec(page)![1]));
      const snapshot = /chiffres du (\d{1,2} \S+ \d{4} à \d{2}:\d{2})/.exec(page)![1];
      expect(sheet).toContain(`Chiffres du ${snapshot}`);
      expect(sheet).toMatch(/Page en ligne, mise à jour à chaque publication : http:\/\/[^ ]+\/statistiques\/caisses\/751\?period=2025/);
      expect(sheet).toContain('Méthode et limites');
      await testApp.http.get('/statistiques/caisses/999.pdf').expect(404);
      const wrong = await testApp.http.get('/statistiques/caisses/751.pdf?kind=sick').expect(400);
      expect(wrong.body.details).toEqual([{ field: 'kind', message: expect.any(String) }]);
    });

    it('announces a shared link with og: and twitter: tags and a 1200 × 630 PNG card', async () => {
      const page = (await testApp.http.get('/statistiques/caisses/131?period=2025').expect(200)).text;
      const meta = (key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(page)?.[1];
      expect(meta('og:title')).toBe('CPAM des Bouches-du-Rhône : délais de paiement des indemnités journalières');
      expect(meta('og:url')).toMatch(/^http:\/\/[^/]+\/statistiques\/caisses\/131\?period=2025$/);
      expect(meta('twitter:card')).toBe('summary_large_image');
      const image = meta('og:image')!;
      expect(meta('twitter:image')).toBe(image);
      expect(image).toMatch(/^http:\/\/[^/]+\/statistiques\/caisses\/131\.png\?period=2025$/);
      const median = comparison(page).lines.get('Délai médian')![0];
      expect(meta('og:description')).toContain(`délai médian déclaré ${median}`);
      const response = await binary(testApp.http.get(new URL(image).pathname + new URL(image).search)).expect(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(pngSize(response.body)).toEqual({ width: Number(meta('og:image:width')), height: Number(meta('og:image:height')) });
      expect(pngSize(response.body)).toEqual({ width: 1200, height: 630 });
    });

    it('keeps the same sheet and card bytes until the next snapshot', async () => {
      // One host: the sheet writes the page's address, which depends on it.
      const fetch = async (path: string): Promise<Buffer> => (await binary(testApp.http.get(path).set('Host', 'syndicat.example')).expect(200)).body;
      const [sheet, card] = [await fetch('/statistiques/caisses/751.pdf'), await fetch('/statistiques/caisses/751.png')];
      expect((await fetch('/statistiques/caisses/751.pdf')).equals(sheet)).toBe(true);
      expect((await fetch('/statistiques/caisses/751.png')).equals(card)).toBe(true);
      const before = (await api('groupBy=month&caisse=751')).total.reports;
      await insertReports(testApp.db, sameReports(12, '751', 20, { leave: '2025-06-02' }));
      expect((await testApp.app.get(StatsService).refresh()).refreshed).toBe(true);
      // StatsService asks which snapshot is the newest at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await api('groupBy=month&caisse=751')).total.reports).not.toBe(before);
      expect((await fetch('/statistiques/caisses/751.pdf')).equals(sheet)).toBe(false);
      expect((await fetch('/statistiques/caisses/751.png')).equals(card)).toBe(false);
    });

    // It adds reports and refreshes, as the test above does.
    it('keeps fund and département pages finished until the next snapshot, by checked address and by host', async () => {
      const fundBuilds = jest.spyOn(testApp.app.get(FundPageService), 'page');
      const departementBuilds = jest.spyOn(testApp.app.get(DepartementPageService), 'page');
      const get = (path: string, host = 'syndicat.example') => testApp.http.get(path).set('Host', host);
      try {
        const fund = await get('/statistiques/caisses/751?period=2025&utm_source=tract').expect(200);
        // The same checked address (an unknown parameter is not part of it): answered from the cache.
        const again = await get('/statistiques/caisses/751?period=2025').expect(200);
        expect(again.text).toBe(fund.text);
        expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
        const departement = (await get('/statistiques/departements/75?kind=all&period=2025').expect(200)).text;
        expect((await get('/statistiques/departements/75?period=2025').expect(200)).text).toBe(departement);
        expect(fundBuilds).toHaveBeenCalledTimes(1);
        expect(departementBuilds).toHaveBeenCalledTimes(1);
        // Without PUBLIC_URL the page's absolute links are the host's: another host gets its own page.
        const other = (await get('/statistiques/caisses/751?period=2025', 'autre.example').expect(200)).text;
        expect(other).toContain('<meta property="og:url" content="http://autre.example/statistiques/caisses/751?period=2025">');
        expect(fundBuilds).toHaveBeenCalledTimes(2);
        // A page in error is built every time, never kept.
        await get('/statistiques/caisses/751?period=1999').expect(400);
        await get('/statistiques/caisses/751?period=1999').expect(400);
        expect(fundBuilds).toHaveBeenCalledTimes(4);

        await insertReports(testApp.db, sameReports(30, '751', 25, { leave: '2025-04-07' }));
        expect((await testApp.app.get(StatsService).refresh()).refreshed).toBe(true);
        const fresh = await get('/statistiques/caisses/751?period=2025').expect(200);
        expect(fresh.text).not.toBe(fund.text);
        const fundRow = (await api('groupBy=caisse&period=2025')).rows.find((row: Row) => row.group.caisse === '751');
        expect(comparison(fresh.text).lines.get('Signalements')![0]).toBe(expectedCells(fundRow)[0]);
        expect((await get('/statistiques/departements/75?period=2025').expect(200)).text).not.toBe(departement);
        expect(fundBuilds).toHaveBeenCalledTimes(5);
        expect(departementBuilds).toHaveBeenCalledTimes(2);
      } finally {
        fundBuilds.mockRestore();
        departementBuilds.mockRestore();
      }
    });

    it('links to its départements, its sheet with the same selection, and writes no inline style or script', async () => {
      const page = (await testApp.http.get('/statistiques/caisses/594?period=2025&kind=maladie').expect(200)).text;
      expect(page).toContain('<a href="/statistiques/departements/59">59 Nord</a>');
      expect(page).toContain('href="/statistiques/caisses/594.pdf?period=2025&amp;kind=maladie"');
      expect(page).not.toMatch(/\sstyle=|<style|<script(?![^>]*\bsrc="\/assets\/)/);
    });
  });
});
