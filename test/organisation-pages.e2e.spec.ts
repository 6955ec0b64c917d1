import { StatsService } from '../src/stats/stats.service';
import { binary, pdfText } from './export-files';
import { reportBody } from './report-factory';
import { UNION_IDENTITY } from './organisation-identity';
import { startTestApp, TestApp } from './test-app';

const FORM = 'application/x-www-form-urlencoded';
const BANNER = 'Instance non configurée';
const PAGES = ['/', '/signaler', '/mon-signalement', '/statistiques', '/confidentialite', '/mentions-legales', '/espace-syndical'];

/** A page as a browser asks for it: error pages too come as French HTML. */
async function pageAt(testApp: TestApp, path: string, status = 200): Promise<string> {
  return (await testApp.http.get(path).set('Accept', 'text/html').expect(status)).text;
}

/** The 400 page of an empty report form: the identity survives an asynchronously parsed body. */
async function formErrorPage(testApp: TestApp): Promise<string> {
  return (await testApp.http.post('/signaler').set('Accept', 'text/html').set('Content-Type', FORM).send('').expect(400)).text;
}

function textOf(page: string): string {
  return page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, '’')
    .replace(/\s+/g, ' ');
}

describe('an instance whose union has not set its identity', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(PAGES)('shows the "instance non configurée" banner on %s', async (path) => {
    expect(await pageAt(testApp, path)).toContain(BANNER);
  });

  it('shows the banner on an error page and on a form sent back with its errors', async () => {
    expect(await pageAt(testApp, '/page-inexistante', 404)).toContain(BANNER);
    expect(await formErrorPage(testApp)).toContain(BANNER);
  });

  it('says on /mentions-legales which item is missing rather than invent one', async () => {
    const page = textOf(await pageAt(testApp, '/mentions-legales'));
    expect(page).toContain('Directeur ou directrice de la publication (non renseigné par le syndicat)');
  });
});

describe('an instance whose union has set its identity', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      ...UNION_IDENTITY,
      RETENTION_MONTHS: '24',
      BACKUP_RETENTION_DAYS: '14',
      AUDIT_RETENTION_MONTHS: '6',
      STATS_RELEASE_DAYS: '14',
      MIN_GROUP_SIZE: '15',
    });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(PAGES)('names the union in the header and footer of %s, without the banner', async (path) => {
    const page = await pageAt(testApp, path);
    expect(page).not.toContain(BANNER);
    const header = page.slice(page.indexOf('<header'), page.indexOf('</header>'));
    const footer = page.slice(page.indexOf('<footer'), page.indexOf('</footer>'));
    expect(header).toContain('proposé par Union locale des syndicats de Lille');
    expect(footer).toContain('Service proposé par Union locale des syndicats de Lille');
    expect(footer).toContain('<a href="/mentions-legales">Mentions légales</a>');
  });

  it('offers the union’s help with its contact on /mon-signalement (issue 13)', async () => {
    const created = await testApp.http.post('/api/reports').send(reportBody()).expect(201);
    const page = textOf(
      (
        await testApp.http
          .post('/mon-signalement')
          .set('Content-Type', FORM)
          .send(new URLSearchParams({ receipt: created.body.receipt }).toString())
          .expect(200)
      ).text,
    );
    expect(page).toContain('Votre syndicat peut vous aider');
    expect(page).toContain('Union locale des syndicats de Lille');
    expect(page).toContain('Courriel : ij@ul-lille.example');
    expect(page).toContain('Téléphone : 03 20 00 00 00');
    expect(page).toContain('Permanences : du lundi au vendredi, 9 h – 17 h');
  });

  it('signs the fund sheet with "Source : <organisation>"', async () => {
    await testApp.app.get(StatsService).refresh();
    const sheet = await binary(testApp.http.get('/statistiques/caisses/751.pdf')).expect(200);
    expect((await pdfText(sheet.body as Buffer)).replace(/\s+/g, ' ')).toContain('Source : Union locale des syndicats de Lille');
  });

  it('names the union on an error page and on a form sent back with its errors', async () => {
    expect(await pageAt(testApp, '/page-inexistante', 404)).toContain('proposé par Union locale des syndicats de Lille');
    expect(await formErrorPage(testApp)).toContain('proposé par Union locale des syndicats de Lille');
  });

  describe('/mentions-legales (LCEN art. 6 III)', () => {
    let page: string;
    beforeAll(async () => {
      page = textOf(await pageAt(testApp, '/mentions-legales'));
    });

    it.each([
      ['the publisher’s name', 'Éditeur du site Ce site est édité par le syndicat qui propose le service : Nom : Union locale des syndicats de Lille'],
      ['the publisher’s address, line by line', 'Adresse : 12 rue de la Paix 59000 Lille'],
      ['the publisher’s e-mail', 'Courriel : ij@ul-lille.example'],
      ['the publisher’s phone', 'Téléphone : 03 20 00 00 00'],
      ['the publication director', 'Directeur ou directrice de la publication Camille Martin, secrétaire générale'],
      ['the host’s name', 'Hébergeur Nom : Hébergeur associatif du Nord'],
      ['the host’s address', 'Adresse : 1 place du Serveur 59800 Lille'],
      ['the host’s phone', 'Téléphone : 03 20 11 11 11'],
    ])('gives %s', (_item, text) => {
      expect(page).toContain(text);
    });

    it('shows no placeholder once everything is set', () => {
      expect(page).not.toContain('non renseigné');
    });
  });

  describe('/confidentialite: every item of GDPR art. 13', () => {
    let page: string;
    beforeAll(async () => {
      page = textOf(await pageAt(testApp, '/confidentialite'));
    });

    it.each([
      ['13(1)(a) the controller', 'Le responsable du traitement est le syndicat qui propose ce service : Nom : Union locale des syndicats de Lille'],
      ['13(1)(a) the controller’s contact', 'Courriel : ij@ul-lille.example'],
      ['13(1)(b) the DPO', 'Délégué à la protection des données : dpo@ul-lille.example.'],
      ['13(1)(c) the purpose', 'Mesurer le temps que mettent les caisses d’assurance maladie à verser la première indemnité journalière'],
      [
        '13(1)(c) the legal basis',
        'Votre consentement explicite, que vous donnez en cochant la case du formulaire (RGPD, article 6, paragraphe 1, a, et article 9, paragraphe 2, a, pour les données de santé)',
      ],
      ['13(1)(e) the recipients', 'Personne d’autre ne reçoit vos réponses : elles ne sont ni vendues, ni transmises à un autre organisme'],
      [
        '13(1)(e) only protected aggregates published',
        'Le public et les syndicats ne voient que des chiffres d’ensemble. Chaque chiffre est légèrement brouillé',
      ],
      ['13(1)(e) the threshold after noise', 'un groupe qui compte moins de 15 signalements après ce brouillage n’est pas publié'],
      ['13(1)(e) releases at most once per STATS_RELEASE_DAYS', 'Les chiffres d’un groupe ne changent au plus qu’une fois tous les 14 jours.'],
      ['13(1)(f) no transfer outside the EU', 'Aucune donnée n’est transférée hors de l’Union européenne.'],
      ['13(2)(a) retention: RETENTION_MONTHS', 'Un signalement est conservé au plus 24 mois après le début de l’arrêt, puis supprimé.'],
      ['13(2)(a) retention: BACKUP_RETENTION_DAYS', 'Il peut subsister au plus 14 jours dans les sauvegardes chiffrées du serveur'],
      ['13(2)(a) retention: AUDIT_RETENTION_MONTHS', 'est gardé 6 mois.'],
      ['13(2)(a) retention: the address hashes', 'la clé qui permettrait de relier l’empreinte à une adresse est détruite au bout de 48 heures'],
      [
        '13(2)(b) access, rectification, erasure with the receipt',
        'tapez votre reçu pour voir vos réponses (accès et copie), les mettre à jour (rectification), ou choisir « Effacer mon signalement » (effacement)',
      ],
      [
        '13(2)(b) the rights, named',
        'Vous avez le droit d’accéder à vos réponses, de les corriger, de les effacer, d’en limiter l’usage et d’en recevoir une copie',
      ],
      ['13(2)(b) without identifying oneself', 'vous n’avez pas à donner votre nom'],
      ['13(2)(c) withdrawal of consent at any time', 'Vous pouvez retirer votre consentement à tout moment, en effaçant votre signalement avec votre reçu.'],
      ['13(2)(d) complaint to the CNIL', 'vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL)'],
      ['13(2)(e) reporting is not required', 'Rien ne vous oblige à signaler'],
      ['13(2)(f) no automated decision', 'Aucune décision vous concernant n’est prise automatiquement'],
    ])('states %s', (_item, text) => {
      expect(page).toContain(text);
    });
  });
});
