import { daysBetween, parisToday } from '../src/config/paris-date';
import { RetentionService } from '../src/retention/retention.service';
import { StatsService } from '../src/stats/stats.service';
import { dashboardReports } from './dashboard-reports';
import { expectErrorShape } from './error-shape';
import { binary, pdfText } from './export-files';
import { daysAgo, reportBody } from './report-factory';
import { insertReports, sameReports } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

const FORM = 'application/x-www-form-urlencoded';

// The order of issue 13, restated here so the test does not borrow it from the code under test.
function selectionsFor(caisse: string, region: string, kind: string, year: string): [string, Record<string, string>][] {
  return [
    ['fund-year', { caisse, kind, period: year }],
    ['fund', { caisse, kind, period: 'all' }],
    ['region', { region, kind, period: 'all' }],
    ['france', { kind, period: 'all' }],
  ];
}

describe('Help on the receipt page, /mon-signalement and the letters (issue 13)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ MIN_GROUP_SIZE: '11', STATS_RELEASE_DAYS: '0' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function fileReport(overrides: Record<string, unknown>): Promise<string> {
    const response = await testApp.http.post('/api/reports').send(reportBody(overrides)).expect(201);
    return response.body.receipt;
  }

  async function myReportPage(receipt: string): Promise<string> {
    const response = await testApp.http.post('/mon-signalement').set('Content-Type', FORM).send(new URLSearchParams({ receipt }).toString()).expect(200);
    return response.text;
  }

  function shownFigures(page: string): { level: string; sentence: string } {
    const match = /<p data-figures="([a-z-]+)">([^<]*)<\/p>/.exec(page);
    expect(match).not.toBeNull();
    return { level: match![1], sentence: match![2].replace(/&#39;/g, "'") };
  }

  async function published(query: Record<string, string>): Promise<{ suppressed: boolean; medianDays?: number | null; p90Days?: number | null }> {
    const response = await testApp.http
      .get('/api/stats')
      .query({ groupBy: 'quarter', ...query })
      .expect(200);
    return response.body.total;
  }

  /** The level the page must show: the first selection GET /api/stats publishes with a median. */
  async function expectFallbackOrder(page: string, caisse: string, region: string, kind: string, year: string): Promise<string> {
    const shown = shownFigures(page);
    for (const [level, query] of selectionsFor(caisse, region, kind, year)) {
      const total = await published(query);
      if (total.suppressed || total.medianDays === null) {
        expect(shown.level).not.toBe(level);
        continue;
      }
      expect(shown.level).toBe(level);
      // Past 365 days the last delay bin is open-ended: the page says "plus de 365 jours".
      if (total.medianDays! > 365) expect(shown.sentence).toContain('la moitié des personnes attendent plus de 365 jours');
      else expect(shown.sentence).toContain(`la moitié des personnes sont payées en ${total.medianDays} jours ou moins`);
      if (total.p90Days !== null && total.p90Days! <= 365 && total.medianDays! <= 365)
        expect(shown.sentence).toContain(`9 sur 10 en ${total.p90Days} jours ou moins`);
      if (total.p90Days !== null && total.p90Days! > 365 && total.medianDays! <= 365)
        expect(shown.sentence).toContain('plus d’une sur 10 attend plus de 365 jours');
      return level;
    }
    expect(shown.level).toBe('none');
    return 'none';
  }

  it('shows no figure before the first snapshot, and still the days waited and the ladder', async () => {
    const receipt = await fileReport({ leaveStartedOn: daysAgo(12), certificateSentOn: daysAgo(8) });
    const page = await myReportPage(receipt);
    expect(shownFigures(page).level).toBe('none');
    expect(page).toContain('Vous en êtes au 12e jour d’attente.');
    expect(page).toContain('data-advice="contactFund"');
  });

  describe('with published figures', () => {
    const receipts: Record<string, string> = {};

    beforeAll(async () => {
      // Loire-Atlantique: enough reports of 2024 to publish the fund, none of 2025.
      await insertReports(testApp.db, [...dashboardReports(), ...sameReports(30, '441', 25, { leave: '2024-04-08' })]);
      await testApp.app.get(StatsService).refresh();
      receipts.paris = await fileReport({ caisseCode: '751', leaveStartedOn: '2025-06-02', certificateSentOn: '2025-06-10' });
      receipts.loireAtlantique = await fileReport({ caisseCode: '441', leaveStartedOn: '2025-05-05' });
      receipts.lozere = await fileReport({ caisseCode: '481', leaveStartedOn: '2025-05-05' });
      receipts.illeEtVilaine = await fileReport({ caisseCode: '351', leaveStartedOn: '2025-05-05' });
      receipts.paternity = await fileReport({ caisseCode: '351', allowanceKind: 'paternite', leaveStartedOn: '2025-05-05' });
    });

    it.each([
      ['paris', '751', 'Île-de-France', 'maladie', 'fund-year'],
      ['loireAtlantique', '441', 'Pays de la Loire', 'maladie', 'fund'],
      ['lozere', '481', 'Occitanie', 'maladie', 'region'],
      ['illeEtVilaine', '351', 'Bretagne', 'maladie', 'france'],
      ['paternity', '351', 'Bretagne', 'paternite', 'none'],
    ])('%s: shows the finest selection GET /api/stats publishes, with its very figures', async (name, caisse, region, kind, expectedLevel) => {
      const page = await myReportPage(receipts[name]);
      expect(await expectFallbackOrder(page, caisse, region, kind, '2025')).toBe(expectedLevel);
    });

    it('names the selection shown and why a wider one is used', async () => {
      expect(shownFigures(await myReportPage(receipts.paris)).sentence).toMatch(/^À la CPAM de Paris, pour un arrêt maladie commencé en 2025, /);
      const lozere = await myReportPage(receipts.lozere);
      expect(shownFigures(lozere).sentence).toMatch(/^Dans la région Occitanie, pour un arrêt maladie, toutes années confondues, /);
      expect(lozere).toContain('Pas de délai médian publié pour la CCSS de la Lozère');
      expect(await myReportPage(receipts.paternity)).toContain('pas assez de signalements pour publier');
    });

    it('adapts what to do to the report: paid, subrogated, attestation unknown, short wait, long wait', async () => {
      const cases: [Record<string, unknown>, string, boolean][] = [
        [{ leaveStartedOn: daysAgo(40), certificateSentOn: daysAgo(35), firstPaidOn: daysAgo(5) }, 'paid', false],
        [{ leaveStartedOn: daysAgo(40), subrogation: true }, 'subrogated', false],
        [{ leaveStartedOn: daysAgo(40) }, 'askEmployer', true],
        [{ leaveStartedOn: daysAgo(10), certificateSentOn: daysAgo(9) }, 'contactFund', false],
        [{ leaveStartedOn: daysAgo(40), certificateSentOn: daysAgo(35) }, 'complain', true],
      ];
      for (const [overrides, branch, letters] of cases) {
        const page = await myReportPage(await fileReport(overrides));
        expect(page).toContain(`data-advice="${branch}"`);
        expect(page.includes('action="/mon-signalement/courrier"')).toBe(letters);
        expect(page.match(/<li class="start-here" aria-current="step">/g)).toHaveLength(1);
      }
    });

    it('shows the help on the receipt page after /signaler, without JavaScript', async () => {
      const body = new URLSearchParams({
        caisseCode: '751',
        allowanceKind: 'maladie',
        leaveStartedOn: '2025-06-02',
        certificateSentOn: '2025-06-10',
        paymentStatus: 'waiting',
        consent: 'oui',
      });
      const response = await testApp.http.post('/signaler').set('Content-Type', FORM).send(body.toString()).expect(200);
      expect(response.text).toContain('Où en êtes-vous ?');
      expect(response.text).toContain('data-advice="complain"');
      await expectFallbackOrder(response.text, '751', 'Île-de-France', 'maladie', '2025');
      expect(response.text).toContain('<input type="hidden" name="letter" value="mediateur">');
    });

    it('still shows the receipt when the figures cannot be read: the report is stored, the help waits for /mon-signalement', async () => {
      // Fault injection on the real service: the one way to make the snapshot unreadable for a single request.
      const getStats = jest.spyOn(testApp.app.get(StatsService), 'getStats').mockRejectedValueOnce(new Error('connection terminated'));
      const body = new URLSearchParams({ caisseCode: '751', allowanceKind: 'maladie', leaveStartedOn: daysAgo(20), paymentStatus: 'waiting', consent: 'oui' });
      const response = await testApp.http.post('/signaler').set('Content-Type', FORM).send(body.toString()).expect(200);
      getStats.mockRestore();
      const receipt = /<p id="recu" class="receipt">([^<]+)<\/p>/.exec(response.text)![1];
      expect(response.text).toContain('data-help-unavailable');
      expect(await myReportPage(receipt)).toContain('Où en êtes-vous ?');
    });

    it('prefills the letter page with the report and the published figures, the sender left blank', async () => {
      const days = daysBetween('2025-06-02', parisToday());
      const total = await published({ caisse: '751', kind: 'maladie', period: '2025' });
      const response = await testApp.http
        .post('/mon-signalement/courrier')
        .set('Content-Type', FORM)
        .send(new URLSearchParams({ receipt: receipts.paris, letter: 'reclamation' }).toString())
        .expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const text = response.text.replace(/&#39;/g, "'");
      expect(text).toContain('CPAM de Paris<br>Service des indemnités journalières');
      expect(text).toContain('Mon arrêt maladie a commencé le 2 juin 2025.');
      expect(text).toContain('Mon employeur a transmis l’attestation de salaire le 10 juin 2025.');
      expect(text).toContain(`soit ${days} jours après le début de mon arrêt`);
      expect(text).toContain(`payées en ${total.medianDays} jours ou moins`);
      expect(text).toMatch(/data-fill="nom"[^>]*>……/);
      expect(text).toMatch(/data-fill="nir"[^>]*>……/);
    });

    it('renders the mediator letter as a PDF with blank lines for name, address and NIR', async () => {
      const days = daysBetween('2025-06-02', parisToday());
      const total = await published({ caisse: '751', kind: 'maladie', period: '2025' });
      const response = await binary(
        testApp.http
          .post('/mon-signalement/courrier.pdf')
          .set('Content-Type', FORM)
          .send(new URLSearchParams({ receipt: receipts.paris, letter: 'mediateur' }).toString()),
      ).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe('attachment; filename="courrier-mediateur.pdf"');
      expect(response.headers['cache-control']).toBe('no-store');
      const text = (await pdfText(response.body)).replace(/\s+/g, ' ');
      expect(text).toContain('médiateur (conciliateur) de la CPAM de Paris');
      expect(text).toContain('Mon arrêt maladie a commencé le 2 juin 2025.');
      expect(text).toContain('attestation de salaire le 10 juin 2025');
      expect(text).toContain(`soit ${days} jours après le début de mon arrêt`);
      expect(text).toContain(`payées en ${total.medianDays} jours ou moins`);
      for (const label of ['Nom et prénom : ……', 'Adresse postale : ……', 'Numéro de sécurité sociale : ……']) expect(text).toContain(label);
      expect(text).toContain('réclamation à la caisse le ……');
      expect(text).not.toContain(receipts.paris);
    });

    it('answers bad letter requests with the error shape naming the field', async () => {
      const post = (path: string, fields: Record<string, string>) =>
        testApp.http.post(path).set('Content-Type', FORM).set('Accept', 'application/json').send(new URLSearchParams(fields).toString());
      expectErrorShape((await post('/mon-signalement/courrier', { receipt: receipts.paris, letter: 'plainte' }).expect(400)).body, 400, 'VALIDATION_FAILED', [
        'letter',
      ]);
      expectErrorShape((await post('/mon-signalement/courrier.pdf', { letter: 'reclamation' }).expect(400)).body, 400, 'VALIDATION_FAILED', ['receipt']);
      expectErrorShape(
        (await post('/mon-signalement/courrier.pdf', { receipt: 'AAAA-BBBB-CCCC-DDDD', letter: 'reclamation' }).expect(404)).body,
        404,
        'NOT_FOUND',
      );
      const paid = await fileReport({ leaveStartedOn: daysAgo(40), firstPaidOn: daysAgo(2) });
      expectErrorShape((await post('/mon-signalement/courrier', { receipt: paid, letter: 'reclamation' }).expect(409)).body, 409, 'CONFLICT', ['receipt']);
      const unknown = await testApp.http
        .post('/mon-signalement/courrier')
        .set('Content-Type', FORM)
        .send(new URLSearchParams({ receipt: 'AAAA-BBBB-CCCC-DDDD', letter: 'reclamation' }).toString())
        .expect(404);
      expect(unknown.text).toContain('Ce reçu ne correspond à aucun signalement');
    });

    // Last: the purge coarsens every settled report of this file, the earlier tests' ones included.
    it('helps on a coarsened report from its month and days only, without a letter', async () => {
      const receipt = await fileReport({ caisseCode: '481', leaveStartedOn: daysAgo(400), certificateSentOn: daysAgo(390) });
      await testApp.app.get(RetentionService).purge();
      const page = await myReportPage(receipt);
      expect(page).toContain('Ce signalement est clos');
      expect(page).toContain('À votre dernière confirmation, vous attendiez depuis 400 jours.');
      const year = daysAgo(400).slice(0, 4);
      expect(await expectFallbackOrder(page, '481', 'Occitanie', 'maladie', year)).not.toBe('fund-year');
      expect(page).toContain('data-advice="closed"');
      expect(page).not.toContain('action="/mon-signalement/courrier"');
      await testApp.http
        .post('/mon-signalement/courrier')
        .set('Content-Type', FORM)
        .set('Accept', 'application/json')
        .send(new URLSearchParams({ receipt, letter: 'reclamation' }).toString())
        .expect(409);
    });
  });
});
