import { daysAgo } from './report-factory';
import { expectErrorShape } from './error-shape';
import { startTestApp, TestApp } from './test-app';

const FORM = 'application/x-www-form-urlencoded';

function receiptIn(page: string): string {
  const match = /id="recu" class="receipt">([0-9A-Z-]{19})</.exec(page);
  if (!match) throw new Error('no receipt on the page');
  return match[1];
}

describe('French pages (HTTP)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it.each(['/', '/signaler', '/mon-signalement', '/confidentialite', '/espace-syndical'])(
    'serves %s in French with the strict Content-Security-Policy',
    async (path) => {
      const response = await testApp.http.get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.text).toContain('<html lang="fr">');
      expect(response.text).toContain('<main id="contenu"');
      // No inline script or style, no resource from elsewhere.
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      expect(response.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    },
  );

  it('lists the 107 funds in the plain select of /signaler', async () => {
    const page = (await testApp.http.get('/signaler').expect(200)).text;
    const options = page.match(/<option value="\d{3}"/g) ?? [];
    expect(options).toHaveLength(107);
    expect(page).toContain('<option value="751">75 – CPAM de Paris</option>');
  });

  it('serves the stylesheet and the script from the app itself, and 404s any other asset', async () => {
    const css = await testApp.http.get('/assets/site.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await testApp.http.get('/assets/site.js').expect(200)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    await testApp.http.get('/assets/..%2Fweb.module.js').expect(404);
  });

  it('creates a report from a form post and answers the receipt page, never cached', async () => {
    const body = new URLSearchParams({
      caisseCode: '751',
      allowanceKind: 'maladie',
      leaveStartedOn: daysAgo(20),
      paymentStatus: 'waiting',
      consent: 'oui',
    });
    body.append('consequences', 'overdraft');
    body.append('consequences', 'borrowed');
    const response = await testApp.http.post('/signaler').set('Content-Type', FORM).send(body.toString()).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const receipt = receiptIn(response.text);
    const mine = await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200);
    expect(mine.body).toMatchObject({ caisseCode: '751', allowanceKind: 'maladie', consequences: ['overdraft', 'borrowed'], firstPaidOn: null });
  });

  it('answers every error in French next to its field, keeping what was typed', async () => {
    const body = new URLSearchParams({
      caisseCode: '999',
      leaveStartedOn: daysAgo(-3),
      paymentStatus: 'paid',
      firstPaidOn: '',
      certificateSentOn: '<b>x</b>',
    });
    const response = await testApp.http.post('/signaler').set('Content-Type', FORM).send(body.toString()).expect(400);
    const page = response.text;
    expect(page).toContain('6 réponses sont à corriger');
    expect(page).toContain('id="caisseCode-erreur"');
    expect(page).toContain('Le début de l’arrêt ne peut pas être une date future.');
    expect(page).toContain('Indiquez la date du paiement, ou choisissez « Pas encore payé ».');
    expect(page).toContain('Cochez cette case pour que votre signalement soit enregistré.');
    expect(page).toContain('Choisissez le type d’arrêt.');
    expect(page).toContain(`value="${daysAgo(-3)}"`);
    expect(page).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(page).toMatch(/id="paymentStatus-paid" name="paymentStatus" value="paid" checked/);
    expect(page).toMatch(/id="leaveStartedOn"[^>]*aria-describedby="leaveStartedOn-erreur"[^>]*aria-invalid="true"/);
  });

  it('keeps the JSON API to JSON: a form body under /api is a 415', async () => {
    const response = await testApp.http.post('/api/reports').set('Content-Type', FORM).send('caisseCode=751').expect(415);
    expectErrorShape(response.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('shows a French message for an unknown receipt, whatever the action', async () => {
    for (const path of ['/mon-signalement', '/mon-signalement/paiement', '/mon-signalement/en-attente', '/mon-signalement/effacer']) {
      const response = await testApp.http.post(path).set('Content-Type', FORM).send('receipt=AAAA-BBBB-CCCC-DDDD').expect(404);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.text).toContain('Ce reçu ne correspond à aucun signalement.');
      expect(response.text).toContain('value="AAAA-BBBB-CCCC-DDDD"');
    }
  });

  it('refuses a payment date before the leave with a French message, through the service rule', async () => {
    const created = await testApp.http
      .post('/signaler')
      .set('Content-Type', FORM)
      .send(new URLSearchParams({ caisseCode: '131', allowanceKind: 'maternite', leaveStartedOn: daysAgo(10), consent: 'oui' }).toString())
      .expect(200);
    const receipt = receiptIn(created.text);
    const response = await testApp.http
      .post('/mon-signalement/paiement')
      .set('Content-Type', FORM)
      .send(new URLSearchParams({ receipt, firstPaidOn: daysAgo(12) }).toString())
      .expect(400);
    expect(response.text).toContain('Le paiement ne peut pas être antérieur au début de l’arrêt.');
    expect((await testApp.http.get('/api/my-report').set('X-Receipt', receipt).expect(200)).body.firstPaidOn).toBeNull();
  });

  it('serves a calendar reminder that carries nothing about a report', async () => {
    const response = await testApp.http.get('/rappel.ics').set('Host', 'ij.example.org').expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment');
    const text = response.text.replace(/\r\n /g, '');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain('URL:http://ij.example.org/mon-signalement');
    expect(text).not.toMatch(/CPAM|[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });

  it('links the calendar reminder to PUBLIC_URL when set, whatever the request says', async () => {
    const behindProxy = await startTestApp({ PUBLIC_URL: 'https://ij.example.org' });
    try {
      const response = await behindProxy.http.get('/rappel.ics').set('Host', 'app-internal:3000').expect(200);
      expect(response.text.replace(/\r\n /g, '')).toContain('URL:https://ij.example.org/mon-signalement');
    } finally {
      await behindProxy.close();
    }
  });

  it('answers a browser a French error page outside /api, and JSON everywhere under /api', async () => {
    const page = await testApp.http.get('/page-inexistante').set('Accept', 'text/html,application/xhtml+xml').expect(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<h1>Page introuvable</h1>');
    const api = await testApp.http.get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    expectErrorShape(api.body, 404, 'NOT_FOUND');
    const script = await testApp.http.get('/page-inexistante').expect(404);
    expectErrorShape(script.body, 404, 'NOT_FOUND');
  });

  it('asks rather than guesses when a payment date is typed under "Pas encore payé"', async () => {
    const body = new URLSearchParams({
      caisseCode: '751',
      allowanceKind: 'maladie',
      leaveStartedOn: daysAgo(20),
      paymentStatus: 'waiting',
      firstPaidOn: daysAgo(2),
      consent: 'oui',
    });
    const response = await testApp.http.post('/signaler').set('Content-Type', FORM).send(body.toString()).expect(400);
    expect(response.text).toContain('choisissez « Payé le »');
    expect(await testApp.db.query('SELECT 1 FROM reports WHERE first_paid_on = $1', [daysAgo(2)])).toEqual([]);
  });
});
